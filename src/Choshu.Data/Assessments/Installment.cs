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
    public Assessment? Assessment { get; set; }
}
