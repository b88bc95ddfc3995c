using Choshu.Data;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Refunds;

/// <summary>One overpayment with what became of it (yen): appropriated, refunded, lapsed, and the balance still owed back.</summary>
public sealed record OverpaymentBalance(long Id, long TaxpayerId, long InstallmentId, OverpaymentReason Reason, DateOnly AroseOn,
    long Amount, long Appropriated, long Refunded, long Lapsed, long Balance, bool Cancelled);

/// <summary>
/// What is left of each overpayment, from the journal: refunds and lapses (Refund / WriteOff entries on the overpayment
/// account) link to their overpayment and take from it; appropriations (Appropriation source entries) take from the
/// installment's overpayments oldest first. A cancelled overpayment (its entry reversed) has no balance.
/// </summary>
public static class RefundOverpayments
{
    public static async Task<IReadOnlyList<OverpaymentBalance>> LoadAsync(ChoshuDbContext db, long? taxpayerId = null, long? overpaymentId = null, CancellationToken ct = default)
    {
        var q = db.Overpayments.AsNoTracking().Where(o => o.InstallmentId != null);
        if (taxpayerId is { } t) q = q.Where(o => o.TaxpayerId == t);
        if (overpaymentId is { } oid)
        {
            var inst = await db.Overpayments.AsNoTracking().Where(o => o.Id == oid).Select(o => o.InstallmentId).SingleOrDefaultAsync(ct);
            q = q.Where(o => o.InstallmentId == inst);
        }
        var overpayments = await q.ToListAsync(ct);
        var installments = overpayments.Select(o => o.InstallmentId!.Value).Distinct().ToList();
        var uses = new List<(long InstallmentId, JournalEntryKind Kind, long Amount, long? LinkedEntryId)>();
        foreach (var chunk in installments.Chunk(5000))
        {
            var rows = await db.JournalEntries.AsNoTracking()
                .Where(j => chunk.Contains(j.InstallmentId) && j.Component == LedgerComponent.Overpayment
                    && (j.Kind == JournalEntryKind.Appropriation || j.Kind == JournalEntryKind.Refund || j.Kind == JournalEntryKind.WriteOff)
                    && !db.JournalEntries.Any(r => r.ReversesEntryId == j.Id))
                .Select(j => new { j.InstallmentId, j.Kind, j.Amount, j.LinkedEntryId }).ToListAsync(ct);
            uses.AddRange(rows.Select(r => (r.InstallmentId, r.Kind, r.Amount, r.LinkedEntryId)));
        }
        var result = new List<OverpaymentBalance>();
        foreach (var group in overpayments.GroupBy(o => o.InstallmentId!.Value))
        {
            var list = group.OrderBy(o => o.AroseOn).ThenBy(o => o.Id).ToList();
            var ids = list.Select(o => o.Id).ToHashSet();
            var mine = uses.Where(u => u.InstallmentId == group.Key).ToList();
            var refunded = mine.Where(u => u.Kind == JournalEntryKind.Refund && u.LinkedEntryId is { } l && ids.Contains(l)).GroupBy(u => u.LinkedEntryId!.Value).ToDictionary(g => g.Key, g => g.Sum(u => u.Amount));
            var lapsed = mine.Where(u => u.Kind == JournalEntryKind.WriteOff && u.LinkedEntryId is { } l && ids.Contains(l)).GroupBy(u => u.LinkedEntryId!.Value).ToDictionary(g => g.Key, g => g.Sum(u => u.Amount));
            var appropriated = mine.Where(u => u.Kind == JournalEntryKind.Appropriation).Sum(u => u.Amount);
            foreach (var o in list)
            {
                var cancelled = o.CancelledAtUtc is not null;
                var r = refunded.GetValueOrDefault(o.Id);
                var l = lapsed.GetValueOrDefault(o.Id);
                var left = cancelled ? 0 : o.Amount - r - l;
                var a = Math.Min(Math.Max(left, 0), appropriated);
                appropriated -= a;
                result.Add(new OverpaymentBalance(o.Id, o.TaxpayerId, o.InstallmentId!.Value, o.Reason, o.AroseOn, o.Amount, a, r, l, Math.Max(left - a, 0), cancelled));
            }
        }
        return overpaymentId is { } only ? result.Where(r => r.Id == only).ToList() : result.OrderBy(r => r.AroseOn).ThenBy(r => r.Id).ToList();
    }
}
