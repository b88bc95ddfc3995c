using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Payments;

/// <summary>The store mapping of <see cref="OverpaymentCause"/> (<c>overpayment_causes</c>).</summary>
internal sealed class OverpaymentCauseConfiguration : IEntityTypeConfiguration<OverpaymentCause>
{
    public void Configure(EntityTypeBuilder<OverpaymentCause> e)
    {
        e.ToTable("overpayment_causes");
        e.HasKey(x => x.JournalEntryId);
        e.Property(x => x.JournalEntryId).ValueGeneratedNever();
        e.HasOne(x => x.Entry).WithMany().HasForeignKey(x => x.JournalEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}
