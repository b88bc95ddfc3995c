using Choshu.App.Claims;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>
/// The city's trigger for opening a case (settings <c>cases.open.*</c>): a taxpayer with arrears qualifies when any enabled
/// condition holds — carried-forward arrears (a claim of an earlier fiscal year unpaid), unpaid principal past due of at
/// least <see cref="MinAmount"/> yen, or at least <see cref="MinReminders"/> unpaid installments with a reminder sent.
/// </summary>
public sealed record CaseOpeningRule(bool CarriedForward, long MinAmount, int MinReminders)
{
    public bool Qualifies(bool carriedForward, long amount, int reminders) =>
        (CarriedForward && carriedForward) || (MinAmount > 0 && amount >= MinAmount) || (MinReminders > 0 && reminders >= MinReminders);

    public string Describe() => string.Join("、", new[]
    {
        CarriedForward ? "滞納繰越分あり" : null,
        MinAmount > 0 ? $"未納本税 {MinAmount:#,0}円以上" : null,
        MinReminders > 0 ? $"督促済の未納期別 {MinReminders}件以上" : null,
    }.OfType<string>()) is { Length: > 0 } s ? s + "（いずれか）" : "なし";

    public static async Task<CaseOpeningRule> LoadAsync(ChoshuDbContext db, CancellationToken ct = default) => new(
        await AppSettings.GetAsync(db, "cases.open.carried_forward", ct) == "yes",
        long.Parse(await AppSettings.GetAsync(db, "cases.open.min_amount_yen", ct), System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(await AppSettings.GetAsync(db, "cases.open.min_reminders", ct), System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>What <see cref="CaseOpening.RunAsync"/> did (or, in a dry run, would do), with the 宛名番号 of each.</summary>
public sealed record CaseOpeningResult(string Rule, int Qualifying, IReadOnlyList<string> Opened, IReadOnlyList<string> Reopened,
    IReadOnlyList<string> Assigned, IReadOnlyList<string> Closed, bool DryRun);

/// <summary>
/// <c>choshu case open-due</c>: opens the case of every taxpayer the city's rule (<see cref="CaseOpeningRule"/>) picks on a day,
/// reopens a closed one that qualifies again, gives every open case without an officer the officer of its district
/// (<see cref="DistrictRules"/>), and closes the open cases of taxpayers who owe nothing (本税・督促手数料・延滞金, the late fee
/// computed by the one rule; claims whose right has ended count as nothing). Each change goes through the case path
/// (<see cref="CaseCommand"/>: its own case event and audit record); the run is recorded 3224 with its counts. Only an active
/// 承認者 runs it. Set-based: one query for the arrears of the whole city, one for reminders, then the ledgers of the
/// candidates to close only.
/// </summary>
public sealed class CaseOpening(ChoshuDbContext db, TimeProvider clock)
{
    public const string ClosedReason = "未納なし（完納等）により自動終了";
    public const string ReopenedReason = "事案の開始条件に該当（自動再開）";

    public async Task<CaseOpeningResult> RunAsync(Actor actor, DateOnly asOf, bool dryRun, CancellationToken ct = default)
    {
        await DistrictRules.DemandApproverAsync(db, actor, clock, "滞納整理事案の一括開始・自動終了", ct);
        var rule = await CaseOpeningRule.LoadAsync(db, ct);
        var fiscalYear = CaseFiles.FiscalYearOf(asOf);

        var balances = from j in db.JournalEntries
                       where j.Component == LedgerComponent.Principal
                       group j by j.InstallmentId into g
                       select new { InstallmentId = g.Key, Balance = g.Sum(x => x.Amount) };
        var rows = await (from b in balances
                          where b.Balance > 0
                          join i in db.Installments on b.InstallmentId equals i.Id
                          where i.DueDate < asOf
                          join a in db.Assessments on i.AssessmentId equals a.Id
                          select new { i.Id, a.TaxpayerId, a.FiscalYear, b.Balance })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var ended = await EndedClaims.OfAsync(db, ids, asOf, ct);
        var reminded = (await db.ClaimEvents.AsNoTracking()
                .Where(e => EF.Parameter(ids).Contains(e.InstallmentId) && e.Kind == ClaimEventKind.ReminderDispatched && e.On <= asOf)
                .Select(e => e.InstallmentId).Distinct().ToListAsync(ct))
            .ToHashSet();
        var arrears = rows.Where(r => !ended.Contains(r.Id)).GroupBy(r => r.TaxpayerId)
            .ToDictionary(g => g.Key, g => (Carried: g.Any(r => r.FiscalYear < fiscalYear), Amount: g.Sum(r => r.Balance), Reminded: g.Count(r => reminded.Contains(r.Id))));
        var qualifying = arrears.Where(a => rule.Qualifies(a.Value.Carried, a.Value.Amount, a.Value.Reminded)).Select(a => a.Key).ToHashSet();

        var cases = await (from c in db.CollectionCases.AsNoTracking()
                           join t in db.Taxpayers on c.TaxpayerId equals t.Id
                           select new { c.Id, c.TaxpayerId, t.TaxpayerNo, c.ClosedOn, c.OfficerAccountId, t.Facts.DistrictCode })
            .ToListAsync(ct);
        var byTaxpayer = cases.ToDictionary(c => c.TaxpayerId);
        var withoutCase = qualifying.Where(id => !byTaxpayer.ContainsKey(id)).ToList();
        var toOpen = await db.Taxpayers.AsNoTracking()
            .Where(t => EF.Parameter(withoutCase).Contains(t.Id))
            .OrderBy(t => t.TaxpayerNo).Select(t => t.TaxpayerNo).ToListAsync(ct);
        var toReopen = cases.Where(c => c.ClosedOn is not null && qualifying.Contains(c.TaxpayerId)).OrderBy(c => c.TaxpayerNo).ToList();

        // Open cases of taxpayers with no principal past due left: close them if nothing at all is owed (fees, not-yet-due claims included).
        var openWithoutArrears = cases.Where(c => c.ClosedOn is null && !arrears.ContainsKey(c.TaxpayerId)).ToList();
        var toClose = await NothingOwedAsync(openWithoutArrears.Select(c => c.TaxpayerId).ToList(), asOf, ct);

        var updates = new CaseUpdates(db, clock);
        var opened = new List<string>();
        var reopened = new List<string>();
        var assigned = new List<string>();
        var closed = new List<string>();
        var rules = await new DistrictRules(db, clock).InForceAsync(asOf, ct);
        var officerOf = rules.ToDictionary(r => r.DistrictCode, r => r.OfficerStaffNo!);

        foreach (var no in toOpen)
        {
            opened.Add(no);
            if (!dryRun) await updates.OpenAsync(actor, no, ct);
        }
        foreach (var c in toReopen)
        {
            reopened.Add(c.TaxpayerNo);
            if (!dryRun) await updates.ReopenAsync(actor, c.Id, ReopenedReason, ct);
        }
        foreach (var c in openWithoutArrears.Where(c => toClose.Contains(c.TaxpayerId)).OrderBy(c => c.TaxpayerNo))
        {
            closed.Add(c.TaxpayerNo);
            if (!dryRun) await updates.CloseAsync(actor, c.Id, ClosedReason, ct);
        }
        // Every open case without an officer, whose district has one: the new ones, and any left unassigned before.
        var districtOf = await db.Taxpayers.AsNoTracking().Where(t => EF.Parameter(toOpen).Contains(t.TaxpayerNo))
            .Select(t => new { t.TaxpayerNo, t.Facts.DistrictCode }).ToListAsync(ct);
        var unassigned = cases.Where(c => c.OfficerAccountId is null && (c.ClosedOn is null || qualifying.Contains(c.TaxpayerId)) && !toClose.Contains(c.TaxpayerId))
            .Select(c => (c.TaxpayerNo, DistrictCode: (string?)c.DistrictCode))
            .Concat(districtOf.Select(d => (d.TaxpayerNo, DistrictCode: (string?)d.DistrictCode)))
            .Where(c => c.DistrictCode is not null && officerOf.ContainsKey(c.DistrictCode))
            .OrderBy(c => c.TaxpayerNo, StringComparer.Ordinal).ToList();
        foreach (var (no, district) in unassigned)
        {
            assigned.Add(no);
            if (dryRun) continue;
            var id = await updates.FindIdAsync(no, ct);
            if (id is { } caseId) await updates.AssignAsync(actor, caseId, officerOf[district!], ct, $"地区担当表（地区 {district}）による割当");
        }

        var result = new CaseOpeningResult(rule.Describe(), qualifying.Count, opened, reopened, assigned, closed, dryRun);
        // A dry run lists the taxpayers it would touch: a listing of personal data, audited like the run.
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.CasesOpenedByRule,
                Detail: $"{(dryRun ? "試行（変更なし） " : "")}{asOf:yyyy-MM-dd} 条件={result.Rule} 該当 {qualifying.Count} 開始 {opened.Count} 再開 {reopened.Count} 地区割当 {assigned.Count} 自動終了 {closed.Count}"), clock, ct);
        return result;
    }

    /// <summary>Of the taxpayers, those who owe nothing on <paramref name="asOf"/> (every claim paid, lapsed or written off).</summary>
    private async Task<HashSet<long>> NothingOwedAsync(List<long> taxpayerIds, DateOnly asOf, CancellationToken ct)
    {
        if (taxpayerIds.Count == 0) return [];
        var installments = await (from i in db.Installments.AsNoTracking()
                                  join a in db.Assessments on i.AssessmentId equals a.Id
                                  where EF.Parameter(taxpayerIds).Contains(a.TaxpayerId)
                                  select new { i.Id, a.TaxpayerId }).ToListAsync(ct);
        var ledgers = await ClaimLedgers.LoadAsync(db, installments.Select(i => i.Id).ToList(), ct);
        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        var owing = installments.Where(i =>
        {
            var l = ledgers[i.Id];
            var status = ClaimStatus.Of(l, asOf);
            return !status.Extinguished && l.PrincipalBalance + l.ReminderFeeBalance + l.LateFeeOwed(asOf, rates).Owed > 0;
        }).Select(i => i.TaxpayerId).ToHashSet();
        return taxpayerIds.Where(id => !owing.Contains(id)).ToHashSet();
    }
}
