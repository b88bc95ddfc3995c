using System.Globalization;
using System.Reflection;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.LateFees;
using Choshu.Domain.Refunds;

namespace Choshu.Formats.Calendar;

/// <summary>
/// The holiday calendar and late-fee rate table shipped with the application (embedded CSV
/// resources), and the parsers an administrator's import uses for files of the same layout:
/// <c>holidays-jp.csv</c> (<c>date,name</c>, UTF-8, date as yyyy-MM-dd) and
/// <c>late-fee-rates.csv</c> (<c>year,lower_bp,higher_bp</c>, basis points of a percent: 240 = 2.40%).
/// The holiday data was cross-checked against the Cabinet Office list (内閣府「国民の祝日」syukujitsu.csv).
/// </summary>
public static class BundledCalendarData
{
    /// <summary>First year covered by the bundled holiday data.</summary>
    public const int FirstHolidayYear = 2015;

    /// <summary>Last year covered by the bundled holiday data (inclusive).</summary>
    public const int LastHolidayYear = 2027;

    public const string HolidayCsvHeader = "date,name";
    public const string RateCsvHeader = "year,lower_bp,higher_bp";

    private const string HolidayResource = "Choshu.Formats.Calendar.holidays-jp.csv";
    private const string RateResource = "Choshu.Formats.Calendar.late-fee-rates.csv";
    private const string RefundRateResource = "Choshu.Formats.Calendar.refund-interest-rates.csv";
    public const string RefundRateCsvHeader = "year,bp";

    private static readonly Lazy<IReadOnlyList<Holiday>> s_holidays =
        new(() => ReadResource(HolidayResource, ParseHolidayCsv));

    private const string DefermentRateResource = "Choshu.Formats.Calendar.deferment-rates.csv";
    public const string DefermentRateCsvHeader = "year,bp";

    // The late-fee pairs with each year's 猶予特例基準割合 (deferment-rates.csv) where it is bundled.
    private static readonly Lazy<IReadOnlyList<LateFeeRate>> s_rates =
        new(() =>
        {
            var caps = ReadResource(DefermentRateResource, ParseDefermentRateCsv).ToDictionary(r => r.Year, r => r.BasisPoints);
            return ReadResource(RateResource, ParseRateCsv)
                .Select(r => caps.TryGetValue(r.Year, out var cap) ? r with { DefermentBasisPoints = cap } : r)
                .ToArray().AsReadOnly();
        });

    private static readonly Lazy<IReadOnlyList<RefundInterestRate>> s_refundRates =
        new(() => ReadResource(RefundRateResource, ParseRefundInterestRateCsv));

    /// <summary>The bundled refund interest rates (還付加算金の割合, 1990–2026), in year order.</summary>
    public static IReadOnlyList<RefundInterestRate> RefundInterestRates() => s_refundRates.Value;

    /// <summary>The bundled national holidays, 2015–2027, in date order.</summary>
    public static IReadOnlyList<Holiday> Holidays() => s_holidays.Value;

    /// <summary>A calendar over the bundled holidays, covering 2015–2027.</summary>
    public static HolidayCalendar HolidayCalendar() =>
        new(s_holidays.Value, FirstHolidayYear, LastHolidayYear);

    /// <summary>
    /// Parses a 猶予特例基準割合 CSV (<c>deferment-rates.csv</c>): header <c>year,bp</c>, one year per line, basis points of a
    /// percent (90 = 0.9%), 0 to 730. Errors name the line and field, in Japanese.
    /// </summary>
    public static IReadOnlyList<(int Year, int BasisPoints)> ParseDefermentRateCsv(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        const string code = "latefee.deferment_rate_csv_invalid";
        const string file = "猶予特例基準割合CSV";
        var rates = new List<(int Year, int BasisPoints)>();
        var seen = new Dictionary<int, int>();
        foreach (var (lineNo, fields) in ReadRecords(reader, file, code, DefermentRateCsvHeader))
        {
            var year = ParseInt(fields[0], code, file, lineNo, "year（年）", 1900, 9998);
            var bp = ParseInt(fields[1], code, file, lineNo, "bp（割合）", 0, LateFeeRules.StatutoryLowerBasisPoints);
            if (seen.TryGetValue(year, out var firstLine))
            {
                throw Error(code, file, lineNo, "year（年）", $"{year}年は{firstLine}行目と重複しています。");
            }

            seen.Add(year, lineNo);
            rates.Add((year, bp));
        }

        return rates.OrderBy(r => r.Year).ToArray().AsReadOnly();
    }

    /// <summary>The bundled late-fee rate pairs, in year order, each with its 猶予特例基準割合 where bundled (2021–).</summary>
    public static IReadOnlyList<LateFeeRate> LateFeeRates() => s_rates.Value;

    /// <summary>
    /// Parses a holiday CSV: header <c>date,name</c>, then one holiday per line (date yyyy-MM-dd,
    /// name not empty). Blank lines are ignored. Errors name the line and field, in Japanese.
    /// </summary>
    public static IReadOnlyList<Holiday> ParseHolidayCsv(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        const string code = "calendar.csv_invalid";
        const string file = "祝日CSV";
        var holidays = new List<Holiday>();
        var seen = new Dictionary<DateOnly, int>();
        foreach (var (lineNo, fields) in ReadRecords(reader, file, code, HolidayCsvHeader))
        {
            if (!DateOnly.TryParseExact(fields[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw Error(code, file, lineNo, "date（日付）", $"yyyy-MM-dd 形式の日付ではありません（値: {fields[0]}）。");
            }

            if (fields[1].Length == 0)
            {
                throw Error(code, file, lineNo, "name（名称）", "名称が空です。");
            }

            if (seen.TryGetValue(date, out var firstLine))
            {
                throw Error(code, file, lineNo, "date（日付）", $"{date:yyyy-MM-dd} は{firstLine}行目と重複しています。");
            }

            seen.Add(date, lineNo);
            holidays.Add(new Holiday(date, fields[1]));
        }

        return holidays.OrderBy(h => h.Date).ToArray().AsReadOnly();
    }

    /// <summary>
    /// Parses a late-fee rate CSV: header <c>year,lower_bp,higher_bp</c>, then one year per line
    /// (basis points, 0 ≤ lower ≤ 730, lower ≤ higher ≤ 1460). Blank lines are ignored. Errors name
    /// the line and field, in Japanese.
    /// </summary>
    public static IReadOnlyList<LateFeeRate> ParseRateCsv(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        const string code = "latefee.rate_csv_invalid";
        const string file = "延滞金割合CSV";
        var rates = new List<LateFeeRate>();
        var seen = new Dictionary<int, int>();
        foreach (var (lineNo, fields) in ReadRecords(reader, file, code, RateCsvHeader))
        {
            var year = ParseInt(fields[0], code, file, lineNo, "year（年）", 1900, 9998);
            var lower = ParseInt(fields[1], code, file, lineNo, "lower_bp（1か月以内の割合）", 0, LateFeeRules.StatutoryLowerBasisPoints);
            var higher = ParseInt(fields[2], code, file, lineNo, "higher_bp（1か月超の割合）", 0, LateFeeRules.StatutoryHigherBasisPoints);
            if (lower > higher)
            {
                throw Error(code, file, lineNo, "lower_bp（1か月以内の割合）", $"1か月以内の割合（{lower}）が1か月超の割合（{higher}）を上回っています。");
            }

            if (seen.TryGetValue(year, out var firstLine))
            {
                throw Error(code, file, lineNo, "year（年）", $"{year}年は{firstLine}行目と重複しています。");
            }

            seen.Add(year, lineNo);
            rates.Add(new LateFeeRate(year, lower, higher));
        }

        return rates.OrderBy(r => r.Year).ToArray().AsReadOnly();
    }

    /// <summary>
    /// Parses a refund interest rate CSV (<c>refund-interest-rates.csv</c>): header <c>year,bp</c>, then one year per line
    /// (basis points, 0 ≤ bp ≤ 730: 90 = 0.90%). Blank lines are ignored. Errors name the line and field, in Japanese.
    /// </summary>
    public static IReadOnlyList<RefundInterestRate> ParseRefundInterestRateCsv(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        const string code = "refundinterest.rate_csv_invalid";
        const string file = "還付加算金割合CSV";
        var rates = new List<RefundInterestRate>();
        var seen = new Dictionary<int, int>();
        foreach (var (lineNo, fields) in ReadRecords(reader, file, code, RefundRateCsvHeader))
        {
            var year = ParseInt(fields[0], code, file, lineNo, "year（年）", 1900, 9998);
            var bp = ParseInt(fields[1], code, file, lineNo, "bp（割合）", 0, RefundInterestRules.StatutoryBasisPoints);
            if (seen.TryGetValue(year, out var firstLine))
            {
                throw Error(code, file, lineNo, "year（年）", $"{year}年は{firstLine}行目と重複しています。");
            }

            seen.Add(year, lineNo);
            rates.Add(new RefundInterestRate(year, bp));
        }

        return rates.OrderBy(r => r.Year).ToArray().AsReadOnly();
    }

    private static IEnumerable<(int LineNo, string[] Fields)> ReadRecords(TextReader reader, string file, string code, string header)
    {
        var expectedFields = header.Split(',').Length;
        var headerLine = reader.ReadLine();
        if (headerLine is null || headerLine.TrimStart('\uFEFF').Trim() != header)
        {
            throw new DomainException(code, $"{file}の1行目（見出し行）は「{header}」である必要があります。");
        }

        var lineNo = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != expectedFields)
            {
                throw new DomainException(
                    code,
                    $"{file}の{lineNo}行目: 項目数が{fields.Length}個です（「{header}」の{expectedFields}項目が必要です）。");
            }

            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = Unquote(fields[i].Trim());
            }

            yield return (lineNo, fields);
        }
    }

    private static string Unquote(string field) =>
        field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1].Trim() : field;

    private static int ParseInt(string value, string code, string file, int lineNo, string field, int min, int max)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result))
        {
            throw Error(code, file, lineNo, field, $"半角数字の整数ではありません（値: {value}）。");
        }

        if (result < min || result > max)
        {
            throw Error(code, file, lineNo, field, $"{min}～{max}の範囲外です（値: {result}）。");
        }

        return result;
    }

    private static DomainException Error(string code, string file, int lineNo, string field, string detail) =>
        new(code, $"{file}の{lineNo}行目の{field}: {detail}");

    private static T ReadResource<T>(string name, Func<TextReader, T> parse)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"組み込みリソース {name} が見つかりません。");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return parse(reader);
    }
}
