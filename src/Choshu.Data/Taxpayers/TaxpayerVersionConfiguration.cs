using Choshu.Data.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Taxpayers;

/// <summary>The store mapping of <see cref="TaxpayerVersion"/>.</summary>
internal sealed class TaxpayerVersionConfiguration : IEntityTypeConfiguration<TaxpayerVersion>
{
    public void Configure(EntityTypeBuilder<TaxpayerVersion> e)
    {
        e.ToTable("taxpayer_versions");
        e.HasIndex(x => new { x.TaxpayerId, x.HistorySeq }).IsUnique();
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ImportFile>().WithMany().HasForeignKey(x => x.ImportFileId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.CorporateNumber).HasMaxLength(13);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.ComplexProperty(x => x.Facts, TaxpayerFactsConfiguration.Configure);
    }
}
