using Choshu.App.Settings;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Bulk;

namespace Choshu.App.Reconciliation;

/// <summary>
/// One booking transaction for work done by staff (a counter payment, a match by hand, a reversal):
/// the settings and rates loaded, the payments lock taken, EF and the bulk writer on one connection
/// and one transaction, committed when the work returns. The booker knows the closed business days (日計締め).
/// </summary>
internal static class BookingTransaction
{
    public static async Task<T> RunAsync<T>(Store store, TimeProvider clock, string actor,
        Func<ChoshuDbContext, IBulkWriter, PaymentBooker, DateTime, Task<T>> work, CancellationToken ct)
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
        T result;
        await using (var db = await store.CreateContextAsync(writer.Connection, writer.Transaction, ct))
        {
            // The closed days are read under the payments lock: a day close takes it too.
            var days = (await BusinessDays.ClosedAsync(db, ct), Domain.Calendar.JapanTime.Today(clock));
            result = await work(db, writer, new PaymentBooker(settings.AllocationOrder, rates, actor) { Days = days }, clock.GetUtcNow().UtcDateTime);
        }
        await writer.CommitAsync(ct);
        return result;
    }
}
