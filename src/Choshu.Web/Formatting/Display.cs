using System.Globalization;
using Choshu.Domain.Calendar;
using Choshu.Formats.Text;

namespace Choshu.Web.Formatting;

/// <summary>
/// How the screens show amounts and dates. Amounts: yen with thousands separators ("1,234,567").
/// Dates: ISO-like "2026-11-26" in lists and forms; 和暦 ("令和8年11月26日") where a view stands for
/// paper (receipts, notices), by <see cref="JapaneseDate"/> (first year as 元年); amounts by <see cref="YenText"/>.
/// Times: Japan time (UTC+9), whatever the server's zone.
/// Imported into every page by <c>_ViewImports.cshtml</c> (<c>@using static</c>).
/// </summary>
public static class Display
{
    /// <summary>"1,234,567" (negative "-1,234").</summary>
    public static string Amount(long yen) => YenText.Amount(yen);

    /// <summary>"1,234,567円".</summary>
    public static string Yen(long yen) => YenText.Yen(yen);

    /// <summary>"2026-11-26"; empty for none.</summary>
    public static string Date(DateOnly? day) =>
        day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// 和暦 with era name: 2026-11-26 → "令和8年11月26日", 2019-05-01 → "令和元年5月1日",
    /// 2019-04-30 → "平成31年4月30日". Before the Meiji era's start in the calendar (1868-09-08) it
    /// falls back to the Gregorian "1868年9月7日". Empty for none.
    /// </summary>
    public static string WarekiDate(DateOnly? day) => day is { } d ? JapaneseDate.Wareki(d) : "";

    /// <summary>An instant in Japan time to the minute: "2026-11-26 12:00".</summary>
    public static string JapanDateTime(DateTime? utc) =>
        utc is { } u
            ? new DateTimeOffset(DateTime.SpecifyKind(u, DateTimeKind.Utc)).ToOffset(JapanTime.Offset)
                .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : "";
}
