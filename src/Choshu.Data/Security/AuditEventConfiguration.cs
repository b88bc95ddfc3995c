using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Security;

/// <summary>The store mapping of <see cref="AuditEvent"/>.</summary>
internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> e)
    {
        // audit verify walks ids 1, 2, 3, …: a row with id 0 or below would lie outside the walk (issue 18).
        e.ToTable("audit_events", t => t.HasCheckConstraint("ck_audit_events_id_positive", "id > 0"));
        // The chain position is assigned by AuditLog under its lock, never by the store.
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.OccurredAtJst).HasMaxLength(40);
        e.Property(x => x.ActorName).HasMaxLength(100);
        e.Property(x => x.Terminal).HasMaxLength(100);
        e.Property(x => x.Purpose).HasMaxLength(500);
        e.Property(x => x.Detail).HasMaxLength(4000);
        e.Property(x => x.PrevHash).HasMaxLength(64);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.HasIndex(x => x.OccurredAtUtc);
        e.HasIndex(x => new { x.TaxpayerId, x.OccurredAtUtc }).HasFilter("taxpayer_id IS NOT NULL");
        e.HasIndex(x => new { x.AccountId, x.OccurredAtUtc });
        // No foreign keys: the log must outlive and never block what it records.
    }
}
