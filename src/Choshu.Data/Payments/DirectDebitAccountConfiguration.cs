using Choshu.Data.Assessments;
using Choshu.Data.Taxpayers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Payments;

/// <summary>The store mapping of <see cref="DirectDebitAccount"/>.</summary>
internal sealed class DirectDebitAccountConfiguration : IEntityTypeConfiguration<DirectDebitAccount>
{
    public void Configure(EntityTypeBuilder<DirectDebitAccount> e)
    {
        e.ToTable("direct_debit_accounts");
        e.Property(x => x.BankCode).HasMaxLength(4);
        e.Property(x => x.BranchCode).HasMaxLength(3);
        e.Property(x => x.AccountNo).HasMaxLength(7);
        e.Property(x => x.HolderKana).HasMaxLength(30);
        e.HasIndex(x => new { x.TaxpayerId, x.TaxKindCode });
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<TaxKind>().WithMany().HasForeignKey(x => x.TaxKindCode).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<DirectDebitRegistration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Restrict);
    }
}
