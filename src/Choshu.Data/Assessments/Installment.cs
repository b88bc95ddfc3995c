namespace Choshu.Data.Assessments;

/// <summary>
/// 期別: one installment of an assessment. The amount owed is not stored here: it is the sum of
/// the installment's journal entries (charge, amendments, payments, …).
/// </summary>
public sealed class Installment
{
    public long Id { get; set; }
    public long AssessmentId { get; set; }
    /// <summary>期 (1, 2, …; 0 for a lump-sum 随時 assessment).</summary>
    public short Period { get; set; }
    /// <summary>納期限 as set in the notice.</summary>
    public DateOnly NominalDueDate { get; set; }
    /// <summary>納期限 after the holiday shift (地方税法20条の5): the date late fee counts from.</summary>
    public DateOnly DueDate { get; set; }
    /// <summary>
    /// 法定納期限 (after the same holiday shift): what limitation, appropriation, distribution priority and the
    /// certificate window count from. Equal to <see cref="DueDate"/> for an ordinary installment; the date the law
    /// fixes for a late or past-year assessment (随時・過年度) and for a 法人市民税 filing (domain.md §5).
    /// </summary>
    public DateOnly StatutoryDueDate { get; set; }
    /// <summary>
    /// 繰上徴収 (地方税法13条の2): the 納期限 a notice brought forward (the rows are <c>enforcement_notices</c>); null when none. The claim is
    /// in arrears from the day after it and may be seized without a reminder; <see cref="DueDate"/> and <see cref="StatutoryDueDate"/> stay.
    /// </summary>
    public DateOnly? AcceleratedDueDate { get; set; }
    public Assessment? Assessment { get; set; }
}
