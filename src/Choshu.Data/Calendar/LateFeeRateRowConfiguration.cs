using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Calendar;

/// <summary>The store mapping of <see cref="LateFeeRateRow"/>.</summary>
internal sealed class LateFeeRateRowConfiguration : IEntityTypeConfiguration<LateFeeRateRow>
{
    public void Configure(EntityTypeBuilder<LateFeeRateRow> e)
    {
        e.ToTable("late_fee_rates");
        e.HasKey(x => x.Year);
        e.Property(x => x.Year).ValueGeneratedNever();
        e.Property(x => x.Source).HasMaxLength(100);
    }
}
