using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Calendar;

/// <summary>The store mapping of <see cref="HolidayRow"/>.</summary>
internal sealed class HolidayRowConfiguration : IEntityTypeConfiguration<HolidayRow>
{
    public void Configure(EntityTypeBuilder<HolidayRow> e)
    {
        e.ToTable("holidays");
        e.HasKey(x => x.Date);
        e.Property(x => x.Name).HasMaxLength(50);
        e.Property(x => x.Source).HasMaxLength(100);
    }
}
