using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Calendar;

/// <summary>The store mapping of <see cref="RefundInterestRateRow"/>.</summary>
internal sealed class RefundInterestRateRowConfiguration : IEntityTypeConfiguration<RefundInterestRateRow>
{
    public void Configure(EntityTypeBuilder<RefundInterestRateRow> e)
    {
        e.ToTable("refund_interest_rates");
        e.HasKey(x => x.Year);
        e.Property(x => x.Year).ValueGeneratedNever();
        e.Property(x => x.Source).HasMaxLength(100);
    }
}
