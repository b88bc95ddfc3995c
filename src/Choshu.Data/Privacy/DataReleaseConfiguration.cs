using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Privacy;

/// <summary>The store mapping of <see cref="DataRelease"/>.</summary>
internal sealed class DataReleaseConfiguration : IEntityTypeConfiguration<DataRelease>
{
    public void Configure(EntityTypeBuilder<DataRelease> e)
    {
        e.ToTable("data_releases");
        e.Property(x => x.Content).HasMaxLength(50);
        e.Property(x => x.Recipient).HasMaxLength(100);
        e.Property(x => x.Items).HasMaxLength(1000);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.FileName).HasMaxLength(500);
        e.Property(x => x.Purpose).HasMaxLength(500);
        e.Property(x => x.ActorName).HasMaxLength(100);
        e.HasIndex(x => x.AtUtc);
    }
}
