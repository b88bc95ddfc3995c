using System.Globalization;

namespace Choshu.Domain.Cases;

/// <summary>
/// Why a person other than the taxpayer of a claim is liable for it (table <c>liabilities.kind</c>: never renumber, only add).
/// </summary>
public enum LiabilityKind : short
{
    /// <summary>承継 (地方税法9条): an heir takes over the deceased's claims in the heir's legal share (民法900条〜902条).</summary>
    Succession = 1,
    /// <summary>連帯納税義務 (地方税法10条の2): a co-owner is liable for the whole of the 共有物's tax (固定資産税).</summary>
    Joint = 2,
    /// <summary>第二次納税義務 (地方税法11条〜11条の9): a second person, made liable by a 納付通知書, up to a limit.</summary>
    Secondary = 3,
}

/// <summary>A share as a fraction (相続分): numerator over denominator, 0/1 for an heir who renounced.</summary>
public readonly record struct Share(int Numerator, int Denominator)
{
    public static readonly Share None = new(0, 1);

    public bool IsZero => Numerator == 0;

    /// <summary>Parses <c>1/2</c> (or <c>0</c>); refuses a negative part, a zero denominator or a share above 1.</summary>
    public static Share Parse(string text)
    {
        var t = (text ?? "").Trim();
        var parts = t.Split('/');
        if (parts.Length is 1 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var whole) && whole == 0) return None;
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d == 0 || n > d)
            throw new DomainException("liability.share_invalid", $"相続分「{t}」が正しくありません。1/2 のように分子/分母で入力してください（0 以上 1 以下）。");
        return new Share(n, d);
    }

    public override string ToString() => IsZero ? "0" : $"{Numerator}/{Denominator}";
}

/// <summary>
/// The heirs' shares of a deceased taxpayer's claims (地方税法9条2項: the claims are split by the 相続分 of 民法900条〜902条). Pure.
/// <para>Rounding (a rule of this system, stated because the law gives no rule for the split's remainder): each heir's part
/// of an amount is the amount × numerator ÷ denominator with the fraction of a yen dropped; the yen the drops leave
/// over go to the first heir in the order entered who has a share, so the parts always add up to the amount.
/// 100,001 yen in 1/2, 1/4, 1/4 → 50,001 + 25,000 + 25,000.</para>
/// </summary>
public static class SuccessionShares
{
    /// <summary>
    /// Checks the shares entered: at least one heir with a share, and the shares of those with one add up to exactly 1
    /// (an heir who renounced has share 0). Throws a <see cref="DomainException"/> naming the sum otherwise.
    /// </summary>
    public static void Validate(IReadOnlyList<Share> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Count == 0 || shares.All(s => s.IsZero))
            throw new DomainException("liability.no_heir", "相続分のある相続人を1人以上入力してください。");
        var (n, d) = Sum(shares);
        if (n != d)
            throw new DomainException("liability.shares_not_whole", $"相続分の合計が {n}/{d} です。相続分の合計は1になるように入力してください（相続放棄した者は0）。");
    }

    /// <summary>The sum of the shares as a reduced fraction.</summary>
    public static (long Numerator, long Denominator) Sum(IEnumerable<Share> shares)
    {
        long n = 0, d = 1;
        foreach (var s in shares)
        {
            if (s.IsZero) continue;
            n = n * s.Denominator + s.Numerator * d;
            d *= s.Denominator;
            var g = Gcd(n, d);
            (n, d) = (n / g, d / g);
        }
        return (n, d);
    }

    /// <summary>
    /// Splits <paramref name="amount"/> (yen, not negative) by <paramref name="shares"/> (which must add up to 1):
    /// each part floored, the remainder to the first heir with a share. The result has one part per share, in order.
    /// </summary>
    public static long[] Split(long amount, IReadOnlyList<Share> shares)
    {
        Validate(shares);
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount), amount, "The amount to split must not be negative.");
        var parts = shares.Select(s => (long)((Int128)amount * s.Numerator / s.Denominator)).ToArray();
        var first = shares.ToList().FindIndex(s => !s.IsZero);
        parts[first] += amount - parts.Sum();
        return parts;
    }

    /// <summary>One heir's part of <paramref name="amount"/>: <see cref="Split"/> taken at <paramref name="index"/>.</summary>
    public static long PartOf(long amount, IReadOnlyList<Share> shares, int index) => Split(amount, shares)[index];

    private static long Gcd(long a, long b)
    {
        a = Math.Abs(a);
        while (b != 0) (a, b) = (b, a % b);
        return a == 0 ? 1 : a;
    }
}
