namespace Choshu.Data.Calendar;

/// <summary>The refund interest rate (還付加算金の割合) of one calendar year, in basis points of a percent (90 = 0.90%).</summary>
public sealed class RefundInterestRateRow
{
    public int Year { get; set; }
    public int BasisPoints { get; set; }
    public string Source { get; set; } = "";
}
