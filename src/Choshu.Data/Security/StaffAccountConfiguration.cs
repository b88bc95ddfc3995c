using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Security;

/// <summary>The store mapping of <see cref="StaffAccount"/>.</summary>
internal sealed class StaffAccountConfiguration : IEntityTypeConfiguration<StaffAccount>
{
    public void Configure(EntityTypeBuilder<StaffAccount> e)
    {
        e.ToTable("staff_accounts");
        e.Property(x => x.StaffNo).HasMaxLength(20);
        e.HasIndex(x => x.StaffNo).IsUnique();
        e.Property(x => x.FullName).HasMaxLength(100);
        e.Property(x => x.DepartmentCode).HasMaxLength(10);
        e.Property(x => x.SectionCode).HasMaxLength(10);
        e.Property(x => x.CreatedBy).HasMaxLength(100);
        e.Property(x => x.SecurityStamp).HasMaxLength(100);
        e.Property(x => x.ConcurrencyStamp).HasMaxLength(100);
        e.Property(x => x.PasswordHash).HasMaxLength(200);
        e.Property(x => x.PhoneNumber).HasMaxLength(30);
    }
}
