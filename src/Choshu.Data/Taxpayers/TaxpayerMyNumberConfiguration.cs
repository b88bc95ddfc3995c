using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Taxpayers;

/// <summary>The store mapping of <see cref="TaxpayerMyNumber"/>.</summary>
internal sealed class TaxpayerMyNumberConfiguration : IEntityTypeConfiguration<TaxpayerMyNumber>
{
    public void Configure(EntityTypeBuilder<TaxpayerMyNumber> e)
    {
        e.ToTable("taxpayer_my_numbers");
        e.HasKey(x => x.TaxpayerId);
        e.HasOne<Taxpayer>().WithOne().HasForeignKey<TaxpayerMyNumber>(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Value).HasMaxLength(200);
        e.Property(x => x.BlindIndex).HasMaxLength(64);
        e.HasIndex(x => x.BlindIndex);
    }
}
