using Choshu.App.Assessments;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Formats.Payments;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Reconciliation;

/// <summary>
/// Books one payment typed by staff (窓口収納) through the same booker as the file imports, in one
/// transaction. With a receipt number, entering the same receipt again is a duplicate, not a second payment.
/// Needs <see cref="Permission.RecordPayments"/>; recorded in the audit log (3004) in the same transaction.
/// A counter payment for an installment whose right to collect has lapsed on the 納付日 (時効, the booker's own
/// condition, <see cref="PaymentDesk.CounterRefusalAsync"/>) is refused: nothing is booked, the refusal is recorded
/// as 3004 with outcome Failed, and a <see cref="DomainException"/> ("payment.claim_lapsed") says why in Japanese.
/// A receipt number already booked is still answered as a duplicate.
/// </summary>
public static class SinglePaymentBooking
{
    public const string ClaimLapsedCode = "payment.claim_lapsed";

    /// <param name="refuseOverpayment">When set, a counter payment above what the installment owes on its 納付日 (quoted as the booker will
    /// allocate it) is refused with <see cref="CounterReceipts.OverpaymentCode"/> before anything is booked: the clerk must confirm it.</param>
    public static async Task<BookingResult> BookAsync(Store store, PaymentRecord record, Actor actor, TimeProvider clock, CancellationToken ct,
        bool refuseOverpayment = false, string? dateOverride = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        bool overridden;
        await using (var check = store.CreateContext())
        {
            await AccessControl.DemandAsync(check, actor, Permission.RecordPayments, clock, what: "窓口収納の入力", ct: ct);
            overridden = await PaymentDateRule.DemandAsync(check, actor, record.PaidOn, record.Amount, dateOverride, clock, ct);
        }
        string? refusal = null;
        var booked = await BookingTransaction.RunAsync<BookingResult?>(store, clock, actor.Name, async (db, writer, booker, now) =>
        {
            if (record.Channel == PaymentChannel.Counter && record.Key?.InstallmentId is { } target
                && !await db.Payments.AsNoTracking().AnyAsync(p => p.IdempotencyKey == record.IdempotencyKey, ct)
                && await PaymentDesk.CounterRefusalAsync(db, target, record.PaidOn, ct) is { } refused)
            {
                refusal = refused;
                var owner = await db.Installments.AsNoTracking().Where(i => i.Id == target).Select(i => (long?)i.Assessment!.TaxpayerId).FirstOrDefaultAsync(ct);
                await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.PaymentEntered, AuditOutcome.Failed, owner,
                    Detail: $"収納 - 拒否（時効により消滅した期別） {record.Amount}円 納付日 {record.PaidOn:yyyy-MM-dd} {await InstallmentNames.OfIdAsync(db, target, ct)}"), clock, ct);
                return null;
            }
            if (refuseOverpayment && record.Key?.InstallmentId is { } owedBy
                && !await db.Payments.AsNoTracking().AnyAsync(p => p.IdempotencyKey == record.IdempotencyKey, ct))
            {
                var found = await Assessments.InstallmentFinder.FindByIdAsync(db, owedBy, ct);
                var quote = await PaymentDesk.QuoteOfAsync(db, found, record.PaidOn, ct);
                if (record.Amount > quote.Total)
                    throw new DomainException(CounterReceipts.OverpaymentCode,
                        $"{PaymentDesk.InstallmentName(found)}に納付日 {PaymentDesk.JapaneseDate(record.PaidOn)} に納める額は {Formats.Text.YenText.Yen(quote.Total)} です。"
                        + $"{Formats.Text.YenText.Yen(record.Amount)} を受け取ると {Formats.Text.YenText.Yen(record.Amount - quote.Total)} が過誤納になります。記録していません。");
            }
            if (overridden)
                await PaymentDateRule.RecordOverrideAsync(db, actor, record.PaidOn, record.Amount, dateOverride!, await InstallmentNames.OfIdAsync(db, record.Key?.InstallmentId, ct), clock, ct);
            var result = (await booker.BookAsync(db, writer, [record], null, now, ct))[0];
            var installmentId = record.Key?.InstallmentId;
            var taxpayerId = installmentId is null ? null
                : await db.Installments.AsNoTracking().Where(i => i.Id == installmentId).Select(i => (long?)i.Assessment!.TaxpayerId).FirstOrDefaultAsync(ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.PaymentEntered,
                result.Outcome == BookingOutcome.Quarantined ? AuditOutcome.Failed : AuditOutcome.Succeeded, taxpayerId,
                Detail: $"収納 {result.PaymentId?.ToString() ?? "-"} {BookingOutcomes.Label(result.Outcome)} {result.Amount}円 (過誤納 {result.Overpaid}円) {await InstallmentNames.OfIdAsync(db, installmentId, ct)}"), clock, ct);
            return result;
        }, ct);
        // The refusal's audit record is committed with the transaction; then the clerk is told.
        return booked ?? throw new DomainException(ClaimLapsedCode, refusal!);
    }
}
