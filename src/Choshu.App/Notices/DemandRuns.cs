using System.Globalization;
using System.Text.Json;
using Choshu.App.Assessments;
using Choshu.App.Claims;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.App.Slips;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Notices;
using Choshu.Domain;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Notices;

/// <summary>
/// 抽出条件 of a 催告書 or 差押予告書 run. Each is optional; given ones all apply. The amount band is on the taxpayer's total
/// principal in arrears among the installments that meet the other conditions.
/// </summary>
public sealed record DemandConditions(
    IReadOnlyList<string>? TaxKinds = null,
    IReadOnlyList<int>? FiscalYears = null,
    long? MinAmount = null,
    long? MaxAmount = null,
    IReadOnlyList<string>? Districts = null,
    string? Officer = null,
    int? MinDaysOverdue = null,
    bool OnlyReminded = true)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Refuses, in Japanese, a condition set that cannot select anything sensible.</summary>
    public void Validate()
    {
        if (TaxKinds is { } k && k.Any(c => c.Length is 0 or > 10 || !c.All(char.IsAsciiLetterOrDigit)))
            throw Bad("税目コードは英数字10文字以内で指定してください。");
        if (FiscalYears is { } y && y.Any(v => v is < 1950 or > 2100))
            throw Bad("年度は西暦4桁（1950〜2100）で指定してください。");
        if (MinAmount is < 0 || MaxAmount is < 0) throw Bad("金額は0以上で指定してください。");
        if (MinAmount is { } lo && MaxAmount is { } hi && lo > hi) throw Bad($"金額の下限 {Formats.Text.YenText.Yen(lo)} が上限 {Formats.Text.YenText.Yen(hi)} を超えています。");
        if (MinDaysOverdue is < 0 or > 36500) throw Bad("経過日数は0〜36500日で指定してください。");
        if (Districts is { } d && d.Any(c => c.Length is 0 or > 10)) throw Bad("地区コードは10文字以内で指定してください。");
        if (Officer is { Length: 0 or > 20 }) throw Bad("担当者の職員番号が正しくありません。");
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DemandConditions FromJson(string json)
    {
        try { return JsonSerializer.Deserialize<DemandConditions>(json, Json) ?? throw Bad("条件が空です。"); }
        catch (JsonException e) { throw Bad($"条件の形式が正しくありません（{e.Message}）。"); }
    }

    private static DomainException Bad(string message) => new("notice.conditions_invalid", "抽出条件が正しくありません: " + message);
}

/// <summary>What a demand or seizure-warning run is asked for.</summary>
public sealed record DemandRequest(
    string Kind,
    DateOnly AsOf,
    DemandConditions Conditions,
    IReadOnlyList<string>? Texts = null,
    string? ConditionSetName = null,
    DateOnly? Deadline = null,
    short? Delivery = null,
    string? Layout = null);

/// <summary>
/// 催告書・差押予告書の対象抽出, as the leading delinquency systems select: by conditions (<see cref="DemandConditions"/>), one
/// letter per taxpayer covering every installment that meets them, with one slip per installment. Left out: a taxpayer under a
/// demand hold (一斉催告止め on the case), with an open installment pledge kept so far (分納誓約 履行中; one in breach is chased
/// again, its pledged claims included) or with unresolved returned mail; installments paid by a pledge (分納中), deferred, stayed,
/// seized or ended; for a seizure warning, installments not yet past their seizable-from day. Several texts (例文) per run: the
/// text of each letter is chosen by how many demand letters the taxpayer was sent before (first, second, third and after).
/// </summary>
public static class DemandSelection
{
    public static async Task<NoticePlan> PlanAsync(ChoshuDbContext db, DemandRequest request, CancellationToken ct = default)
    {
        if (request.Kind is not (NoticeRunKinds.Demand or NoticeRunKinds.SeizureWarning))
            throw new ArgumentOutOfRangeException(nameof(request), request.Kind, null);
        var c = request.Conditions;
        c.Validate();
        var (settings, calendar, rates, deadline, layout) = await NoticeSetup.LoadAsync(db, request.AsOf, request.Deadline, request.Layout, ct);
        var asOf = request.AsOf;
        var texts = request.Kind == NoticeRunKinds.SeizureWarning
            ? [LetterTexts.SeizureWarning]
            : (request.Texts is { Count: > 0 } names ? names.Select(n => LetterTexts.Find(NoticeRunKinds.Demand, n)).ToList() : LetterTexts.Demand.ToList());
        if (request.Delivery is { } dv && !Enum.IsDefined((DeliveryMethod)dv))
            throw new DomainException("notice.delivery_invalid", $"送達方法 {dv} は定義されていません。");

        long? officerId = null;
        if (c.Officer is { } staffNo)
            officerId = await db.StaffAccounts.AsNoTracking().Where(a => a.StaffNo == staffNo).Select(a => (long?)a.Id).SingleOrDefaultAsync(ct)
                ?? throw new DomainException("notice.conditions_invalid", $"抽出条件が正しくありません: 職員番号 {staffNo} の担当者はいません。");

        var lastDue = asOf.AddDays(-(c.MinDaysOverdue ?? 0));
        var q = from i in db.Installments.AsNoTracking()
                join a in db.Assessments on i.AssessmentId equals a.Id
                join t in db.Taxpayers on a.TaxpayerId equals t.Id
                where i.DueDate < asOf && i.DueDate <= lastDue
                      && db.JournalEntries.Where(j => j.InstallmentId == i.Id && j.Component == LedgerComponent.Principal).Sum(j => j.Amount) > 0
                select new { i.Id, a.TaxpayerId, a.TaxKindCode, a.FiscalYear, t.Facts.DistrictCode, i.DueDate };
        if (c.TaxKinds is { Count: > 0 } kinds) { var k = kinds.ToList(); q = q.Where(x => k.Contains(x.TaxKindCode)); }
        if (c.FiscalYears is { Count: > 0 } years) { var y = years.ToList(); q = q.Where(x => y.Contains(x.FiscalYear)); }
        if (c.Districts is { Count: > 0 } districts) { var d = districts.ToList(); q = q.Where(x => x.DistrictCode != null && d.Contains(x.DistrictCode)); }
        if (officerId is { } oid) q = q.Where(x => db.CollectionCases.Any(k => k.TaxpayerId == x.TaxpayerId && k.OfficerAccountId == oid && k.ClosedOn == null));
        var rows = await q.OrderBy(x => x.TaxpayerId).ThenBy(x => x.DueDate).ThenBy(x => x.Id).ToListAsync(ct);

        var taxpayerIds = rows.Select(r => r.TaxpayerId).Distinct().ToList();
        var held = new HashSet<long>();
        var returned = new HashSet<long>();
        var waiting = new Dictionary<long, long>();
        var earlier = new Dictionary<long, int>();
        foreach (var chunk in taxpayerIds.Chunk(5000))
        {
            var ids = chunk.ToList();
            held.UnionWith(await db.CollectionCases.AsNoTracking().Where(k => EF.Parameter(ids).Contains(k.TaxpayerId) && k.DemandRunHold && k.ClosedOn == null)
                .Select(k => k.TaxpayerId).ToListAsync(ct));
            returned.UnionWith(await db.ReturnedMail.AsNoTracking().Where(m => EF.Parameter(ids).Contains(m.TaxpayerId) && m.Resolution == null)
                .Select(m => m.TaxpayerId).ToListAsync(ct));
            // A letter of the same kind already made and not yet dispatched (a run generated twice, a rerun after a crash): not again.
            foreach (var x in await (from l in db.NoticeLetters.AsNoTracking()
                                     join r in db.NoticeRuns on l.RunId equals r.Id
                                     where EF.Parameter(ids).Contains(l.TaxpayerId) && r.Kind == request.Kind && r.DispatchedOn == null && r.CancelledAtUtc == null
                                     select new { l.TaxpayerId, r.Id }).ToListAsync(ct))
                waiting[x.TaxpayerId] = x.Id;
            foreach (var x in await (from l in db.NoticeLetters.AsNoTracking()
                                     join r in db.NoticeRuns on l.RunId equals r.Id
                                     where EF.Parameter(ids).Contains(l.TaxpayerId) && r.Kind == NoticeRunKinds.Demand && r.DispatchedOn != null && !l.Pulled
                                     group l by l.TaxpayerId into g
                                     select new { g.Key, Count = g.Count() }).ToListAsync(ct))
                earlier[x.Key] = x.Count;
        }
        // 分納誓約: a taxpayer with an open pledge is left out while it is kept; in breach, chased again with the pledged claims.
        var pledges = await Cases.PledgeQueries.SummaryAsync(db, taxpayerIds, asOf, ct);
        var refs = await InstallmentFinder.ByIdsAsync(db, rows.Select(r => r.Id).ToList(), ct);
        var addressees = await NoticeAddressees.LoadAsync(db, taxpayerIds, asOf, ct);
        var letters = new List<PlannedLetter>();
        var excluded = new List<NoticeExclusion>();
        foreach (var group in rows.GroupBy(r => r.TaxpayerId).Chunk(1000))
        {
            var ledgers = await ClaimLedgers.LoadAsync(db, group.SelectMany(g => g.Select(r => r.Id)).ToList(), ct);
            foreach (var g in group)
            {
                var party = addressees.Party(g.Key);
                void ExcludeTaxpayer(string code, string reason) => excluded.Add(new NoticeExclusion(g.Key, party.TaxpayerNo, null, code, reason));
                if (held.Contains(g.Key)) { ExcludeTaxpayer(NoticeExclusionCodes.DemandHold, "一斉催告止めが設定されています。"); continue; }
                var pledge = pledges.GetValueOrDefault(g.Key);
                if (pledge is { PledgeOpen: true, PledgeInBreach: false })
                {
                    ExcludeTaxpayer(NoticeExclusionCodes.Pledge, $"分納誓約を履行中です（次回 {D(pledge.NextDueOn)}）。");
                    continue;
                }
                if (returned.Contains(g.Key)) { ExcludeTaxpayer(NoticeExclusionCodes.ReturnedMail, "返戻が未解消です（送付先の確認が必要）。"); continue; }
                if (party.MailReturned) { ExcludeTaxpayer(NoticeExclusionCodes.ReturnedMail, "宛名に郵便返却区分が設定されています（送付先の確認が必要）。"); continue; }
                if (waiting.TryGetValue(g.Key, out var pendingRun))
                {
                    ExcludeTaxpayer(NoticeExclusionCodes.AwaitingDispatch, $"一括作成 {pendingRun} の{NoticeRuns.Label(request.Kind)}が発送待ちです（発送または取消の後に再び対象になります）。");
                    continue;
                }
                var items = new List<PlannedItem>();
                foreach (var r in g)
                {
                    var inst = refs[r.Id];
                    var ledger = ledgers[r.Id];
                    void Exclude(string code, string reason) => excluded.Add(new NoticeExclusion(g.Key, party.TaxpayerNo, inst, code, reason));
                    var status = ClaimStatus.Of(ledger, asOf);
                    switch (status.Kind)
                    {
                        case ClaimStatusKind.Paid or ClaimStatusKind.NotDue: continue;
                        case ClaimStatusKind.PayingByPledge when pledge is { PledgeInBreach: true }: break; // the pledge is broken: chased again
                        case ClaimStatusKind.PayingByPledge: Exclude(NoticeExclusionCodes.Pledge, $"分納誓約により分納中です（{D(status.Until)} まで）。"); continue;
                        case ClaimStatusKind.Deferred: Exclude(NoticeExclusionCodes.Deferred, $"猶予中です（{D(status.Until)} まで）。"); continue;
                        case ClaimStatusKind.Stayed: Exclude(NoticeExclusionCodes.Stayed, "執行停止中です。"); continue;
                        case ClaimStatusKind.Seized: Exclude(NoticeExclusionCodes.Seized, "差押中です。"); continue;
                        case ClaimStatusKind.Lapsed or ClaimStatusKind.WrittenOff: Exclude(NoticeExclusionCodes.Ended, $"徴収権が消滅しています（{D(status.LapsesOn)}）。"); continue;
                    }
                    if (c.OnlyReminded && status.ReminderOn is null) continue;
                    if (request.Kind == NoticeRunKinds.SeizureWarning && (status.SeizableFrom is not { } sf || asOf < sf))
                    {
                        Exclude(NoticeExclusionCodes.NotSeizable, status.SeizableFrom is { } s2 ? $"差押可能日 {D(s2)} より前です。" : "督促状が発付されていません（差押はできません）。");
                        continue;
                    }
                    ReissuedSlip slip;
                    try { slip = ReissuedSlip.Compute(inst, ledger, asOf, settings.SlipValidDays, settings.StoreBillerCode, calendar, rates, fixedDeadline: deadline); }
                    catch (DomainException e) { Exclude(NoticeExclusionCodes.SlipRefused, e.Message); continue; }
                    items.Add(new PlannedItem(inst, slip.Principal, slip.ReminderFee, slip.LateFee, slip.Deadline, slip.MatchKey, slip.Barcode, status.ReminderOn, false));
                }
                if (items.Count == 0) continue;
                var principal = items.Sum(i => i.Principal);
                if (c.MinAmount is { } min && principal < min || c.MaxAmount is { } max && principal > max) continue;
                var letterKinds = items.Select(i => i.Installment.TaxKindCode).Distinct().ToList();
                var to = addressees.Resolve(g.Key, letterKinds.Count == 1 ? letterKinds[0] : null);
                if (to is null) { ExcludeTaxpayer(NoticeExclusionCodes.DeceasedNoHeir, "納税義務者が死亡しており、相続人代表者の届出がありません。"); continue; }
                if (!to.To.HasAddress) { ExcludeTaxpayer(NoticeExclusionCodes.NoAddress, $"送付先（宛名番号 {to.To.TaxpayerNo}）の住所がありません。"); continue; }
                var stage = earlier.GetValueOrDefault(g.Key);
                letters.Add(new PlannedLetter(to, items, texts[Math.Min(stage, texts.Count - 1)]));
            }
        }
        var conditions = NoticeConditionsJson.Of(("asOf", D(asOf)), ("deadline", D(deadline)), ("conditions", c.ToJson()),
            ("texts", string.Join(",", texts.Select(t => t.Name))));
        return new NoticePlan(request.Kind, asOf, deadline, conditions, request.ConditionSetName, layout,
            request.Delivery ?? (short)DeliveryMethod.OrdinaryMail, letters, excluded);
    }

    private static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

/// <summary>Saved condition sets (抽出条件の保存): by name, validated, audited 3035; a save under an existing name replaces it.</summary>
public sealed class NoticeConditionSets(ChoshuDbContext db, TimeProvider clock)
{
    public const int NameMaxLength = 100;

    public async Task<NoticeConditionSet> SaveAsync(Actor actor, string name, string kind, DemandConditions conditions, CancellationToken ct = default)
    {
        name = (name ?? "").Trim();
        if (name.Length == 0) throw new DomainException("notice.condition_name_required", "抽出条件の名前を入力してください。");
        if (name.Length > NameMaxLength)
            throw new DomainException("notice.condition_name_too_long", $"抽出条件の名前は{NameMaxLength}文字以内にしてください（{name.Length}文字）。");
        if (kind is not (NoticeRunKinds.Demand or NoticeRunKinds.SeizureWarning))
            throw new DomainException("notice.condition_kind_invalid", "抽出条件は催告書（demand）か差押予告書（seizure_warning）について保存します。");
        conditions.Validate();
        await AccessControl.DemandAsync(db, actor, Permission.IssueDemands, clock, what: $"抽出条件「{name}」の保存", ct: ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.NoticeConditionSets.SingleOrDefaultAsync(s => s.Name == name, ct);
        var old = row?.Conditions;
        if (row is null) db.NoticeConditionSets.Add(row = new NoticeConditionSet { Name = name });
        row.Kind = kind;
        row.Conditions = conditions.ToJson();
        row.SavedBy = actor.Name;
        row.SavedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.NoticeConditionSetSaved,
            Detail: $"抽出条件「{name}」（{NoticeRuns.Label(kind)}）: {row.Conditions}" + (old is null ? "" : $"（変更前 {old}）")), clock, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return row;
    }

    /// <summary>The saved set <paramref name="name"/>; refused when there is none, or when it was saved for another kind than <paramref name="kind"/>.</summary>
    public async Task<NoticeConditionSet> FindAsync(string name, string? kind = null, CancellationToken ct = default)
    {
        var set = await db.NoticeConditionSets.AsNoTracking().SingleOrDefaultAsync(s => s.Name == name, ct)
            ?? throw new DomainException("notice.condition_not_found", $"抽出条件「{name}」は保存されていません。");
        if (kind is not null && set.Kind != kind)
            throw new DomainException("notice.condition_kind_mismatch", $"抽出条件「{name}」は{NoticeRuns.Label(set.Kind)}の条件です（{NoticeRuns.Label(kind)}には使えません）。");
        return set;
    }

    public async Task<IReadOnlyList<NoticeConditionSet>> ListAsync(CancellationToken ct = default) =>
        await db.NoticeConditionSets.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
}
