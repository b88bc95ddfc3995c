namespace Choshu.Domain.Identifiers;

/// <summary>
/// My Number (個人番号): 12 ASCII digits, the last a check digit (domain.md §7). Specific
/// personal information: <see cref="ToString"/> and <see cref="Masked"/> return twelve asterisks so
/// that the number cannot be printed or logged by accident; only <see cref="Reveal"/> gives the
/// digits. Exception messages never contain the value.
/// </summary>
public readonly record struct MyNumber
{
    /// <summary>Number of digits, check digit included.</summary>
    public const int Length = 12;

    public const string MaskedForm = "************";

    private readonly string? _digits;

    private MyNumber(string digits) => _digits = digits;

    /// <summary>Always twelve asterisks.</summary>
    public string Masked => MaskedForm;

    /// <summary>True when <paramref name="s"/> is exactly 12 ASCII digits with a correct check digit.</summary>
    public static bool IsValid(string? s)
    {
        if (s is null || s.Length != Length || !IdentifierDigits.AllAsciiDigits(s))
        {
            return false;
        }

        return ComputeCheckDigitCore(s.AsSpan(0, Length - 1)) == s[Length - 1] - '0';
    }

    /// <summary>Parses a My Number; throws <see cref="DomainException"/> ("mynumber.invalid") without echoing the value.</summary>
    public static MyNumber Parse(string s)
    {
        if (!IsValid(s))
        {
            throw Invalid();
        }

        return new MyNumber(s);
    }

    /// <summary>Parses without throwing.</summary>
    public static bool TryParse(string? s, out MyNumber result)
    {
        if (IsValid(s))
        {
            result = new MyNumber(s!);
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>
    /// The check digit for the first 11 digits: with P_n the n-th digit counted from the right and
    /// Q_n = n + 1 (n ≤ 6) or n − 5 (n ≥ 7), r = Σ P_n·Q_n mod 11; check = 0 when r ≤ 1, else 11 − r.
    /// </summary>
    public static int ComputeCheckDigit(ReadOnlySpan<char> first11)
    {
        if (first11.Length != Length - 1 || !IdentifierDigits.AllAsciiDigits(first11))
        {
            throw Invalid();
        }

        return ComputeCheckDigitCore(first11);
    }

    /// <summary>The 12 digits. Call only where the number must really be shown or sent.</summary>
    public string Reveal() =>
        _digits ?? throw new DomainException("mynumber.empty", "個人番号が設定されていません。");

    /// <summary>Always the masked form, never the digits.</summary>
    public override string ToString() => MaskedForm;

    private static int ComputeCheckDigitCore(ReadOnlySpan<char> first11)
    {
        var sum = 0;
        for (var n = 1; n <= 11; n++)
        {
            var p = first11[11 - n] - '0';
            var q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }

        var r = sum % 11;
        return r <= 1 ? 0 : 11 - r;
    }

    private static DomainException Invalid() =>
        new("mynumber.invalid", "個人番号の形式またはチェックデジットが正しくありません。");
}
