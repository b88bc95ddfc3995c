namespace Choshu.Domain.Ledger;

/// <summary>Which part of an installment's claim a journal entry moves.</summary>
public enum LedgerComponent : short
{
    /// <summary>本税</summary>
    Principal = 1,
    /// <summary>督促手数料</summary>
    ReminderFee = 2,
    /// <summary>延滞金</summary>
    LateFee = 3,
}
