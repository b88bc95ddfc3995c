namespace Choshu.Domain.Refunds;

/// <summary>
/// The refund interest rate (還付加算金の割合) of one calendar year in basis points of a percent (90 = 0.90%):
/// the 還付加算金特例基準割合 (earlier 特例基準割合) or the statutory 7.3% when that is not lower.
/// </summary>
public sealed record RefundInterestRate(int Year, int BasisPoints);
