using System.Security.Cryptography;

namespace Choshu.Domain.Certificates;

/// <summary>
/// 照合番号 of a certificate: 15 random digits from a cryptographic generator and a Luhn check digit, printed in
/// groups of four (1234-5678-9012-3456). Not guessable (10^15 numbers, a handful issued), and a mistyped digit is caught
/// by the check digit before the store is asked.
/// </summary>
public static class VerificationNumber
{
    public const int Length = 16;

    /// <summary>A new number (16 digits, no separators).</summary>
    public static string New()
    {
        Span<char> body = stackalloc char[Length - 1];
        for (var i = 0; i < body.Length; i++) body[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        if (body[0] == '0') body[0] = (char)('1' + RandomNumberGenerator.GetInt32(9));
        return new string(body) + (char)('0' + Reconciliation.MatchKey.ComputeCheckDigit(body));
    }

    /// <summary>Reads a typed number (spaces and hyphens ignored, full-width digits allowed); false when its form or check digit is wrong.</summary>
    public static bool TryParse(string? text, out string number)
    {
        number = "";
        if (string.IsNullOrWhiteSpace(text)) return false;
        var digits = new string(text.Normalize(System.Text.NormalizationForm.FormKC).Where(c => c is not ('-' or ' ')).ToArray());
        if (digits.Length != Length || !digits.All(char.IsAsciiDigit)) return false;
        if (Reconciliation.MatchKey.ComputeCheckDigit(digits.AsSpan(0, Length - 1)) != digits[^1] - '0') return false;
        number = digits;
        return true;
    }

    /// <summary>Groups of four, as printed.</summary>
    public static string Format(string number) =>
        number.Length == Length ? $"{number[..4]}-{number[4..8]}-{number[8..12]}-{number[12..]}" : number;
}
