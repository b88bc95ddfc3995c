using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Imports;

/// <summary>The store mapping of <see cref="QuarantinedRecord"/>.</summary>
internal sealed class QuarantinedRecordConfiguration : IEntityTypeConfiguration<QuarantinedRecord>
{
    public void Configure(EntityTypeBuilder<QuarantinedRecord> e)
    {
        e.ToTable("quarantined_records");
        e.HasOne<ImportFile>().WithMany().HasForeignKey(x => x.ImportFileId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ImportFileId, x.LineNo, x.Field }).IsUnique();
        e.Property(x => x.Field).HasMaxLength(50);
    }
}
