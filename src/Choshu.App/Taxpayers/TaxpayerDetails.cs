using System.Text.Json.Serialization;
using Choshu.Domain.Claims;
using Choshu.Domain.Labels;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Taxpayers;

namespace Choshu.App.Taxpayers;

/// <summary>
/// One taxpayer as staff see it: facts, agents, every assessment and installment with its balance,
/// the payments received for them, overpayments, direct-debit registrations and failed debits, and
/// the totals. Never a My Number (only whether one is on file, as the mask) and never a whole bank
/// account number (<see cref="DirectDebitLine.AccountNoMasked"/>).
/// </summary>
public sealed record TaxpayerDetails(
    string TaxpayerNo,
    PersonKind PersonKind,
    string NameKanji,
    string NameKana,
    DateOnly? BirthDate,
    Sex? Sex,
    string? PostalCode,
    string Address,
    ResidencyStatus ResidencyStatus,
    string? HouseholdNo,
    string? CorporateNumber,
    /// <summary>Masked: whether a My Number is on file, never the digits.</summary>
    string? MyNumber,
    int HistorySeq,
    DateOnly EffectiveDate,
    IReadOnlyList<TaxAgentLine> TaxAgents,
    IReadOnlyList<AssessmentLine> Assessments,
    DateOnly AsOf,
    /// <summary>通称名 (kanji, kana), when registered.</summary>
    string? AliasKanji,
    string? AliasKana,
    /// <summary>代表者 (corporations): title and name.</summary>
    string? RepresentativeTitle,
    string? RepresentativeName,
    /// <summary>郵便返却: mail to the address came back.</summary>
    bool MailReturned,
    IReadOnlyList<PaymentLine> Payments,
    IReadOnlyList<OverpaymentLine> Overpayments,
    IReadOnlyList<DirectDebitLine> DirectDebits,
    IReadOnlyList<DebitFailureLine> DebitFailures,
    TaxpayerTotals Totals)
{
    /// <summary>The taxpayer's surrogate key (for the audit record of the view; never shown).</summary>
    public long TaxpayerId { get; init; }

    /// <summary>電話番号, when registered.</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>
    /// Which further sections of the taxpayer page have any row for this taxpayer, read with the taxpayer in the same query:
    /// a section without any is shown empty without a query of its own. <see cref="TaxpayerSections.All"/> when not read.
    /// </summary>
    public TaxpayerSections Sections { get; init; } = TaxpayerSections.All;

    /// <summary>
    /// What is owed today, installment by installment, oldest due date first: every installment with 本税, 督促手数料
    /// or 延滞金 (to <see cref="AsOf"/>) unpaid, except those whose claim has lapsed or was written off (as
    /// <see cref="Totals"/> counts them).
    /// </summary>
    public IReadOnlyList<OwedInstallment> OwedNow() =>
        Assessments.SelectMany(a => a.Installments.Where(IsOwed).Select(i => new OwedInstallment(a, i)))
            .OrderBy(o => o.Installment.DueDate).ThenBy(o => o.Assessment.TaxKindCode).ThenBy(o => o.Assessment.NoticeNo).ThenBy(o => o.Installment.Period)
            .ToList();

    /// <summary>Whether the installment is part of <see cref="OwedNow"/>.</summary>
    public static bool IsOwed(InstallmentLine i) =>
        i.Status is not (ClaimStatusKind.Lapsed or ClaimStatusKind.WrittenOff) && i.PrincipalBalance + i.ReminderFeeBalance + i.LateFee > 0;
    /// <summary>The appropriations (充当) made from the taxpayer's overpayments, oldest first.</summary>
    public IReadOnlyList<AppropriationHistoryLine> Appropriations { get; init; } = [];
}

/// <summary>
/// 納税管理人 and other agents (送付先, 相続人代表者): the agent's 宛名番号, name and address, for which
/// tax kind (null: every kind), since and until when.
/// </summary>
public sealed record TaxAgentLine(string AgentTaxpayerNo, string AgentName, string? TaxKindCode, short AgentKind, DateOnly RegisteredOn, DateOnly? CancelledOn,
    string? TaxKindName = null, string AgentAddress = "", string? Reason = null);

public sealed record AssessmentLine(
    string TaxKindCode,
    string TaxKindName,
    int FiscalYear,
    int LiabilityYear,
    string NoticeNo,
    IReadOnlyList<InstallmentLine> Installments);

public sealed record InstallmentLine(
    short Period,
    DateOnly NominalDueDate,
    DateOnly DueDate,
    /// <summary>Principal as assessed: charge plus amendments.</summary>
    long Principal,
    /// <summary>Principal paid (payments net of reversals).</summary>
    long PrincipalPaid,
    long PrincipalBalance,
    /// <summary>Late fee still owed as of <see cref="TaxpayerDetails.AsOf"/> (<c>InstallmentLedger.LateFeeOwed</c>): computed to <see cref="LateFeeComputedTo"/>, or what is left of the booked final amount.</summary>
    long LateFee,
    DateOnly? LateFeeComputedTo,
    bool LateFeeFinal,
    /// <summary>The one status (<c>ClaimStatus.Of</c>) on <see cref="TaxpayerDetails.AsOf"/>.</summary>
    ClaimStatusKind Status,
    /// <summary>The installment's journal entries as the ledger reads them, in the order they were recorded.</summary>
    IReadOnlyList<LedgerLine> Journal,
    /// <summary>督促手数料 charged and not yet paid.</summary>
    long ReminderFeeBalance = 0,
    /// <summary>督促日: the day the effective reminder was dispatched (<c>ClaimStatusResult.ReminderOn</c>; null when none took effect). JSON <c>reminderSentOn</c>.</summary>
    [property: JsonPropertyName("reminderSentOn")] DateOnly? ReminderDate = null,
    /// <summary>
    /// 徴収権消滅日: the first day on which the right to collect no longer exists (<c>ClaimStatusResult.LapsesOn</c>, the one rule in
    /// <c>ClaimLimitation</c>: limitation, three years of stay or extinction at once, whichever first); null when it cannot be
    /// placed (a seizure pending, an increase notice). Set whatever the status; <see cref="ClaimStatusKind.Lapsed"/> says whether
    /// it has passed with a balance left. JSON <c>limitationLapsesOn</c> (due 2025-04-30, no events → 2030-05-01).
    /// </summary>
    [property: JsonPropertyName("limitationLapsesOn")] DateOnly? ClaimLapsesOn = null)
{
    /// <summary>法定納期限 (limitation, appropriation, certificate window); equal to <see cref="DueDate"/> for an ordinary installment.</summary>
    public DateOnly StatutoryDueDate { get; init; } = DueDate;

    /// <summary>差押可能日: the first day a seizure is lawful (reminder + 11 days, <c>ClaimStatusResult.SeizableFrom</c>); null without a reminder.</summary>
    public DateOnly? SeizableFrom { get; init; }

    /// <summary>督促の期限: the day by which the reminder is to be issued (<see cref="ClaimStatus.ReminderDeadline"/>: 納期限 + 20 days).</summary>
    public DateOnly ReminderDeadline => ClaimStatus.ReminderDeadline(DueDate);

    /// <summary>The installment's surrogate key (for the forms that name claims through a handle; never shown, not in the JSON).</summary>
    [JsonIgnore]
    public long InstallmentId { get; init; }

    /// <summary>The reasoning behind <see cref="ClaimLapsesOn"/>: <c>LimitationResult.Steps</c> of the one rule (起算, 更新, 完成猶予 …), for the case file.</summary>
    [JsonIgnore]
    public IReadOnlyList<LimitationStep> LimitationSteps { get; init; } = [];
}

/// <summary>Which installment a payment, overpayment or failed debit belongs to (null parts when it matched none).</summary>
public sealed record NamedInstallment(string TaxKindName, int FiscalYear, string NoticeNo, short Period)
{
    /// <summary>"通知書番号 2026010001 第1期（市民税 2026年度）" (<see cref="Assessments.InstallmentNames.Of"/>).</summary>
    public string Name => Assessments.InstallmentNames.Of(TaxKindName, FiscalYear, NoticeNo, Period);
}

/// <summary>
/// 収納: one payment received for one of the taxpayer's installments (or once booked to one and since
/// reversed back to the unmatched queue), with what it paid of each component while it stands.
/// </summary>
public sealed record PaymentLine(
    long PaymentId,
    PaymentChannel Channel,
    PaymentStatus Status,
    long Amount,
    /// <summary>納付日</summary>
    DateOnly PaidOn,
    /// <summary>収入日 (the day the money was counted in the city's accounts): null while only a store's 速報 exists.</summary>
    DateOnly? ReceivedOn,
    string? SourceCode,
    NamedInstallment? Installment,
    /// <summary>Booked to this taxpayer once, then reversed: back in the unmatched queue, or matched to another installment since (which is not shown).</summary>
    bool Reversed,
    string? StatusReason,
    long ToPrincipal,
    long ToReminderFee,
    long ToLateFee);

/// <summary>過誤納: money received beyond what the installment owed, with its reason.</summary>
public sealed record OverpaymentLine(
    long Amount,
    OverpaymentReason Reason,
    DateOnly AroseOn,
    PaymentChannel Channel,
    DateOnly PaidOn,
    NamedInstallment? Installment,
    bool Cancelled,
    Domain.Refunds.RefundInterestCause Cause = Domain.Refunds.RefundInterestCause.Erroneous,
    long Left = 0)
{
    /// <summary>未処理 (nothing used), 一部充当・還付 (part used), 充当・還付済 (all used), 取消済.</summary>
    public string State => Cancelled ? "取消済" : Left == Amount ? "未処理" : Left > 0 ? "一部充当・還付" : "充当・還付済";
}

/// <summary>One appropriation (充当) of the taxpayer's overpayment account: when, from which installment's account, to which claim,
/// how much, and the refund interest it earned (17条の4).</summary>
public sealed record AppropriationHistoryLine(DateOnly EffectiveOn, NamedInstallment? From, NamedInstallment? To, long Amount, long RefundInterest);

/// <summary>口座振替の登録: bank and branch codes, account type, the account number masked (last three digits), holder, dates.</summary>
public sealed record DirectDebitLine(
    string TaxKindCode,
    string TaxKindName,
    string BankCode,
    string BranchCode,
    short AccountType,
    string AccountNoMasked,
    string HolderKana,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    bool InForce);

/// <summary>口座引落不能: a debit the bank could not make, with its 振替結果コード.</summary>
public sealed record DebitFailureLine(
    DateOnly DebitDate,
    long Amount,
    short ResultCode,
    string ResultName,
    string? SourceCode,
    NamedInstallment? Installment);

/// <summary>
/// Sums over every installment (and the overpayment account: <see cref="Overpayments"/> is its balance, the overpayments
/// not cancelled less what was appropriated or refunded). <see cref="Principal"/> and <see cref="PrincipalPaid"/>
/// count every installment; what is still owed (<see cref="PrincipalBalance"/>, <see cref="ReminderFeeBalance"/>,
/// <see cref="LateFee"/>) leaves out the installments whose claim has ended (<see cref="ClaimStatusKind.Lapsed"/>, <see cref="ClaimStatusKind.WrittenOff"/>):
/// nothing can be collected on them any more (地方税法18条).
/// </summary>
/// <summary>One line of what is owed today (<see cref="TaxpayerDetails.OwedNow"/>): the installment, on its notice.</summary>
public sealed record OwedInstallment(AssessmentLine Assessment, InstallmentLine Installment)
{
    /// <summary>本税 + 督促手数料 + 延滞金 owed today.</summary>
    public long Total => Installment.PrincipalBalance + Installment.ReminderFeeBalance + Installment.LateFee;
}

public sealed record TaxpayerTotals(
    long Principal,
    long PrincipalPaid,
    long PrincipalBalance,
    long ReminderFeeBalance,
    long LateFee,
    long Overpayments);

/// <summary>The words of an installment's status, the same on the taxpayer page and in <c>choshu taxpayer show</c>.</summary>
public static class InstallmentStatusWords
{
    /// <summary>
    /// 完納, 納期未到来, 未納, with 「（一部納付）」 when part of the principal was paid and some is still owed, and
    /// 「時効（<i>day</i>に消滅）」 with the first lapsed day written by <paramref name="date"/>.
    /// </summary>
    public static string Of(InstallmentLine i, Func<DateOnly, string> date)
    {
        var word = JapaneseLabels.Of(i.Status);
        return i.Status switch
        {
            ClaimStatusKind.Lapsed when i.ClaimLapsesOn is { } day => $"{word}（{date(day)}に消滅）",
            ClaimStatusKind.Paid or ClaimStatusKind.Lapsed or ClaimStatusKind.WrittenOff => word,
            _ when i.PrincipalPaid > 0 && i.PrincipalBalance > 0 => $"{word}（一部納付）",
            _ => word,
        };
    }
}

/// <summary>
/// Whether the taxpayer has any 通知書 (notice letters), 滞納処分費 (enforcement costs), 納税証明書 (certificates), 還付 (refunds)
/// and 年金からの特別徴収 (pension withholding as pensioner): the sections of the taxpayer page read after the gate.
/// </summary>
public sealed record TaxpayerSections(bool NoticeLetters, bool EnforcementCosts, bool Certificates, bool Refunds, bool PensionWithholding)
{
    /// <summary>Every section read (nothing known).</summary>
    public static TaxpayerSections All { get; } = new(true, true, true, true, true);
}
