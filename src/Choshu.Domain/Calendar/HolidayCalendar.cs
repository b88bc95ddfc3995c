namespace Choshu.Domain.Calendar;

/// <summary>
/// The holiday calendar for the years its data covers, and the due-date rule of
/// 地方税法20条の5: a due date on a Saturday, Sunday, national holiday or 29 Dec–3 Jan moves to
/// the next day that is none of these. Asking about a year outside the data is an error, never
/// a silent "not a holiday".
/// </summary>
public sealed class HolidayCalendar
{
    private readonly Dictionary<DateOnly, Holiday> _byDate;

    public HolidayCalendar(IEnumerable<Holiday> holidays, int firstYear, int lastYear)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        if (firstYear < DateOnly.MinValue.Year || lastYear >= DateOnly.MaxValue.Year || firstYear > lastYear)
        {
            throw new DomainException(
                "calendar.invalid_range",
                $"祝日カレンダーの対象年の範囲が正しくありません（{firstYear}年～{lastYear}年）。");
        }

        FirstYear = firstYear;
        LastYear = lastYear;
        _byDate = new Dictionary<DateOnly, Holiday>();
        foreach (var holiday in holidays)
        {
            ArgumentNullException.ThrowIfNull(holiday);
            if (holiday.Date.Year < firstYear || holiday.Date.Year > lastYear)
            {
                throw new DomainException(
                    "calendar.holiday_out_of_range",
                    $"祝日 {holiday.Date:yyyy-MM-dd}（{holiday.Name}）は祝日カレンダーの対象年（{firstYear}年～{lastYear}年）の範囲外です。");
            }

            if (string.IsNullOrWhiteSpace(holiday.Name))
            {
                throw new DomainException(
                    "calendar.holiday_name_missing",
                    $"祝日 {holiday.Date:yyyy-MM-dd} の名称が空です。");
            }

            if (!_byDate.TryAdd(holiday.Date, holiday))
            {
                throw new DomainException(
                    "calendar.duplicate_date",
                    $"祝日 {holiday.Date:yyyy-MM-dd} が重複して登録されています。");
            }
        }

        Holidays = _byDate.Values.OrderBy(h => h.Date).ToArray().AsReadOnly();
    }

    /// <summary>All holidays, in date order.</summary>
    public IReadOnlyList<Holiday> Holidays { get; }

    /// <summary>First calendar year the data covers.</summary>
    public int FirstYear { get; }

    /// <summary>Last calendar year the data covers (inclusive).</summary>
    public int LastYear { get; }

    /// <summary>True when <paramref name="date"/> is a national holiday, substitute holiday or 国民の休日.</summary>
    public bool IsHoliday(DateOnly date)
    {
        EnsureCovered(date);
        return _byDate.ContainsKey(date);
    }

    /// <summary>
    /// True on a Saturday, a Sunday, a national holiday, and 29 December to 3 January
    /// (the days a due date cannot fall on, 地方税法20条の5).
    /// </summary>
    public bool IsClosedDay(DateOnly date)
    {
        EnsureCovered(date);
        return date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
            || IsYearEndHoliday(date)
            || _byDate.ContainsKey(date);
    }

    /// <summary>
    /// The due date that applies: <paramref name="nominal"/> itself when it is not a closed day,
    /// otherwise the next day that is not closed.
    /// </summary>
    public DateOnly EffectiveDueDate(DateOnly nominal)
    {
        var date = nominal;
        while (IsClosedDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private static bool IsYearEndHoliday(DateOnly date) =>
        (date.Month == 12 && date.Day >= 29) || (date.Month == 1 && date.Day <= 3);

    private void EnsureCovered(DateOnly date)
    {
        if (date.Year < FirstYear || date.Year > LastYear)
        {
            throw new DomainException(
                "calendar.not_covered",
                $"祝日カレンダーに{date.Year}年のデータがありません（登録済みは{FirstYear}年～{LastYear}年）。管理者が{date.Year}年の祝日を登録してください。");
        }
    }
}
