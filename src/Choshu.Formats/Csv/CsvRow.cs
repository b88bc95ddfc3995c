namespace Choshu.Formats.Csv;

/// <summary>A data record read through a <see cref="CsvHeader"/>: fields by column name.</summary>
public sealed class CsvRow(CsvRecord record, CsvHeader header)
{
    public CsvRecord Record { get; } = record;
    public CsvHeader Header { get; } = header;
    public int LineNo => Record.LineNo;

    /// <summary>True when the file has the column.</summary>
    public bool Has(string column) => Header.Has(column);

    /// <summary>
    /// The column's value with white space (half- and full-width) trimmed at both ends;
    /// "" when the value is empty, null when the file has no such column.
    /// </summary>
    public string? this[string column]
    {
        get
        {
            var i = Header.IndexOf(column);
            if (i < 0) return null;
            return i < Record.Fields.Count ? Record.Fields[i].Trim() : "";
        }
    }
}
