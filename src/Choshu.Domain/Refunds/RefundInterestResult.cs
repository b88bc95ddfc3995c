namespace Choshu.Domain.Refunds;

/// <summary>
/// The refund interest on one overpayment.
/// </summary>
/// <param name="Amount">The overpayment (or the part of it) the interest is on.</param>
/// <param name="Base">The amount truncated to the 1,000 yen; 0 when it is under 2,000 yen.</param>
/// <param name="Cause">The cause that set the start.</param>
/// <param name="StartDate">The first day bearing interest (the day after the cause's start date).</param>
/// <param name="EndDate">The last day counted: the 支出決定日 or the 充当適状日.</param>
/// <param name="ExcludedFrom">First day left out under 17条の4第2項, when any.</param>
/// <param name="ExcludedTo">Last day left out under 17条の4第2項, when any.</param>
/// <param name="RawTotal">Sum of the segments, truncated to the yen.</param>
/// <param name="Interest">The interest: <paramref name="RawTotal"/> truncated to the 100 yen, 0 under 1,000 yen.</param>
/// <param name="Segments">The periods, one per calendar year (and split around an excluded window).</param>
public sealed record RefundInterestResult(
    long Amount,
    long Base,
    RefundInterestCause Cause,
    DateOnly StartDate,
    DateOnly EndDate,
    DateOnly? ExcludedFrom,
    DateOnly? ExcludedTo,
    long RawTotal,
    long Interest,
    IReadOnlyList<RefundInterestSegment> Segments)
{
    /// <summary>Days bearing interest.</summary>
    public int Days => Segments.Sum(s => s.Days);
}
