using Choshu.Domain.Calendar;

namespace Choshu.Domain.Tests.Calendar;

/// <summary>会計年度 and 出納整理期間: the one rule of which fiscal year a movement on a claim belongs to.</summary>
public sealed class FiscalYearsTests
{
    [Theory]
    // A payment on 15 May on a claim of the year just ended belongs to that year; on 1 June to the new year.
    [InlineData(2025, "2026-05-15", 2025)]
    [InlineData(2025, "2026-06-01", 2026)]
    [InlineData(2025, "2026-04-01", 2025)]
    [InlineData(2025, "2026-05-31", 2025)]
    // An older claim (滞納繰越分 of the year just ended) likewise.
    [InlineData(2022, "2026-05-15", 2025)]
    // A claim of the new year paid in April–May belongs to the new year.
    [InlineData(2026, "2026-05-15", 2026)]
    // Outside April–May the date's own year.
    [InlineData(2025, "2026-03-31", 2025)]
    [InlineData(2024, "2026-03-31", 2025)]
    [InlineData(2025, "2025-12-10", 2025)]
    public void YearOf_ClaimYearAndDate_Attributed(int claimYear, string date, int expected) =>
        Assert.Equal(expected, FiscalYears.YearOf(claimYear, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Bounds_AgreeWithYearOf()
    {
        Assert.Equal(new DateOnly(2026, 5, 31), FiscalYears.ClosingDay(2025));
        Assert.Equal(new DateOnly(2025, 4, 1), FiscalYears.FirstDay(2025, 2025));
        Assert.Equal(new DateOnly(2025, 6, 1), FiscalYears.FirstDay(2025, 2024));
        // Every day from 2025-01-01 to 2027-12-31, for claims of 2023–2026: YearOf == Y exactly when FirstDay(Y, claim) <= d <= ClosingDay(Y).
        for (var d = new DateOnly(2025, 1, 1); d <= new DateOnly(2027, 12, 31); d = d.AddDays(1))
            foreach (var claim in new[] { 2023, 2024, 2025, 2026 })
                foreach (var y in new[] { 2024, 2025, 2026 })
                {
                    if (claim > y) continue;
                    var inWindow = d >= FiscalYears.FirstDay(y, claim) && d <= FiscalYears.ClosingDay(y);
                    Assert.True(inWindow == (FiscalYears.YearOf(claim, d) == y), $"{claim} {d:yyyy-MM-dd} {y}");
                }
    }
}
