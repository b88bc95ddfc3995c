using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Privacy;

/// <summary>The store mapping of <see cref="DeletionTarget"/>.</summary>
internal sealed class DeletionTargetConfiguration : IEntityTypeConfiguration<DeletionTarget>
{
    public void Configure(EntityTypeBuilder<DeletionTarget> e)
    {
        e.ToTable("deletion_targets");
        e.HasIndex(x => new { x.DeletionRequestId, x.TaxpayerId }).IsUnique();
        e.Property(x => x.TaxpayerNo).HasMaxLength(15);
        e.HasOne<DeletionRequest>().WithMany().HasForeignKey(x => x.DeletionRequestId).OnDelete(DeleteBehavior.Restrict);
    }
}
