using Choshu.Data.Assessments;
using Choshu.Data.Documents;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Cases;

/// <summary>
/// Another person liable for a taxpayer's claims (table <c>liabilities</c>, append-only): <see cref="PersonTaxpayerId"/> is liable,
/// as <see cref="Kind"/> says, for the claims of <see cref="PrimaryTaxpayerId"/> — every claim of the deceased (承継,
/// <see cref="AssessmentId"/> null) or one assessment (連帯納税義務, 第二次納税義務) — from <see cref="FromDate"/>. A row is never
/// changed: a 相続放棄, a recomputed share or a 限定承認 is a new row that <see cref="SupersedesId"/> the one before; the rows in
/// force are those no row supersedes. Each row names the case event on the primary taxpayer's case that recorded it.
/// </summary>
public sealed class Liability
{
    public const int ReferenceMaxLength = 200;

    public long Id { get; set; }
    public LiabilityKind Kind { get; set; }
    /// <summary>The taxpayer of the claims (the deceased, the co-owner on the notice, the primary delinquent).</summary>
    public long PrimaryTaxpayerId { get; set; }
    /// <summary>The one assessment (通知書) the person is liable for; null for a succession (every claim of the deceased).</summary>
    public long? AssessmentId { get; set; }
    /// <summary>The person liable (the heir, the co-owner, the second person), itself a taxpayer record with its own case.</summary>
    public long PersonTaxpayerId { get; set; }
    /// <summary>相続分 (succession only): numerator and denominator; 0/1 after a 相続放棄. 1/1 for the other kinds (the whole).</summary>
    public int ShareNumerator { get; set; } = 1;
    public int ShareDenominator { get; set; } = 1;
    /// <summary>The order the heir was entered in (the split's remainder goes to the first with a share); 1 for the other kinds.</summary>
    public int Position { get; set; } = 1;
    /// <summary>相続放棄 (succession only): the heir is treated as never having been one (民法939条).</summary>
    public bool Renounced { get; set; }
    /// <summary>限定承認 (succession only): liable only to the extent of the estate; no 滞納処分 on the heir's own property.</summary>
    public bool LimitedAcceptance { get; set; }
    /// <summary>第二次納税義務: the most the second person can be made to pay (the 納付通知書's 限度額).</summary>
    public long? LimitAmount { get; set; }
    /// <summary>The day the liability runs from: the day of death (承継), of the record (連帯), of the 納付通知書 (第二次).</summary>
    public DateOnly FromDate { get; set; }
    /// <summary>The decision or notice it rests on (戸籍・家庭裁判所の受理番号, 登記, 納付通知書の番号 …).</summary>
    public string? Reference { get; set; }
    /// <summary>The 納付通知書 issued (第二次納税義務).</summary>
    public long? DocumentId { get; set; }
    public long? SupersedesId { get; set; }
    /// <summary>The case event (60–69) on the primary taxpayer's case that recorded this row.</summary>
    public long CaseEventId { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }

    public Share Share => new(ShareNumerator, ShareDenominator);
}

internal sealed class LiabilityConfiguration : IEntityTypeConfiguration<Liability>
{
    public void Configure(EntityTypeBuilder<Liability> e)
    {
        e.ToTable("liabilities");
        e.HasIndex(x => x.PrimaryTaxpayerId);
        e.HasIndex(x => x.PersonTaxpayerId);
        e.HasIndex(x => x.SupersedesId).IsUnique();
        e.Property(x => x.Reference).HasMaxLength(Liability.ReferenceMaxLength);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.Ignore(x => x.Share);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.PrimaryTaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.PersonTaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Assessment>().WithMany().HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<IssuedDocument>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Liability>().WithMany().HasForeignKey(x => x.SupersedesId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<CaseEvent>().WithMany().HasForeignKey(x => x.CaseEventId).OnDelete(DeleteBehavior.Restrict);
    }
}
