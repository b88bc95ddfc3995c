using Choshu.Data;
using Choshu.Data.Ledger;
using Choshu.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Reconciliation;

/// <summary>
/// Money put into an installment, as the booker allocates it: a received payment or an appropriation (充当) of an
/// overpayment. Money is allocated in <see cref="Order"/>: value date (納付日, or the appropriation's effective date),
/// then payments before appropriations on the same day, then payment number or source entry id.
/// </summary>
internal abstract record MoneyToBook(long Amount, DateOnly On)
{
    public (DateOnly On, int Kind, long Id) Order => this switch
    {
        PaymentToBook p => (On, 0, p.PaymentId),
        AppropriationToBook a => (On, 1, a.SourceEntryId),
        _ => throw new InvalidOperationException(GetType().Name),
    };
}

/// <summary>A payment to allocate to an installment: its row id, amount, 納付日 and where it came from.</summary>
internal sealed record PaymentToBook(long PaymentId, long Amount, DateOnly PaidOn, long? ImportFileId, int? SourceLine) : MoneyToBook(Amount, PaidOn);

/// <summary>
/// An appropriation to allocate to its target installment: the id of its source entry (Appropriation, Overpayment +X
/// on the installment the overpayment arose on), the amount and the effective date (充当適状日); the comment goes on its entries.
/// </summary>
internal sealed record AppropriationToBook(long SourceEntryId, long Amount, DateOnly EffectiveOn, string? Comment) : MoneyToBook(Amount, EffectiveOn);

/// <summary>
/// Keeps an installment's allocation equal to allocating its money one by one in order (<see cref="MoneyToBook.Order"/>),
/// whatever order it arrived or was corrected in. The money is read from the journal, not from payment rows: every
/// booked payment (its live entries of kind Payment, the overpayment account's too) and every appropriation into the
/// installment (its live target-side entries, linked to their source entry). From a starting point on, it appends a
/// linked reversal for every entry that money wrote (an overpayment so cancelled shows as cancelled in the
/// <c>overpayments</c> view) and allocates it again, together with the new money, in order. Nothing is edited.
/// Used when a payment arrives dated before the installment's latest money, when an unmatched payment is matched by
/// hand, when a booking is reversed, and when an appropriation is recorded. Payments seeded without a payment id are
/// not money to replay: they stay where they are.
/// </summary>
internal static class InstallmentReplay
{
    /// <returns>The overpaid part of each payment allocated, by payment id.</returns>
    public static async Task<Dictionary<long, long>> RebookAsync(
        ChoshuDbContext db, PaymentBooker booker, long installmentId, IReadOnlyList<MoneyToBook> newOnes, long? excludedPaymentId,
        DateTime nowUtc, string comment, List<JournalEntry> entries, CancellationToken ct)
    {
        var target = (await PaymentBooker.LoadTargetsAsync(db, [installmentId], ct))[installmentId];
        var journal = await db.JournalEntries.AsNoTracking().Where(j => j.InstallmentId == installmentId).ToListAsync(ct);
        return Rebook(booker, target, journal, newOnes, excludedPaymentId, nowUtc, comment, entries);
    }

    /// <summary>
    /// <see cref="RebookAsync"/> for many installments at once, as a payment batch replays those that received money dated
    /// before their latest: their journals are read in one query, and each is booked again in order (<see cref="Rebook"/>).
    /// A target here may be one the batch has already allocated to in memory: only its dates, events, taxpayer and
    /// reduction mark are used, and the money comes from the journal as stored. Returns the overpaid part of each payment.
    /// </summary>
    public static async Task<Dictionary<long, long>> RebookBatchAsync(
        ChoshuDbContext db, PaymentBooker booker, IReadOnlyList<(PaymentBooker.Target Target, IReadOnlyList<MoneyToBook> NewOnes)> installments,
        DateTime nowUtc, string comment, List<JournalEntry> entries, CancellationToken ct)
    {
        var ids = installments.Select(x => x.Target.InstallmentId).ToList();
        var journals = (await db.JournalEntries.AsNoTracking().Where(j => ids.Contains(j.InstallmentId)).ToListAsync(ct))
            .ToLookup(j => j.InstallmentId);
        var overpaid = new Dictionary<long, long>();
        foreach (var (target, newOnes) in installments)
            foreach (var (paymentId, amount) in Rebook(booker, target, journals[target.InstallmentId].OrderBy(j => j.Id).ToList(), newOnes, null, nowUtc, comment, entries))
                overpaid[paymentId] = amount;
        return overpaid;
    }

    /// <summary>
    /// <see cref="RebookAsync"/> on an installment already loaded: <paramref name="target"/> gives its dates, events and
    /// taxpayer, <paramref name="journal"/> is all of its journal entries (ids assigned). Pure: the new entries are appended
    /// to <paramref name="entries"/> without ids. The set-based appropriation run calls it on ledgers it holds in memory.
    /// </summary>
    internal static Dictionary<long, long> Rebook(PaymentBooker booker, PaymentBooker.Target target, IReadOnlyList<JournalEntry> journal,
        IReadOnlyList<MoneyToBook> newOnes, long? excludedPaymentId, DateTime nowUtc, string comment, List<JournalEntry> entries)
    {
        var installmentId = target.InstallmentId;
        var alreadyReversed = journal.Where(j => j.ReversesEntryId is not null).Select(j => j.ReversesEntryId!.Value).ToHashSet();
        var live = journal.Where(j => j.Kind != JournalEntryKind.Reversal && !alreadyReversed.Contains(j.Id)).ToList();

        // The money already booked, from its live entries.
        static bool IsSource(JournalEntry j) =>
            j.Kind == JournalEntryKind.Appropriation && j.Component == LedgerComponent.Overpayment && j.Amount > 0;
        var newPayments = newOnes.OfType<PaymentToBook>().Select(p => p.PaymentId).ToHashSet();
        var newAppropriations = newOnes.OfType<AppropriationToBook>().Select(a => a.SourceEntryId).ToHashSet();
        var booked = new List<MoneyToBook>();
        foreach (var g in live.Where(j => j.PaymentId is not null && j.Kind == JournalEntryKind.Payment).GroupBy(j => j.PaymentId!.Value))
        {
            if (newPayments.Contains(g.Key)) continue;
            var first = g.MinBy(j => j.Id)!;
            booked.Add(new PaymentToBook(g.Key, -g.Sum(j => j.Amount), first.ValueDate, first.ImportFileId, first.SourceLine));
        }
        foreach (var g in live.Where(j => j.LinkedEntryId is not null && j.Kind == JournalEntryKind.Appropriation && !IsSource(j))
                     .GroupBy(j => j.LinkedEntryId!.Value))
        {
            if (newAppropriations.Contains(g.Key)) continue;
            var first = g.MinBy(j => j.Id)!;
            booked.Add(new AppropriationToBook(g.Key, -g.Sum(j => j.Amount), first.ValueDate, first.Comment));
        }

        var excluded = excludedPaymentId is { } x ? booked.OfType<PaymentToBook>().FirstOrDefault(p => p.PaymentId == x) : null;
        var starts = newOnes.Select(m => m.Order).Concat(excluded is null ? [] : [excluded.Order]).ToList();
        if (starts.Count == 0) return [];
        var start = starts.Min();
        var replayed = booked.Where(m => m != excluded && m.Order.CompareTo(start) >= 0).ToList();
        var undonePayments = replayed.OfType<PaymentToBook>().Select(p => p.PaymentId).ToHashSet();
        if (excluded is not null) undonePayments.Add(excluded.PaymentId);
        var undoneAppropriations = replayed.OfType<AppropriationToBook>().Select(a => a.SourceEntryId).ToHashSet();

        var reversals = live
            .Where(j => (j.PaymentId is { } pid && undonePayments.Contains(pid))
                        || (j.LinkedEntryId is { } source && !IsSource(j) && undoneAppropriations.Contains(source)))
            .Select(j =>
            {
                var reversedPayment = j.PaymentId is not null && j.PaymentId == excludedPaymentId;
                return new JournalEntry
                {
                    InstallmentId = installmentId, Kind = JournalEntryKind.Reversal, Component = j.Component, Amount = -j.Amount,
                    ValueDate = j.ValueDate, RecordedAtUtc = nowUtc, Actor = booker.Actor, ReversesEntryId = j.Id, PaymentId = j.PaymentId,
                    ReasonCode = reversedPayment ? "payment.reverse" : j.PaymentId is not null ? "payment.rebook" : "appropriation.rebook",
                    Comment = reversedPayment ? comment : $"再消込（{comment}）",
                };
            })
            .ToList();
        entries.AddRange(reversals);

        // The ledger as it stands without the undone money, then everything from the start in order.
        var lines = journal.Concat(reversals).Select(j => new LedgerLine(j.Id, j.Kind, j.Component, j.Amount, j.ValueDate, j.ReversesEntryId));
        var rebuilt = new PaymentBooker.Target(installmentId, target.TaxpayerId, InstallmentLedger.From(target.Ledger.Dates, lines, target.Ledger.Events)) { WasReduced = target.WasReduced };
        var overpaid = new Dictionary<long, long>();
        foreach (var m in replayed.Concat(newOnes).OrderBy(m => m.Order))
        {
            var over = booker.Allocate(rebuilt, m, nowUtc, entries);
            if (m is PaymentToBook p) overpaid[p.PaymentId] = over;
        }
        // A reversal by staff must not take back an overpayment that was already appropriated (or refunded): the money
        // would stay on the other claim although the city never received it. The appropriation is undone first.
        if (excludedPaymentId is not null && rebuilt.Ledger.OverpaymentBalance < 0)
            throw new Domain.DomainException("payment.overpayment_used",
                $"この収納から生じた過誤納金のうち {-rebuilt.Ledger.OverpaymentBalance:N0} 円は既に充当（または還付）されているため、収納を取り消せません。先に充当を取り消してください。");
        return overpaid;
    }
}
