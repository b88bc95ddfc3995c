using Choshu.Data.Assessments;
using Choshu.Data.Taxpayers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Payments;

/// <summary>The store mapping of <see cref="CounterReceipt"/>.</summary>
internal sealed class CounterReceiptConfiguration : IEntityTypeConfiguration<CounterReceipt>
{
    public void Configure(EntityTypeBuilder<CounterReceipt> e)
    {
        e.ToTable("counter_receipts");
        e.Property(x => x.ReceiptNo).HasMaxLength(40);
        e.Property(x => x.PayerName).HasMaxLength(200);
        e.Property(x => x.Actor).HasMaxLength(100);
        e.HasIndex(x => x.ReceiptNo).IsUnique();
        e.HasIndex(x => x.ReceivedOn);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The store mapping of <see cref="CounterReceiptLine"/>.</summary>
internal sealed class CounterReceiptLineConfiguration : IEntityTypeConfiguration<CounterReceiptLine>
{
    public void Configure(EntityTypeBuilder<CounterReceiptLine> e)
    {
        e.ToTable("counter_receipt_lines");
        e.HasIndex(x => new { x.ReceiptId, x.LineNo }).IsUnique();
        e.HasIndex(x => x.PaymentId).IsUnique();
        e.HasOne<CounterReceipt>().WithMany().HasForeignKey(x => x.ReceiptId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Payment>().WithMany().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The store mapping of <see cref="BusinessDay"/>.</summary>
internal sealed class BusinessDayConfiguration : IEntityTypeConfiguration<BusinessDay>
{
    public void Configure(EntityTypeBuilder<BusinessDay> e)
    {
        e.ToTable("business_days");
        e.HasKey(x => x.Day);
        e.Property(x => x.ClosedBy).HasMaxLength(100);
        e.Property(x => x.ReopenedBy).HasMaxLength(100);
        e.Property(x => x.ReopenReason).HasMaxLength(500);
    }
}
