namespace Choshu.Domain.LateFees;

/// <summary>
/// The late-fee rate pair of one calendar year, in basis points of a percent (240 = 2.40%):
/// <paramref name="LowerBasisPoints"/> applies up to the day one month has passed since the day
/// after the due date, <paramref name="HigherBasisPoints"/> after that.
/// </summary>
public sealed record LateFeeRate(int Year, int LowerBasisPoints, int HigherBasisPoints);
