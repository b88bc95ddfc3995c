using Choshu.App.Settings;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Bulk;
using Choshu.Formats.Payments;

namespace Choshu.App.Reconciliation;

/// <summary>
/// Books one payment typed by staff (窓口収納) through the same booker as the file imports, in one
/// transaction. With a receipt number, entering the same receipt again is a duplicate, not a second payment.
/// </summary>
public static class SinglePaymentBooking
{
    public static async Task<BookingResult> BookAsync(Store store, PaymentRecord record, string actor, TimeProvider clock, CancellationToken ct)
    {
        AppSettings settings;
        Domain.LateFees.LateFeeRateTable rates;
        await using (var db = store.CreateContext())
        {
            settings = await AppSettings.LoadAsync(db, ct);
            rates = await ReferenceData.LoadRatesAsync(db, ct);
        }
        await using var writer = await BulkWriter.OpenAsync(store, ct);
        await writer.LockAsync("payments", ct);
        await writer.BeginAsync(ct);
        BookingResult result;
        await using (var db = await store.CreateContextAsync(writer.Connection, writer.Transaction, ct))
            result = (await new PaymentBooker(settings.AllocationOrder, rates, actor).BookAsync(db, writer, [record], null, clock.GetUtcNow().UtcDateTime, ct))[0];
        await writer.CommitAsync(ct);
        return result;
    }
}
