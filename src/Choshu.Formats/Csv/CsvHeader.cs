namespace Choshu.Formats.Csv;

/// <summary>
/// Where each column of a layout sits in one file, found by header name (not position).
/// Names are compared after removing white space (half- and full-width) and a stray byte-order
/// mark, so <c>「 氏名　漢字 」</c> finds 氏名漢字. Columns the layout does not know are ignored and listed.
/// </summary>
public sealed class CsvHeader
{
    private readonly Dictionary<string, int> _index;

    private CsvHeader(Dictionary<string, int> index, int fieldCount, IReadOnlyList<string> ignored, int lineNo)
    {
        _index = index;
        FieldCount = fieldCount;
        IgnoredColumns = ignored;
        LineNo = lineNo;
    }

    /// <summary>Number of fields in the header row; every data record must have as many.</summary>
    public int FieldCount { get; }

    /// <summary>Header names the layout does not know, in file order.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; }

    /// <summary>Line of the header row (1 unless the file starts with blank lines).</summary>
    public int LineNo { get; }

    /// <summary>True when the file has the column.</summary>
    public bool Has(string column) => _index.ContainsKey(column);

    /// <summary>The column's field index in this file, or -1 when the file does not have it.</summary>
    public int IndexOf(string column) => _index.GetValueOrDefault(column, -1);

    /// <summary>
    /// Maps <paramref name="header"/> onto <paramref name="columns"/>; throws
    /// <see cref="CsvFileRefusedException"/> when the header row is broken, a required column is
    /// missing or a known column appears twice.
    /// </summary>
    public static CsvHeader Map(CsvRecord header, IReadOnlyList<CsvColumn> columns, string fileName)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(columns);
        if (header.Error is not null)
            throw new CsvFileRefusedException("import.header_invalid", $"{fileName}: ヘッダー行（{header.LineNo}行目）を読めません。{header.Error}");

        var known = columns.ToDictionary(c => Normalize(c.Name), c => c.Name);
        var index = new Dictionary<string, int>();
        var ignored = new List<string>();
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = Normalize(header.Fields[i]);
            if (!known.TryGetValue(name, out var column))
            {
                if (name.Length > 0) ignored.Add(header.Fields[i].Trim());
                continue;
            }
            if (!index.TryAdd(column, i))
                throw new CsvFileRefusedException("import.duplicate_column", $"{fileName}: 列「{column}」がヘッダー行に2回あります。どちらを使うか決められないため、ファイル全体を取り込みません。");
        }

        var missing = columns.Where(c => c.Required && !index.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
            throw new CsvFileRefusedException("import.missing_column",
                $"{fileName}: 必須の列{string.Join("", missing.Select(m => $"「{m}」"))}がヘッダー行にありません。ファイル全体を取り込みません。");

        return new CsvHeader(index, header.Fields.Count, ignored, header.LineNo);
    }

    /// <summary>A header name without any white space (half- or full-width) or byte-order mark.</summary>
    public static string Normalize(string name) =>
        string.Concat(name.Where(c => !char.IsWhiteSpace(c) && c != '\uFEFF'));
}
