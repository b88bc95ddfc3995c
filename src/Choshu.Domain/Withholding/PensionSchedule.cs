namespace Choshu.Domain.Withholding;

/// <summary>
/// 公的年金からの特別徴収 (地方税法321条の7の2–321条の7の10): the pension payment months, amounts and due dates of one fiscal year.
/// Pure: no clock, no store.
/// <list type="bullet">
/// <item>Months are the six pension payment months, numbered 1–6: 1 = 4月, 2 = 6月, 3 = 8月 (仮徴収, 321条の7の8: the amount
/// the city names from the year before) and 4 = 10月, 5 = 12月, 6 = 翌年2月 (本徴収, 321条の7の2: the rest of the year's
/// 年金特別徴収税額).</item>
/// <item>Each part is split over its three months: the part divided by 3, rounded down to 100 yen, the remainder in the first
/// month (4月 for 仮徴収, 10月 for 本徴収), as the 特別徴収税額通知 does.</item>
/// <item>The 年金保険者 (特別徴収義務者) pays what it withheld in a month by the 10th of the next month (321条の7の6); the
/// holiday shift (地方税法20条の5) is the caller's.</item>
/// </list>
/// </summary>
public static class PensionSchedule
{
    public const int Months = 6;

    /// <summary>The calendar year and month of pension month <paramref name="monthNo"/> (1 = April … 6 = February of the next year).</summary>
    public static (int Year, int Month) CalendarMonth(int fiscalYear, int monthNo)
    {
        CheckMonth(monthNo);
        var m = 2 * monthNo + 2;
        return m <= 12 ? (fiscalYear, m) : (fiscalYear + 1, m - 12);
    }

    /// <summary>The fiscal year and month number of a pension payment month (April, June, August, October, December, February); null for any other month.</summary>
    public static (int FiscalYear, int MonthNo)? MonthOf(int year, int month) => month switch
    {
        4 or 6 or 8 or 10 or 12 => (year, (month - 2) / 2),
        2 => (year - 1, 6),
        _ => null,
    };

    /// <summary>True for 仮徴収 months (April, June, August).</summary>
    public static bool IsProvisional(int monthNo) { CheckMonth(monthNo); return monthNo <= 3; }

    /// <summary>The nominal 納入期限 of a month's withholding: the 10th of the next calendar month (321条の7の6).</summary>
    public static DateOnly NominalDueDate(int fiscalYear, int monthNo)
    {
        var (y, m) = CalendarMonth(fiscalYear, monthNo);
        return new DateOnly(y, m, 10).AddMonths(1);
    }

    /// <summary>
    /// The six monthly amounts (index 0 = April) of a year's <paramref name="annual"/> 年金特別徴収税額 of which
    /// <paramref name="provisional"/> is withheld as 仮徴収 (April, June, August) and the rest as 本徴収 (October, December,
    /// February). Each part: divided by 3 rounded down to 100 yen, the remainder in its first month.
    /// </summary>
    public static long[] Split(long annual, long provisional)
    {
        if (annual < 0 || provisional < 0) throw new DomainException("pension.amount_negative", "年金特別徴収の税額は0円以上で指定してください。");
        if (provisional > annual)
            throw new DomainException("pension.provisional_over_annual", $"仮徴収額（{provisional}円）が年税額（{annual}円）を超えています。");
        var result = new long[Months];
        Spread(provisional, result, 0);
        Spread(annual - provisional, result, 3);
        return result;
    }

    private static void Spread(long amount, long[] into, int first)
    {
        var each = amount / 3 / 100 * 100;
        into[first] = amount - each * 2;
        into[first + 1] = each;
        into[first + 2] = each;
    }

    private static void CheckMonth(int monthNo)
    {
        if (monthNo is < 1 or > Months)
            throw new DomainException("pension.month_invalid", $"年金特別徴収の月は1（4月）〜6（翌年2月）で指定してください（{monthNo}）。");
    }
}
