using Choshu.Data.Security;
using Choshu.Data.Taxpayers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Cases;

/// <summary>The store mapping of <see cref="CollectionCase"/>.</summary>
internal sealed class CollectionCaseConfiguration : IEntityTypeConfiguration<CollectionCase>
{
    public void Configure(EntityTypeBuilder<CollectionCase> e)
    {
        e.ToTable("collection_cases");
        e.HasIndex(x => x.TaxpayerId).IsUnique();
        e.HasIndex(x => x.OfficerAccountId);
        e.Property(x => x.DemandRunHoldReason).HasMaxLength(500);
        e.Property(x => x.UpdatedBy).HasMaxLength(100);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.OfficerAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
