using System.Text;

namespace Choshu.Formats.Csv;

/// <summary>
/// The one writer of every file a person may open in a spreadsheet (CSV exports and transfers, report CSVs, the
/// vendor and refund files, the TAB-separated disclosure report): RFC 4180 quoting (a field with a comma, quote, CR or
/// LF is quoted, quotes doubled), and a cell that a spreadsheet would take for a formula (starting with <c>=</c>,
/// <c>+</c>, <c>-</c>, <c>@</c>, tab or CR, and not a plain number such as -15000) written with a leading apostrophe
/// (<see cref="Neutralize"/>). Numbers and dates the system makes may be written by <see cref="Raw"/>.
/// </summary>
public static class CsvOut
{
    /// <summary>A text field, guarded and quoted as needed (null is empty).</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        value = Neutralize(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>
    /// The cell with a leading apostrophe when it begins with =, +, -, @, TAB or CR and is not a plain number
    /// (a sign, digits and at most one decimal point): a spreadsheet then shows it as text and never runs it.
    /// </summary>
    public static string Neutralize(string? value)
    {
        var s = value ?? "";
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(s, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out _))
            return "'" + s;
        return s;
    }

    /// <summary>Every cell of a record through <see cref="Text"/>, joined by commas (no line end).</summary>
    public static string Line(IEnumerable<string?> cells) => string.Join(",", cells.Select(Text));

    /// <summary>A field written as is (digits, ISO dates, codes made by the system).</summary>
    public static string Raw(string? value) => value ?? "";

    /// <summary>Appends one record (fields already made by <see cref="Text"/> or <see cref="Raw"/>) with CR LF.</summary>
    public static void AppendRecord(StringBuilder sb, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var f in fields)
        {
            if (!first) sb.Append(',');
            sb.Append(f);
            first = false;
        }
        sb.Append("\r\n");
    }
}
