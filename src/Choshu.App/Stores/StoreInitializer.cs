using Choshu.App.Privacy;
using Choshu.Data;
using Choshu.Data.Calendar;
using Choshu.Data.Taxpayers;
using Choshu.Formats.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Stores;

/// <summary>
/// <c>choshu db init</c>: creates or migrates the store, fills the search keys of taxpayers written before
/// they existed (<see cref="SearchKeyBackfill"/>), then loads the reference data shipped
/// with Choshu (holidays, late-fee rates, refund interest rates) where the store does not hold it yet. Rows an
/// administrator added or changed are left as they are. Safe to run any number of times. For a SQLite
/// store it also creates the My Number key file beside it when there is none.
/// </summary>
public static class StoreInitializer
{
    /// <param name="KeysFileCreated">The key file created by this run (a SQLite store that had none), else null.</param>
    /// <param name="SearchKeysFilled">Taxpayer rows whose search keys this run filled (rows written before they existed).</param>
    public sealed record Result(int MigrationsApplied, int HolidaysAdded, int RatesAdded, string? KeysFileCreated = null, int SearchKeysFilled = 0, int RefundRatesAdded = 0);

    public static async Task<Result> InitializeAsync(Store store, CancellationToken ct = default) =>
        await InitializeAsync(store, TimeProvider.System, ct);

    /// <summary>
    /// As <see cref="InitializeAsync(Store, CancellationToken)"/>; for a SQLite store whose key file
    /// (<see cref="Store.ResolveKeysFile"/>) does not exist yet, also creates it (mode 0600) so that the
    /// embedded store needs no configuration. A PostgreSQL store's key file is the operator's to create
    /// (<c>choshu keys init</c>).
    /// </summary>
    public static async Task<Result> InitializeAsync(Store store, TimeProvider clock, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
        await db.Database.MigrateAsync(ct);
        if (db.Provider == StoreProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        // Taxpayers written before the search keys existed get them now (none on a new store).
        var searchKeysFilled = await SearchKeyBackfill.RunAsync(db, ct);

        var haveDates = (await db.Holidays.Select(h => h.Date).ToListAsync(ct)).ToHashSet();
        var newHolidays = BundledCalendarData.Holidays()
            .Where(h => !haveDates.Contains(h.Date))
            .Select(h => new HolidayRow { Date = h.Date, Name = h.Name, Source = "bundled" })
            .ToList();
        db.Holidays.AddRange(newHolidays);

        var haveRates = await db.LateFeeRates.ToListAsync(ct);
        var haveYears = haveRates.Select(r => r.Year).ToHashSet();
        var newRates = BundledCalendarData.LateFeeRates()
            .Where(r => !haveYears.Contains(r.Year))
            .Select(r => new LateFeeRateRow { Year = r.Year, LowerBasisPoints = r.LowerBasisPoints, HigherBasisPoints = r.HigherBasisPoints,
                DefermentBasisPoints = r.DefermentBasisPoints, Source = "bundled" })
            .ToList();
        db.LateFeeRates.AddRange(newRates);
        // A year stored before the 猶予特例基準割合 was kept gets the bundled one (an administrator's value is never replaced).
        var bundledCaps = BundledCalendarData.LateFeeRates().Where(r => r.DefermentBasisPoints is not null).ToDictionary(r => r.Year, r => r.DefermentBasisPoints);
        foreach (var row in haveRates.Where(r => r.DefermentBasisPoints is null && bundledCaps.ContainsKey(r.Year)))
            row.DefermentBasisPoints = bundledCaps[row.Year];

        var haveRefundYears = (await db.RefundInterestRates.Select(r => r.Year).ToListAsync(ct)).ToHashSet();
        var newRefundRates = BundledCalendarData.RefundInterestRates()
            .Where(r => !haveRefundYears.Contains(r.Year))
            .Select(r => new RefundInterestRateRow { Year = r.Year, BasisPoints = r.BasisPoints, Source = "bundled" })
            .ToList();
        db.RefundInterestRates.AddRange(newRefundRates);
        await db.SaveChangesAsync(ct);
        ReferenceCache.Invalidate(db);
        var keysCreated = await EnsureSqliteKeyFileAsync(store, db, clock, ct);
        return new Result(pending, newHolidays.Count, newRates.Count, keysCreated, searchKeysFilled, newRefundRates.Count);
    }

    private static async Task<string?> EnsureSqliteKeyFileAsync(Store store, ChoshuDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (store.Provider != StoreProvider.Sqlite || store.ResolveKeysFile() is not { } path || File.Exists(path)) return null;
        // Values sealed under a key that is gone cannot be read with a new one: never paper over a lost key file.
        if (await db.TaxpayerMyNumbers.AnyAsync(m => m.KeyVersion > 0, ct))
            throw new KeyRingException(
                $"個人番号の暗号鍵ファイル {path} がありませんが、このデータベースには暗号化された個人番号があります。" +
                "新しい鍵では復号できないため作成しません。鍵ファイルをバックアップから復元してください（docs/operations.md）。");
        KeyRingFile.CreateNew(path, clock.GetUtcNow().UtcDateTime);
        return path;
    }

    /// <summary>True when the store exists and has every migration applied.</summary>
    public static async Task<bool> IsReadyAsync(ChoshuDbContext db, CancellationToken ct = default)
    {
        if (!await db.Database.CanConnectAsync(ct)) return false;
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).Count();
        return applied > 0 && !(await db.Database.GetPendingMigrationsAsync(ct)).Any();
    }
}
