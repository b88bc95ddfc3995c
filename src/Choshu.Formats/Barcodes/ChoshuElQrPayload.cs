using System.Globalization;
using Choshu.Domain;

namespace Choshu.Formats.Barcodes;

/// <summary>
/// OUR eL-QR payload, not eLTAX's (whose layout is not public here): one line of ASCII,
/// <c>CHOSHU-ELQR/1|{biller code 6}|{eL番号 20}|{amount}|{deadline yyyyMMdd}</c>, e.g.
/// <c>CHOSHU-ELQR/1|123456|00000000000000012347|12345|20261220</c>. The first field names the layout
/// and its version; a reader refuses any other. Amount is yen without separators or leading zeros.
/// A smartphone reading it shows the eL番号 and amount to type into a payment site by hand.
/// </summary>
public sealed class ChoshuElQrPayload : IElQrPayload
{
    /// <summary>The first field: this layout and its version.</summary>
    public const string Version = "CHOSHU-ELQR/1";

    public string Build(ElQrFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Check(fields);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Version}|{fields.BillerCode}|{fields.ElNumber}|{fields.Amount}|{fields.Deadline:yyyyMMdd}");
    }

    /// <summary>Reads a payload back; <see cref="DomainException"/> "elqr.invalid" for anything else.</summary>
    public static ElQrFields Parse(string payload)
    {
        var parts = (payload ?? "").Split('|');
        if (parts.Length != 5 || parts[0] != Version
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || !DateOnly.TryParseExact(parts[4], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var deadline))
        {
            throw new DomainException("elqr.invalid", $"eL-QRの内容が {Version} の形式ではありません。");
        }

        var fields = new ElQrFields(parts[1], parts[2], amount, deadline);
        Check(fields);
        return fields;
    }

    private static void Check(ElQrFields f)
    {
        if (f.BillerCode is not { Length: StoreBarcode.BillerCodeLength } || !f.BillerCode.All(char.IsAsciiDigit))
            throw new DomainException("elqr.invalid", "eL-QRの請求書発行企業コードは6桁の数字でなければなりません。");
        if (f.ElNumber is not { Length: 20 } || !f.ElNumber.All(char.IsAsciiDigit))
            throw new DomainException("elqr.invalid", "eL-QRのeL番号は20桁の数字でなければなりません。");
        if (f.Amount <= 0)
            throw new DomainException("elqr.invalid", "eL-QRの金額は1円以上でなければなりません。");
    }
}
