using Choshu.Data.Assessments;
using Choshu.Data.Documents;
using Choshu.Domain.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Claims;

/// <summary>
/// The store mapping of the domain's <see cref="ClaimEvent"/> (table claim_events, append-only): the domain type is
/// mapped as it is (private setters, private constructor), so the Domain project references nothing.
/// </summary>
internal sealed class ClaimEventConfiguration : IEntityTypeConfiguration<ClaimEvent>
{
    public void Configure(EntityTypeBuilder<ClaimEvent> e)
    {
        e.ToTable("claim_events");
        e.HasIndex(x => x.InstallmentId);
        // The optional links are NULL on most events: index only the rows that have one (cheap bulk writes of a
        // reminder run), as journal_entries does. Same SQL on both stores.
        e.HasIndex(x => x.IdempotencyKey).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        e.HasIndex(x => x.ReversesEventId).HasFilter("reverses_event_id IS NOT NULL");
        e.HasIndex(x => x.DocumentId).HasFilter("document_id IS NOT NULL");
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.Actor).HasMaxLength(100);
        e.Property(x => x.IdempotencyKey).HasMaxLength(200);
        // Read from Kind and Ground, not stored.
        e.Ignore(x => x.DefermentKind);
        e.Ignore(x => x.StayGround);
        e.Ignore(x => x.WriteOffGround);
        e.Ignore(x => x.DefermentReason);
        e.HasOne<Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ClaimEvent>().WithMany().HasForeignKey(x => x.ReversesEventId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<IssuedDocument>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}
