using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Security;

/// <summary>The store mapping of <see cref="RoleGrant"/>.</summary>
internal sealed class RoleGrantConfiguration : IEntityTypeConfiguration<RoleGrant>
{
    public void Configure(EntityTypeBuilder<RoleGrant> e)
    {
        e.ToTable("role_grants");
        e.HasIndex(x => x.AccountId);
        e.Property(x => x.GrantedBy).HasMaxLength(100);
        e.Property(x => x.RevokedBy).HasMaxLength(100);
        e.Property(x => x.RevokeReason).HasMaxLength(500);
        e.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
