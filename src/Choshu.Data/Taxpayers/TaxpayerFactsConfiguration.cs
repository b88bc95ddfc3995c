using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Taxpayers;

/// <summary>
/// The columns of <see cref="TaxpayerFacts"/>, shared by <see cref="TaxpayerConfiguration"/> and
/// <see cref="TaxpayerVersionConfiguration"/>. Columns carry the item's own name, without a "facts_" prefix.
/// </summary>
internal static class TaxpayerFactsConfiguration
{
    public static void Configure(ComplexPropertyBuilder<TaxpayerFacts> f)
    {
        f.Property(x => x.PersonKind).HasColumnName("person_kind");
        f.Property(x => x.NameKanji).HasColumnName("name_kanji").HasMaxLength(100);
        f.Property(x => x.NameKana).HasColumnName("name_kana").HasMaxLength(100);
        f.Property(x => x.AliasKanji).HasColumnName("alias_kanji").HasMaxLength(100);
        f.Property(x => x.AliasKana).HasColumnName("alias_kana").HasMaxLength(100);
        f.Property(x => x.BirthDate).HasColumnName("birth_date");
        f.Property(x => x.Sex).HasColumnName("sex");
        f.Property(x => x.HouseholdNo).HasColumnName("household_no").HasMaxLength(15);
        f.Property(x => x.ResidencyStatus).HasColumnName("residency_status");
        f.Property(x => x.PostalCode).HasColumnName("postal_code").HasMaxLength(7);
        f.Property(x => x.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(6);
        f.Property(x => x.TownName).HasColumnName("town_name").HasMaxLength(100);
        f.Property(x => x.StreetNumber).HasColumnName("street_number").HasMaxLength(50);
        f.Property(x => x.AddressSupplement).HasColumnName("address_supplement").HasMaxLength(100);
        f.Property(x => x.RepresentativeTitle).HasColumnName("representative_title").HasMaxLength(50);
        f.Property(x => x.RepresentativeName).HasColumnName("representative_name").HasMaxLength(100);
        f.Property(x => x.BranchCode).HasColumnName("branch_code").HasMaxLength(10);
        f.Property(x => x.DistrictCode).HasColumnName("district_code").HasMaxLength(10);
        f.Property(x => x.MailReturned).HasColumnName("mail_returned");
        f.Property(x => x.PhoneNumber).HasColumnName("phone_number").HasMaxLength(20);
    }
}
