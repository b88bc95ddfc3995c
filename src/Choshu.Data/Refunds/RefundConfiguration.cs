using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Data.Taxpayers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Refunds;

/// <summary>The store mapping of <see cref="Refund"/>.</summary>
internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> e)
    {
        e.ToTable("refunds");
        e.Property(x => x.BankCode).HasMaxLength(4);
        e.Property(x => x.BankName).HasMaxLength(30);
        e.Property(x => x.BranchCode).HasMaxLength(3);
        e.Property(x => x.BranchName).HasMaxLength(30);
        e.Property(x => x.AccountNo).HasMaxLength(7);
        e.Property(x => x.HolderKana).HasMaxLength(60);
        e.Property(x => x.DraftedBy).HasMaxLength(100);
        e.Property(x => x.DecidedBy).HasMaxLength(100);
        e.Property(x => x.WithdrawnBy).HasMaxLength(100);
        e.Property(x => x.Note).HasMaxLength(500);
        e.HasIndex(x => x.TaxpayerId);
        e.HasIndex(x => x.OverpaymentId);
        e.HasIndex(x => x.TransferId);
        e.HasIndex(x => x.RefundEntryId).IsUnique();
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.OverpaymentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.RefundEntryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<DirectDebitAccount>().WithMany().HasForeignKey(x => x.DebitAccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<RefundTransfer>().WithMany().HasForeignKey(x => x.TransferId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The store mapping of <see cref="RefundTransfer"/>.</summary>
internal sealed class RefundTransferConfiguration : IEntityTypeConfiguration<RefundTransfer>
{
    public void Configure(EntityTypeBuilder<RefundTransfer> e)
    {
        e.ToTable("refund_transfers");
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.FilePath).HasMaxLength(1000);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.HasIndex(x => x.TransferDate);
    }
}
