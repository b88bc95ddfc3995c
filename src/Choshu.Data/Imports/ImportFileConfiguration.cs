using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Imports;

/// <summary>The store mapping of <see cref="ImportFile"/>.</summary>
internal sealed class ImportFileConfiguration : IEntityTypeConfiguration<ImportFile>
{
    public void Configure(EntityTypeBuilder<ImportFile> e)
    {
        e.ToTable("import_files");
        e.Property(x => x.Kind).HasMaxLength(30);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.Encoding).HasMaxLength(20);
        e.HasIndex(x => new { x.Kind, x.Sha256 }).IsUnique();
    }
}
