namespace Choshu.Domain.LateFees;

/// <summary>
/// One period of the late-fee computation: the days <paramref name="From"/>..<paramref name="To"/>
/// (both inclusive, <paramref name="Days"/> days) on <paramref name="Base"/> yen (unpaid principal
/// truncated to the 1,000 yen) at <paramref name="RateBasisPoints"/> (240 = 2.40%), giving
/// <paramref name="Amount"/> = Base × Rate × Days ÷ 365, truncated to the yen. In a relieved period
/// (<paramref name="Relief"/>) the rate is the one applied: 0 when exempt in full; for a halved and capped
/// period min(rate ÷ 2, 猶予特例基準割合), truncated to the basis point for display (the amount is exact).
/// </summary>
public sealed record LateFeeSegment(DateOnly From, DateOnly To, int Days, long Base, int RateBasisPoints, long Amount, LateFeeReliefKind? Relief = null);
