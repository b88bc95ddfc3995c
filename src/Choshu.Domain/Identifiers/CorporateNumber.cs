namespace Choshu.Domain.Identifiers;

/// <summary>
/// Corporate number (法人番号): 13 ASCII digits, the FIRST a check digit (domain.md §7).
/// Public information, so <see cref="ToString"/> returns the digits.
/// </summary>
public readonly record struct CorporateNumber
{
    /// <summary>Number of digits, check digit included.</summary>
    public const int Length = 13;

    private readonly string? _digits;

    private CorporateNumber(string digits) => _digits = digits;

    /// <summary>The 13 digits.</summary>
    public string Value =>
        _digits ?? throw new DomainException("corporatenumber.empty", "法人番号が設定されていません。");

    /// <summary>True when <paramref name="s"/> is exactly 13 ASCII digits with a correct check digit.</summary>
    public static bool IsValid(string? s)
    {
        if (s is null || s.Length != Length || !IdentifierDigits.AllAsciiDigits(s))
        {
            return false;
        }

        return ComputeCheckDigitCore(s.AsSpan(1)) == s[0] - '0';
    }

    /// <summary>Parses a corporate number; throws <see cref="DomainException"/> ("corporatenumber.invalid").</summary>
    public static CorporateNumber Parse(string s)
    {
        if (!IsValid(s))
        {
            throw Invalid();
        }

        return new CorporateNumber(s);
    }

    /// <summary>Parses without throwing.</summary>
    public static bool TryParse(string? s, out CorporateNumber result)
    {
        if (IsValid(s))
        {
            result = new CorporateNumber(s!);
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>
    /// The check digit (first digit) for the other 12 digits: counted from the right, weight 1 on odd
    /// and 2 on even positions; check = 9 − (Σ mod 9).
    /// </summary>
    public static int ComputeCheckDigit(ReadOnlySpan<char> last12)
    {
        if (last12.Length != Length - 1 || !IdentifierDigits.AllAsciiDigits(last12))
        {
            throw Invalid();
        }

        return ComputeCheckDigitCore(last12);
    }

    public override string ToString() => _digits ?? string.Empty;

    private static int ComputeCheckDigitCore(ReadOnlySpan<char> last12)
    {
        var sum = 0;
        for (var position = 1; position <= 12; position++)
        {
            var digit = last12[12 - position] - '0';
            sum += digit * (position % 2 == 1 ? 1 : 2);
        }

        return 9 - (sum % 9);
    }

    private static DomainException Invalid() =>
        new("corporatenumber.invalid", "法人番号の形式またはチェックデジットが正しくありません。");
}
