namespace Choshu.Formats.Payments;

/// <summary>
/// One forward pass over one payment file, as <see cref="PaymentFileReader.Open"/> starts it.
/// Enumerate <see cref="Lines"/> once, to the end; then <see cref="Check"/> holds the file-level result.
/// Nothing but the current line is held in memory.
/// </summary>
public sealed class PaymentFileRead
{
    private IEnumerable<PaymentParse>? _lines;
    private bool _started;
    private PaymentFileCheck? _check;

    internal PaymentFileRead(string fileName, string format, string encoding)
    {
        FileName = fileName;
        Format = format;
        Encoding = encoding;
    }

    public string FileName { get; }

    /// <summary>The reader's format name.</summary>
    public string Format { get; }

    /// <summary>"utf-8" or "shift_jis": detected (or as overridden) before the first line is read.</summary>
    public string Encoding { get; }

    /// <summary>Every data line of the file in file order: a payment, a debit failure, or its errors. Can be enumerated once.</summary>
    public IEnumerable<PaymentParse> Lines
    {
        get
        {
            if (_started) throw new InvalidOperationException("Lines can be enumerated only once per PaymentFileRead; open the file again for another pass.");
            _started = true;
            return _lines ?? throw new InvalidOperationException("The read has no lines.");
        }
    }

    /// <summary>The file-level result; available once <see cref="Lines"/> has been read to the end.</summary>
    public PaymentFileCheck Check =>
        _check ?? throw new InvalidOperationException("The file check is known only after Lines has been read to the end.");

    internal void Start(IEnumerable<PaymentParse> lines) => _lines = lines;

    internal void Complete(PaymentFileCheck check) => _check = check;
}
