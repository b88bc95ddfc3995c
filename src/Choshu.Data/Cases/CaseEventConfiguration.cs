using Choshu.Data.Security;
using Choshu.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Cases;

/// <summary><c>case_events</c>: the append-only events of a case (<see cref="CaseEvent"/>); <c>kind</c> is a <see cref="CaseEventKind"/> number.</summary>
public sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> e)
    {
        e.ToTable("case_events");
        e.Property(x => x.Reason).HasMaxLength(CollectionCase.ReasonMaxLength);
        e.Property(x => x.ActorName).HasMaxLength(100);
        e.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.OfficerAccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<CaseEvent>().WithMany().HasForeignKey(x => x.RefersToEventId).OnDelete(DeleteBehavior.Restrict);
    }
}
