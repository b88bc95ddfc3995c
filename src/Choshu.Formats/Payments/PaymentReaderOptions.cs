using Choshu.Domain.Reconciliation;

namespace Choshu.Formats.Payments;

/// <summary>
/// What a reader needs besides the file. Only the Zengin reader needs anything: its header gives the
/// debit date as MMDD without a year. Give <see cref="DebitYear"/>, or <see cref="DebitOnOrBefore"/>
/// (usually the day the result file is imported) and the year is the latest in which that MMDD falls on
/// or before it — a result file always arrives after its debit date, so a 12-26 debit imported on
/// 5 January is dated in the year before.
/// </summary>
public sealed record PaymentReaderOptions
{
    public static PaymentReaderOptions Default { get; } = new();

    /// <summary>zengin: the year of the header's 引落日. Wins over <see cref="DebitOnOrBefore"/>.</summary>
    public int? DebitYear { get; init; }

    /// <summary>Every format: the amount ceiling and date window (settings payments.max_amount, payments.date_window_years, and today).</summary>
    public PaymentLimits Limits { get; init; } = PaymentLimits.Default;

    /// <summary>zengin, when <see cref="DebitYear"/> is not given: the 引落日 is the latest date with the header's MMDD on or before this day.</summary>
    public DateOnly? DebitOnOrBefore { get; init; }
}
