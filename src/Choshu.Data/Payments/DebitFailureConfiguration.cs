using Choshu.Data.Assessments;
using Choshu.Data.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Payments;

/// <summary>The store mapping of <see cref="DebitFailure"/>.</summary>
internal sealed class DebitFailureConfiguration : IEntityTypeConfiguration<DebitFailure>
{
    public void Configure(EntityTypeBuilder<DebitFailure> e)
    {
        e.ToTable("debit_failures");
        e.Property(x => x.CustomerNo).HasMaxLength(20);
        e.Property(x => x.SourceCode).HasMaxLength(40);
        e.Property(x => x.IdempotencyKey).HasMaxLength(100);
        e.HasIndex(x => x.IdempotencyKey).IsUnique();
        e.HasIndex(x => new { x.DebitDate, x.ResultCode });
        e.HasIndex(x => x.InstallmentId);
        e.HasOne<Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ImportFile>().WithMany().HasForeignKey(x => x.ImportFileId).OnDelete(DeleteBehavior.Restrict);
    }
}
