namespace Choshu.Data.Taxpayers;

/// <summary>
/// 個人番号 of a taxpayer, kept apart from every other record item so that one gate can guard it.
/// Specific personal information: never log, print or put it in an exception message.
/// The privacy work encrypts <see cref="Value"/> at rest (AES-GCM, versioned keys); until then
/// <see cref="KeyVersion"/> is 0, meaning the value is stored as digits.
/// </summary>
public sealed class TaxpayerMyNumber
{
    public long TaxpayerId { get; set; }
    public string Value { get; set; } = "";
    public int KeyVersion { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
