using Choshu.Domain.Identifiers;
using Choshu.Domain.Taxpayers;

namespace Choshu.Formats.Taxpayers;

/// <summary>
/// One line of a taxpayer (宛名) file from the common platform, validated. A value is null when
/// the field was empty or the file has no such column; <see cref="Choshu.Formats.Csv.CsvHeader.Has"/>
/// tells the two apart. <see cref="MyNumber"/> prints as asterisks.
/// </summary>
public sealed record TaxpayerRecord
{
    public required string TaxpayerNo { get; init; }
    public required PersonKind PersonKind { get; init; }
    public required string NameKanji { get; init; }
    public required string NameKana { get; init; }
    public string? AliasKanji { get; init; }
    public string? AliasKana { get; init; }
    public DateOnly? BirthDate { get; init; }
    public Sex? Sex { get; init; }
    public string? HouseholdNo { get; init; }
    public ResidencyStatus ResidencyStatus { get; init; } = ResidencyStatus.Current;
    /// <summary>7 digits, no hyphen.</summary>
    public string? PostalCode { get; init; }
    public string? MunicipalityCode { get; init; }
    public string? TownName { get; init; }
    public string? StreetNumber { get; init; }
    public string? AddressSupplement { get; init; }
    public string? RepresentativeTitle { get; init; }
    public string? RepresentativeName { get; init; }
    public string? BranchCode { get; init; }
    public string? DistrictCode { get; init; }
    public bool MailReturned { get; init; }
    /// <summary>電話番号 (NFKC, digits with hyphens), when the file gives one.</summary>
    public string? PhoneNumber { get; init; }
    /// <summary>適用日 (today in Japan when the field is empty or absent).</summary>
    public required DateOnly EffectiveDate { get; init; }
    /// <summary>登録事由 as given.</summary>
    public string? Reason { get; init; }
    public string? IntegratedNo { get; init; }
    public CorporateNumber? CorporateNumber { get; init; }
    public MyNumber? MyNumber { get; init; }
}
