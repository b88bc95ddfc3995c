using Choshu.App.Settings;
using Choshu.Data;
using Choshu.Domain.Cases;
using Choshu.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>A pledge's standing on a day with the grace days it was judged with.</summary>
public sealed record PledgeStandingResult(long PledgeId, long TaxpayerId, PledgeKind Kind, int GraceDays, PledgeStanding Standing);

/// <summary>
/// Per taxpayer on a day: the open promise or pledge due next (<see cref="NextDueOn"/>, its amount, which one) and whether any
/// open one is in breach (<see cref="InBreach"/>, from <see cref="BreachedOn"/>, the earliest). Null fields when the taxpayer has none open.
/// </summary>
public sealed record PledgeSummary(long TaxpayerId, long? NextPledgeId, PledgeKind? NextKind, DateOnly? NextDueOn, long NextDueAmount,
    bool InBreach, long? BreachedPledgeId, DateOnly? BreachedOn, bool HasOpenPledge)
{
    /// <summary>An installment pledge (分納誓約) is open: what leaves the taxpayer out of mass demand runs, unless <see cref="PledgeInBreach"/>.</summary>
    public bool PledgeOpen { get; init; }

    /// <summary>An open installment pledge (分納誓約) is in breach: the taxpayer is chased again, pledged claims included.</summary>
    public bool PledgeInBreach { get; init; }
}

/// <summary>
/// The reads of promises and pledges that other screens use (the case file, the worklists, the demand runs): the standing of
/// pledges on a day (<see cref="StandingsAsync"/>) and a summary per taxpayer (<see cref="SummaryAsync"/>). Reading only: no
/// permission check and no audit record — the caller that shows personal data checks and audits as it does for the rest of
/// its page. Five queries whatever the count (pledges, instalments, claims, events, journal), in chunks of 5,000.
/// Payments counted: journal entries of kind 収納 (3) and 充当 (5) on the covered claims' principal, reminder fee and late fee
/// (components 1–3), and the reversals (4) of those, dated from the pledge's day to the day asked (value date).
/// </summary>
public static class PledgeQueries
{
    /// <summary>The standings of <paramref name="pledgeIds"/> on <paramref name="asOf"/> (grace days: setting pledge.grace_days; a promise 0).</summary>
    public static async Task<Dictionary<long, PledgeStandingResult>> StandingsAsync(ChoshuDbContext db, IReadOnlyCollection<long> pledgeIds, DateOnly asOf,
        CancellationToken ct = default)
    {
        var result = new Dictionary<long, PledgeStandingResult>();
        if (pledgeIds.Count == 0) return result;
        var grace = int.Parse(await AppSettings.GetAsync(db, AppSettings.PledgeGraceDaysKey, ct), System.Globalization.CultureInfo.InvariantCulture);
        foreach (var chunk in pledgeIds.Distinct().Chunk(5000))
        {
            var ids = chunk.ToList();
            var pledges = await db.Pledges.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.Id)).ToListAsync(ct);
            var schedule = (await db.PledgeInstalments.AsNoTracking().Where(i => EF.Parameter(ids).Contains(i.PledgeId)).ToListAsync(ct))
                .ToLookup(i => i.PledgeId, i => new PledgeInstalment(i.No, i.DueOn, i.Amount));
            var claims = (await db.PledgeClaims.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.PledgeId)).Select(c => new { c.PledgeId, c.InstallmentId })
                .ToListAsync(ct)).ToLookup(c => c.PledgeId, c => c.InstallmentId);
            var ends = (await db.PledgeEvents.AsNoTracking()
                    .Where(e => EF.Parameter(ids).Contains(e.PledgeId) && (e.Kind == PledgeEventKind.Cancelled || e.Kind == PledgeEventKind.Completed))
                    .ToListAsync(ct))
                .GroupBy(e => e.PledgeId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Id).First());
            var payments = await PaymentsAsync(db, claims.SelectMany(c => c).Distinct().ToList(), ct);
            foreach (var p in pledges)
            {
                var g = p.Kind == PledgeKind.Promise ? 0 : grace;
                (PledgeEventKind, DateOnly)? ended = ends.TryGetValue(p.Id, out var e) ? (e.Kind, e.On) : null;
                var standing = PledgeRules.Evaluate(schedule[p.Id].OrderBy(s => s.No).ToList(), p.MadeOn, g,
                    claims[p.Id].SelectMany(i => payments[i]), asOf, ended);
                result[p.Id] = new PledgeStandingResult(p.Id, p.TaxpayerId, p.Kind, g, standing);
            }
        }
        return result;
    }

    /// <summary>
    /// For each of <paramref name="taxpayerIds"/> with a promise or pledge made on or before <paramref name="asOf"/>: the next due
    /// day among the open ones and whether any is in breach. Taxpayers with none are absent from the answer.
    /// </summary>
    public static async Task<Dictionary<long, PledgeSummary>> SummaryAsync(ChoshuDbContext db, IReadOnlyCollection<long> taxpayerIds, DateOnly asOf,
        CancellationToken ct = default)
    {
        var pledgeIds = new List<long>();
        foreach (var chunk in taxpayerIds.Distinct().Chunk(5000))
        {
            var ids = chunk.ToList();
            pledgeIds.AddRange(await db.Pledges.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.TaxpayerId) && p.MadeOn <= asOf).Select(p => p.Id).ToListAsync(ct));
        }
        var standings = await StandingsAsync(db, pledgeIds, asOf, ct);
        return standings.Values.GroupBy(s => s.TaxpayerId).ToDictionary(g => g.Key, g =>
        {
            var open = g.Where(s => s.Standing.Open).ToList();
            var next = open.Where(s => s.Standing.NextDueOn is not null).OrderBy(s => s.Standing.NextDueOn).ThenBy(s => s.PledgeId).FirstOrDefault();
            var breach = open.Where(s => s.Standing.InBreach).OrderBy(s => s.Standing.BreachedOn).ThenBy(s => s.PledgeId).FirstOrDefault();
            return new PledgeSummary(g.Key, next?.PledgeId, next?.Kind, next?.Standing.NextDueOn, next?.Standing.NextDueAmount ?? 0,
                breach is not null, breach?.PledgeId, breach?.Standing.BreachedOn, open.Count > 0)
            {
                PledgeOpen = open.Any(s => s.Kind == PledgeKind.InstallmentPledge),
                PledgeInBreach = open.Any(s => s.Kind == PledgeKind.InstallmentPledge && s.Standing.InBreach),
            };
        });
    }

    /// <summary>The money received on each installment that counts toward a pledge (収納・充当 on components 1–3 and their reversals), by installment.</summary>
    public static async Task<ILookup<long, PledgePayment>> PaymentsAsync(ChoshuDbContext db, IReadOnlyCollection<long> installmentIds, CancellationToken ct = default)
    {
        var rows = new List<(long Id, long InstallmentId, JournalEntryKind Kind, long Amount, DateOnly On, long? Reverses)>();
        foreach (var chunk in installmentIds.Chunk(5000))
        {
            var ids = chunk.ToList();
            rows.AddRange((await db.JournalEntries.AsNoTracking()
                    .Where(j => EF.Parameter(ids).Contains(j.InstallmentId) && j.Component != LedgerComponent.Overpayment
                        && (j.Kind == JournalEntryKind.Payment || j.Kind == JournalEntryKind.Appropriation || j.Kind == JournalEntryKind.Reversal))
                    .Select(j => new { j.Id, j.InstallmentId, j.Kind, j.Amount, j.ValueDate, j.ReversesEntryId })
                    .ToListAsync(ct))
                .Select(j => (j.Id, j.InstallmentId, j.Kind, j.Amount, j.ValueDate, j.ReversesEntryId)));
        }
        var money = rows.Where(r => r.Kind != JournalEntryKind.Reversal).Select(r => r.Id).ToHashSet();
        return rows.Where(r => r.Kind != JournalEntryKind.Reversal || r.Reverses is { } t && money.Contains(t))
            .ToLookup(r => r.InstallmentId, r => new PledgePayment(r.On, -r.Amount));
    }
}
