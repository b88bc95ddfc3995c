using System.Globalization;

namespace Choshu.Domain.Reconciliation;

/// <summary>
/// The one rule for what a payment may carry, whoever enters it (every payment file reader, the counter
/// command, the web counter): an amount of 1 yen up to <see cref="MaxAmount"/> (setting payments.max_amount),
/// and a 納付日 / 収入日 inside a window around today (setting payments.date_window_years): from that many
/// years before today (the limitation period, 5 years) up to today. A date never falls outside
/// <see cref="Earliest"/>..<see cref="Latest"/> even when today is not known (a reader used without a clock):
/// year 0001 or 9999 is never a payment day. Reasons are Japanese sentences that never repeat the value.
/// </summary>
public sealed record PaymentLimits(long MaxAmount, int YearsBack, DateOnly? Today)
{
    /// <summary>10,000,000,000 yen (100億円): far above any one payment of a city's taxes, far below where a sum of a file's amounts could wrap.</summary>
    public const long DefaultMaxAmount = 10_000_000_000;

    /// <summary>5 years: the limitation period of a local tax claim (地方税法18条).</summary>
    public const int DefaultYearsBack = 5;

    /// <summary>No payment day is ever before this, whatever the window (the first day of 平成).</summary>
    public static readonly DateOnly Earliest = new(1989, 1, 8);

    /// <summary>No payment day is ever after this, whatever the window.</summary>
    public static readonly DateOnly Latest = new(2999, 12, 31);

    /// <summary>The defaults, with no today: the amount ceiling and the absolute date bounds only.</summary>
    public static PaymentLimits Default { get; } = new(DefaultMaxAmount, DefaultYearsBack, null);

    /// <summary>The first day the window accepts (today minus <see cref="YearsBack"/> years), or <see cref="Earliest"/>.</summary>
    public DateOnly From => Today is { } t && t.AddYears(-YearsBack) > Earliest ? t.AddYears(-YearsBack) : Earliest;

    /// <summary>The last day the window accepts: today, or <see cref="Latest"/> when today is not known.</summary>
    public DateOnly To => Today ?? Latest;

    /// <summary>Why <paramref name="amount"/> cannot be a payment, or null.</summary>
    public string? AmountReason(long amount) =>
        amount <= 0 ? "1円以上で指定してください。"
        : amount > MaxAmount ? $"1件の金額の上限（{MaxAmount.ToString("N0", CultureInfo.InvariantCulture)}円、設定 payments.max_amount）を超えています。"
        : null;

    /// <summary>Why <paramref name="date"/> cannot be a 納付日 or 収入日, or null.</summary>
    public string? DateReason(DateOnly date)
    {
        if (date < Earliest || date > Latest)
            return "ありえない日付です（年を確かめてください）。";
        if (date > To)
            return $"未来の日付です（{Iso(To)} までの日付を指定してください）。";
        if (date < From)
            return $"{Iso(From)} より前の日付です（受け付けるのは今日から{YearsBack}年前まで。設定 payments.date_window_years）。";
        return null;
    }

    /// <summary>Throws <see cref="DomainException"/> "payment.date_outside_window" naming <paramref name="what"/> when <paramref name="date"/> is refused.</summary>
    public void Demand(DateOnly date, string what)
    {
        if (DateReason(date) is { } reason)
            throw new DomainException(DateOutsideWindowCode, $"{what}: {reason}");
    }

    public const string DateOutsideWindowCode = "payment.date_outside_window";

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>What dates a person's record may hold.</summary>
public static class PersonDates
{
    /// <summary>No living taxpayer was born before this.</summary>
    public static readonly DateOnly EarliestBirth = new(1890, 1, 1);

    /// <summary>Why <paramref name="birth"/> cannot be a birth date on <paramref name="today"/>, or null.</summary>
    public static string? BirthDateReason(DateOnly birth, DateOnly today) =>
        birth < EarliestBirth ? "1890年より前の生年月日は受け付けません（年を確かめてください）。"
        : birth > today ? "未来の生年月日です（年を確かめてください）。"
        : null;
}
