namespace Choshu.Domain.LateFees;

/// <summary>
/// The late-fee rate pair of one calendar year, in basis points of a percent (240 = 2.40%):
/// <paramref name="LowerBasisPoints"/> applies up to the day one month has passed since the day
/// after the due date, <paramref name="HigherBasisPoints"/> after that. <paramref name="DefermentBasisPoints"/> is the
/// year's 猶予特例基準割合 (平均貸付割合 + 0.5%: 90 = 0.9% in 2022–2025, 130 = 1.3% in 2026), the cap of the rate in a
/// deferred period whose late fee is halved (地方税法附則3条の2); null when not registered for the year.
/// </summary>
public sealed record LateFeeRate(int Year, int LowerBasisPoints, int HigherBasisPoints, int? DefermentBasisPoints = null);
