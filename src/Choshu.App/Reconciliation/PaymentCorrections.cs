using Choshu.App.Assessments;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Bulk;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Domain;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;
using Choshu.Domain.Labels;

namespace Choshu.App.Reconciliation;

/// <summary>
/// Corrections by staff, each in one transaction and only by appending: matching an unmatched payment
/// to an installment by hand (未消込の手動消込), and reversing a booking (消込取消). A reversal writes a
/// linked reversal entry for every entry the payment booked (its overpayment-account entry too, which cancels the overpayment) and returns it to
/// the unmatched queue; payments booked later on the same installment were allocated on top of it, so
/// they are reversed and booked again in date order (reversal and replacement, never an edit).
/// A match needs <see cref="Permission.RecordPayments"/>, a reversal <see cref="Permission.ReversePayments"/>;
/// each is recorded in the audit log (3005, 3006) as the last write of its transaction.
/// </summary>
public sealed class PaymentCorrections(Store store, TimeProvider clock, Actor actor)
{
    /// <summary>Corrections by a process named <paramref name="actorName"/> (the system actor on this host).</summary>
    public PaymentCorrections(Store store, TimeProvider clock, string actorName)
        : this(store, clock, Audit.AuditText.SystemNamed(actorName))
    {
    }

    public sealed record MatchResult(long PaymentId, long InstallmentId, long Amount, long Overpaid);

    public sealed record ReverseResult(long PaymentId, long InstallmentId, int EntriesReversed, IReadOnlyList<long> Rebooked);

    public async Task<MatchResult> MatchAsync(long paymentId, long installmentId, string? comment, CancellationToken ct)
    {
        await DemandAsync(Permission.RecordPayments, $"収納 {paymentId} の手動消込", ct);
        return await InTransactionAsync(async (db, writer, booker, now) =>
        {
            var p = await db.Payments.AsNoTracking().SingleOrDefaultAsync(x => x.Id == paymentId, ct)
                ?? throw new DomainException("payment.not_found", $"収納 {paymentId} は登録されていません。");
            if (p.Status != PaymentStatus.Unmatched)
                throw new DomainException("payment.not_unmatched", $"収納 {paymentId} は未消込ではありません（状態: {JapaneseLabels.Of(p.Status)}）。");
            if (!await db.Installments.AnyAsync(i => i.Id == installmentId, ct))
                throw new DomainException("installment.not_found", "指定の期別は登録されていません。");
            var entries = new List<JournalEntry>();
            // Later-dated payments on the installment were allocated without this one: book them again after it.
            var overpaid = await InstallmentReplay.RebookAsync(db, booker, installmentId,
                [new PaymentToBook(p.Id, p.Amount, p.PaidOn, p.ImportFileId, p.SourceLine)], null, now, $"収納 {p.Id} の手動消込", entries, ct);
            await booker.WriteAsync(writer, [], entries,
                [new PaymentStatusChange(p.Id, PaymentStatus.Booked, booker.ReceivedOn(p.ReceivedOn ?? p.PaidOn), installmentId, Reason("手動消込", comment))], now, ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.PaymentMatched, TaxpayerId: await TaxpayerOfAsync(db, installmentId, ct),
                Detail: $"収納 {p.Id} {p.Amount}円 を{await InstallmentNames.OfIdAsync(db, installmentId, ct)}に消込（過誤納 {overpaid[p.Id]}円）{(string.IsNullOrWhiteSpace(comment) ? "" : ": " + Audit.AuditText.MaskMyNumbers(comment))}"), clock, ct);
            return new MatchResult(p.Id, installmentId, p.Amount, overpaid[p.Id]);
        }, ct);
    }

    public async Task<ReverseResult> ReverseAsync(long paymentId, string reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("payment.reason_required", "取消の理由を入力してください。");
        await DemandAsync(Permission.ReversePayments, $"収納 {paymentId} の消込取消", ct);
        return await InTransactionAsync(async (db, writer, booker, now) =>
        {
            var p = await db.Payments.AsNoTracking().SingleOrDefaultAsync(x => x.Id == paymentId, ct)
                ?? throw new DomainException("payment.not_found", $"収納 {paymentId} は登録されていません。");
            if (p.Status != PaymentStatus.Booked || p.InstallmentId is null)
                throw new DomainException("payment.not_booked", $"収納 {paymentId} は消込済みではないため取り消せません（状態: {JapaneseLabels.Of(p.Status)}）。");
            var entries = new List<JournalEntry>();
            var rebooked = await InstallmentReplay.RebookAsync(db, booker, p.InstallmentId.Value, [], p.Id, now, reason, entries, ct);
            var reversed = entries.Count(e => e.Kind == JournalEntryKind.Reversal && e.PaymentId == p.Id);
            // The part of it that paid 滞納処分費 is taken back too: the costs are unpaid again.
            await db.EnforcementCostPayments.Where(x => x.PaymentId == p.Id).ExecuteDeleteAsync(ct);
            await booker.WriteAsync(writer, [], entries,
                [new PaymentStatusChange(p.Id, PaymentStatus.Unmatched, null, null, Reason("消込取消", reason))], now, ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.PaymentReversed, TaxpayerId: await TaxpayerOfAsync(db, p.InstallmentId.Value, ct),
                Detail: $"収納 {p.Id} {p.Amount}円 の消込を取消（{await InstallmentNames.OfIdAsync(db, p.InstallmentId.Value, ct)}、取消仕訳 {reversed} 件、再消込 {rebooked.Count} 件）: {Audit.AuditText.MaskMyNumbers(reason)}"), clock, ct);
            return new ReverseResult(p.Id, p.InstallmentId.Value, reversed, rebooked.Keys.Order().ToList());
        }, ct);
    }

    private Task<T> InTransactionAsync<T>(Func<ChoshuDbContext, IBulkWriter, PaymentBooker, DateTime, Task<T>> work, CancellationToken ct) =>
        BookingTransaction.RunAsync(store, clock, actor.Name, work, ct);

    /// <summary>Checks the right before the booking transaction opens (a refusal is recorded on its own).</summary>
    private async Task DemandAsync(Permission permission, string what, CancellationToken ct)
    {
        await using var db = store.CreateContext();
        await AccessControl.DemandAsync(db, actor, permission, clock, what: what, ct: ct);
    }

    private static Task<long?> TaxpayerOfAsync(ChoshuDbContext db, long installmentId, CancellationToken ct) =>
        db.Installments.AsNoTracking().Where(i => i.Id == installmentId).Select(i => (long?)i.Assessment!.TaxpayerId).FirstOrDefaultAsync(ct);

    private static string Reason(string what, string? comment) => string.IsNullOrWhiteSpace(comment) ? what : $"{what}: {comment}";

}
