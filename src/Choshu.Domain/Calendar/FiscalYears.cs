namespace Choshu.Domain.Calendar;

/// <summary>
/// 会計年度 and 出納整理期間 (地方自治法208条・235条の5): the one rule of which fiscal year a movement on a claim belongs to.
/// The fiscal year runs 1 April – 31 March; the accounts of a year close (出納閉鎖) on 31 May of the next calendar year. A
/// movement (payment, amendment, write-off …) valued 1 April – 31 May on a claim of an earlier fiscal year (調定年度 before the
/// year the date falls in) belongs to the year just ended (出納整理期間). From 1 June the claims of the year just ended that are
/// still unpaid are that new year's 滞納繰越分, and their movements belong to the new year. Every report and file that
/// attributes a fiscal year (調定収納集計, 滞納繰越, 財務会計 hand-over) uses this rule and nothing else.
/// </summary>
public static class FiscalYears
{
    /// <summary>The fiscal year (April–March) a date falls in, regardless of any claim.</summary>
    public static int CalendarYearOf(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    /// <summary>
    /// The fiscal year a movement valued on <paramref name="date"/> on a claim of 調定年度 <paramref name="claimFiscalYear"/> belongs
    /// to: the year the date falls in, except that 1 April – 31 May on a claim of an earlier year belongs to the year just ended.
    /// Example: a payment on 2026-05-15 on a 2025 claim → 2025; on 2026-06-01 → 2026; on 2026-05-15 on a 2026 claim → 2026.
    /// </summary>
    public static int YearOf(int claimFiscalYear, DateOnly date)
    {
        var year = CalendarYearOf(date);
        return date.Month is 4 or 5 && claimFiscalYear < year ? year - 1 : year;
    }

    /// <summary>出納閉鎖日: 31 May after the fiscal year ends, the last day a movement can belong to <paramref name="fiscalYear"/>.</summary>
    public static DateOnly ClosingDay(int fiscalYear) => new(fiscalYear + 1, 5, 31);

    /// <summary>
    /// The first day a movement on a claim of <paramref name="claimFiscalYear"/> belongs to <paramref name="fiscalYear"/> (for a claim of
    /// that year or a later one 1 April, for an earlier year's claim 1 June, after the year just ended closed). Together with
    /// <see cref="ClosingDay"/> it bounds the days of <see cref="YearOf"/> = <paramref name="fiscalYear"/>, for queries that filter by
    /// date ranges (set-based SQL).
    /// </summary>
    public static DateOnly FirstDay(int fiscalYear, int claimFiscalYear) =>
        claimFiscalYear < fiscalYear ? new DateOnly(fiscalYear, 6, 1) : new DateOnly(fiscalYear, 4, 1);

    /// <summary>The first day of <paramref name="fiscalYear"/> for a claim of an earlier year (1 June): see <see cref="FirstDay"/>.</summary>
    public static DateOnly ArrearsFirstDay(int fiscalYear) => new(fiscalYear, 6, 1);

    /// <summary>The first day of <paramref name="fiscalYear"/> for a claim of that year (1 April): see <see cref="FirstDay"/>.</summary>
    public static DateOnly CurrentFirstDay(int fiscalYear) => new(fiscalYear, 4, 1);
}
