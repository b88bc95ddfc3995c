namespace Choshu.Formats.Zengin;

/// <summary>
/// What a <see cref="ZenginReader"/> found in a whole file, available once its records have all been read:
/// the header and trailer, what the data records add up to, and every structural error (also those
/// already attached to a record). <see cref="IsWellFormed"/> false means the importer must refuse the
/// file or apply it only with a warning.
/// </summary>
public sealed class ZenginFileSummary
{
    internal ZenginFileSummary(string fileName, ZenginFileKind kind)
    {
        FileName = fileName;
        Kind = kind;
    }

    public string FileName { get; }

    /// <summary>The kind the reader was told the file is.</summary>
    public ZenginFileKind Kind { get; }

    /// <summary>The header, when it was found and could be read.</summary>
    public ZenginHeader? Header { get; internal set; }

    /// <summary>The trailer, when it was found and could be read.</summary>
    public ZenginTrailer? Trailer { get; internal set; }

    /// <summary>True when an end record was found.</summary>
    public bool HasEndRecord { get; internal set; }

    /// <summary>Records read, of every kind (empty lines are not records).</summary>
    public int RecordCount { get; internal set; }

    /// <summary>Records with data kind 2, valid or not.</summary>
    public int DataRecordCount { get; internal set; }

    /// <summary>Data records with at least one error (to be quarantined).</summary>
    public int InvalidDataRecordCount { get; internal set; }

    /// <summary>Sum of the amounts of the data records whose amount could be read.</summary>
    public long DataAmount { get; internal set; }

    /// <summary>Result file: data records with code 0 (and a readable amount), and their amounts.</summary>
    public int DebitedCount { get; internal set; }

    public long DebitedAmount { get; internal set; }

    /// <summary>Result file: data records with any other defined code (and a readable amount), and their amounts.</summary>
    public int FailedCount { get; internal set; }

    public long FailedAmount { get; internal set; }

    /// <summary>Every structural error of the file, in the order found.</summary>
    public IReadOnlyList<ZenginError> StructuralErrors => StructuralErrorList;

    /// <summary>True when the file has its header, trailer and end record in place and the totals match.</summary>
    public bool IsWellFormed => StructuralErrorList.Count == 0;

    internal List<ZenginError> StructuralErrorList { get; } = [];
}
