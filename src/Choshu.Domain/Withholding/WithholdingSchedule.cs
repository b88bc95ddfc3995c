namespace Choshu.Domain.Withholding;

/// <summary>
/// 給与からの特別徴収 (地方税法321条の3–321条の7): the months, amounts and due dates of one fiscal year. Pure: no clock, no store.
/// <list type="bullet">
/// <item>Months are numbered 1–12 from June of the fiscal year (1 = 6月分) to May of the next (12 = 5月分): the employer
/// withholds from the salary of each month and pays it in by the 10th of the next month (321条の5第1項).</item>
/// <item>月割額: the annual amount divided by 12, the monthly amount rounded down to 100 yen and the remainder added to June
/// (the practice of the 特別徴収税額決定通知書). A part year (an employee who joins later) is split the same way over its
/// months, the remainder in its first month.</item>
/// <item>納期の特例 (321条の5の2, fewer than 10 employees, approved by the city): two installments, June–November due
/// 10 December, December–May due 10 June of the next year.</item>
/// <item>The due dates are nominal; the holiday shift (地方税法20条の5) is the caller's (<c>HolidayCalendar.EffectiveDueDate</c>).</item>
/// </list>
/// </summary>
public static class WithholdingSchedule
{
    public const int Months = 12;

    /// <summary>The calendar year and month of month <paramref name="monthNo"/> (1 = June) of <paramref name="fiscalYear"/>.</summary>
    public static (int Year, int Month) CalendarMonth(int fiscalYear, int monthNo)
    {
        CheckMonth(monthNo);
        var m = monthNo + 5; // 1 → 6
        return m <= 12 ? (fiscalYear, m) : (fiscalYear + 1, m - 12);
    }

    /// <summary>The fiscal year and month number (1 = June) of a calendar month: June–December belong to that year, January–May to the year before.</summary>
    public static (int FiscalYear, int MonthNo) MonthOf(int year, int month)
    {
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month), month, "月は1〜12です。");
        return month >= 6 ? (year, month - 5) : (year - 1, month + 7);
    }

    /// <summary>The installment (期別) a month is paid in: the month itself, or 1 (June–November) / 2 (December–May) under 納期の特例.</summary>
    public static short PeriodOf(int monthNo, bool specialSchedule)
    {
        CheckMonth(monthNo);
        return specialSchedule ? (short)(monthNo <= 6 ? 1 : 2) : (short)monthNo;
    }

    /// <summary>The number of installments of a year: 12, or 2 under 納期の特例.</summary>
    public static int Periods(bool specialSchedule) => specialSchedule ? 2 : Months;

    /// <summary>The months an installment covers (1–12).</summary>
    public static IReadOnlyList<int> MonthsOf(short period, bool specialSchedule)
    {
        if (!specialSchedule) { CheckMonth(period); return [period]; }
        return period switch
        {
            1 => [1, 2, 3, 4, 5, 6],
            2 => [7, 8, 9, 10, 11, 12],
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "納期の特例の期別は1または2です。"),
        };
    }

    /// <summary>
    /// The nominal 納期限 of an installment: the 10th of the month after the month withheld (321条の5); under 納期の特例
    /// 10 December (June–November) and 10 June of the next year (December–May) (321条の5の2).
    /// </summary>
    public static DateOnly NominalDueDate(int fiscalYear, short period, bool specialSchedule)
    {
        if (specialSchedule)
            return period switch
            {
                1 => new DateOnly(fiscalYear, 12, 10),
                2 => new DateOnly(fiscalYear + 1, 6, 10),
                _ => throw new ArgumentOutOfRangeException(nameof(period), period, "納期の特例の期別は1または2です。"),
            };
        var (y, m) = CalendarMonth(fiscalYear, period);
        return new DateOnly(y, m, 10).AddMonths(1);
    }

    /// <summary>月割額 of an annual amount over all twelve months (the remainder in June).</summary>
    public static long[] Split(long annual) => SplitFrom(annual, 1);

    /// <summary>
    /// An amount split over months <paramref name="firstMonth"/>–12: each month the amount divided by the number of months,
    /// rounded down to 100 yen; the remainder in the first month. Index 0 of the result is month 1 (June); months before
    /// <paramref name="firstMonth"/> are 0.
    /// </summary>
    public static long[] SplitFrom(long amount, int firstMonth)
    {
        CheckMonth(firstMonth);
        if (amount < 0) throw new DomainException("withholding.amount_negative", "特別徴収税額は0円以上で指定してください。");
        var months = Months - firstMonth + 1;
        var each = amount / months / 100 * 100;
        var result = new long[Months];
        for (var m = firstMonth; m <= Months; m++) result[m - 1] = each;
        result[firstMonth - 1] = amount - each * (months - 1);
        return result;
    }

    private static void CheckMonth(int monthNo)
    {
        if (monthNo is < 1 or > Months)
            throw new DomainException("withholding.month_invalid", $"特別徴収の月は1（6月分）〜12（5月分）で指定してください（{monthNo}）。");
    }
}

/// <summary>
/// 普通徴収への切替 (an employee who leaves and is not collected by lump sum, 321条の7): the amount not withheld becomes an
/// ordinary assessment of the employee on the 普通徴収 納期 (end of June, August, October and the next January, the city's
/// ordinance) that fall at least <see cref="NoticeLeadDays"/> days after the notice; when none is left in the year, one
/// installment due at the end of the month after the notice. The amount is split equally, rounded down to 1,000 yen, the
/// remainder in the first installment (one installment when the amount is too small to split).
/// </summary>
public static class OrdinarySwitch
{
    /// <summary>The notice must reach the taxpayer at least this many days before a 納期限 (地方税法319条の2第3項の趣旨: 10日前).</summary>
    public const int NoticeLeadDays = 10;

    /// <summary>The ordinary 納期 of 市民税 in a fiscal year (nominal).</summary>
    public static IReadOnlyList<DateOnly> OrdinaryDueDates(int fiscalYear) =>
        [EndOf(fiscalYear, 6), EndOf(fiscalYear, 8), EndOf(fiscalYear, 10), EndOf(fiscalYear + 1, 1)];

    /// <summary>The installments (nominal 納期限, amount) of the remaining <paramref name="amount"/> noticed on <paramref name="noticeDate"/>.</summary>
    public static IReadOnlyList<(DateOnly NominalDueDate, long Amount)> Plan(long amount, int fiscalYear, DateOnly noticeDate)
    {
        if (amount <= 0) return [];
        var dates = OrdinaryDueDates(fiscalYear).Where(d => d >= noticeDate.AddDays(NoticeLeadDays)).ToList();
        if (dates.Count == 0)
        {
            var next = noticeDate.AddMonths(1);
            dates = [EndOf(next.Year, next.Month)];
        }
        var each = amount / dates.Count / 1000 * 1000;
        if (each == 0) return [(dates[0], amount)];
        return dates.Select((d, i) => (d, i == 0 ? amount - each * (dates.Count - 1) : each)).ToList();
    }

    private static DateOnly EndOf(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));
}
