using Choshu.Data.Assessments;
using Choshu.Data.Payments;
using Choshu.Data.Taxpayers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Withholding;

/// <summary>
/// 特別徴収義務者: an employer that withholds inhabitant tax from its employees' salaries. The employer is a payer like any
/// other: its 宛名 (<see cref="TaxpayerId"/>, a corporation with its 法人番号 or an individual proprietor) owns the yearly
/// assessment of its monthly 納入 installments (税目 11), so reminders, late fee and delinquency run against it.
/// </summary>
public sealed class WithholdingEmployer
{
    public long Id { get; set; }
    public long TaxpayerId { get; set; }
    /// <summary>指定番号: the number the city gives the employer (on every 納入書 and in the eLTAX data), digits.</summary>
    public string DesignationNo { get; set; } = "";
    /// <summary>納期の特例 (地方税法321条の5の2): two installments a year.</summary>
    public bool SpecialSchedule { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
}

/// <summary>
/// One employee withheld by one employer in one fiscal year (特別徴収対象者): the employee's 宛名, 受給者番号 (the employer's
/// own number for the employee), the amount for the year and the months withheld. An employee who leaves keeps the row,
/// with <see cref="LastMonth"/> and how the rest was collected (<see cref="EndKind"/>).
/// </summary>
public sealed class WithholdingAssignment
{
    public long Id { get; set; }
    public long EmployerId { get; set; }
    public int FiscalYear { get; set; }
    public long EmployeeTaxpayerId { get; set; }
    /// <summary>受給者番号 (the employer's number for the employee; unique per employer and year).</summary>
    public string RecipientNo { get; set; } = "";
    /// <summary>First month withheld, 1 (June) – 12 (May).</summary>
    public short FirstMonth { get; set; }
    /// <summary>Last month withheld, 12 unless the employee left.</summary>
    public short LastMonth { get; set; }
    /// <summary>The day the change took effect (退職日・異動日); null while withheld to May.</summary>
    public DateOnly? EndedOn { get; set; }
    /// <summary>1 普通徴収へ切替, 2 一括徴収, 3 転勤（他の特別徴収義務者へ）; null while withheld.</summary>
    public short? EndKind { get; set; }
    /// <summary>The ordinary assessment the rest became (普通徴収へ切替).</summary>
    public long? OrdinaryAssessmentId { get; set; }
    /// <summary>The assignment at the new employer (転勤).</summary>
    public long? MovedToAssignmentId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public List<WithholdingMonthAmount> MonthAmounts { get; set; } = [];
}

/// <summary>月割額: what the employer withholds from one employee for one month (1 = June … 12 = May).</summary>
public sealed class WithholdingMonthAmount
{
    public long AssignmentId { get; set; }
    public short MonthNo { get; set; }
    public long Amount { get; set; }
}

/// <summary>
/// 納入内訳: the part of one employer payment (<see cref="PaymentId"/>, booked to the employer's installment) that is one
/// employee's withheld tax for that installment. The employee's withheld-and-paid amount is the sum of these rows.
/// </summary>
public sealed class WithholdingRemittanceLine
{
    public long Id { get; set; }
    public long PaymentId { get; set; }
    public long AssignmentId { get; set; }
    /// <summary>The employer's installment (期別) the payment was booked to.</summary>
    public short Period { get; set; }
    public long Amount { get; set; }
    public long? ImportFileId { get; set; }
    public int? SourceLine { get; set; }
}

internal sealed class WithholdingEmployerConfiguration : IEntityTypeConfiguration<WithholdingEmployer>
{
    public void Configure(EntityTypeBuilder<WithholdingEmployer> e)
    {
        e.ToTable("withholding_employers");
        e.Property(x => x.DesignationNo).HasMaxLength(12);
        e.Property(x => x.CreatedBy).HasMaxLength(100);
        e.HasIndex(x => x.DesignationNo).IsUnique();
        e.HasIndex(x => x.TaxpayerId).IsUnique();
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WithholdingAssignmentConfiguration : IEntityTypeConfiguration<WithholdingAssignment>
{
    public void Configure(EntityTypeBuilder<WithholdingAssignment> e)
    {
        e.ToTable("withholding_assignments");
        e.Property(x => x.RecipientNo).HasMaxLength(20);
        e.Property(x => x.CreatedBy).HasMaxLength(100);
        e.HasIndex(x => new { x.EmployerId, x.FiscalYear, x.RecipientNo }).IsUnique();
        e.HasIndex(x => x.EmployeeTaxpayerId);
        e.HasOne<WithholdingEmployer>().WithMany().HasForeignKey(x => x.EmployerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.EmployeeTaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Assessment>().WithMany().HasForeignKey(x => x.OrdinaryAssessmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.MonthAmounts).WithOne().HasForeignKey(x => x.AssignmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WithholdingMonthAmountConfiguration : IEntityTypeConfiguration<WithholdingMonthAmount>
{
    public void Configure(EntityTypeBuilder<WithholdingMonthAmount> e)
    {
        e.ToTable("withholding_month_amounts");
        e.HasKey(x => new { x.AssignmentId, x.MonthNo });
    }
}

internal sealed class WithholdingRemittanceLineConfiguration : IEntityTypeConfiguration<WithholdingRemittanceLine>
{
    public void Configure(EntityTypeBuilder<WithholdingRemittanceLine> e)
    {
        e.ToTable("withholding_remittance_lines");
        e.HasIndex(x => x.PaymentId);
        e.HasIndex(x => new { x.AssignmentId, x.Period });
        e.HasOne<Payment>().WithMany().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<WithholdingAssignment>().WithMany().HasForeignKey(x => x.AssignmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
