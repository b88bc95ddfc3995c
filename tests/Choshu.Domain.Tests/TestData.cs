using System.Globalization;
using Choshu.Domain.LateFees;

namespace Choshu.Domain.Tests;

internal static class TestData
{
    /// <summary>yyyy-MM-dd → DateOnly.</summary>
    public static DateOnly D(string isoDate) =>
        DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The late-fee rate pairs written out in the tests (basis points: 240 = 2.40%), the same
    /// values as the bundled late-fee-rates.csv (checked by BundledCalendarDataTests):
    /// 2014 2.9/9.2, 2015–2016 2.8/9.1, 2017 2.7/9.0, 2018–2020 2.6/8.9, 2021 2.5/8.8,
    /// 2022–2025 2.4/8.7, 2026 2.8/9.1. 2027 is deliberately absent.
    /// </summary>
    public static readonly LateFeeRate[] RateRows =
    [
        new(2014, 290, 920),
        new(2015, 280, 910),
        new(2016, 280, 910),
        new(2017, 270, 900),
        new(2018, 260, 890),
        new(2019, 260, 890),
        new(2020, 260, 890),
        new(2021, 250, 880),
        new(2022, 240, 870),
        new(2023, 240, 870),
        new(2024, 240, 870),
        new(2025, 240, 870),
        new(2026, 280, 910),
    ];

    public static readonly LateFeeRateTable Rates = new(RateRows);
}
