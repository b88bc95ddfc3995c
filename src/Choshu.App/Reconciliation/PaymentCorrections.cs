using Choshu.App.Ledger;
using Choshu.Data;
using Choshu.Data.Bulk;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Domain;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Reconciliation;

/// <summary>
/// Corrections by staff, each in one transaction and only by appending: matching an unmatched payment
/// to an installment by hand (未消込の手動消込), and reversing a booking (消込取消). A reversal writes a
/// linked reversal entry for every entry the payment booked, cancels its overpayment and returns it to
/// the unmatched queue; payments booked later on the same installment were allocated on top of it, so
/// they are reversed and booked again in date order (reversal and replacement, never an edit).
/// </summary>
public sealed class PaymentCorrections(Store store, TimeProvider clock, string actor)
{
    public sealed record MatchResult(long PaymentId, long InstallmentId, long Amount, long Overpaid);

    public sealed record ReverseResult(long PaymentId, long InstallmentId, int EntriesReversed, IReadOnlyList<long> Rebooked);

    public async Task<MatchResult> MatchAsync(long paymentId, long installmentId, string? comment, CancellationToken ct)
    {
        return await InTransactionAsync(async (db, writer, booker, now) =>
        {
            var p = await db.Payments.AsNoTracking().SingleOrDefaultAsync(x => x.Id == paymentId, ct)
                ?? throw new DomainException("payment.not_found", $"収納 {paymentId} は登録されていません。");
            if (p.Status != PaymentStatus.Unmatched)
                throw new DomainException("payment.not_unmatched", $"収納 {paymentId} は未消込ではありません（状態: {StatusName(p.Status)}）。");
            var targets = await PaymentBooker.LoadTargetsAsync(db, [installmentId], ct);
            var target = targets.GetValueOrDefault(installmentId)
                ?? throw new DomainException("installment.not_found", "指定の期別は登録されていません。");
            var entries = new List<JournalEntry>();
            var overpayments = new List<Overpayment>();
            var overpaid = booker.Allocate(target, p.Id, p.Amount, p.PaidOn, p.ImportFileId, p.SourceLine, now, entries, overpayments);
            await booker.WriteAsync(writer, [], entries, overpayments,
                [new PaymentStatusChange(p.Id, PaymentStatus.Booked, p.ReceivedOn ?? p.PaidOn, installmentId, Reason("手動消込", comment))], now, ct);
            return new MatchResult(p.Id, installmentId, p.Amount, overpaid);
        }, ct);
    }

    public async Task<ReverseResult> ReverseAsync(long paymentId, string reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("payment.reason_required", "取消の理由を入力してください。");
        return await InTransactionAsync(async (db, writer, booker, now) =>
        {
            var p = await db.Payments.AsNoTracking().SingleOrDefaultAsync(x => x.Id == paymentId, ct)
                ?? throw new DomainException("payment.not_found", $"収納 {paymentId} は登録されていません。");
            if (p.Status != PaymentStatus.Booked || p.InstallmentId is null)
                throw new DomainException("payment.not_booked", $"収納 {paymentId} は消込済みではないため取り消せません（状態: {StatusName(p.Status)}）。");
            var installmentId = p.InstallmentId.Value;

            // Later bookings on the installment, in the order they were allocated.
            var later = (await db.Payments.AsNoTracking()
                    .Where(x => x.InstallmentId == installmentId && x.Status == PaymentStatus.Booked && x.Id != p.Id)
                    .ToListAsync(ct))
                .Where(x => x.PaidOn > p.PaidOn || (x.PaidOn == p.PaidOn && x.Id > p.Id))
                .OrderBy(x => x.PaidOn).ThenBy(x => x.Id)
                .ToList();
            var affected = later.Select(x => x.Id).Append(p.Id).ToList();

            var targets = await PaymentBooker.LoadTargetsAsync(db, [installmentId], ct);
            var target = targets[installmentId];
            var journal = await db.JournalEntries.AsNoTracking().Where(j => j.InstallmentId == installmentId).ToListAsync(ct);
            var alreadyReversed = journal.Where(j => j.ReversesEntryId is not null).Select(j => j.ReversesEntryId!.Value).ToHashSet();
            var toReverse = journal
                .Where(j => j.PaymentId is { } pid && affected.Contains(pid) && j.Kind != JournalEntryKind.Reversal && !alreadyReversed.Contains(j.Id))
                .ToList();

            var ids = await writer.ReserveIdsAsync(BulkTables.JournalEntries, toReverse.Count, ct);
            var reversals = toReverse.Select((j, i) => new JournalEntry
            {
                Id = ids[i], InstallmentId = installmentId, Kind = JournalEntryKind.Reversal, Component = j.Component, Amount = -j.Amount,
                ValueDate = j.ValueDate, RecordedAtUtc = now, Actor = actor, ReasonCode = j.PaymentId == p.Id ? "payment.reverse" : "payment.rebook",
                Comment = j.PaymentId == p.Id ? reason : $"収納 {p.Id} の取消に伴う再消込", ReversesEntryId = j.Id, PaymentId = j.PaymentId,
            }).ToList();
            await writer.WriteAsync(BulkTables.JournalEntries, reversals, ct);

            // The ledger as it stands without the affected bookings, then the later payments booked again.
            var lines = journal.Concat(reversals).Select(j => new LedgerLine(j.Id, j.Kind, j.Component, j.Amount, j.ValueDate, j.ReversesEntryId));
            var rebuilt = new PaymentBooker.Target(installmentId, target.TaxpayerId, InstallmentLedger.From(target.Ledger.DueDate, lines)) { WasReduced = target.WasReduced };
            await db.Overpayments.Where(o => affected.Contains(o.PaymentId) && o.CancelledAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.CancelledAtUtc, now), ct);
            var entries = new List<JournalEntry>();
            var overpayments = new List<Overpayment>();
            foreach (var l in later)
                booker.Allocate(rebuilt, l.Id, l.Amount, l.PaidOn, l.ImportFileId, l.SourceLine, now, entries, overpayments);
            await booker.WriteAsync(writer, [], entries, overpayments,
                [new PaymentStatusChange(p.Id, PaymentStatus.Unmatched, null, null, Reason("消込取消", reason))], now, ct);
            return new ReverseResult(p.Id, installmentId, reversals.Count(r => r.PaymentId == p.Id), later.Select(x => x.Id).ToList());
        }, ct);
    }

    private Task<T> InTransactionAsync<T>(Func<ChoshuDbContext, IBulkWriter, PaymentBooker, DateTime, Task<T>> work, CancellationToken ct) =>
        BookingTransaction.RunAsync(store, clock, actor, work, ct);

    private static string Reason(string what, string? comment) => string.IsNullOrWhiteSpace(comment) ? what : $"{what}: {comment}";

    public static string StatusName(PaymentStatus s) => s switch
    {
        PaymentStatus.Pending => "速報",
        PaymentStatus.Booked => "消込済",
        PaymentStatus.Unmatched => "未消込",
        PaymentStatus.Cancelled => "速報取消",
        _ => s.ToString(),
    };
}
