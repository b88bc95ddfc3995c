using Choshu.Data;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Reconciliation;

/// <summary>A payment to allocate to an installment: its row id, amount, 納付日 and where it came from.</summary>
internal sealed record PaymentToBook(long PaymentId, long Amount, DateOnly PaidOn, long? ImportFileId, int? SourceLine);

/// <summary>
/// Keeps an installment's allocation equal to allocating its payments one by one in 納付日 order (then
/// by payment number), whatever order they arrived or were corrected in. From a starting payment on, it
/// appends a linked reversal for every entry the already-booked payments wrote, cancels their
/// overpayments, and allocates them again, together with the new ones, in order. Nothing is edited.
/// Used when a payment arrives dated before the installment's latest money, when an unmatched payment
/// is matched by hand, and when a booking is reversed.
/// </summary>
internal static class InstallmentReplay
{
    /// <returns>The overpaid part of each payment allocated, by payment id.</returns>
    public static async Task<Dictionary<long, long>> RebookAsync(
        ChoshuDbContext db, PaymentBooker booker, long installmentId, IReadOnlyList<PaymentToBook> newOnes, long? excludedPaymentId,
        DateTime nowUtc, string comment, List<JournalEntry> entries, List<Overpayment> overpayments, CancellationToken ct)
    {
        var target = (await PaymentBooker.LoadTargetsAsync(db, [installmentId], ct))[installmentId];
        var newIds = newOnes.Select(n => n.PaymentId).ToHashSet();
        var booked = (await db.Payments.AsNoTracking()
                .Where(p => p.InstallmentId == installmentId && p.Status == PaymentStatus.Booked)
                .Select(p => new PaymentToBook(p.Id, p.Amount, p.PaidOn, p.ImportFileId, p.SourceLine))
                .ToListAsync(ct))
            .Where(p => !newIds.Contains(p.PaymentId))
            .ToList();

        static (DateOnly, long) Order(PaymentToBook p) => (p.PaidOn, p.PaymentId);
        var start = newOnes.Select(Order)
            .Concat(booked.Where(p => p.PaymentId == excludedPaymentId).Select(Order))
            .Min();
        var replayed = booked.Where(p => p.PaymentId != excludedPaymentId && Order(p).CompareTo(start) >= 0).ToList();
        var undone = replayed.Select(p => p.PaymentId).ToHashSet();
        if (excludedPaymentId is { } x) undone.Add(x);

        var journal = await db.JournalEntries.AsNoTracking().Where(j => j.InstallmentId == installmentId).ToListAsync(ct);
        var alreadyReversed = journal.Where(j => j.ReversesEntryId is not null).Select(j => j.ReversesEntryId!.Value).ToHashSet();
        var reversals = journal
            .Where(j => j.PaymentId is { } pid && undone.Contains(pid) && j.Kind != JournalEntryKind.Reversal && !alreadyReversed.Contains(j.Id))
            .Select(j => new JournalEntry
            {
                InstallmentId = installmentId, Kind = JournalEntryKind.Reversal, Component = j.Component, Amount = -j.Amount,
                ValueDate = j.ValueDate, RecordedAtUtc = nowUtc, Actor = booker.Actor, ReversesEntryId = j.Id, PaymentId = j.PaymentId,
                ReasonCode = j.PaymentId == excludedPaymentId ? "payment.reverse" : "payment.rebook",
                Comment = j.PaymentId == excludedPaymentId ? comment : $"再消込（{comment}）",
            })
            .ToList();
        entries.AddRange(reversals);
        if (undone.Count > 0)
            await db.Overpayments.Where(o => undone.Contains(o.PaymentId) && o.CancelledAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.CancelledAtUtc, nowUtc), ct);

        // The ledger as it stands without the undone bookings, then everything from the start in order.
        var lines = journal.Concat(reversals).Select(j => new LedgerLine(j.Id, j.Kind, j.Component, j.Amount, j.ValueDate, j.ReversesEntryId));
        var rebuilt = new PaymentBooker.Target(installmentId, target.TaxpayerId, InstallmentLedger.From(target.Ledger.DueDate, lines)) { WasReduced = target.WasReduced };
        var overpaid = new Dictionary<long, long>();
        foreach (var p in replayed.Concat(newOnes).OrderBy(Order))
            overpaid[p.PaymentId] = booker.Allocate(rebuilt, p.PaymentId, p.Amount, p.PaidOn, p.ImportFileId, p.SourceLine, nowUtc, entries, overpayments);
        return overpaid;
    }
}
