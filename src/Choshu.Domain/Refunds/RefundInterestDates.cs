namespace Choshu.Domain.Refunds;

/// <summary>
/// The dates besides the payment that the start of refund interest or the 30-day exclusion may need.
/// </summary>
/// <param name="RequestedOn">The 更正の請求 (cause 2).</param>
/// <param name="CorrectedOn">The 更正 made on that request (cause 2).</param>
/// <param name="IncomeTaxNoticeOn">The notice (or filing) of the income-tax 更正 (cause 3).</param>
/// <param name="NotifiedOn">The day the taxpayer was notified of the overpayment (17条の4第2項).</param>
/// <param name="ClaimedOn">The day the taxpayer claimed the refund (17条の4第2項).</param>
public sealed record RefundInterestDates(
    DateOnly? RequestedOn = null,
    DateOnly? CorrectedOn = null,
    DateOnly? IncomeTaxNoticeOn = null,
    DateOnly? NotifiedOn = null,
    DateOnly? ClaimedOn = null)
{
    public static readonly RefundInterestDates None = new();
}
