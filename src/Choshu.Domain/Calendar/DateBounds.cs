namespace Choshu.Domain.Calendar;

/// <summary>
/// The widest range of any business date Choshu accepts from a person (a command-line date, a month, a fiscal year):
/// from 1868-01-01 (明治, so 和暦 can name it and a birth date can be searched) to 2999-12-31 (so every date plus a year
/// or a slip's days still exists). Narrower rules apply per field: payments <see cref="Reconciliation.PaymentLimits"/>,
/// birth dates <see cref="Reconciliation.PersonDates"/>.
/// </summary>
public static class DateBounds
{
    public static readonly DateOnly Earliest = new(1868, 1, 1);
    public static readonly DateOnly Latest = new(2999, 12, 31);

    public static bool Contains(DateOnly d) => d >= Earliest && d <= Latest;

    /// <summary>A fiscal year (April to March) whose every day is inside the bounds.</summary>
    public static bool ContainsFiscalYear(int fiscalYear) => fiscalYear >= Earliest.Year && fiscalYear < Latest.Year;

    /// <summary>「日付は 1868-01-01 から 2999-12-31 までで指定してください。」</summary>
    public const string DateMessage = "日付は 1868-01-01 から 2999-12-31 までで指定してください。";

    public const string FiscalYearMessage = "年度は 1868 から 2998 までで指定してください。";

    public const string MonthMessage = "月は 1868-01 から 2999-12 までで指定してください。";
}
