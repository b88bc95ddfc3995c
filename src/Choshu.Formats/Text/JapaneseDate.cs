using System.Globalization;

namespace Choshu.Formats.Text;

/// <summary>
/// 和暦 dates as printed on paper and shown where a screen stands for paper: 2026-12-07 →
/// "令和8年12月7日", the first year of an era as 元年 (2019-05-01 → "令和元年5月1日", 2019-04-30 →
/// "平成31年4月30日"), from the BCL's <see cref="JapaneseCalendar"/>. Before the Meiji era's start in
/// that calendar (1868-09-08) it falls back to the Gregorian "1868年9月7日". The one place the era
/// rule is written: the web's Display and the form engine call it.
/// </summary>
public static class JapaneseDate
{
    private static readonly CultureInfo WarekiCulture = CreateWarekiCulture();

    private static CultureInfo CreateWarekiCulture()
    {
        var c = (CultureInfo)CultureInfo.GetCultureInfo("ja-JP").Clone();
        c.DateTimeFormat.Calendar = new JapaneseCalendar();
        return CultureInfo.ReadOnly(c);
    }

    /// <summary>"令和8年12月7日"; "令和元年5月1日" for an era's first year.</summary>
    public static string Wareki(DateOnly d)
    {
        var dt = d.ToDateTime(TimeOnly.MinValue);
        var calendar = WarekiCulture.DateTimeFormat.Calendar;
        if (dt < calendar.MinSupportedDateTime)
            return string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月{d.Day}日");
        var year = calendar.GetYear(dt);
        var era = WarekiCulture.DateTimeFormat.GetEraName(calendar.GetEra(dt));
        var yearText = year == 1 ? "元" : year.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{era}{yearText}年{d.Month}月{d.Day}日");
    }

    /// <summary>
    /// The 和暦 fiscal year (年度) of a Gregorian fiscal year starting 1 April: 2026 → "令和8年度",
    /// 2019 → "令和元年度" (its 1 April fell in 平成, but cities name that year 令和元年度).
    /// </summary>
    public static string FiscalYear(int fiscalYear)
    {
        // The era of the year's last day (31 March of the next year) names the 年度, as cities do.
        var last = new DateOnly(fiscalYear + 1, 3, 31).ToDateTime(TimeOnly.MinValue);
        var calendar = WarekiCulture.DateTimeFormat.Calendar;
        if (last < calendar.MinSupportedDateTime)
            return string.Create(CultureInfo.InvariantCulture, $"{fiscalYear}年度");
        var era = calendar.GetEra(last);
        var eraStartYear = last.Year - calendar.GetYear(last) + 1;
        var year = fiscalYear - eraStartYear + 1;
        var yearText = year <= 1 ? "元" : year.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{WarekiCulture.DateTimeFormat.GetEraName(era)}{yearText}年度");
    }
}
