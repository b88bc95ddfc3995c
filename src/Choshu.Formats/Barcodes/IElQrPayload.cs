namespace Choshu.Formats.Barcodes;

/// <summary>
/// What an eL-QR code on a slip (納付書) stands for: the installment's eL番号 and what is due by when.
/// </summary>
/// <param name="BillerCode">The city's 6-digit biller code (the one in the store barcode).</param>
/// <param name="ElNumber">The 20-digit eL番号 (our 消込番号).</param>
/// <param name="Amount">Yen due by <paramref name="Deadline"/> (principal, reminder fee and late fee), 1 or more.</param>
/// <param name="Deadline">The last day the amount holds (the slip's 支払期限).</param>
public sealed record ElQrFields(string BillerCode, string ElNumber, long Amount, DateOnly Deadline);

/// <summary>
/// The text a slip's eL-QR slot encodes. The official eL-QR layout of 地方税共同機構 (eLTAX) is not public
/// here, so the form engine prints whatever one implementation of this interface gives:
/// <see cref="ChoshuElQrPayload"/> (ours, documented in docs/formats.md) until the official one is
/// available and written as another implementation.
/// </summary>
public interface IElQrPayload
{
    /// <summary>The QR code's text for one slip.</summary>
    string Build(ElQrFields fields);
}
