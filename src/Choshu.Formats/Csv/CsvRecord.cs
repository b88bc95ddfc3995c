namespace Choshu.Formats.Csv;

/// <summary>
/// One record of a CSV file as read: its fields (unquoted, not trimmed), the text it was read
/// from and where each field sits in that text, and the physical line it starts on
/// (1 = the first line of the file). A record whose quoting is broken or whose bytes could not
/// be decoded carries an <see cref="Error"/> (Japanese) and is still returned, never dropped.
/// </summary>
public sealed class CsvRecord
{
    private readonly (int Start, int Length)[] _spans;

    public CsvRecord(int lineNo, IReadOnlyList<string> fields, string rawText, (int Start, int Length)[] spans, string? error)
    {
        LineNo = lineNo;
        Fields = fields;
        RawText = rawText;
        _spans = spans;
        Error = error;
    }

    /// <summary>Physical line on which the record starts (1 = the first line of the file).</summary>
    public int LineNo { get; }

    public IReadOnlyList<string> Fields { get; }

    /// <summary>The record's text as decoded, without its line terminator (may hold line breaks inside quotes).</summary>
    public string RawText { get; }

    /// <summary>Why the record cannot be trusted (broken quoting, undecodable bytes, too long), or null.</summary>
    public string? Error { get; }

    /// <summary>
    /// True when every field is empty or white space (a blank line, or a line of commas only) and
    /// the record is not broken: a lone unclosed quote is reported, not skipped.
    /// </summary>
    public bool IsBlank => Error is null && Fields.All(string.IsNullOrWhiteSpace);

    /// <summary>
    /// <see cref="RawText"/> with the text of the given fields (quotes included) replaced by asterisks
    /// of the same length. Indexes beyond the record's fields are ignored.
    /// </summary>
    public string RawTextMasking(IEnumerable<int> fieldIndexes)
    {
        char[]? chars = null;
        foreach (var i in fieldIndexes)
        {
            if (i < 0 || i >= _spans.Length) continue;
            var (start, length) = _spans[i];
            if (length == 0) continue;
            chars ??= RawText.ToCharArray();
            chars.AsSpan(start, length).Fill('*');
        }

        return chars is null ? RawText : new string(chars);
    }
}
