using Choshu.Data;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Refunds;

/// <summary>One overpayment with what became of it (yen): appropriated, refunded, lapsed, and the balance still owed back.</summary>
public sealed record OverpaymentBalance(long Id, long TaxpayerId, long InstallmentId, OverpaymentReason Reason, DateOnly AroseOn,
    long Amount, long Appropriated, long Refunded, long Lapsed, long Balance, bool Cancelled);

/// <summary>
/// The history of each overpayment for the lists (every overpayment, open or not, with what took from it), by the rule of
/// <see cref="OverpaymentFacts"/>: an installment's account is one balance and its uses (appropriations, refunds, lapses:
/// entries of kind Appropriation, Refund and WriteOff on the overpayment account, in the order of their day and id) take
/// from its overpayments in the order they arose. The balances agree with <see cref="OverpaymentFacts.OpenAsync"/>
/// (the refund desk refunds and lapses the oldest open overpayment of an installment first, so each refund's link to its
/// overpayment is also where the rule takes it from). A cancelled overpayment (its entry reversed) has no balance.
/// </summary>
public static class RefundOverpayments
{
    public static async Task<IReadOnlyList<OverpaymentBalance>> LoadAsync(ChoshuDbContext db, long? taxpayerId = null, CancellationToken ct = default)
    {
        var q = db.Overpayments.AsNoTracking().Where(o => o.InstallmentId != null);
        if (taxpayerId is { } t) q = q.Where(o => o.TaxpayerId == t);
        var overpayments = await q.ToListAsync(ct);
        var installments = overpayments.Select(o => o.InstallmentId!.Value).Distinct().ToList();
        var uses = new List<(long Id, long InstallmentId, JournalEntryKind Kind, long Amount, DateOnly On)>();
        foreach (var chunk in installments.Chunk(5000))
        {
            var rows = await db.JournalEntries.AsNoTracking()
                .Where(j => chunk.Contains(j.InstallmentId) && j.Component == LedgerComponent.Overpayment
                    && (j.Kind == JournalEntryKind.Appropriation || j.Kind == JournalEntryKind.Refund || j.Kind == JournalEntryKind.WriteOff)
                    && !db.JournalEntries.Any(r => r.ReversesEntryId == j.Id))
                .Select(j => new { j.Id, j.InstallmentId, j.Kind, j.Amount, j.ValueDate }).ToListAsync(ct);
            uses.AddRange(rows.Select(r => (r.Id, r.InstallmentId, r.Kind, r.Amount, r.ValueDate)));
        }
        var byInstallment = uses.ToLookup(u => u.InstallmentId);
        var result = new List<OverpaymentBalance>();
        foreach (var group in overpayments.GroupBy(o => o.InstallmentId!.Value))
        {
            var live = group.Where(o => o.CancelledAtUtc is null).OrderBy(o => o.AroseOn).ThenBy(o => o.Id).ToList();
            var left = live.ToDictionary(o => o.Id, o => o.Amount);
            var taken = live.ToDictionary(o => o.Id, _ => new long[3]);
            foreach (var u in byInstallment[group.Key].OrderBy(u => u.On).ThenBy(u => u.Id))
            {
                var amount = u.Amount;
                var slot = u.Kind == JournalEntryKind.Appropriation ? 0 : u.Kind == JournalEntryKind.Refund ? 1 : 2;
                foreach (var o in live)
                {
                    if (amount <= 0) break;
                    var part = Math.Min(amount, left[o.Id]);
                    if (part <= 0) continue;
                    left[o.Id] -= part;
                    taken[o.Id][slot] += part;
                    amount -= part;
                }
            }
            foreach (var o in group)
            {
                if (o.CancelledAtUtc is not null)
                {
                    result.Add(new OverpaymentBalance(o.Id, o.TaxpayerId, o.InstallmentId!.Value, o.Reason, o.AroseOn, o.Amount, 0, 0, 0, 0, true));
                    continue;
                }
                var k = taken[o.Id];
                result.Add(new OverpaymentBalance(o.Id, o.TaxpayerId, o.InstallmentId!.Value, o.Reason, o.AroseOn, o.Amount, k[0], k[1], k[2], left[o.Id], false));
            }
        }
        return result.OrderBy(r => r.AroseOn).ThenBy(r => r.Id).ToList();
    }
}
