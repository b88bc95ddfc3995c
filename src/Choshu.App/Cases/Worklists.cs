using Choshu.App.Claims;
using Choshu.App.Security;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Domain.Calendar;
using Choshu.Domain.Cases;
using Choshu.Domain.Claims;
using Choshu.Domain.Labels;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>
/// One open case on an officer's worklist: what the taxpayer owes today (本税・督促手数料・延滞金 by the one rule, ended claims
/// left out), the oldest lapse day of those claims, the last contact and next action of the case log, the 付箋 showing.
/// <see cref="PromiseDueOn"/> is the next day a promise or pledge instalment is due (the missed one when in breach) and
/// <see cref="PledgeBreached"/> whether an open promise or pledge is broken (<see cref="PledgeQueries.SummaryAsync"/>); both null
/// when the taxpayer has none.
/// </summary>
public sealed record WorklistRow(
    long CaseId, string TaxpayerNo, string Name, string? DistrictCode, string? OfficerStaffNo, string? OfficerName,
    long Owed, int Claims, DateOnly? OldestLapse, DateOnly? LastContactOn, string? NextAction, DateOnly? NextActionOn,
    IReadOnlyList<CaseFlag> Flags)
{
    public DateOnly? PromiseDueOn { get; init; }
    public bool? PledgeBreached { get; init; }
}

/// <summary>How a worklist is sorted: 金額 (largest first), 時効 (oldest lapse day first), 最終接触 (longest without contact first).</summary>
public enum WorklistSort { Amount, Lapse, LastContact, PromiseDue }

/// <summary>Filters of a worklist; null: no filter.</summary>
public sealed record WorklistFilter(long? MinAmount = null, int? LapseWithinMonths = null, int? NoContactDays = null, FlagColour? Flag = null,
    bool PledgeBreachedOnly = false);

/// <summary>One officer's load on the supervisor's view: open cases, what they owe, how many have no contact for 90 days.</summary>
public sealed record OfficerLoad(string? StaffNo, string? Name, int Cases, long PrincipalOwed, int NoContact90Days, DateOnly? OldestContact);

/// <summary>One claim lapsing soon, for the lapsing list by officer.</summary>
public sealed record LapsingClaim(string? OfficerStaffNo, string? OfficerName, long? CaseId, string TaxpayerNo, string Name, string Claim,
    long Principal, DateOnly LapsesOn, string State);

/// <summary>
/// The lists of the delinquency work: an officer's worklist, every officer's load, the claims lapsing within N months. Reading
/// needs 閲覧 (<see cref="Permission.ViewTaxpayer"/>); each list shown is audited (3226) as a read of the taxpayers on it.
/// </summary>
public sealed class Worklists(ChoshuDbContext db, TimeProvider clock)
{
    /// <summary>The open cases of an officer (null: the unassigned ones), filtered and sorted.</summary>
    public async Task<IReadOnlyList<WorklistRow>> ForOfficerAsync(Actor actor, long? officerAccountId, WorklistSort sort, WorklistFilter filter, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, what: "担当事案一覧", ct: ct);
        var asOf = JapanTime.Today(clock);
        var cases = await (from c in db.CollectionCases.AsNoTracking()
                           join t in db.Taxpayers on c.TaxpayerId equals t.Id
                           join a in db.StaffAccounts on c.OfficerAccountId equals a.Id into officers
                           from o in officers.DefaultIfEmpty()
                           where c.ClosedOn == null && c.OfficerAccountId == officerAccountId
                           select new { c.Id, c.TaxpayerId, t.TaxpayerNo, t.Facts.NameKanji, t.Facts.DistrictCode, StaffNo = o == null ? null : o.StaffNo, FullName = o == null ? null : o.FullName })
            .ToListAsync(ct);
        var owed = await OwedAsync(cases.Select(c => c.TaxpayerId).ToList(), asOf, ct);
        var caseIds = cases.Select(c => c.Id).ToList();
        var log = (await db.CaseLogEntries.AsNoTracking().Where(e => EF.Parameter(caseIds).Contains(e.CaseId))
                .Select(e => new { e.Id, e.CaseId, e.ContactedOn, e.NextAction, e.NextActionOn }).ToListAsync(ct))
            .GroupBy(e => e.CaseId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.ContactedOn).ThenBy(e => e.Id).Last());
        var events = (await db.Set<CaseEvent>().AsNoTracking()
                .Where(e => EF.Parameter(caseIds).Contains(e.CaseId) && (e.Kind == CaseEventKind.FlagAdded || e.Kind == CaseEventKind.FlagRemoved))
                .ToListAsync(ct))
            .ToLookup(e => e.CaseId);
        var pledges = await PledgeQueries.SummaryAsync(db, cases.Select(c => c.TaxpayerId).ToList(), asOf, ct);
        var rows = cases.Select(c =>
        {
            var o = owed.GetValueOrDefault(c.TaxpayerId);
            var last = log.GetValueOrDefault(c.Id);
            var p = pledges.GetValueOrDefault(c.TaxpayerId);
            return new WorklistRow(c.Id, c.TaxpayerNo, c.NameKanji, c.DistrictCode, c.StaffNo, c.FullName, o.Owed, o.Claims, o.OldestLapse,
                last?.ContactedOn, last?.NextAction, last?.NextActionOn, CaseFlags.Showing(events[c.Id], asOf))
            {
                PromiseDueOn = p?.NextDueOn,
                PledgeBreached = p?.InBreach,
            };
        }).ToList();

        IEnumerable<WorklistRow> q = rows;
        if (filter.MinAmount is { } min) q = q.Where(r => r.Owed >= min);
        if (filter.LapseWithinMonths is { } months) q = q.Where(r => r.OldestLapse is { } l && l <= asOf.AddMonths(months));
        if (filter.NoContactDays is { } days) q = q.Where(r => r.LastContactOn is not { } d || d <= asOf.AddDays(-days));
        if (filter.Flag is { } colour) q = q.Where(r => r.Flags.Any(f => f.Colour == colour));
        if (filter.PledgeBreachedOnly) q = q.Where(r => r.PledgeBreached == true);
        q = sort switch
        {
            WorklistSort.Lapse => q.OrderBy(r => r.OldestLapse ?? DateOnly.MaxValue).ThenByDescending(r => r.Owed),
            WorklistSort.LastContact => q.OrderBy(r => r.LastContactOn ?? DateOnly.MinValue).ThenByDescending(r => r.Owed),
            WorklistSort.PromiseDue => q.OrderBy(r => r.PromiseDueOn ?? DateOnly.MaxValue).ThenByDescending(r => r.Owed),
            _ => q.OrderByDescending(r => r.Owed).ThenBy(r => r.TaxpayerNo, StringComparer.Ordinal),
        };
        var list = q.ToList();
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.CaseWorklistViewed,
            Detail: $"担当事案一覧 担当者 {(cases.FirstOrDefault()?.StaffNo ?? (officerAccountId is null ? "未設定" : officerAccountId.ToString()))} {list.Count}件"), clock, ct);
        return list;
    }

    /// <summary>Every officer's load (and the unassigned cases as a row without officer), by staff number. Set-based.</summary>
    public async Task<IReadOnlyList<OfficerLoad>> LoadsAsync(Actor actor, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, what: "担当者別の事案数", ct: ct);
        var asOf = JapanTime.Today(clock);
        var cutoff = asOf.AddDays(-90);
        var principal = from j in db.JournalEntries
                        where j.Component == LedgerComponent.Principal
                        join i in db.Installments on j.InstallmentId equals i.Id
                        join a in db.Assessments on i.AssessmentId equals a.Id
                        group j by a.TaxpayerId into g
                        select new { TaxpayerId = g.Key, Balance = g.Sum(x => x.Amount) };
        var rows = await (from c in db.CollectionCases.AsNoTracking()
                          where c.ClosedOn == null
                          join p in principal on c.TaxpayerId equals p.TaxpayerId into ps
                          from p in ps.DefaultIfEmpty()
                          select new
                          {
                              c.OfficerAccountId,
                              Balance = p == null ? 0 : p.Balance,
                              LastContact = db.CaseLogEntries.Where(e => e.CaseId == c.Id).Max(e => (DateOnly?)e.ContactedOn),
                          })
            .ToListAsync(ct);
        var staff = await db.StaffAccounts.AsNoTracking().ToDictionaryAsync(a => a.Id, a => (a.StaffNo, a.FullName), ct);
        return rows.GroupBy(r => r.OfficerAccountId)
            .Select(g => new OfficerLoad(g.Key is { } id ? staff[id].StaffNo : null, g.Key is { } id2 ? staff[id2].FullName : null, g.Count(),
                g.Sum(r => Math.Max(0, r.Balance)), g.Count(r => r.LastContact is not { } d || d < cutoff), g.Min(r => r.LastContact)))
            .OrderBy(l => l.StaffNo is null ? 1 : 0).ThenBy(l => l.StaffNo, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The claims with something owed whose right to collect ends within <paramref name="months"/> months of today, by officer
    /// (claims of taxpayers without an open case under no officer), oldest lapse day first. Only claims that could lapse that
    /// soon are folded: 法定納期限 at most 5 years before the end of the window, or with a stay or extinction event.
    /// </summary>
    public async Task<IReadOnlyList<LapsingClaim>> LapsingAsync(Actor actor, int months, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, what: $"時効到来予定（{months}か月以内）", ct: ct);
        var asOf = JapanTime.Today(clock);
        var until = asOf.AddMonths(months);
        var cutoff = until.AddYears(-ClaimLimitation.Years);
        var endingKinds = new[] { ClaimEventKind.Stay, ClaimEventKind.ImmediateExtinction };
        var balances = from j in db.JournalEntries
                       where j.Component == LedgerComponent.Principal
                       group j by j.InstallmentId into g
                       select new { InstallmentId = g.Key, Balance = g.Sum(x => x.Amount) };
        var candidates = await (from b in balances
                                where b.Balance > 0
                                join i in db.Installments on b.InstallmentId equals i.Id
                                where i.StatutoryDueDate <= cutoff || db.ClaimEvents.Any(e => e.InstallmentId == i.Id && endingKinds.Contains(e.Kind))
                                join a in db.Assessments on i.AssessmentId equals a.Id
                                join t in db.Taxpayers on a.TaxpayerId equals t.Id
                                join k in db.TaxKinds on a.TaxKindCode equals k.Code
                                select new { i.Id, a.TaxpayerId, t.TaxpayerNo, t.Facts.NameKanji, KindName = k.Name, a.FiscalYear, a.NoticeNo, i.Period, b.Balance })
            .ToListAsync(ct);
        var ledgers = await ClaimLedgers.LoadAsync(db, candidates.Select(c => c.Id).ToList(), ct);
        var taxpayerIds = candidates.Select(c => c.TaxpayerId).Distinct().ToList();
        var cases = await (from c in db.CollectionCases.AsNoTracking()
                           where EF.Parameter(taxpayerIds).Contains(c.TaxpayerId) && c.ClosedOn == null
                           join a in db.StaffAccounts on c.OfficerAccountId equals a.Id into officers
                           from o in officers.DefaultIfEmpty()
                           select new { c.Id, c.TaxpayerId, StaffNo = o == null ? null : o.StaffNo, FullName = o == null ? null : o.FullName })
            .ToDictionaryAsync(c => c.TaxpayerId, ct);
        var list = candidates.Select(c =>
            {
                var status = ClaimStatus.Of(ledgers[c.Id], asOf);
                return (c, status);
            })
            .Where(x => !x.status.Extinguished && x.status.LapsesOn is { } l && l <= until)
            .Select(x =>
            {
                var k = cases.GetValueOrDefault(x.c.TaxpayerId);
                return new LapsingClaim(k?.StaffNo, k?.FullName, k?.Id, x.c.TaxpayerNo, x.c.NameKanji,
                    Assessments.InstallmentNames.Of(x.c.KindName, x.c.FiscalYear, x.c.NoticeNo, x.c.Period), x.c.Balance, x.status.LapsesOn!.Value,
                    JapaneseLabels.Of(x.status.Kind));
            })
            .OrderBy(l => l.OfficerStaffNo is null ? 1 : 0).ThenBy(l => l.OfficerStaffNo, StringComparer.Ordinal).ThenBy(l => l.LapsesOn)
            .ThenBy(l => l.TaxpayerNo, StringComparer.Ordinal).ToList();
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.CaseWorklistViewed,
            Detail: $"時効到来予定 {months}か月以内 {list.Count}件"), clock, ct);
        return list;
    }

    /// <summary>Per taxpayer: what is owed today on claims not ended, how many such claims, and the earliest lapse day among them.</summary>
    internal async Task<Dictionary<long, (long Owed, int Claims, DateOnly? OldestLapse)>> OwedAsync(List<long> taxpayerIds, DateOnly asOf, CancellationToken ct)
    {
        if (taxpayerIds.Count == 0) return [];
        var installments = await (from i in db.Installments.AsNoTracking()
                                  join a in db.Assessments on i.AssessmentId equals a.Id
                                  where EF.Parameter(taxpayerIds).Contains(a.TaxpayerId)
                                  select new { i.Id, a.TaxpayerId }).ToListAsync(ct);
        var ledgers = await ClaimLedgers.LoadAsync(db, installments.Select(i => i.Id).ToList(), ct);
        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        return installments.Select(i =>
            {
                var l = ledgers[i.Id];
                var status = ClaimStatus.Of(l, asOf);
                var owed = status.Extinguished ? 0 : l.PrincipalBalance + l.ReminderFeeBalance + l.LateFeeOwed(asOf, rates).Owed;
                return (i.TaxpayerId, Owed: owed, Lapse: owed > 0 ? status.LapsesOn : null);
            })
            .Where(x => x.Owed > 0)
            .GroupBy(x => x.TaxpayerId)
            .ToDictionary(g => g.Key, g => (g.Sum(x => x.Owed), g.Count(), g.Min(x => x.Lapse)));
    }
}
