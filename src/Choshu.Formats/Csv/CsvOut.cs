using System.Text;

namespace Choshu.Formats.Csv;

/// <summary>
/// Writing CSV that a person may open in a spreadsheet: RFC 4180 quoting (a field with a comma, quote, CR or LF is quoted,
/// quotes doubled), and text that a spreadsheet would take for a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
/// tab or CR) written with a leading apostrophe. Numbers and dates are written by <see cref="Raw"/>, never guarded.
/// </summary>
public static class CsvOut
{
    /// <summary>A text field, guarded and quoted as needed (null is empty).</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

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
