using Choshu.Data;
using Choshu.Formats.Payments;

namespace Choshu.App.Reconciliation;

/// <summary>
/// Books one payment typed by staff (窓口収納) through the same booker as the file imports, in one
/// transaction. With a receipt number, entering the same receipt again is a duplicate, not a second payment.
/// </summary>
public static class SinglePaymentBooking
{
    public static Task<BookingResult> BookAsync(Store store, PaymentRecord record, string actor, TimeProvider clock, CancellationToken ct) =>
        BookingTransaction.RunAsync(store, clock, actor,
            async (db, writer, booker, now) => (await booker.BookAsync(db, writer, [record], null, now, ct))[0], ct);
}
