using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Imports;

/// <summary>The store mapping of <see cref="ImportRun"/>.</summary>
internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> e)
    {
        e.ToTable("import_runs");
        e.HasOne<ImportFile>().WithMany().HasForeignKey(x => x.ImportFileId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Actor).HasMaxLength(100);
    }
}
