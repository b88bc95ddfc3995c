namespace Choshu.Formats.Payments;

/// <summary>
/// What one pass over a payment file found, known once its lines have all been read: how many data
/// records it has and what they add up to, what its trailer declares, and every file-level error.
/// <see cref="IsAccepted"/> false means the importer refuses the whole file and books nothing of it
/// (docs/formats.md「収納データ: rules every payment layout shares」).
/// </summary>
public sealed class PaymentFileCheck
{
    private readonly List<PaymentFileError> _errors = [];

    internal PaymentFileCheck(string fileName, string format, string encoding)
    {
        FileName = fileName;
        Format = format;
        Encoding = encoding;
    }

    public string FileName { get; }

    /// <summary>The reader's format name: "bank", "store", "eltax", "zengin", "counter".</summary>
    public string Format { get; }

    /// <summary>"utf-8" or "shift_jis" (Zengin files are always "shift_jis", code page 932).</summary>
    public string Encoding { get; }

    /// <summary>Data records read, valid or not (the trailer, header and blank lines are not data records).</summary>
    public int DataRecordCount { get; internal set; }

    /// <summary>Data records that gave a payment or a debit failure.</summary>
    public int ValidRecordCount { get; internal set; }

    /// <summary>Data records that gave errors (to be quarantined).</summary>
    public int InvalidRecordCount => DataRecordCount - ValidRecordCount;

    /// <summary>Sum of the amounts (金額 / 振替金額) of every data record whose amount could be read, valid or not.</summary>
    public long DataAmount { get; internal set; }

    /// <summary>True when <see cref="DataAmount"/> would have gone past long.MaxValue (checked sum): the file is refused.</summary>
    public bool AmountOverflowed { get; private set; }

    /// <summary>Adds one data record's amount to <see cref="DataAmount"/>, checked: an overflow marks the file instead of wrapping.</summary>
    internal void AddAmount(long amount)
    {
        try { DataAmount = checked(DataAmount + amount); }
        catch (OverflowException) { AmountOverflowed = true; }
    }

    /// <summary>Data records whose amount could not be read (empty, not a number, or the line itself broken).</summary>
    public int UnreadableAmountCount { get; internal set; }

    /// <summary>The trailer's line (CSV) or record number (Zengin); null when there is none or the layout has none.</summary>
    public int? TrailerLineNo { get; internal set; }

    /// <summary>件数 / 合計件数 as the trailer declares it; null when there is no readable trailer.</summary>
    public int? DeclaredCount { get; internal set; }

    /// <summary>合計金額 as the trailer declares it; null when there is no readable trailer.</summary>
    public long? DeclaredAmount { get; internal set; }

    /// <summary>True when the trailer's 合計金額 was compared with <see cref="DataAmount"/> (every amount readable).</summary>
    public bool AmountCompared { get; internal set; }

    /// <summary>Every file-level error, in the order found.</summary>
    public IReadOnlyList<PaymentFileError> Errors => _errors;

    /// <summary>True when nothing is wrong with the file as a whole (its lines may still be quarantined one by one).</summary>
    public bool IsAccepted => _errors.Count == 0;

    internal void Add(PaymentFileError error) => _errors.Add(error);
}
