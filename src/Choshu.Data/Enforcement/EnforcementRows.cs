using Choshu.Data.Assessments;
using Choshu.Domain.Cases;
using Choshu.Data.Documents;
using Choshu.Data.Taxpayers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Enforcement;

/// <summary>
/// 交付要求 or 参加差押 (地方税法 as 国税徴収法82・86条): the city asks another enforcement body (a court, the tax office, another
/// city, a bankruptcy trustee) for a share of what it collects on the taxpayer's property. Ended when the other procedure ends.
/// Its claims are <see cref="ClaimForDistributionLine"/>; each one has a claim event 41 (the limitation effect).
/// </summary>
public sealed class ClaimForDistribution
{
    public const int TextMaxLength = 200;
    public long Id { get; set; }
    public long CaseId { get; set; }
    public long TaxpayerId { get; set; }
    /// <summary>1 交付要求, 2 参加差押 (Domain.Enforcement.ClaimForDistributionKind).</summary>
    public short Kind { get; set; }
    /// <summary>1 執行裁判所, 2 税務署, 3 他の地方団体, 4 破産管財人, 5 その他 (Domain.Enforcement.EnforcementBodyKind).</summary>
    public short BodyKind { get; set; }
    public string BodyName { get; set; } = "";
    /// <summary>The other procedure's reference (事件番号, 滞納処分の表示).</summary>
    public string? ProcedureRef { get; set; }
    /// <summary>参加差押: the property the other body seized.</summary>
    public string? Property { get; set; }
    public DateOnly SentOn { get; set; }
    /// <summary>The day the other body received it (decides the order among 交付要求, 国税徴収法13条).</summary>
    public DateOnly? ReceivedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string? EndReason { get; set; }
    public long? DocumentId { get; set; }
    /// <summary>交付要求通知書 (or 参加差押 の通知) sent to the taxpayer (国税徴収法82条2項, 86条3項).</summary>
    public long? NoticeDocumentId { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>One claim a 交付要求 asks for: the installment, the amounts asked (principal and late fee as printed) and its claim event 41.</summary>
public sealed class ClaimForDistributionLine
{
    public long Id { get; set; }
    public long ClaimForDistributionId { get; set; }
    public long InstallmentId { get; set; }
    public long Principal { get; set; }
    public long ReminderFee { get; set; }
    public long LateFee { get; set; }
    public long ClaimEventId { get; set; }
}

/// <summary>滞納処分費 charged to the taxpayer on a case: amount, what for, the day incurred. Paid before the taxes (国税徴収法136条).</summary>
public sealed class EnforcementCost
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public long TaxpayerId { get; set; }
    public long Amount { get; set; }
    public string Purpose { get; set; } = "";
    public DateOnly IncurredOn { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>
/// The part of an ordinary payment (any channel but 配当 7, which pays the costs in its <see cref="DistributionReceipt"/>) that went to the
/// taxpayer's unpaid 滞納処分費 before any claim (国税徴収法137条, 地方税法 by reference): the booker takes it off the top of the payment, the
/// rest is allocated to the installment. One row per payment; deleted when the payment's booking is reversed.
/// </summary>
public sealed class EnforcementCostPayment
{
    public long Id { get; set; }
    public long TaxpayerId { get; set; }
    public long PaymentId { get; set; }
    public long Amount { get; set; }
    public DateOnly PaidOn { get; set; }
    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>
/// Money the city received from a distribution (配当金・交付金: another body's distribution on a 交付要求, or the city's own 配当計算書):
/// the part to the 滞納処分費 first, the rest booked as payments of the claims (channel 7). <see cref="SourceKey"/> is unique: the same
/// receipt is booked once.
/// </summary>
public sealed class DistributionReceipt
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public long TaxpayerId { get; set; }
    public long? ClaimForDistributionId { get; set; }
    public long? DistributionId { get; set; }
    public string SourceKey { get; set; } = "";
    public long Amount { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public long ToCosts { get; set; }
    public long ToClaims { get; set; }
    public long Overpaid { get; set; }
    public string? Reference { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>公売: one sale of seized property, its steps recorded as they happen. <see cref="SeizureId"/> points at the seizure (no FK).</summary>
public sealed class PublicSale
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public long TaxpayerId { get; set; }
    public long? SeizureId { get; set; }
    public string Property { get; set; } = "";
    public long EstimatedPrice { get; set; }
    public DateOnly? NoticeOn { get; set; }
    public DateOnly? SaleOn { get; set; }
    public long Deposit { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? Buyer { get; set; }
    public long? Price { get; set; }
    public DateOnly? PaymentDeadline { get; set; }
    public DateOnly? PaidOn { get; set; }
    public DateOnly? RegistrationRequestedOn { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>不服申立て (審査請求) against an enforcement step, filed and decided: while pending no sale may be decided (国税徴収法90条).</summary>
public sealed class EnforcementAppeal
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public long TaxpayerId { get; set; }
    public long? PublicSaleId { get; set; }
    public string Subject { get; set; } = "";
    public DateOnly FiledOn { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? Outcome { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>配当計算書: the statement computed by the distribution rule (<see cref="StatementJson"/> holds input and result), sent, and executed on <see cref="DistributeOn"/>.</summary>
public sealed class Distribution
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public long TaxpayerId { get; set; }
    public long? PublicSaleId { get; set; }
    public long Proceeds { get; set; }
    public long Costs { get; set; }
    public long CityShare { get; set; }
    public long Surplus { get; set; }
    public string StatementJson { get; set; } = "";
    public DateOnly SentOn { get; set; }
    public DateOnly DistributeOn { get; set; }
    public DateOnly? ExecutedOn { get; set; }
    public long? DocumentId { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>破産・民事再生・会社更生 of the taxpayer: the decision day, the court and trustee, discharge and dissolution.</summary>
public sealed class Insolvency
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public long TaxpayerId { get; set; }
    /// <summary>1 破産, 2 民事再生, 3 会社更生.</summary>
    public short Kind { get; set; }
    public DateOnly DecisionOn { get; set; }
    public string? Court { get; set; }
    public string? CaseRef { get; set; }
    public string? Trustee { get; set; }
    public DateOnly? DischargedOn { get; set; }
    public DateOnly? DissolvedOn { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>
/// 繰上徴収の告知 (地方税法13条の2) or 保全差押金額の通知 (16条の4, 国税徴収法159条) on one claim, with its printed notice. One notice covering
/// several claims is several rows with the same <see cref="DocumentId"/>; a 保全差押 before the tax is fixed has no installment (one row,
/// <see cref="Subject"/> says which tax).
/// </summary>
public sealed class EnforcementNotice
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public long TaxpayerId { get; set; }
    /// <summary>1 繰上徴収, 2 保全差押.</summary>
    public short Kind { get; set; }
    /// <summary>The claim concerned; null for a 保全差押 of a tax not yet assessed.</summary>
    public long? InstallmentId { get; set; }
    /// <summary>The day of the notice (告知・通知の日).</summary>
    public DateOnly On { get; set; }
    /// <summary>繰上徴収: the new 納期限 (also written to <c>installments.accelerated_due_date</c>).</summary>
    public DateOnly? NewDueOn { get; set; }
    /// <summary>繰上徴収: the 納期限 before the notice.</summary>
    public DateOnly? OriginalDueOn { get; set; }
    /// <summary>保全差押: the 保全差押金額 decided (the whole notice's amount, on every row of it); 繰上徴収: the amount owed on the claim on the day.</summary>
    public long? Amount { get; set; }
    /// <summary>保全差押: the last day a seizure on this amount may stand without the tax being fixed (6 months, 国税徴収法159条).</summary>
    public DateOnly? ExpiresOn { get; set; }
    /// <summary>保全差押: the tax concerned as staff describe it (e.g. 令和8年度 法人市民税).</summary>
    public string? Subject { get; set; }
    public string Ground { get; set; } = "";
    public long? DocumentId { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}

internal sealed class EnforcementConfiguration :
    IEntityTypeConfiguration<ClaimForDistribution>, IEntityTypeConfiguration<ClaimForDistributionLine>, IEntityTypeConfiguration<EnforcementCost>, IEntityTypeConfiguration<EnforcementCostPayment>,
    IEntityTypeConfiguration<DistributionReceipt>, IEntityTypeConfiguration<PublicSale>, IEntityTypeConfiguration<EnforcementAppeal>,
    IEntityTypeConfiguration<Distribution>, IEntityTypeConfiguration<Insolvency>, IEntityTypeConfiguration<EnforcementNotice>
{
    private const int Text = ClaimForDistribution.TextMaxLength;

    public void Configure(EntityTypeBuilder<ClaimForDistribution> e)
    {
        e.ToTable("claims_for_distribution");
        e.HasIndex(x => x.CaseId);
        e.HasIndex(x => x.TaxpayerId);
        e.Property(x => x.BodyName).HasMaxLength(Text);
        e.Property(x => x.ProcedureRef).HasMaxLength(Text);
        e.Property(x => x.Property).HasMaxLength(Text);
        e.Property(x => x.EndReason).HasMaxLength(Text);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.HasOne<CollectionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<IssuedDocument>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<IssuedDocument>().WithMany().HasForeignKey(x => x.NoticeDocumentId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ClaimForDistributionLine> e)
    {
        e.ToTable("claim_for_distribution_lines");
        e.HasIndex(x => new { x.ClaimForDistributionId, x.InstallmentId }).IsUnique();
        e.HasIndex(x => x.InstallmentId);
        e.HasOne<ClaimForDistribution>().WithMany().HasForeignKey(x => x.ClaimForDistributionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Domain.Claims.ClaimEvent>().WithMany().HasForeignKey(x => x.ClaimEventId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<EnforcementCost> e)
    {
        e.ToTable("enforcement_costs");
        e.HasIndex(x => x.CaseId);
        e.HasIndex(x => x.TaxpayerId);
        e.Property(x => x.Purpose).HasMaxLength(Text);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.HasOne<CollectionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<EnforcementCostPayment> e)
    {
        e.ToTable("enforcement_cost_payments");
        e.HasIndex(x => x.TaxpayerId);
        e.HasIndex(x => x.PaymentId).IsUnique();
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Payments.Payment>().WithMany().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<DistributionReceipt> e)
    {
        e.ToTable("distribution_receipts");
        e.HasIndex(x => x.SourceKey).IsUnique();
        e.HasIndex(x => x.CaseId);
        e.HasIndex(x => x.TaxpayerId);
        e.Property(x => x.SourceKey).HasMaxLength(Text);
        e.Property(x => x.Reference).HasMaxLength(Text);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.HasOne<CollectionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ClaimForDistribution>().WithMany().HasForeignKey(x => x.ClaimForDistributionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Distribution>().WithMany().HasForeignKey(x => x.DistributionId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<PublicSale> e)
    {
        e.ToTable("public_sales");
        e.HasIndex(x => x.CaseId);
        e.HasIndex(x => x.TaxpayerId);
        e.Property(x => x.Property).HasMaxLength(Text);
        e.Property(x => x.Buyer).HasMaxLength(Text);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.HasOne<CollectionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<EnforcementAppeal> e)
    {
        e.ToTable("enforcement_appeals");
        e.HasIndex(x => x.CaseId);
        e.HasIndex(x => x.TaxpayerId);
        e.Property(x => x.Subject).HasMaxLength(Text);
        e.Property(x => x.Outcome).HasMaxLength(Text);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.HasOne<CollectionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PublicSale>().WithMany().HasForeignKey(x => x.PublicSaleId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Distribution> e)
    {
        e.ToTable("distributions");
        e.HasIndex(x => x.CaseId);
        e.HasIndex(x => x.TaxpayerId);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.HasOne<CollectionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PublicSale>().WithMany().HasForeignKey(x => x.PublicSaleId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<IssuedDocument>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Insolvency> e)
    {
        e.ToTable("insolvencies");
        e.HasIndex(x => x.CaseId);
        e.HasIndex(x => x.TaxpayerId);
        e.Property(x => x.Court).HasMaxLength(Text);
        e.Property(x => x.CaseRef).HasMaxLength(Text);
        e.Property(x => x.Trustee).HasMaxLength(Text);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.HasOne<CollectionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<EnforcementNotice> e)
    {
        e.ToTable("enforcement_notices");
        e.HasIndex(x => x.CaseId);
        e.HasIndex(x => x.InstallmentId);
        e.HasIndex(x => x.DocumentId);
        e.Property(x => x.Ground).HasMaxLength(Text);
        e.Property(x => x.Subject).HasMaxLength(Text);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.HasOne<CollectionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<IssuedDocument>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}
