using Choshu.Data.Assessments;
using Choshu.Data.Imports;
using Choshu.Data.Taxpayers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Payments;

/// <summary>The store mapping of <see cref="DirectDebitRegistration"/>.</summary>
internal sealed class DirectDebitRegistrationConfiguration : IEntityTypeConfiguration<DirectDebitRegistration>
{
    public void Configure(EntityTypeBuilder<DirectDebitRegistration> e)
    {
        e.ToTable("direct_debit_registrations");
        e.Property(x => x.BankCode).HasMaxLength(4);
        e.Property(x => x.BranchCode).HasMaxLength(3);
        e.Property(x => x.AccountNo).HasMaxLength(7);
        e.Property(x => x.JapanPostSymbol).HasMaxLength(5);
        e.Property(x => x.JapanPostNumber).HasMaxLength(8);
        e.Property(x => x.HolderKana).HasMaxLength(30);
        e.Property(x => x.ReferenceNo).HasMaxLength(30);
        e.Property(x => x.IdempotencyKey).HasMaxLength(60);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.HasIndex(x => new { x.TaxpayerId, x.EffectiveOn });
        e.HasIndex(x => x.IdempotencyKey).IsUnique();
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<TaxKind>().WithMany().HasForeignKey(x => x.TaxKindCode).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ImportFile>().WithMany().HasForeignKey(x => x.ImportFileId).OnDelete(DeleteBehavior.Restrict);
    }
}
