using Choshu.Data.Security;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Cases;

/// <summary>
/// <c>collection_cases</c>: the case aggregate (<see cref="CollectionCase"/>), one per taxpayer. Its officer, hold and
/// closing columns are the projection of its <c>case_events</c> (<see cref="CaseEventConfiguration"/>), written only
/// by the aggregate; its events are reached through the read-only <see cref="CollectionCase.Events"/> (field access).
/// </summary>
public sealed class CollectionCaseConfiguration : IEntityTypeConfiguration<CollectionCase>
{
    public void Configure(EntityTypeBuilder<CollectionCase> e)
    {
        e.ToTable("collection_cases");
        e.HasIndex(x => x.TaxpayerId).IsUnique();
        e.HasIndex(x => x.OfficerAccountId);
        e.Property(x => x.DemandRunHoldReason).HasMaxLength(CollectionCase.ReasonMaxLength);
        e.Property(x => x.UpdatedBy).HasMaxLength(100);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.OfficerAccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.Navigation(x => x.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Ignore(x => x.History);
        e.Ignore(x => x.OfficerHistory);
        e.Ignore(x => x.State);
        e.Ignore(x => x.Projection);
        e.Ignore(x => x.IsClosed);
    }
}
