using Choshu.Data.Assessments;
using Choshu.Data.Payments;
using Choshu.Data.Taxpayers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Withholding;

/// <summary>
/// 年金保険者 as 特別徴収義務者 (地方税法321条の7の4): 日本年金機構, the 共済組合 and the other pension payers that withhold inhabitant
/// tax from the pensions they pay. Like an employer it is a payer: its 宛名 (<see cref="TaxpayerId"/>) owns the yearly assessment
/// of its six 納入 installments (税目 12), so reminders, late fee and delinquency run against it.
/// </summary>
public sealed class PensionPayer
{
    public long Id { get; set; }
    public long TaxpayerId { get; set; }
    /// <summary>特別徴収義務者コード (年金保険者コード, e.g. 001 日本年金機構), 3–6 digits, as in the relay files.</summary>
    public string PayerCode { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
}

/// <summary>
/// One pensioner withheld by one 年金保険者 in one fiscal year: the pensioner's 宛名, 年金番号 (the payer's key, 基礎年金番号 and
/// 年金コード), the year's 年金特別徴収税額, its 仮徴収 part and the six monthly amounts. A stop (支給停止・死亡・年金額不足, from the
/// result file or entered by hand) keeps the row with the last month withheld, the reason and the ordinary assessment the rest became.
/// </summary>
public sealed class PensionAssignment
{
    public long Id { get; set; }
    public long PayerId { get; set; }
    public int FiscalYear { get; set; }
    public long PensionerTaxpayerId { get; set; }
    /// <summary>年金番号 (unique per payer and year).</summary>
    public string PensionNo { get; set; } = "";
    /// <summary>年税額: the year's amount withheld from the pension.</summary>
    public long AnnualAmount { get; set; }
    /// <summary>仮徴収額 (April, June, August).</summary>
    public long ProvisionalAmount { get; set; }
    /// <summary>Last month withheld, 1 (April) – 6 (February); 6 unless stopped; 0 when stopped before April's payment.</summary>
    public short LastMonth { get; set; }
    /// <summary>The day the stop took effect; null while withheld.</summary>
    public DateOnly? StoppedOn { get; set; }
    /// <summary>未徴収理由 of the stop: 1 死亡, 2 支給停止, 3 年金額不足, 9 その他; null while withheld.</summary>
    public short? StopReason { get; set; }
    /// <summary>Where the stop came from: the import file id of the result file, null when entered by hand.</summary>
    public long? StopImportFileId { get; set; }
    /// <summary>The ordinary assessment the rest became (普通徴収へ切替).</summary>
    public long? OrdinaryAssessmentId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public List<PensionMonthAmount> MonthAmounts { get; set; } = [];
}

/// <summary>What the payer withholds from one pensioner in one payment month (1 = April … 6 = February).</summary>
public sealed class PensionMonthAmount
{
    public long AssignmentId { get; set; }
    public short MonthNo { get; set; }
    public long Amount { get; set; }
}

/// <summary>
/// 納入内訳: the part of one payer payment (<see cref="PaymentId"/>, booked to the payer's installment of the month) that is one
/// pensioner's withheld tax. The pensioner's withheld-and-paid amount is the sum of these rows.
/// </summary>
public sealed class PensionRemittanceLine
{
    public long Id { get; set; }
    public long PaymentId { get; set; }
    public long AssignmentId { get; set; }
    public short MonthNo { get; set; }
    public long Amount { get; set; }
    public long? ImportFileId { get; set; }
    public int? SourceLine { get; set; }
}

internal sealed class PensionPayerConfiguration : IEntityTypeConfiguration<PensionPayer>
{
    public void Configure(EntityTypeBuilder<PensionPayer> e)
    {
        e.ToTable("pension_payers");
        e.Property(x => x.PayerCode).HasMaxLength(6);
        e.Property(x => x.CreatedBy).HasMaxLength(100);
        e.HasIndex(x => x.PayerCode).IsUnique();
        e.HasIndex(x => x.TaxpayerId).IsUnique();
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PensionAssignmentConfiguration : IEntityTypeConfiguration<PensionAssignment>
{
    public void Configure(EntityTypeBuilder<PensionAssignment> e)
    {
        e.ToTable("pension_assignments");
        e.Property(x => x.PensionNo).HasMaxLength(20);
        e.Property(x => x.CreatedBy).HasMaxLength(100);
        e.HasIndex(x => new { x.PayerId, x.FiscalYear, x.PensionNo }).IsUnique();
        e.HasIndex(x => x.PensionerTaxpayerId);
        e.HasOne<PensionPayer>().WithMany().HasForeignKey(x => x.PayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.PensionerTaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Assessment>().WithMany().HasForeignKey(x => x.OrdinaryAssessmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.MonthAmounts).WithOne().HasForeignKey(x => x.AssignmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PensionMonthAmountConfiguration : IEntityTypeConfiguration<PensionMonthAmount>
{
    public void Configure(EntityTypeBuilder<PensionMonthAmount> e)
    {
        e.ToTable("pension_month_amounts");
        e.HasKey(x => new { x.AssignmentId, x.MonthNo });
    }
}

internal sealed class PensionRemittanceLineConfiguration : IEntityTypeConfiguration<PensionRemittanceLine>
{
    public void Configure(EntityTypeBuilder<PensionRemittanceLine> e)
    {
        e.ToTable("pension_remittance_lines");
        e.HasIndex(x => x.PaymentId);
        e.HasIndex(x => new { x.AssignmentId, x.MonthNo });
        e.HasOne<Payment>().WithMany().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PensionAssignment>().WithMany().HasForeignKey(x => x.AssignmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
