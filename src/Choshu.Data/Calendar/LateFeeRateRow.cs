namespace Choshu.Data.Calendar;

/// <summary>The late-fee rate pair of one calendar year, in basis points of a percent (240 = 2.40%).</summary>
public sealed class LateFeeRateRow
{
    public int Year { get; set; }
    public int LowerBasisPoints { get; set; }
    public int HigherBasisPoints { get; set; }
    /// <summary>猶予特例基準割合 of the year (basis points, 90 = 0.9%); null when not registered.</summary>
    public int? DefermentBasisPoints { get; set; }
    public string Source { get; set; } = "";
}
