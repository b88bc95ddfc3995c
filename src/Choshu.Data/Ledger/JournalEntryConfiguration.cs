using Choshu.Data.Assessments;
using Choshu.Data.Imports;
using Choshu.Data.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Ledger;

/// <summary>The store mapping of <see cref="JournalEntry"/>.</summary>
internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> e)
    {
        e.ToTable("journal_entries");
        e.HasIndex(x => x.InstallmentId);
        // The optional links are NULL on most entries (every charge, every seeded payment): index only
        // the rows that have one, which keeps bulk writes to the journal cheap. Same SQL on both stores.
        e.HasIndex(x => x.IdempotencyKey).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        e.HasIndex(x => x.ReversesEntryId).HasFilter("reverses_entry_id IS NOT NULL");
        e.HasIndex(x => x.PaymentId).HasFilter("payment_id IS NOT NULL");
        e.HasIndex(x => x.LinkedEntryId).HasFilter("linked_entry_id IS NOT NULL");
        // The overpayment account (component 4) is rare beside the claim's entries: the overpayments view and the
        // overpayment balances read it through this index.
        e.HasIndex(x => x.InstallmentId, "OverpaymentAccount").HasDatabaseName("ix_journal_entries_overpayment_account").HasFilter("component = 4");
        e.HasIndex(x => x.ImportFileId).HasFilter("import_file_id IS NOT NULL");
        e.Property(x => x.IdempotencyKey).HasMaxLength(200);
        e.Property(x => x.Actor).HasMaxLength(100);
        e.Property(x => x.ReasonCode).HasMaxLength(50);
        e.HasOne<Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.ReversesEntryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.LinkedEntryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ImportFile>().WithMany().HasForeignKey(x => x.ImportFileId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Payment>().WithMany().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}
