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
    /// <summary>
    /// 過誤納金: the taxpayer's overpayment account, kept on the installment the money arose from. Not part of what the
    /// claim owes: a payment entry −X (money the city owes back), an appropriation's source +X, a refund +X. The
    /// taxpayer's overpayment balance is −Σ of these entries (see <see cref="InstallmentLedger.OverpaymentBalance"/>).
    /// </summary>
    Overpayment = 4,
}
