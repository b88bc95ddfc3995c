namespace Choshu.Domain.Refunds;

/// <summary>
/// One calendar-year period of the interest: <paramref name="From"/>..<paramref name="To"/> inclusive,
/// <paramref name="Days"/> days on <paramref name="Base"/> at <paramref name="RateBasisPoints"/> (90 = 0.90%), giving
/// <paramref name="RawAmount"/> = Base × Rate × Days ÷ 365 exactly (not rounded; the total is truncated once).
/// </summary>
public sealed record RefundInterestSegment(DateOnly From, DateOnly To, int Days, long Base, int RateBasisPoints, decimal RawAmount);
