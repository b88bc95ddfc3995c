using System.Globalization;

namespace Choshu.Formats.Csv;

/// <summary>
/// Reading typed values out of a <see cref="CsvRow"/>, the same way for every layout. Each reader
/// returns null for an empty (or absent) field, adds a <see cref="FieldError"/> when the value is
/// not acceptable, and never puts the value itself into the reason.
/// </summary>
public static class CsvFields
{
    public const string RequiredMissing = "必須項目です（空欄にできません）。";
    public const string DateUnreadable = "日付として読めません（YYYY-MM-DD または YYYYMMDD）。";

    /// <summary>Text up to <paramref name="maxLength"/> characters.</summary>
    public static string? Text(CsvRow row, string column, int maxLength, bool required, List<FieldError> errors)
    {
        var v = row[column];
        if (string.IsNullOrEmpty(v))
        {
            if (required) errors.Add(new(column, RequiredMissing));
            return null;
        }
        if (v.Length > maxLength)
        {
            errors.Add(new(column, $"{maxLength}文字以内で指定してください（{v.Length}文字あります）。"));
            return null;
        }
        if (v.Any(char.IsControl))
        {
            errors.Add(new(column, "改行などの制御文字は使えません。"));
            return null;
        }
        return v;
    }

    /// <summary>Half-width digits, <paramref name="minLength"/> to <paramref name="maxLength"/> of them (leading zeros kept).</summary>
    public static string? Digits(CsvRow row, string column, int minLength, int maxLength, bool required, List<FieldError> errors)
    {
        var v = row[column];
        if (string.IsNullOrEmpty(v))
        {
            if (required) errors.Add(new(column, RequiredMissing));
            return null;
        }
        if (v.Length < minLength || v.Length > maxLength || !v.All(char.IsAsciiDigit))
        {
            var size = minLength == maxLength ? $"{maxLength}桁" : $"{minLength}～{maxLength}桁";
            errors.Add(new(column, $"半角数字{size}で指定してください。"));
            return null;
        }
        return v;
    }

    /// <summary>A date written YYYY-MM-DD or YYYYMMDD.</summary>
    public static DateOnly? Date(CsvRow row, string column, bool required, List<FieldError> errors)
    {
        var v = row[column];
        if (string.IsNullOrEmpty(v))
        {
            if (required) errors.Add(new(column, RequiredMissing));
            return null;
        }
        if (TryParseDate(v, out var d)) return d;
        errors.Add(new(column, DateUnreadable));
        return null;
    }

    /// <summary>YYYY-MM-DD or YYYYMMDD, an existing calendar date.</summary>
    public static bool TryParseDate(string s, out DateOnly date) =>
        DateOnly.TryParseExact(s, ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>A year (年度) written as four half-width digits.</summary>
    public static int? Year(CsvRow row, string column, bool required, List<FieldError> errors)
    {
        var v = row[column];
        if (string.IsNullOrEmpty(v))
        {
            if (required) errors.Add(new(column, RequiredMissing));
            return null;
        }
        if (v.Length == 4 && v.All(char.IsAsciiDigit) && int.Parse(v, CultureInfo.InvariantCulture) is >= 1900 and <= 2999 and var y)
            return y;
        errors.Add(new(column, "西暦4桁の年度（例 2026）で指定してください。"));
        return null;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static int? Integer(CsvRow row, string column, int min, int max, bool required, List<FieldError> errors)
    {
        var v = row[column];
        if (string.IsNullOrEmpty(v))
        {
            if (required) errors.Add(new(column, RequiredMissing));
            return null;
        }
        if (v.Length <= 9 && v.All(char.IsAsciiDigit) && int.Parse(v, CultureInfo.InvariantCulture) is var n && n >= min && n <= max)
            return n;
        errors.Add(new(column, $"{min}～{max} の半角数字で指定してください。"));
        return null;
    }

    /// <summary>
    /// An amount in whole yen, not negative: half-width digits, optionally grouped by commas every
    /// three digits (1,234,567). No sign, decimal point, currency sign or full-width digits.
    /// </summary>
    public static long? Yen(CsvRow row, string column, bool required, List<FieldError> errors)
    {
        var v = row[column];
        if (string.IsNullOrEmpty(v))
        {
            if (required) errors.Add(new(column, RequiredMissing));
            return null;
        }
        if (v.StartsWith('-') || v.StartsWith('−') || v.StartsWith('△') || v.StartsWith('▲'))
        {
            errors.Add(new(column, "負の金額は指定できません。"));
            return null;
        }
        if (v.Contains('.'))
        {
            errors.Add(new(column, "円単位の整数で指定してください（小数点は使えません）。"));
            return null;
        }
        if (!IsGroupedDigits(v))
        {
            errors.Add(new(column, "金額として読めません（半角数字。3桁ごとのカンマは可）。"));
            return null;
        }
        var digits = v.Replace(",", "", StringComparison.Ordinal).TrimStart('0');
        if (digits.Length > 15) // 15 digits: far above any tax, far below long.MaxValue
        {
            errors.Add(new(column, "金額が大きすぎます。"));
            return null;
        }
        return digits.Length == 0 ? 0 : long.Parse(digits, CultureInfo.InvariantCulture);
    }

    /// <summary>"1234567" or "1,234,567" (commas only between groups of exactly three digits).</summary>
    private static bool IsGroupedDigits(string v)
    {
        if (v.Length == 0 || !v.All(c => char.IsAsciiDigit(c) || c == ',')) return false;
        if (!v.Contains(',')) return true;
        var groups = v.Split(',');
        return groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
    }
}
