using System.Globalization;
using Choshu.Web.Formatting;

namespace Choshu.Web.Pages.Reports;

/// <summary>Dates and years as the report screens read and show them.</summary>
public static class ReportDates
{
    /// <summary>"2026-11-20" (the date picker's form) → the date; null for anything else.</summary>
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>
    /// 和暦 of a fiscal year (April–March), named by the era of its 1 April: 2026 → "令和8年度",
    /// 2019 → "平成31年度" (1 April 2019 was still 平成).
    /// </summary>
    public static string WarekiFiscalYear(int year)
    {
        var day = Display.WarekiDate(new DateOnly(year, 4, 1)); // 令和8年4月1日
        var cut = day.IndexOf('年', StringComparison.Ordinal);
        return cut < 0 ? $"{year}年度" : day[..cut] + "年度";
    }
}
