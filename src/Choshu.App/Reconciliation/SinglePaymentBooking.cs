using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.Formats.Payments;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Reconciliation;

/// <summary>
/// Books one payment typed by staff (窓口収納) through the same booker as the file imports, in one
/// transaction. With a receipt number, entering the same receipt again is a duplicate, not a second payment.
/// Needs <see cref="Permission.RecordPayments"/>; recorded in the audit log (3004) in the same transaction.
/// </summary>
public static class SinglePaymentBooking
{
    public static async Task<BookingResult> BookAsync(Store store, PaymentRecord record, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using (var check = store.CreateContext())
            await AccessControl.DemandAsync(check, actor, Permission.RecordPayments, clock, what: "窓口収納の入力", ct: ct);
        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, writer, booker, now) =>
        {
            var result = (await booker.BookAsync(db, writer, [record], null, now, ct))[0];
            var installmentId = record.Key?.InstallmentId;
            var taxpayerId = installmentId is null ? null
                : await db.Installments.AsNoTracking().Where(i => i.Id == installmentId).Select(i => (long?)i.Assessment!.TaxpayerId).FirstOrDefaultAsync(ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.PaymentEntered,
                result.Outcome == BookingOutcome.Quarantined ? AuditOutcome.Failed : AuditOutcome.Succeeded, taxpayerId,
                Detail: $"収納 {result.PaymentId?.ToString() ?? "-"} {result.Outcome} {result.Amount}円 (過誤納 {result.Overpaid}円) 期別ID {installmentId?.ToString() ?? "-"}"), clock, ct);
            return result;
        }, ct);
    }
}
