using Choshu.Data.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Privacy;

/// <summary>The store mapping of <see cref="DeletionRequest"/>.</summary>
internal sealed class DeletionRequestConfiguration : IEntityTypeConfiguration<DeletionRequest>
{
    public void Configure(EntityTypeBuilder<DeletionRequest> e)
    {
        e.ToTable("deletion_requests");
        e.Property(x => x.Scope).HasMaxLength(50);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.DecisionComment).HasMaxLength(500);
        e.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.RequestedByAccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.DecidedByAccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.ExecutedByAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
