using System.Globalization;
using Choshu.Domain.Calendar;

namespace Choshu.Web.Formatting;

/// <summary>
/// How the screens show amounts and dates. Amounts: yen with thousands separators ("1,234,567").
/// Dates: ISO-like "2026-11-26" in lists and forms; 和暦 ("令和8年11月26日") where a view stands for
/// paper (receipts, notices), from the BCL's <see cref="JapaneseCalendar"/> (first year as 元年).
/// Times: Japan time (UTC+9), whatever the server's zone.
/// Imported into every page by <c>_ViewImports.cshtml</c> (<c>@using static</c>).
/// </summary>
public static class Display
{
    private static readonly CultureInfo Wareki = CreateWarekiCulture();

    private static CultureInfo CreateWarekiCulture()
    {
        var c = (CultureInfo)CultureInfo.GetCultureInfo("ja-JP").Clone();
        c.DateTimeFormat.Calendar = new JapaneseCalendar();
        return CultureInfo.ReadOnly(c);
    }

    /// <summary>"1,234,567" (negative "-1,234").</summary>
    public static string Amount(long yen) => yen.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>"1,234,567円".</summary>
    public static string Yen(long yen) => Amount(yen) + "円";

    /// <summary>"2026-11-26"; empty for none.</summary>
    public static string Date(DateOnly? day) =>
        day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// 和暦 with era name: 2026-11-26 → "令和8年11月26日", 2019-05-01 → "令和元年5月1日",
    /// 2019-04-30 → "平成31年4月30日". Before the Meiji era's start in the calendar (1868-09-08) it
    /// falls back to the Gregorian "1868年9月7日". Empty for none.
    /// </summary>
    public static string WarekiDate(DateOnly? day)
    {
        if (day is not { } d) return "";
        var dt = d.ToDateTime(TimeOnly.MinValue);
        if (dt < Wareki.DateTimeFormat.Calendar.MinSupportedDateTime)
            return string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月{d.Day}日");
        var calendar = Wareki.DateTimeFormat.Calendar;
        var year = calendar.GetYear(dt);
        var era = Wareki.DateTimeFormat.GetEraName(calendar.GetEra(dt));
        var yearText = year == 1 ? "元" : year.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{era}{yearText}年{d.Month}月{d.Day}日");
    }

    /// <summary>An instant in Japan time to the minute: "2026-11-26 12:00".</summary>
    public static string JapanDateTime(DateTime? utc) =>
        utc is { } u
            ? new DateTimeOffset(DateTime.SpecifyKind(u, DateTimeKind.Utc)).ToOffset(JapanTime.Offset)
                .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : "";
}
