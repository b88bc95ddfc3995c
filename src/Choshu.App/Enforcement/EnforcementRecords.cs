using Choshu.App.Assessments;
using Choshu.App.Claims;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Enforcement;
using Choshu.Domain;
using Choshu.Domain.Cases;
using Choshu.Domain.Claims;
using Choshu.Domain.Enforcement;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;
using static Choshu.App.Enforcement.EnforcementSupport;

namespace Choshu.App.Enforcement;

/// <summary>One 滞納処分費 charged.</summary>
public sealed record EnforcementCostView(long Id, long Amount, string Purpose, DateOnly IncurredOn, string RecordedBy);

/// <summary>A claim's rank in the taxpayer's bankruptcy.</summary>
public sealed record BankruptcyClaimView(long InstallmentId, string Name, DateOnly DueOn, long Owed, BankruptcyClass Class)
{
    public string ClassName => EnforcementLabels.Of(Class);
}

/// <summary>An insolvency procedure with the classification of the claims owed on its decision day.</summary>
public sealed record InsolvencyView(long Id, InsolvencyKind Kind, DateOnly DecisionOn, string? Court, string? CaseRef, string? Trustee, DateOnly? DischargedOn,
    DateOnly? DissolvedOn, IReadOnlyList<BankruptcyClaimView> Claims)
{
    public string KindName => EnforcementLabels.Of(Kind);
}

/// <summary>Everything of the enforcement section of a case file (交付要求・滞納処分費・破産・公売・不服申立て・配当).</summary>
public sealed record EnforcementSection(
    IReadOnlyList<ClaimForDistributionView> ClaimsForDistribution,
    IReadOnlyList<EnforcementCostView> Costs,
    long CostsCharged,
    long CostsPaid,
    IReadOnlyList<InsolvencyView> Insolvencies,
    IReadOnlyList<PublicSaleView> Sales,
    IReadOnlyList<EnforcementAppealView> Appeals,
    IReadOnlyList<DistributionView> Distributions,
    IReadOnlyList<EnforcementNoticeView>? Notices = null)
{
    public long CostsOutstanding => CostsCharged - CostsPaid;
    public bool IsEmpty => ClaimsForDistribution.Count == 0 && Costs.Count == 0 && Insolvencies.Count == 0 && Sales.Count == 0 && Appeals.Count == 0 && (Notices?.Count ?? 0) == 0;
}

/// <summary>
/// 滞納処分費 (enforcement costs) and 破産・民事再生・会社更生 of the taxpayer (issue 15 item 4), and the enforcement section a case file shows.
/// Costs are charged on the case (case event 103, audit 3403) and paid first from every distribution (<see cref="DistributionBooking"/>).
/// An insolvency is recorded on the case (104, 3404) with its decision day; the claims are classified by <see cref="BankruptcyRule"/>; a
/// discharge (免責) writes nothing off — taxes survive it (破産法253条1項1号); the dissolution of a bankrupt corporation extinguishes its claims at
/// once: a stay on ground 1 (無財産) and a 即時消滅 on every claim in arrears (地方税法15条の7第1項1号・第5項), ready for the write-off.
/// </summary>
public sealed class EnforcementRecords(ChoshuDbContext db, TimeProvider clock)
{
    public async Task<EnforcementCostView> ChargeCostAsync(Actor actor, string taxpayerNo, long amount, string purpose, DateOnly incurredOn, CancellationToken ct = default)
    {
        Positive(amount, "滞納処分費");
        var what = Text(purpose, "滞納処分費の内容");
        var party = await PartyAsync(db, taxpayerNo, ct);
        long id = 0;
        await RunAsync(db, clock, actor, party.CaseId, CaseEventKind.EnforcementCostCharged, async change =>
        {
            NotFuture(incurredOn, change.Stamp.On, "発生日");
            var row = new EnforcementCost
            {
                CaseId = party.CaseId, TaxpayerId = party.TaxpayerId, Amount = amount, Purpose = what, IncurredOn = incurredOn,
                RecordedBy = change.Stamp.ActorName, RecordedAtUtc = change.Stamp.RecordedAtUtc,
            };
            db.EnforcementCosts.Add(row);
            await db.SaveChangesAsync(ct);
            id = row.Id;
            return $"滞納処分費 {row.Id}: {what} {Yen(amount)}（{D(incurredOn)}）";
        }, ct);
        return (await CostsAsync(party.CaseId, ct)).Single(c => c.Id == id);
    }

    public async Task<InsolvencyView> RecordInsolvencyAsync(Actor actor, string taxpayerNo, InsolvencyKind kind, DateOnly decisionOn, string? court, string? caseRef,
        string? trustee, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(kind)) throw new DomainException("enforcement.insolvency_kind_invalid", "手続の種類は 破産・民事再生・会社更生 から指定してください。");
        var (c, r, t) = (Optional(court, "裁判所"), Optional(caseRef, "事件番号"), Optional(trustee, "管財人・監督委員"));
        var party = await PartyAsync(db, taxpayerNo, ct);
        long id = 0;
        await RunAsync(db, clock, actor, party.CaseId, CaseEventKind.InsolvencyRecorded, async change =>
        {
            NotFuture(decisionOn, change.Stamp.On, "開始決定日");
            if (await db.Insolvencies.AnyAsync(x => x.CaseId == party.CaseId && x.Kind == (short)kind && x.DecisionOn == decisionOn, ct))
                throw new DomainException("enforcement.insolvency_exists", $"{EnforcementLabels.Of(kind)}（開始決定 {D(decisionOn)}）は既に記録されています。");
            var row = new Insolvency
            {
                CaseId = party.CaseId, TaxpayerId = party.TaxpayerId, Kind = (short)kind, DecisionOn = decisionOn, Court = c, CaseRef = r, Trustee = t,
                RecordedBy = change.Stamp.ActorName, RecordedAtUtc = change.Stamp.RecordedAtUtc,
            };
            db.Insolvencies.Add(row);
            await db.SaveChangesAsync(ct);
            id = row.Id;
            return $"{EnforcementLabels.Of(kind)} {row.Id}: 開始決定 {D(decisionOn)}" + (c is null ? "" : $"、{c}") + (r is null ? "" : $" {r}") + (t is null ? "" : $"、管財人等 {t}");
        }, ct);
        return await InsolvencyAsync(id, ct);
    }

    /// <summary>免責許可: recorded; nothing is written off (taxes are 非免責債権, 破産法253条1項1号).</summary>
    public Task<InsolvencyView> DischargeAsync(Actor actor, long insolvencyId, DateOnly dischargedOn, CancellationToken ct = default) =>
        InsolvencyStepAsync(actor, insolvencyId, async (row, change) =>
        {
            if (row.DischargedOn is not null) throw new DomainException("enforcement.discharged", $"手続 {row.Id} の免責は記録済みです。");
            NotFuture(dischargedOn, change.Stamp.On, "免責許可決定日");
            if (dischargedOn < row.DecisionOn) throw new DomainException("enforcement.before_decision", $"免責許可決定日 {D(dischargedOn)} が開始決定日 {D(row.DecisionOn)} より前です。");
            row.DischargedOn = dischargedOn;
            await Task.CompletedTask;
            return $"手続 {row.Id}: 免責許可 {D(dischargedOn)}（租税は免責されません: 破産法253条1項1号。不納欠損しません）";
        }, ct);

    /// <summary>
    /// 法人の解散（破産手続の終結）: the corporation no longer exists, so its claims in arrears are extinguished at once — each gets a stay on ground 1
    /// (無財産) and a 即時消滅 on <paramref name="dissolvedOn"/> (地方税法15条の7第5項), checked by the one claim-event rule.
    /// </summary>
    public Task<InsolvencyView> DissolveAsync(Actor actor, long insolvencyId, DateOnly dissolvedOn, CancellationToken ct = default) =>
        InsolvencyStepAsync(actor, insolvencyId, async (row, change) =>
        {
            if (row.Kind != (short)InsolvencyKind.Bankruptcy) throw new DomainException("enforcement.not_bankruptcy", "即時消滅は破産した法人の解散（破産手続の終結）についてだけ記録します。");
            if (row.DissolvedOn is not null) throw new DomainException("enforcement.dissolved", $"手続 {row.Id} の法人の解散は記録済みです。");
            NotFuture(dissolvedOn, change.Stamp.On, "破産手続終結日");
            if (dissolvedOn < row.DecisionOn) throw new DomainException("enforcement.before_decision", $"破産手続終結日 {D(dissolvedOn)} が開始決定日 {D(row.DecisionOn)} より前です。");
            var ids = await new ClaimsForDistribution(db, clock).ArrearsAsync(row.TaxpayerId, dissolvedOn, ct);
            var ledgers = await ClaimLedgers.LoadAsync(db, ids, ct);
            foreach (var i in ids)
            {
                var stay = ClaimEvent.Create(i, ClaimEventKind.Stay, dissolvedOn, change.Stamp.ActorName, change.Stamp.RecordedAtUtc,
                    ground: (short)StayGround.NoProperty, reason: $"破産法人の解散（手続 {row.Id}）");
                ClaimEvents.Check(ledgers[i], stay, change.Stamp.On);
                db.ClaimEvents.Add(stay);
                db.ClaimEvents.Add(ClaimEvent.Create(i, ClaimEventKind.ImmediateExtinction, dissolvedOn, change.Stamp.ActorName, change.Stamp.RecordedAtUtc,
                    reason: $"破産法人の解散による即時消滅（手続 {row.Id}、地方税法15条の7第5項）"));
            }
            row.DissolvedOn = dissolvedOn;
            return $"手続 {row.Id}: 法人の解散（破産手続終結）{D(dissolvedOn)}、期別 {ids.Count} 件を即時消滅（執行停止1号・15条の7第5項）";
        }, ct);

    public async Task<EnforcementSection> SectionAsync(long caseId, CancellationToken ct = default)
    {
        var cfd = await new ClaimsForDistribution(db, clock).ForCaseAsync(caseId, ct);
        var costs = await CostsAsync(caseId, ct);
        // The taxpayer's costs (charged on this case or another of the taxpayer's), paid by distributions and by payments (costs first).
        var taxpayerId = await db.CollectionCases.AsNoTracking().Where(x => x.Id == caseId).Select(x => x.TaxpayerId).SingleAsync(ct);
        var balance = await EnforcementCostBalances.OfAsync(db, taxpayerId, ct);
        var ins = new List<InsolvencyView>();
        foreach (var i in await db.Insolvencies.AsNoTracking().Where(x => x.CaseId == caseId).OrderByDescending(x => x.Id).Select(x => x.Id).ToListAsync(ct))
            ins.Add(await InsolvencyAsync(i, ct));
        var sales = new PublicSales(db, clock);
        return new EnforcementSection(cfd, costs, balance.Charged, balance.Paid, ins, await sales.SalesAsync(caseId, ct), await sales.AppealsAsync(caseId, ct),
            await sales.DistributionsAsync(caseId, ct), await new EnforcementNotices(db, clock).ForCaseAsync(caseId, ct));
    }

    public async Task<IReadOnlyList<EnforcementCostView>> CostsAsync(long caseId, CancellationToken ct = default) =>
        (await db.EnforcementCosts.AsNoTracking().Where(x => x.CaseId == caseId).OrderBy(x => x.IncurredOn).ThenBy(x => x.Id).ToListAsync(ct))
            .Select(x => new EnforcementCostView(x.Id, x.Amount, x.Purpose, x.IncurredOn, x.RecordedBy)).ToList();

    public async Task<InsolvencyView> InsolvencyAsync(long id, CancellationToken ct = default)
    {
        var row = await db.Insolvencies.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new DomainException("enforcement.insolvency_not_found", $"破産・再生の手続 {id} は登録されていません。");
        var ids = await db.Installments.AsNoTracking().Where(i => i.Assessment!.TaxpayerId == row.TaxpayerId).Select(i => i.Id).ToListAsync(ct);
        var ledgers = await ClaimLedgers.LoadAsync(db, ids, ct);
        var refs = await InstallmentFinder.ByIdsAsync(db, ids, ct);
        var claims = ids.Where(i => ledgers[i].Owed > 0 || ledgers[i].PrincipalBalance > 0)
            .OrderBy(i => ledgers[i].DueDate).ThenBy(i => i)
            .Select(i => new BankruptcyClaimView(i, refs[i].Name, ledgers[i].DueDate, Math.Max(0, ledgers[i].Owed),
                BankruptcyRule.Classify(ledgers[i].DueDate, row.DecisionOn))).ToList();
        return new InsolvencyView(row.Id, (InsolvencyKind)row.Kind, row.DecisionOn, row.Court, row.CaseRef, row.Trustee, row.DischargedOn, row.DissolvedOn, claims);
    }

    private async Task<InsolvencyView> InsolvencyStepAsync(Actor actor, long id, Func<Insolvency, Cases.CaseChange, Task<string>> step, CancellationToken ct)
    {
        var caseId = await db.Insolvencies.AsNoTracking().Where(x => x.Id == id).Select(x => (long?)x.CaseId).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("enforcement.insolvency_not_found", $"破産・再生の手続 {id} は登録されていません。");
        await RunAsync(db, clock, actor, caseId, CaseEventKind.InsolvencyRecorded, async change =>
            await step(await db.Insolvencies.SingleAsync(x => x.Id == id, ct), change), ct);
        return await InsolvencyAsync(id, ct);
    }

    /// <summary>The enforcement section for a person with 閲覧 (<see cref="Permission.ViewTaxpayer"/>), audited 2001.</summary>
    public async Task<EnforcementSection> ShowAsync(Actor actor, string taxpayerNo, CancellationToken ct = default)
    {
        var party = await PartyAsync(db, taxpayerNo, ct);
        var caseId = party.CaseId;
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, party.TaxpayerId, $"滞納処分（交付要求・公売・配当）の参照（事案 {caseId}）", ct);
        var section = await SectionAsync(caseId, ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: party.TaxpayerId,
            Detail: $"滞納処分の参照 事案 {caseId}: 交付要求 {section.ClaimsForDistribution.Count} 件、滞納処分費未納 {section.CostsOutstanding}円、公売 {section.Sales.Count} 件、配当 {section.Distributions.Count} 件"), clock, ct);
        return section;
    }
}
