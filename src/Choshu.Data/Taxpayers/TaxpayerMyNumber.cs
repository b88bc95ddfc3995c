namespace Choshu.Data.Taxpayers;

/// <summary>
/// 個人番号 of a taxpayer, kept apart from every other record item so that one gate can guard it.
/// Specific personal information: never log, print or put it in an exception message.
/// <see cref="Value"/> is AES-GCM ciphertext under key <see cref="KeyVersion"/> (key material outside
/// the database); KeyVersion 0 marks a value stored as digits by a store created before encryption,
/// which <c>choshu keys rotate</c> encrypts. <see cref="BlindIndex"/> is an HMAC of the digits for
/// exact-match search without decrypting.
/// </summary>
public sealed class TaxpayerMyNumber
{
    public long TaxpayerId { get; set; }
    public string Value { get; set; } = "";
    public int KeyVersion { get; set; }
    /// <summary>HMAC-SHA256 of the 12 digits under the blind-index key, hex; empty for a KeyVersion 0 value.</summary>
    public string BlindIndex { get; set; } = "";
    public DateTime UpdatedAtUtc { get; set; }
}
