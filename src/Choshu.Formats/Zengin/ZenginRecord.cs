namespace Choshu.Formats.Zengin;

/// <summary>
/// One record of a Zengin file as read. Exactly one of <see cref="Header"/>, <see cref="Debit"/>,
/// <see cref="Trailer"/> is set when the record's fields could all be read (none for an end record);
/// it is null when a field could not be read, and <see cref="Errors"/> says why. A record can be read
/// and still be in the wrong place (a data record after the trailer): then its value is set and
/// <see cref="Errors"/> holds a structural error. Use the value only when <see cref="IsValid"/>.
/// </summary>
public sealed class ZenginRecord
{
    public ZenginRecord(
        int recordNo,
        ZenginRecordKind kind,
        int length,
        string rawText,
        ZenginHeader? header,
        ZenginDebitRecord? debit,
        ZenginTrailer? trailer,
        IReadOnlyList<ZenginError> errors)
    {
        RecordNo = recordNo;
        Kind = kind;
        Length = length;
        RawText = rawText;
        Header = header;
        Debit = debit;
        Trailer = trailer;
        Errors = errors;
    }

    /// <summary>1-based number of the record in the file.</summary>
    public int RecordNo { get; }

    /// <summary>From the record's first byte (データ区分).</summary>
    public ZenginRecordKind Kind { get; }

    /// <summary>The record's length in bytes, line break not counted (120 when it is right).</summary>
    public int Length { get; }

    /// <summary>The record decoded from code page 932 (bytes that are not valid become U+FFFD), for quarantine.</summary>
    public string RawText { get; }

    public ZenginHeader? Header { get; }

    public ZenginDebitRecord? Debit { get; }

    public ZenginTrailer? Trailer { get; }

    /// <summary>Everything wrong with this record, in the order found.</summary>
    public IReadOnlyList<ZenginError> Errors { get; }

    /// <summary>True when nothing is wrong with the record.</summary>
    public bool IsValid => Errors.Count == 0;
}
