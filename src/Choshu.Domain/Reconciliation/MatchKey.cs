namespace Choshu.Domain.Reconciliation;

/// <summary>
/// 消込番号: the key printed on every slip and carried by every payment channel that identifies one
/// installment. Our own scheme: 20 digits = the installment's number in the store, zero-padded to
/// 19 digits, followed by a Luhn (mod 10) check digit that catches any single mistyped digit and
/// most swaps of neighbours. The same 20 digits are the eL番号 we print and the Zengin customer
/// number; the convenience-store barcode's 21-digit free field is <see cref="StoreSchemeDigit"/>
/// followed by the key.
/// </summary>
public readonly record struct MatchKey
{
    public const int Length = 20;

    /// <summary>The first digit of a store barcode's free field: which key scheme follows (1 = this one).</summary>
    public const char StoreSchemeDigit = '1';

    public MatchKey(long installmentId)
    {
        if (installmentId <= 0)
            throw new DomainException("matchkey.invalid", "消込番号の元になる期別番号が正しくありません。");
        InstallmentId = installmentId;
    }

    public long InstallmentId { get; }

    /// <summary>The 20 digits.</summary>
    public string Value
    {
        get
        {
            var body = InstallmentId.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
            return body + (char)('0' + ComputeCheckDigit(body));
        }
    }

    /// <summary>The 21-digit free field of a convenience-store barcode.</summary>
    public string StoreFreeField => StoreSchemeDigit + Value;

    public override string ToString() => Value;

    public static MatchKey Parse(string text) =>
        TryParse(text, out var key) ? key
        : throw new DomainException("matchkey.invalid", $"消込番号「{text}」が正しくありません（20桁の数字で、最後の桁はチェックデジット）。");

    public static bool TryParse(string? text, out MatchKey key)
    {
        key = default;
        if (text is null || text.Length != Length) return false;
        foreach (var c in text)
            if (c is < '0' or > '9') return false;
        if (ComputeCheckDigit(text.AsSpan(0, Length - 1)) != text[Length - 1] - '0') return false;
        // 19 digits can exceed long.MaxValue: such a key names no installment (IsOutOfRange), it must not throw.
        if (!long.TryParse(text.AsSpan(0, Length - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id <= 0)
            return false;
        key = new MatchKey(id);
        return true;
    }

    /// <summary>
    /// True when <paramref name="digits"/> (20 digits, or a store free field of 21) has the right length and only
    /// digits but its installment number is beyond any the store can hold (more than long.MaxValue): not a
    /// mistyped key to queue as unmatched but a broken line, which every reader quarantines with <see cref="OutOfRangeReason"/>.
    /// </summary>
    public static bool IsOutOfRange(string? digits)
    {
        if (digits is { Length: Length + 1 } && digits[0] == StoreSchemeDigit) digits = digits[1..];
        if (digits is not { Length: Length } || !digits.All(char.IsAsciiDigit)) return false;
        return !long.TryParse(digits.AsSpan(0, Length - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _);
    }

    /// <summary>The quarantine reason for a key that <see cref="IsOutOfRange"/>.</summary>
    public const string OutOfRangeReason = "番号が大きすぎます（どの期別の消込番号でもありません）。";

    /// <summary>Reads the key from a store barcode's 21-digit free field.</summary>
    public static bool TryParseStoreFreeField(string? freeField, out MatchKey key)
    {
        key = default;
        return freeField is { Length: Length + 1 } && freeField[0] == StoreSchemeDigit && TryParse(freeField[1..], out key);
    }

    /// <summary>Luhn: from the right, double every second digit starting with the rightmost body digit.</summary>
    public static int ComputeCheckDigit(ReadOnlySpan<char> body)
    {
        var sum = 0;
        var doubleIt = true;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var d = body[i] - '0';
            if (d is < 0 or > 9)
                throw new DomainException("matchkey.invalid", "消込番号に数字以外の文字があります。");
            if (doubleIt)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }
}
