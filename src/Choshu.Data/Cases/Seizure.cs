using Choshu.Domain.Cases;
using Choshu.Domain.Enforcement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Cases;

/// <summary>
/// 差押: one seizure of a taxpayer's property for some of their claims (<see cref="SeizureClaim"/>). <see cref="Amount"/> is the money
/// seized (a receivable: at most the claims' total on <see cref="SeizedOn"/>, 国税徴収法48条) or, for property, the claims' total it
/// stands for (<see cref="EstimatedValue"/> is the property's estimated value). The seizure takes effect on <see cref="ArrivedOn"/>
/// (the 債権差押通知書 reached the third-party debtor; for property the day the record was made), when a claim event 差押 is recorded
/// on every claim covered. It ends by 取立 (<see cref="SeizureRecovery"/>) or release (<see cref="ReleasedOn"/>).
/// </summary>
public sealed class Seizure
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public long TaxpayerId { get; set; }
    public SeizureKind Kind { get; set; }
    public SeizureState State { get; set; }
    /// <summary>差押日: the day of the seizure decision (差押調書).</summary>
    public DateOnly SeizedOn { get; set; }
    /// <summary>The day the notice was sent to the third-party debtor.</summary>
    public DateOnly? SentOn { get; set; }
    /// <summary>The day it arrived (送達): the effect starts.</summary>
    public DateOnly? ArrivedOn { get; set; }
    /// <summary>第三債務者 (bank and branch, employer, pension payer, tax office); null for property.</summary>
    public string? ThirdPartyName { get; set; }
    public string? ThirdPartyAddress { get; set; }
    /// <summary>The inquiry answer the property was found in (照会回答; no foreign key: wired by the inquiry feature).</summary>
    public long? InquiryAnswerId { get; set; }
    /// <summary>The property in words (口座: 普通預金 1234567; 給与; 土地の所在・地番; 登録番号 …).</summary>
    public string Property { get; set; } = "";
    public long Amount { get; set; }
    public long? EstimatedValue { get; set; }
    /// <summary>A deposit: the balance seen (optional).</summary>
    public long? Balance { get; set; }
    /// <summary>A deposit: money from protected sources in it (児童手当 etc.), left out of the seizure; 0 when none.</summary>
    public long ProtectedAmount { get; set; }
    public string? ProtectedNote { get; set; }
    /// <summary>A wage or pension seizure: the inputs of the protected-amount rule as JSON (<see cref="WageSeizureInput"/>).</summary>
    public string? WageInputJson { get; set; }
    /// <summary>Money collected so far (取立).</summary>
    public long Collected { get; set; }
    /// <summary>A hardship stay (執行停止 2号) began on this day: the seizure must be released (地方税法15条の7第3項).</summary>
    public DateOnly? ReleaseRequiredOn { get; set; }
    public DateOnly? ReleasedOn { get; set; }
    public string? ReleaseReason { get; set; }
    public DateOnly? EndedOn { get; set; }
    public long? RecordDocumentId { get; set; }
    public long? NoticeDocumentId { get; set; }
    public long? ReleaseDocumentId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>One claim a seizure covers, with its amounts on the seizure day and the claim events of its period.</summary>
public sealed class SeizureClaim
{
    public long Id { get; set; }
    public long SeizureId { get; set; }
    public long InstallmentId { get; set; }
    public long Principal { get; set; }
    public long ReminderFee { get; set; }
    public long LateFee { get; set; }
    /// <summary>The claim event 差押 recorded on arrival.</summary>
    public long? EventId { get; set; }
    /// <summary>The claim event that ended it (release or end).</summary>
    public long? EndEventId { get; set; }
}

/// <summary>取立: money collected from the third-party debtor, booked once per <see cref="Key"/> (the re-run of the same key books nothing).</summary>
public sealed class SeizureRecovery
{
    public long Id { get; set; }
    public long SeizureId { get; set; }
    public string Key { get; set; } = "";
    public DateOnly CollectedOn { get; set; }
    public long Amount { get; set; }
    /// <summary>The payments booked (ids, comma separated).</summary>
    public string PaymentIds { get; set; } = "";
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}

internal sealed class SeizureConfiguration : IEntityTypeConfiguration<Seizure>
{
    public void Configure(EntityTypeBuilder<Seizure> e)
    {
        e.ToTable("seizures");
        e.HasIndex(x => x.CaseId);
        e.HasIndex(x => x.TaxpayerId);
        e.HasIndex(x => x.State);
        e.Property(x => x.ThirdPartyName).HasMaxLength(200);
        e.Property(x => x.ThirdPartyAddress).HasMaxLength(300);
        e.Property(x => x.Property).HasMaxLength(500);
        e.Property(x => x.ProtectedNote).HasMaxLength(500);
        e.Property(x => x.WageInputJson).HasMaxLength(1000);
        e.Property(x => x.ReleaseReason).HasMaxLength(1000);
        e.Property(x => x.CreatedBy).HasMaxLength(100);
        e.HasOne<CollectionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Documents.IssuedDocument>().WithMany().HasForeignKey(x => x.RecordDocumentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Documents.IssuedDocument>().WithMany().HasForeignKey(x => x.NoticeDocumentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Documents.IssuedDocument>().WithMany().HasForeignKey(x => x.ReleaseDocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SeizureClaimConfiguration : IEntityTypeConfiguration<SeizureClaim>
{
    public void Configure(EntityTypeBuilder<SeizureClaim> e)
    {
        e.ToTable("seizure_claims");
        e.HasIndex(x => new { x.SeizureId, x.InstallmentId }).IsUnique();
        e.HasIndex(x => x.InstallmentId);
        e.HasOne<Seizure>().WithMany().HasForeignKey(x => x.SeizureId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Assessments.Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SeizureRecoveryConfiguration : IEntityTypeConfiguration<SeizureRecovery>
{
    public void Configure(EntityTypeBuilder<SeizureRecovery> e)
    {
        e.ToTable("seizure_recoveries");
        e.HasIndex(x => x.Key).IsUnique();
        e.HasIndex(x => x.SeizureId);
        e.Property(x => x.Key).HasMaxLength(100);
        e.Property(x => x.PaymentIds).HasMaxLength(500);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.HasOne<Seizure>().WithMany().HasForeignKey(x => x.SeizureId).OnDelete(DeleteBehavior.Restrict);
    }
}
