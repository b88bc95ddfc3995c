using Choshu.Data;
using Choshu.Domain.Calendar;
using Choshu.Domain.LateFees;
using Choshu.Domain.Refunds;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Stores;

/// <summary>The holiday calendar and late-fee rate table as the store holds them (administrator-extendable data).</summary>
public static class ReferenceData
{
    public static async Task<HolidayCalendar> LoadCalendarAsync(ChoshuDbContext db, CancellationToken ct = default)
    {
        var rows = await db.Holidays.AsNoTracking().ToListAsync(ct);
        if (rows.Count == 0)
            throw new InvalidOperationException("祝日データがありません。choshu db init を実行してください。");
        var holidays = rows.Select(r => new Holiday(r.Date, r.Name)).ToList();
        return new HolidayCalendar(holidays, holidays.Min(h => h.Date.Year), holidays.Max(h => h.Date.Year));
    }

    public static async Task<LateFeeRateTable> LoadRatesAsync(ChoshuDbContext db, CancellationToken ct = default)
    {
        var rows = await db.LateFeeRates.AsNoTracking().ToListAsync(ct);
        return new LateFeeRateTable(rows.Select(r => new LateFeeRate(r.Year, r.LowerBasisPoints, r.HigherBasisPoints, r.DefermentBasisPoints)));
    }

    /// <summary>
    /// The late-fee rate table for a page read at every request (the taxpayer page): kept in memory for a few seconds
    /// (<see cref="ReferenceCache"/>); a change made in this process is seen at once.
    /// </summary>
    public static Task<LateFeeRateTable> CachedRatesAsync(ChoshuDbContext db, CancellationToken ct = default) =>
        ReferenceCache.GetAsync(db, "late_fee_rates", LoadRatesAsync, ct);

    /// <summary>税目 names by code, as <see cref="CachedRatesAsync"/> keeps them (the taxpayer page).</summary>
    public static Task<IReadOnlyDictionary<string, string>> CachedTaxKindNamesAsync(ChoshuDbContext db, CancellationToken ct = default) =>
        ReferenceCache.GetAsync<IReadOnlyDictionary<string, string>>(db, "tax_kinds",
            async (d, c) => await d.TaxKinds.AsNoTracking().ToDictionaryAsync(k => k.Code, k => k.Name, c), ct);

    /// <summary>The refund interest rates (還付加算金の割合) as the store holds them.</summary>
    public static async Task<RefundInterestRateTable> LoadRefundInterestRatesAsync(ChoshuDbContext db, CancellationToken ct = default)
    {
        var rows = await db.RefundInterestRates.AsNoTracking().ToListAsync(ct);
        return new RefundInterestRateTable(rows.Select(r => new RefundInterestRate(r.Year, r.BasisPoints)));
    }
}
