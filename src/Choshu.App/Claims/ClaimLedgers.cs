using Choshu.Data;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Claims;

/// <summary>
/// Loads claims (installments) as the rules read them: each installment's two due dates, its journal lines and its claim
/// events, folded into an <see cref="InstallmentLedger"/> that answers balances, the lapse day and, through
/// <see cref="ClaimStatus.Of"/>, the one status. Three queries whatever the count (installments, journal, events), each on
/// an index. Used by every caller that shows or acts on a claim's status outside the bulk booker (which reads the same rows
/// with its own reader for speed): the counter, the slip, direct debits, the arrears list, reports, the taxpayer page.
/// </summary>
public static class ClaimLedgers
{
    public static async Task<Dictionary<long, InstallmentLedger>> LoadAsync(ChoshuDbContext db, IReadOnlyCollection<long> installmentIds, CancellationToken ct = default)
    {
        if (installmentIds.Count == 0) return [];
        var ids = installmentIds as List<long> ?? installmentIds.ToList();
        var dates = await db.Installments.AsNoTracking()
            .Where(i => EF.Parameter(ids).Contains(i.Id))
            .Select(i => new { i.Id, i.DueDate, i.StatutoryDueDate, i.AcceleratedDueDate })
            .ToListAsync(ct);
        var lines = (await db.JournalEntries.AsNoTracking()
                .Where(j => EF.Parameter(ids).Contains(j.InstallmentId))
                .Select(j => new { j.InstallmentId, Line = new LedgerLine(j.Id, j.Kind, j.Component, j.Amount, j.ValueDate, j.ReversesEntryId) })
                .ToListAsync(ct))
            .ToLookup(x => x.InstallmentId, x => x.Line);
        var events = await EventsAsync(db, ids, ct);
        return dates.ToDictionary(d => d.Id, d => InstallmentLedger.From(new ClaimDates(d.DueDate, d.StatutoryDueDate, d.AcceleratedDueDate), lines[d.Id],
            events[d.Id]));
    }

    /// <summary>The claim events of the installments, by installment (all of them: the rules take those in force).</summary>
    public static async Task<ILookup<long, ClaimEvent>> EventsAsync(ChoshuDbContext db, IReadOnlyCollection<long> installmentIds, CancellationToken ct = default)
    {
        if (installmentIds.Count == 0) return Array.Empty<ClaimEvent>().ToLookup(e => e.InstallmentId);
        var ids = installmentIds as List<long> ?? installmentIds.ToList();
        // One array parameter (EF.Parameter), not one parameter per id: a batch of 5,000 ids is one cached plan.
        return (await db.ClaimEvents.AsNoTracking().Where(e => EF.Parameter(ids).Contains(e.InstallmentId)).ToListAsync(ct))
            .OrderBy(e => e.Id).ToLookup(e => e.InstallmentId);
    }
}

/// <summary>Which claims have ended (時効, extinction under a stay, write-off) on a day, found without folding every claim.</summary>
public static class EndedClaims
{
    /// <summary>
    /// Of <paramref name="installmentIds"/>, those whose right to collect has ended on <paramref name="asOf"/>
    /// (<see cref="ClaimStatusResult.Extinguished"/>). Only claims that could have ended are folded: those whose
    /// 法定納期限 is more than 5 years before the day (the earliest a limitation can complete), and those with a stay, an
    /// extinction or a write-off among their events. Two queries, plus the fold of the candidates.
    /// </summary>
    public static async Task<HashSet<long>> OfAsync(ChoshuDbContext db, IReadOnlyCollection<long> installmentIds, DateOnly asOf, CancellationToken ct = default)
    {
        if (installmentIds.Count == 0) return [];
        var ids = installmentIds as List<long> ?? installmentIds.ToList();
        // FirstLapsedDay(s) = s + 5 years + 1 day at the earliest, so s must be before asOf − 5 years (a day of slack for 29 February).
        var cutoff = asOf.AddYears(-ClaimLimitation.Years);
        var old = await db.Installments.AsNoTracking()
            .Where(i => EF.Parameter(ids).Contains(i.Id) && i.StatutoryDueDate <= cutoff)
            .Select(i => i.Id)
            .ToListAsync(ct);
        var endingKinds = new[] { ClaimEventKind.Stay, ClaimEventKind.ImmediateExtinction, ClaimEventKind.WriteOff };
        var withEvents = await db.ClaimEvents.AsNoTracking()
            .Where(e => EF.Parameter(ids).Contains(e.InstallmentId) && endingKinds.Contains(e.Kind) && e.On <= asOf)
            .Select(e => e.InstallmentId)
            .Distinct()
            .ToListAsync(ct);
        var candidates = old.Concat(withEvents).Distinct().ToList();
        if (candidates.Count == 0) return [];
        var ledgers = await ClaimLedgers.LoadAsync(db, candidates, ct);
        return ledgers.Where(l => ClaimStatus.Of(l.Value, asOf).Extinguished).Select(l => l.Key).ToHashSet();
    }
}
