using Choshu.Data.Taxpayers;

namespace Choshu.App.Seeding;

internal static class TaxpayerFactsAddress
{
    /// <summary>The facts with <paramref name="address"/>'s items filled in.</summary>
    public static TaxpayerFacts WithAddress(this TaxpayerFacts facts, SeedAddress address) => facts with
    {
        PostalCode = address.PostalCode,
        MunicipalityCode = address.MunicipalityCode,
        TownName = address.TownName,
        StreetNumber = address.StreetNumber,
        AddressSupplement = address.Supplement,
        BranchCode = address.BranchCode,
        DistrictCode = address.DistrictCode,
    };
}
