using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Cases;

/// <summary>
/// 不納欠損の計画 as an approver approved it (append-only; never updated): the as-of day, who approved and when, and the
/// plan's lines as JSON (<see cref="LinesJson"/>, docs/formats.md "write-off plan") with their SHA-256, so that execution
/// writes exactly what was approved. Execution is read from the claims' write-off events that name the plan.
/// </summary>
public sealed class WriteOffPlan
{
    public long Id { get; set; }
    public DateOnly AsOf { get; set; }
    public string ApprovedBy { get; set; } = "";
    public long? ApprovedByAccountId { get; set; }
    public DateTime ApprovedAtUtc { get; set; }
    public int LineCount { get; set; }
    /// <summary>Principal, reminder fee and booked late fee of every line (yen).</summary>
    public long Total { get; set; }
    public string LinesJson { get; set; } = "";
    public string LinesSha256 { get; set; } = "";
    public string? Comment { get; set; }
}

internal sealed class WriteOffPlanConfiguration : IEntityTypeConfiguration<WriteOffPlan>
{
    public void Configure(EntityTypeBuilder<WriteOffPlan> e)
    {
        e.ToTable("write_off_plans");
        e.Property(x => x.ApprovedBy).HasMaxLength(100);
        e.Property(x => x.LinesSha256).HasMaxLength(64);
        e.Property(x => x.Comment).HasMaxLength(500);
    }
}
