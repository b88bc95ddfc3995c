using Choshu.Domain.Taxpayers;

namespace Choshu.Data.Taxpayers;

/// <summary>
/// 宛名: the current state of a taxpayer. Every state it has ever had, including this one,
/// is also a row of <see cref="TaxpayerVersion"/>; a change appends a version and then
/// updates this row to match it.
/// </summary>
public sealed class Taxpayer
{
    public long Id { get; set; }
    /// <summary>宛名番号, the number the common platform assigns (digits).</summary>
    public string TaxpayerNo { get; set; } = "";
    /// <summary>団体内統合宛名番号, when the platform has assigned one.</summary>
    public string? IntegratedNo { get; set; }
    /// <summary>法人番号 (public information, 13 digits with check digit).</summary>
    public string? CorporateNumber { get; set; }
    public TaxpayerFacts Facts { get; set; } = new();
    /// <summary>履歴連番 of the version this row mirrors.</summary>
    public int HistorySeq { get; set; }
    /// <summary>適用日 of the version this row mirrors.</summary>
    public DateOnly EffectiveDate { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
