using Choshu.Data.Assessments;
using Choshu.Data.Documents;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Cases;
using Choshu.Domain.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Cases;

/// <summary>
/// 約束・分納誓約 (table <c>pledges</c>, append-only): what the taxpayer undertook, on which day (the day of the promise, or the
/// signing day of the 納付誓約書), on the taxpayer's case. Its schedule is <see cref="PledgeInstalmentRow"/>, the claims it covers
/// <see cref="PledgeClaim"/>, what happened after <see cref="PledgeEvent"/>. No state column: the standing (履行中・不履行・履行済・
/// 取消・完了) is derived from the payments and the events (<see cref="PledgeRules.Evaluate"/>).
/// </summary>
public sealed class Pledge
{
    public const int NoteMaxLength = 500;

    public long Id { get; set; }
    public long TaxpayerId { get; set; }
    public long CaseId { get; set; }
    public PledgeKind Kind { get; set; }
    /// <summary>The day of the promise, or the day the 納付誓約書 was signed (the 承認).</summary>
    public DateOnly MadeOn { get; set; }
    public string? Note { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>One scheduled payment of a pledge (table <c>pledge_instalments</c>, append-only).</summary>
public sealed class PledgeInstalmentRow
{
    public long Id { get; set; }
    public long PledgeId { get; set; }
    /// <summary>1, 2, … in date order.</summary>
    public int No { get; set; }
    public DateOnly DueOn { get; set; }
    public long Amount { get; set; }
}

/// <summary>A claim (installment) a pledge covers (table <c>pledge_claims</c>, append-only), with the 承認 recorded on it by the signing.</summary>
public sealed class PledgeClaim
{
    public long Id { get; set; }
    public long PledgeId { get; set; }
    public long InstallmentId { get; set; }
    /// <summary>The order the claims are paid in (oldest first), 1….</summary>
    public int Position { get; set; }
    /// <summary>The <see cref="ClaimEventKind.Acknowledgement"/> the signing recorded on the claim (null for a promise).</summary>
    public long? ClaimEventId { get; set; }
}

/// <summary>What happened to a pledge after it was recorded (table <c>pledge_events</c>, append-only): <see cref="PledgeEventKind"/>.</summary>
public sealed class PledgeEvent
{
    public long Id { get; set; }
    public long PledgeId { get; set; }
    public PledgeEventKind Kind { get; set; }
    public DateOnly On { get; set; }
    public string? Reason { get; set; }
    /// <summary>The issued document (誓約書, 不履行通知) for the print events.</summary>
    public long? DocumentId { get; set; }
    public string Actor { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}

internal sealed class PledgeConfiguration : IEntityTypeConfiguration<Pledge>
{
    public void Configure(EntityTypeBuilder<Pledge> e)
    {
        e.ToTable("pledges");
        e.HasIndex(x => x.TaxpayerId);
        e.HasIndex(x => x.CaseId);
        e.Property(x => x.Note).HasMaxLength(Pledge.NoteMaxLength);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<CollectionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PledgeInstalmentConfiguration : IEntityTypeConfiguration<PledgeInstalmentRow>
{
    public void Configure(EntityTypeBuilder<PledgeInstalmentRow> e)
    {
        e.ToTable("pledge_instalments");
        e.HasIndex(x => new { x.PledgeId, x.No }).IsUnique();
        e.HasOne<Pledge>().WithMany().HasForeignKey(x => x.PledgeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PledgeClaimConfiguration : IEntityTypeConfiguration<PledgeClaim>
{
    public void Configure(EntityTypeBuilder<PledgeClaim> e)
    {
        e.ToTable("pledge_claims");
        e.HasIndex(x => new { x.PledgeId, x.InstallmentId }).IsUnique();
        e.HasIndex(x => x.InstallmentId);
        e.HasOne<Pledge>().WithMany().HasForeignKey(x => x.PledgeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ClaimEvent>().WithMany().HasForeignKey(x => x.ClaimEventId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PledgeEventConfiguration : IEntityTypeConfiguration<PledgeEvent>
{
    public void Configure(EntityTypeBuilder<PledgeEvent> e)
    {
        e.ToTable("pledge_events");
        e.HasIndex(x => x.PledgeId);
        e.Property(x => x.Reason).HasMaxLength(Pledge.NoteMaxLength);
        e.Property(x => x.Actor).HasMaxLength(100);
        e.HasOne<Pledge>().WithMany().HasForeignKey(x => x.PledgeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<IssuedDocument>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}
