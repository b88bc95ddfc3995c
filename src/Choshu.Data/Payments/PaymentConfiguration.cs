using Choshu.Data.Assessments;
using Choshu.Data.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Payments;

/// <summary>The store mapping of <see cref="Payment"/>.</summary>
internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> e)
    {
        e.ToTable("payments");
        e.Property(x => x.RawKey).HasMaxLength(60);
        e.Property(x => x.SourceCode).HasMaxLength(40);
        e.Property(x => x.IdempotencyKey).HasMaxLength(200);
        e.Property(x => x.Actor).HasMaxLength(100);
        e.Property(x => x.StatusChangedBy).HasMaxLength(100);
        e.HasIndex(x => x.IdempotencyKey).IsUnique();
        e.HasIndex(x => x.InstallmentId);
        e.HasIndex(x => new { x.Status, x.PaidOn });
        e.HasIndex(x => x.ReceivedOn);
        e.HasOne<Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ImportFile>().WithMany().HasForeignKey(x => x.ImportFileId).OnDelete(DeleteBehavior.Restrict);
    }
}
