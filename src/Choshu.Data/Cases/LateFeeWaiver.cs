using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Cases;

/// <summary>
/// 延滞金減免 of one claim: drafted (起案) by one staff member with the reason and the legal basis, decided (決裁) by an approver
/// other than the drafter, who books the relief as a journal entry (<see cref="Domain.Ledger.JournalEntryKind.LateFeeRelief"/>,
/// <see cref="EntryId"/>); cancelled (取消) before the decision (withdrawn, nothing booked) or after it (a reversal linked to the
/// entry, <see cref="CancelEntryId"/>). The amount of a whole (<see cref="Mode"/> 2) or period (3) relief is fixed at the decision.
/// </summary>
public sealed class LateFeeWaiver
{
    public long Id { get; set; }
    public long TaxpayerId { get; set; }
    public long InstallmentId { get; set; }
    /// <summary>1 an amount, 2 the whole late fee owed on the decision day, 3 the late fee of a period (<see cref="PeriodFrom"/>–<see cref="PeriodTo"/>).</summary>
    public short Mode { get; set; }
    /// <summary>The amount relieved (yen): as drafted for mode 1, as decided for modes 2 and 3 (0 until then).</summary>
    public long Amount { get; set; }
    public DateOnly? PeriodFrom { get; set; }
    public DateOnly? PeriodTo { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>The legal basis: a code of <see cref="LateFeeWaiverBasis"/> or a free code with its text.</summary>
    public string BasisCode { get; set; } = "";
    public string BasisText { get; set; } = "";
    public string DraftedBy { get; set; } = "";
    public long? DraftedByAccountId { get; set; }
    public DateTime DraftedAtUtc { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? DecidedBy { get; set; }
    public long? DecidedByAccountId { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    public long? EntryId { get; set; }
    public DateTime? CancelledAtUtc { get; set; }
    public string? CancelledBy { get; set; }
    public string? CancelReason { get; set; }
    public long? CancelEntryId { get; set; }
}

/// <summary>
/// The legal bases a 延滞金減免 is decided under (data: an administrator adds a row, no release needed). A decision may instead
/// give its own code and text.
/// </summary>
public sealed class LateFeeWaiverBasis
{
    public string Code { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>The tax kind the article is about (null: any).</summary>
    public string? TaxKindCode { get; set; }
    public int SortOrder { get; set; }
}

internal sealed class LateFeeWaiverConfiguration : IEntityTypeConfiguration<LateFeeWaiver>
{
    public void Configure(EntityTypeBuilder<LateFeeWaiver> e)
    {
        e.ToTable("late_fee_waivers");
        e.HasIndex(x => x.InstallmentId);
        e.HasIndex(x => x.TaxpayerId);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.Property(x => x.BasisCode).HasMaxLength(50);
        e.Property(x => x.BasisText).HasMaxLength(200);
        e.Property(x => x.DraftedBy).HasMaxLength(100);
        e.Property(x => x.DecidedBy).HasMaxLength(100);
        e.Property(x => x.CancelledBy).HasMaxLength(100);
        e.Property(x => x.CancelReason).HasMaxLength(1000);
        e.HasOne<Assessments.Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Ledger.JournalEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Ledger.JournalEntry>().WithMany().HasForeignKey(x => x.CancelEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LateFeeWaiverBasisConfiguration : IEntityTypeConfiguration<LateFeeWaiverBasis>
{
    public void Configure(EntityTypeBuilder<LateFeeWaiverBasis> e)
    {
        e.ToTable("late_fee_waiver_bases");
        e.HasKey(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(50);
        e.Property(x => x.Text).HasMaxLength(200);
        e.Property(x => x.TaxKindCode).HasMaxLength(2);
        e.HasData(
            new LateFeeWaiverBasis { Code = "326-3", Text = "地方税法第326条第3項（市町村民税の延滞金の減免）", TaxKindCode = null, SortOrder = 1 },
            new LateFeeWaiverBasis { Code = "369-2", Text = "地方税法第369条第2項（固定資産税の延滞金の減免）", TaxKindCode = "02", SortOrder = 2 },
            new LateFeeWaiverBasis { Code = "463-24-2", Text = "地方税法第463条の24第2項（軽自動車税種別割の延滞金の減免）", TaxKindCode = "03", SortOrder = 3 },
            new LateFeeWaiverBasis { Code = "ordinance", Text = "市税条例の延滞金の減免の規定（やむを得ない理由）", TaxKindCode = null, SortOrder = 9 });
    }
}
