using Choshu.Domain.Reconciliation;
using Choshu.Formats.Csv;

namespace Choshu.Formats.Payments;

/// <summary>
/// Reads one channel's payment file into <see cref="PaymentRecord"/>s, streaming. The importer validates
/// the whole file in a first pass (<see cref="Check"/>: refuse it when <see cref="PaymentFileCheck.IsAccepted"/>
/// is false) and books in a second (<see cref="Open"/> and its <see cref="PaymentFileRead.Lines"/>);
/// both passes read the same lines. Pick a reader by name with <see cref="PaymentFormats.Create"/>.
/// </summary>
public abstract class PaymentFileReader
{
    /// <summary>The format's name as <c>--format</c> takes it: "bank", "store", "eltax", "zengin", "counter".</summary>
    public abstract string Format { get; }

    /// <summary>
    /// The amount ceiling and the 納付日 / 収入日 window every record must keep (the one rule, <see cref="PaymentLimits"/>):
    /// a record outside them is a line error (quarantined). Defaults to <see cref="PaymentLimits.Default"/> (no today).
    /// </summary>
    public PaymentLimits Limits { get; internal set; } = PaymentLimits.Default;

    /// <summary>The channel every payment of this format comes through.</summary>
    public abstract PaymentChannel Channel { get; }

    /// <summary>
    /// Starts a pass over <paramref name="stream"/> (positioned at the file's start; read forward only and
    /// not disposed: the caller owns it and keeps it open until the lines have been read). CSV layouts
    /// detect UTF-8 or Shift_JIS from the first 64 KiB unless <paramref name="encoding"/> says which;
    /// Zengin files are always code page 932 and ignore it.
    /// </summary>
    /// <param name="fileName">The name messages give the file, e.g. "bank-20260105.csv" (no directory).</param>
    public abstract PaymentFileRead Open(Stream stream, string fileName, CsvTextEncoding? encoding = null);

    /// <summary>The first pass: reads every line, keeps none, and returns the file-level result.</summary>
    public PaymentFileCheck Check(Stream stream, string fileName, CsvTextEncoding? encoding = null)
    {
        var read = Open(stream, fileName, encoding);
        foreach (var _ in read.Lines)
        {
        }

        return read.Check;
    }
}
