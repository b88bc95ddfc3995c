namespace Choshu.Data.Assessments;

/// <summary>
/// 調定: what the assessment system determined one taxpayer owes for one tax kind, fiscal year
/// and liability year under one notice number. Amounts live in the journal, per installment.
/// </summary>
public sealed class Assessment
{
    public long Id { get; set; }
    public long TaxpayerId { get; set; }
    public string TaxKindCode { get; set; } = "";
    /// <summary>調定年度</summary>
    public int FiscalYear { get; set; }
    /// <summary>相当年度</summary>
    public int LiabilityYear { get; set; }
    /// <summary>通知書番号</summary>
    public string NoticeNo { get; set; } = "";
    /// <summary>車両番号 (標識番号) of a 軽自動車税（種別割） assessment, when the assessment file gives it; null otherwise.</summary>
    public string? VehicleNo { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public List<Installment> Installments { get; set; } = [];
}
