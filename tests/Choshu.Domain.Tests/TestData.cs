using System.Globalization;
using Choshu.Domain.LateFees;
using Choshu.Domain.Refunds;

namespace Choshu.Domain.Tests;

internal static class TestData
{
    /// <summary>yyyy-MM-dd → DateOnly.</summary>
    public static DateOnly D(string isoDate) =>
        DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The late-fee rate pairs written out in the tests (basis points: 240 = 2.40%), the same
    /// values as the bundled late-fee-rates.csv (checked by BundledCalendarDataTests):
    /// 1990–1999 7.3/14.6 (statutory), 2000–2001 4.5/14.6, 2002–2006 4.1/14.6, 2007 4.4/14.6, 2008 4.7/14.6,
    /// 2009 4.5/14.6, 2010–2013 4.3/14.6 (特例基準割合 = 商業手形の基準割引率 + 4%, higher rate statutory),
    /// 2014 2.9/9.2, 2015–2016 2.8/9.1, 2017 2.7/9.0, 2018–2020 2.6/8.9, 2021 2.5/8.8,
    /// 2022–2025 2.4/8.7, 2026 2.8/9.1. 2027 is deliberately absent. With the 猶予特例基準割合 from 2014
    /// (deferment-rates.csv: before 2021 the 特例基準割合, from 2021 平均貸付割合 + 0.5%).
    /// </summary>
    public static readonly LateFeeRate[] RateRows =
    [
        new(1990, 730, 1460), new(1991, 730, 1460), new(1992, 730, 1460), new(1993, 730, 1460), new(1994, 730, 1460),
        new(1995, 730, 1460), new(1996, 730, 1460), new(1997, 730, 1460), new(1998, 730, 1460), new(1999, 730, 1460),
        new(2000, 450, 1460), new(2001, 450, 1460),
        new(2002, 410, 1460), new(2003, 410, 1460), new(2004, 410, 1460), new(2005, 410, 1460), new(2006, 410, 1460),
        new(2007, 440, 1460), new(2008, 470, 1460), new(2009, 450, 1460),
        new(2010, 430, 1460), new(2011, 430, 1460), new(2012, 430, 1460), new(2013, 430, 1460),
        new(2014, 290, 920, 190),
        new(2015, 280, 910, 180),
        new(2016, 280, 910, 180),
        new(2017, 270, 900, 170),
        new(2018, 260, 890, 160),
        new(2019, 260, 890, 160),
        new(2020, 260, 890, 160),
        new(2021, 250, 880, 100),
        new(2022, 240, 870, 90),
        new(2023, 240, 870, 90),
        new(2024, 240, 870, 90),
        new(2025, 240, 870, 90),
        new(2026, 280, 910, 130),
    ];

    public static readonly LateFeeRateTable Rates = new(RateRows);

    /// <summary>
    /// The refund interest rates written out in the tests (basis points: 90 = 0.90%), the same values as the bundled
    /// refund-interest-rates.csv: 1990–1999 7.3 (statutory), 2000–2013 as the late fee's lower rate above,
    /// 2014 1.9, 2015–2016 1.8, 2017 1.7, 2018–2020 1.6, 2021 1.0, 2022–2025 0.9, 2026 1.3. 2027 is absent.
    /// </summary>
    public static readonly RefundInterestRate[] RefundRateRows =
    [
        .. Enumerable.Range(1990, 24).Select(y => new RefundInterestRate(y, RateRows.Single(r => r.Year == y).LowerBasisPoints)),
        new(2014, 190), new(2015, 180), new(2016, 180), new(2017, 170), new(2018, 160), new(2019, 160), new(2020, 160),
        new(2021, 100), new(2022, 90), new(2023, 90), new(2024, 90), new(2025, 90), new(2026, 130),
    ];

    public static readonly RefundInterestRateTable RefundRates = new(RefundRateRows);
}
