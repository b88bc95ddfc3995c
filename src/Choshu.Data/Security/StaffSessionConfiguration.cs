using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Security;

/// <summary>The store mapping of <see cref="StaffSession"/>.</summary>
internal sealed class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSession>
{
    public void Configure(EntityTypeBuilder<StaffSession> e)
    {
        e.ToTable("staff_sessions");
        e.Property(x => x.TokenHash).HasMaxLength(64);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.HasIndex(x => x.AccountId);
        e.Property(x => x.Terminal).HasMaxLength(100);
        e.Property(x => x.EndReason).HasMaxLength(30);
        e.Property(x => x.Channel).HasMaxLength(10).HasDefaultValue(StaffSession.Web);
        e.Property(x => x.OsUser).HasMaxLength(100);
        e.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
