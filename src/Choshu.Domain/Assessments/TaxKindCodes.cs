namespace Choshu.Domain.Assessments;

/// <summary>
/// The documented codes of the tax kinds Choshu ships with (税目コード). The kinds themselves are
/// data (table tax_kinds); these constants name the rows every installation has.
/// </summary>
public static class TaxKindCodes
{
    /// <summary>市民税（個人・普通徴収）</summary>
    public const string InhabitantTax = "01";
    /// <summary>固定資産税・都市計画税</summary>
    public const string FixedAssetTax = "02";
    /// <summary>軽自動車税（種別割）</summary>
    public const string LightVehicleTax = "03";
    /// <summary>法人市民税</summary>
    public const string CorporateInhabitantTax = "04";
}
