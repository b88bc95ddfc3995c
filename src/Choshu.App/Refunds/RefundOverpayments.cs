using Choshu.Data;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Refunds;

/// <summary>One overpayment with what became of it (yen): appropriated, refunded, lapsed, and the balance still owed back.</summary>
public sealed record OverpaymentBalance(long Id, long TaxpayerId, long InstallmentId, OverpaymentReason Reason, DateOnly AroseOn,
    long Amount, long Appropriated, long Refunded, long Lapsed, long Balance, bool Cancelled);

/// <summary>
/// Every overpayment (open or not) with what became of it, for the lists. The balance is <see cref="OverpaymentFacts"/>'s
/// (the one reader); refunded and lapsed are the Refund (<c>refund.decided</c>) and WriteOff (<c>refund.lapsed</c>) entries
/// linked to it (the refund desk takes the oldest open overpayment of an installment first, so these are where the rule takes
/// them from); appropriated is the rest of what was used. Refund interest is not an overpayment here (it is paid with the refund).
/// </summary>
public static class RefundOverpayments
{
    public static async Task<IReadOnlyList<OverpaymentBalance>> LoadAsync(ChoshuDbContext db, long? taxpayerId = null, CancellationToken ct = default)
    {
        var q = db.Overpayments.AsNoTracking().Where(o => o.InstallmentId != null);
        if (taxpayerId is { } t) q = q.Where(o => o.TaxpayerId == t);
        var overpayments = await q.ToListAsync(ct);
        var open = (await OverpaymentFacts.OpenAsync(db, taxpayerId, ct)).Where(f => !f.IsInterest).ToDictionary(f => f.Id, f => f.Balance);
        var ids = overpayments.Select(o => o.Id).ToList();
        var linked = new List<(long Overpayment, string? Reason, long Amount)>();
        foreach (var chunk in ids.Chunk(5000))
        {
            var rows = await db.JournalEntries.AsNoTracking()
                .Where(j => j.LinkedEntryId != null && chunk.Contains(j.LinkedEntryId.Value) && j.Component == LedgerComponent.Overpayment
                    && ((j.Kind == JournalEntryKind.Refund && j.ReasonCode == RefundDesk.RefundReason) || (j.Kind == JournalEntryKind.WriteOff && j.ReasonCode == RefundDesk.LapsedReason))
                    && !db.JournalEntries.Any(r => r.ReversesEntryId == j.Id))
                .Select(j => new { Overpayment = j.LinkedEntryId!.Value, j.ReasonCode, j.Amount }).ToListAsync(ct);
            linked.AddRange(rows.Select(r => (r.Overpayment, r.ReasonCode, r.Amount)));
        }
        var byOverpayment = linked.ToLookup(l => l.Overpayment);
        return overpayments.Select(o =>
        {
            if (o.CancelledAtUtc is not null)
                return new OverpaymentBalance(o.Id, o.TaxpayerId, o.InstallmentId!.Value, o.Reason, o.AroseOn, o.Amount, 0, 0, 0, 0, true);
            var refunded = byOverpayment[o.Id].Where(l => l.Reason == RefundDesk.RefundReason).Sum(l => l.Amount);
            var lapsed = byOverpayment[o.Id].Where(l => l.Reason == RefundDesk.LapsedReason).Sum(l => l.Amount);
            var balance = open.GetValueOrDefault(o.Id);
            return new OverpaymentBalance(o.Id, o.TaxpayerId, o.InstallmentId!.Value, o.Reason, o.AroseOn, o.Amount,
                Math.Max(o.Amount - balance - refunded - lapsed, 0), refunded, lapsed, balance, false);
        }).OrderBy(r => r.AroseOn).ThenBy(r => r.Id).ToList();
    }
}
