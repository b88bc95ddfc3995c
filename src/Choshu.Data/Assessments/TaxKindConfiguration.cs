using Choshu.Domain.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Assessments;

/// <summary>The store mapping of <see cref="TaxKind"/>.</summary>
internal sealed class TaxKindConfiguration : IEntityTypeConfiguration<TaxKind>
{
    public void Configure(EntityTypeBuilder<TaxKind> e)
    {
        e.ToTable("tax_kinds");
        e.HasKey(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(2);
        e.Property(x => x.Name).HasMaxLength(50);
        e.Property(x => x.Aliases).HasMaxLength(200);
        e.HasData(
            new TaxKind { Code = TaxKindCodes.InhabitantTax, Name = "市民税", Aliases = "市民税（普通徴収）|個人市民税|市県民税|市・県民税|個人住民税", SortOrder = 1 },
            new TaxKind { Code = TaxKindCodes.FixedAssetTax, Name = "固定資産税", Aliases = "固定資産税・都市計画税|固定資産税都市計画税|固都税", SortOrder = 2 },
            new TaxKind { Code = TaxKindCodes.LightVehicleTax, Name = "軽自動車税", Aliases = "軽自動車税種別割|軽自動車税（種別割）", SortOrder = 3 },
            new TaxKind { Code = TaxKindCodes.CorporateInhabitantTax, Name = "法人市民税", Aliases = "法人住民税", SortOrder = 4 });
    }
}
