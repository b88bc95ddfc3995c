namespace Choshu.App.Seeding;

/// <summary>An address as the taxpayer record holds it (郵便番号, 市区町村コード, 町名, 番地, 方書).</summary>
public sealed record SeedAddress(
    string PostalCode,
    string MunicipalityCode,
    string TownName,
    string StreetNumber,
    string? Supplement,
    string? BranchCode,
    string? DistrictCode);
