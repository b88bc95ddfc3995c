using Choshu.Domain.Reconciliation;
using Choshu.Formats.Zengin;

namespace Choshu.App.DirectDebit;

/// <summary>
/// One debit to request: an installment due on the debit date, the registration in force for its
/// taxpayer and tax kind, and the principal still unpaid (reminder fee and late fee are never debited).
/// <see cref="Redebit"/>: asked again on the re-debit date (再振替) after the first debit failed.
/// </summary>
public sealed record DueDebit(
    long InstallmentId,
    long TaxpayerId,
    string TaxKindCode,
    long AccountId,
    string BankCode,
    string BranchCode,
    short AccountType,
    string AccountNo,
    string HolderKana,
    long Amount,
    bool Redebit = false)
{
    /// <summary>
    /// The Zengin data record: the depositor's bank, branch, account and name as registered (bank and
    /// branch names blank: Choshu holds no bank directory, and banks go by the numbers), the amount,
    /// 新規コード 0, and the installment's 消込番号 as 顧客番号, so the result file matches back to it.
    /// </summary>
    public ZenginDebitRecord ToZengin() => new(
        BankCode, "", BranchCode, "", AccountType, AccountNo, HolderKana, Amount, NewCode: 0, new MatchKey(InstallmentId).Value);
}
