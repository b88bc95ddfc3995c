using Choshu.Domain.Taxpayers;

namespace Choshu.Data.Taxpayers;

/// <summary>
/// The record items of 宛名情報 that a version of a taxpayer carries. Shared by the current
/// record (<see cref="Taxpayer"/>) and every historical version (<see cref="TaxpayerVersion"/>),
/// so the two can never drift apart. The My Number is not here: it lives in its own table.
/// </summary>
public sealed record TaxpayerFacts
{
    public PersonKind PersonKind { get; init; } = PersonKind.Individual;
    /// <summary>氏名漢字 (a corporation's name for 法人)</summary>
    public string NameKanji { get; init; } = "";
    /// <summary>氏名かな, stored as given (full-width katakana or hiragana).</summary>
    public string NameKana { get; init; } = "";
    /// <summary>通称名漢字</summary>
    public string? AliasKanji { get; init; }
    /// <summary>通称名かな</summary>
    public string? AliasKana { get; init; }
    /// <summary>生年月日 (individuals; a corporation's founding date when known)</summary>
    public DateOnly? BirthDate { get; init; }
    /// <summary>性別 (individuals only)</summary>
    public Sex? Sex { get; init; }
    /// <summary>世帯番号</summary>
    public string? HouseholdNo { get; init; }
    /// <summary>現存区分</summary>
    public ResidencyStatus ResidencyStatus { get; init; } = ResidencyStatus.Current;
    /// <summary>郵便番号, 7 digits without hyphen.</summary>
    public string? PostalCode { get; init; }
    /// <summary>市区町村コード (the municipality of the address, 6-digit 全国地方公共団体コード)</summary>
    public string? MunicipalityCode { get; init; }
    /// <summary>町名 (prefecture, city and town part of the address)</summary>
    public string? TownName { get; init; }
    /// <summary>番地</summary>
    public string? StreetNumber { get; init; }
    /// <summary>方書 (building, room, care-of)</summary>
    public string? AddressSupplement { get; init; }
    /// <summary>代表者肩書 (corporations)</summary>
    public string? RepresentativeTitle { get; init; }
    /// <summary>代表者氏名 (corporations)</summary>
    public string? RepresentativeName { get; init; }
    /// <summary>支所コード: the branch tax office in charge.</summary>
    public string? BranchCode { get; init; }
    /// <summary>地区コード</summary>
    public string? DistrictCode { get; init; }
    /// <summary>郵便返却区分: mail to this address has come back undelivered.</summary>
    public bool MailReturned { get; init; }
    /// <summary>電話番号, as given (digits and hyphens, e.g. 099-224-1111); searched by its digits (<see cref="Taxpayer.SearchPhone"/>).</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>The search keys of these names and this address (<see cref="TaxpayerSearchKeys.Of"/>).</summary>
    public TaxpayerSearchKeys SearchKeys() =>
        TaxpayerSearchKeys.Of(NameKana, AliasKana, NameKanji, AliasKanji, TownName, StreetNumber, AddressSupplement);
}
