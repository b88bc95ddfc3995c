namespace Choshu.Data.Refunds;

/// <summary>
/// 還付: what is left of one overpayment after appropriation, given back to the taxpayer. A workflow record with dated
/// steps, each set once: drafted by a 収納担当 (the row), decided by another staff member holding the refund right
/// (<see cref="DecidedOn"/>, the 支出決定日 that ends the refund interest; the journal then gets a Refund entry on the
/// overpayment account, <see cref="RefundEntryId"/>), paid (<see cref="PaidOn"/>: in a Zengin transfer file,
/// <see cref="TransferId"/>, or at the counter). A refund is for the whole balance of its overpayment at decision.
/// The refund interest (還付加算金) is computed at drafting (<see cref="DraftInterest"/>) and fixed at decision
/// (<see cref="Interest"/>). At decision the journal gets, on the overpayment account of the installment: RefundInterest −I
/// (the interest now owed, as appropriations record theirs), Refund +amount (reason <c>refund.decided</c>) and Refund +(I +
/// <see cref="EarnedInterest"/>) (reason <c>refund.interest</c>): the money paid, split so reports tell refund from interest.
/// </summary>
public sealed class Refund
{
    public long Id { get; set; }
    public long TaxpayerId { get; set; }
    /// <summary>The overpayment (the journal entry, kind Payment on the overpayment account, that booked it).</summary>
    public long OverpaymentId { get; set; }
    /// <summary>The installment the overpayment arose on (its account).</summary>
    public long InstallmentId { get; set; }
    /// <summary>The refund (還付金), yen: the overpayment's balance when drafted, and again when decided.</summary>
    public long Amount { get; set; }
    /// <summary>還付加算金 computed when drafted, to <see cref="PlannedDecisionOn"/>.</summary>
    public long DraftInterest { get; set; }
    /// <summary>還付加算金 fixed at decision (to <see cref="DecidedOn"/>); null until decided.</summary>
    public long? Interest { get; set; }
    /// <summary>
    /// Refund interest already recorded on the overpayment account by appropriations of this overpayment (journal kind
    /// RefundInterest, 17条の4: earned by the appropriated part to its 充当適状日) and not appropriated: refunded with it.
    /// </summary>
    public long EarnedInterest { get; set; }
    /// <summary>The first day bearing interest (as the rule gave it at the last computation).</summary>
    public DateOnly? InterestFrom { get; set; }
    /// <summary>還付請求日: the day the taxpayer's claim (with the account) was received.</summary>
    public DateOnly ClaimedOn { get; set; }
    /// <summary>The day the taxpayer was notified of the overpayment, when notified (17条の4第2項: days from the 31st to the claim bear no interest).</summary>
    public DateOnly? NotifiedOn { get; set; }
    /// <summary>支出決定日 the drafter proposes.</summary>
    public DateOnly PlannedDecisionOn { get; set; }
    /// <summary><see cref="Choshu.Domain.Refunds.RefundMethod"/>: 1 口座振込, 2 窓口払.</summary>
    public short Method { get; set; }
    /// <summary>金融機関コード (4 digits); null for the counter.</summary>
    public string? BankCode { get; set; }
    public string? BankName { get; set; }
    /// <summary>支店コード (3 digits).</summary>
    public string? BranchCode { get; set; }
    public string? BranchName { get; set; }
    /// <summary>預金種目: 1 普通, 2 当座, 4 貯蓄.</summary>
    public short? AccountType { get; set; }
    /// <summary>口座番号 (7 digits).</summary>
    public string? AccountNo { get; set; }
    /// <summary>口座名義人, half-width katakana as the bank holds it.</summary>
    public string? HolderKana { get; set; }
    /// <summary>The account is the registered direct-debit account (<c>direct_debit_accounts.id</c>), not one named in the claim.</summary>
    public long? DebitAccountId { get; set; }
    /// <summary>The taxpayer asked in writing for the money to go to an account another person holds.</summary>
    public bool ThirdPartyRequested { get; set; }
    public string DraftedBy { get; set; } = "";
    public long? DraftedByAccountId { get; set; }
    public DateTime DraftedAtUtc { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    /// <summary>The journal entry (Refund, overpayment account) the decision booked.</summary>
    public long? RefundEntryId { get; set; }
    /// <summary>The transfer file the refund went out in.</summary>
    public long? TransferId { get; set; }
    /// <summary>The day paid: the transfer date of its file, or the day paid at the counter.</summary>
    public DateOnly? PaidOn { get; set; }
    /// <summary>取下げ・却下 before decision: the draft is closed and the overpayment open again.</summary>
    public DateTime? WithdrawnAtUtc { get; set; }
    public string? WithdrawnBy { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// One Zengin 総合振込 file (種別コード 21) written for refunds: recorded (with its hash) in the same transaction that marks
/// its refunds paid, before the file is moved to its name; a refund is in at most one file.
/// </summary>
public sealed class RefundTransfer
{
    public long Id { get; set; }
    /// <summary>振込指定日.</summary>
    public DateOnly TransferDate { get; set; }
    public string FileName { get; set; } = "";
    /// <summary>Where the file was written (full path), to finish a rename a killed run left undone.</summary>
    public string FilePath { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public int Count { get; set; }
    public long Amount { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}
