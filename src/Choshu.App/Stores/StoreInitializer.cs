using Choshu.Data;
using Choshu.Data.Calendar;
using Choshu.Formats.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Stores;

/// <summary>
/// <c>choshu db init</c>: creates or migrates the store, then loads the reference data shipped
/// with Choshu (holidays, late-fee rates) where the store does not hold it yet. Rows an
/// administrator added or changed are left as they are. Safe to run any number of times.
/// </summary>
public static class StoreInitializer
{
    public sealed record Result(int MigrationsApplied, int HolidaysAdded, int RatesAdded);

    public static async Task<Result> InitializeAsync(Store store, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
        await db.Database.MigrateAsync(ct);
        if (db.Provider == StoreProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);

        var haveDates = (await db.Holidays.Select(h => h.Date).ToListAsync(ct)).ToHashSet();
        var newHolidays = BundledCalendarData.Holidays()
            .Where(h => !haveDates.Contains(h.Date))
            .Select(h => new HolidayRow { Date = h.Date, Name = h.Name, Source = "bundled" })
            .ToList();
        db.Holidays.AddRange(newHolidays);

        var haveYears = (await db.LateFeeRates.Select(r => r.Year).ToListAsync(ct)).ToHashSet();
        var newRates = BundledCalendarData.LateFeeRates()
            .Where(r => !haveYears.Contains(r.Year))
            .Select(r => new LateFeeRateRow { Year = r.Year, LowerBasisPoints = r.LowerBasisPoints, HigherBasisPoints = r.HigherBasisPoints, Source = "bundled" })
            .ToList();
        db.LateFeeRates.AddRange(newRates);
        await db.SaveChangesAsync(ct);
        return new Result(pending, newHolidays.Count, newRates.Count);
    }

    /// <summary>True when the store exists and has every migration applied.</summary>
    public static async Task<bool> IsReadyAsync(ChoshuDbContext db, CancellationToken ct = default)
    {
        if (!await db.Database.CanConnectAsync(ct)) return false;
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).Count();
        return applied > 0 && !(await db.Database.GetPendingMigrationsAsync(ct)).Any();
    }
}
