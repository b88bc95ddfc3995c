namespace Choshu.App.Seeding;

/// <summary>How a synthetic taxpayer pays one fiscal year's taxes.</summary>
public enum PaymentHabit
{
    /// <summary>Every installment on or shortly before its due date (on it, by direct debit).</summary>
    OnTime,
    /// <summary>Some installments days to months after the due date, the rest on time.</summary>
    Late,
    /// <summary>The first installments in full, then part of one, then nothing.</summary>
    Partial,
    /// <summary>Nothing at all (滞納).</summary>
    Delinquent,
    /// <summary>Was partial or delinquent, then collected by the division months later, often in several payments (分納).</summary>
    CollectedLate,
}
