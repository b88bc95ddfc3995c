using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Ledger;

/// <summary>
/// 滞納繰越 (issue 17): the recorded step that closes a fiscal year's books on 31 May (出納閉鎖) and carries its unpaid claims
/// into the new year's 滞納繰越分. No journal entry moves: the claims keep their balances; what the step records is the year's
/// figures per tax kind and 調定年度 (<see cref="CarryForwardLine"/>), equal to the journal to the yen at the closing day, and who
/// ran it. At most one live (not reversed) step per closed year; a reversal is recorded on the row, never deleted.
/// </summary>
public sealed class CarryForward
{
    public long Id { get; set; }
    /// <summary>The fiscal year closed (its unpaid claims go into 滞納繰越分 of this year + 1).</summary>
    public int ClosedFiscalYear { get; set; }
    /// <summary>The business day it was run (on or after 31 May of ClosedFiscalYear + 1).</summary>
    public DateOnly RunOn { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    public string RecordedBy { get; set; } = "";
    /// <summary>Installments carried forward (収入未済額 above 0).</summary>
    public int Installments { get; set; }
    /// <summary>収入未済額 carried forward in all (yen).</summary>
    public long Unpaid { get; set; }
    public DateTime? ReversedAtUtc { get; set; }
    public string? ReversedBy { get; set; }
    public string? ReversalReason { get; set; }
    public List<CarryForwardLine> Lines { get; set; } = [];
}

/// <summary>
/// One line of the carry-forward report: tax kind, 調定年度 and 区分 (現年課税分 = a claim of the closed year, 滞納繰越分 = earlier
/// years) with 調定額, 収入額, 不納欠損額 and 収入未済額 of the closed year (yen), 調定額 − 収入額 − 不納欠損額 = 収入未済額.
/// </summary>
public sealed class CarryForwardLine
{
    public long Id { get; set; }
    public long CarryForwardId { get; set; }
    public string TaxKindCode { get; set; } = "";
    public int ClaimFiscalYear { get; set; }
    /// <summary>true: 現年課税分; false: 滞納繰越分.</summary>
    public bool Current { get; set; }
    public int Installments { get; set; }
    public long Assessed { get; set; }
    public long Collected { get; set; }
    public long WrittenOff { get; set; }
    public long Unpaid { get; set; }
}

/// <summary>
/// 財務会計への歳入日計データ (issue 17): the daily revenue hand-over file, written once per 収入日. The bytes are kept, so a second
/// write of the same day reproduces the identical file (and is recorded again) instead of computing new figures.
/// </summary>
public sealed class AccountingHandover
{
    public long Id { get; set; }
    /// <summary>収入日 handed over.</summary>
    public DateOnly Day { get; set; }
    public DateTime WrittenAtUtc { get; set; }
    public string WrittenBy { get; set; } = "";
    public string FileName { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public int Rows { get; set; }
    public long Received { get; set; }
    public long Refunded { get; set; }
    /// <summary>The file as written (Shift_JIS, CR LF): the second write reproduces it byte for byte.</summary>
    public byte[] Content { get; set; } = [];
}

internal sealed class CarryForwardConfiguration : IEntityTypeConfiguration<CarryForward>
{
    public void Configure(EntityTypeBuilder<CarryForward> e)
    {
        e.ToTable("carry_forwards");
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.Property(x => x.ReversedBy).HasMaxLength(100);
        e.Property(x => x.ReversalReason).HasMaxLength(500);
        e.HasIndex(x => x.ClosedFiscalYear).IsUnique().HasFilter("reversed_at_utc IS NULL");
        e.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.CarryForwardId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CarryForwardLineConfiguration : IEntityTypeConfiguration<CarryForwardLine>
{
    public void Configure(EntityTypeBuilder<CarryForwardLine> e)
    {
        e.ToTable("carry_forward_lines");
        e.Property(x => x.TaxKindCode).HasMaxLength(2);
        e.HasIndex(x => x.CarryForwardId);
    }
}

internal sealed class AccountingHandoverConfiguration : IEntityTypeConfiguration<AccountingHandover>
{
    public void Configure(EntityTypeBuilder<AccountingHandover> e)
    {
        e.ToTable("accounting_handovers");
        e.Property(x => x.WrittenBy).HasMaxLength(100);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.HasIndex(x => x.Day).IsUnique();
    }
}
