using Choshu.App.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Claims;
using Choshu.Domain.LateFees;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Barcodes;

namespace Choshu.App.Slips;

/// <summary>
/// 再発行納付書: what a reissued payment slip for one installment carries. The amount is what the
/// taxpayer owes if paying on the slip's <see cref="Deadline"/>: the principal still unpaid, the unpaid
/// reminder fee, and the late fee computed to the deadline (the last day the late fee can run on this
/// slip; once the late fee is final and booked, what is left of it). The 消込番号 identifies the
/// installment on every channel: the store barcode's free field, the eL番号 (the same 20 digits) and
/// the Zengin customer number.
/// </summary>
/// <param name="IssuedOn">発行日 (the as-of day).</param>
/// <param name="RequestedDeadline">Issue day + <c>slip.valid_days</c>, before moving past closed days.</param>
/// <param name="Deadline">支払期限: <paramref name="RequestedDeadline"/> moved past closed days.</param>
/// <param name="Principal">本税 still unpaid.</param>
/// <param name="ReminderFee">督促手数料 still unpaid.</param>
/// <param name="LateFee">延滞金 as collected on the deadline.</param>
/// <param name="LateFeeDetail">The computation behind <paramref name="LateFee"/> (null when none accrues).</param>
/// <param name="Barcode">The 44 digits, or null above <see cref="StoreBarcode.MaxBarcodeAmount"/>.</param>
public sealed record ReissuedSlip(
    InstallmentRef Subject,
    DateOnly IssuedOn,
    DateOnly RequestedDeadline,
    DateOnly Deadline,
    long Principal,
    long ReminderFee,
    long LateFee,
    LateFeeResult? LateFeeDetail,
    MatchKey MatchKey,
    string? Barcode)
{
    /// <summary>
    /// 再発行区分 printed in the barcode. Always 1: this slip is never the original (which came with the
    /// notice from the assessment system, 0) and carries a different amount and deadline from it, so a
    /// store payment can be traced to the slip it was made with. Choshu does not count the reissues of
    /// one installment; reconciliation ignores the digit (the free field alone identifies the installment).
    /// </summary>
    public const int ReissueCount = 1;

    /// <summary>合計: what the slip collects.</summary>
    public long Amount => Principal + ReminderFee + LateFee;

    /// <summary>eL番号: the 20-digit key for manual entry (eLTAX payment site, bank counters).</summary>
    public string ElNumber => MatchKey.Value;

    /// <summary>True when the late fee is final (the principal is already paid): it no longer grows.</summary>
    public bool LateFeeFinal => LateFeeDetail?.IsFinal ?? Principal <= 0;

    /// <summary>
    /// The slip for <paramref name="subject"/> issued on <paramref name="issuedOn"/>. Throws
    /// <see cref="DomainException"/> "slip.claim_ended" when the right to collect has ended by the issue day (時効, 執行停止3年,
    /// 即時消滅, 不納欠損: <see cref="ClaimStatus.Of"/>; money paid on it would be an overpayment), and "slip.nothing_owed" when
    /// the installment owes nothing. When the claim ends before the usual deadline, the deadline is its last collectable day.
    /// A letter's slip passes <paramref name="reminderFeeToCharge"/> (the fee its dispatch will charge, not yet in the journal)
    /// and <paramref name="fixedDeadline"/> (its stated deadline, moved past closed days) instead of issue day + valid days.
    /// </summary>
    public static ReissuedSlip Compute(
        InstallmentRef subject,
        InstallmentLedger ledger,
        DateOnly issuedOn,
        int validDays,
        string storeBillerCode,
        HolidayCalendar calendar,
        LateFeeRateTable rates,
        long reminderFeeToCharge = 0,
        DateOnly? fixedDeadline = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(reminderFeeToCharge);
        // A letter's slip (督促状) may carry a stated deadline and the reminder fee its dispatch will charge.
        var requested = fixedDeadline ?? issuedOn.AddDays(validDays);
        var deadline = fixedDeadline is { } fixedOn ? calendar.EffectiveDueDate(fixedOn) : SlipDeadline.For(issuedOn, validDays, calendar);
        var status = ClaimStatus.Of(ledger, issuedOn);
        if (status.Extinguished)
        {
            var ends = status.Kind == ClaimStatusKind.WrittenOff ? "不納欠損済み"
                : status.LapsesOn is { } l ? $"{l.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} に消滅している" : "消滅している";
            throw new DomainException(
                "slip.claim_ended",
                $"{subject.FiscalYear}年度 {subject.TaxKindName} 通知書番号 {subject.NoticeNo} の第{subject.Period}期は、徴収権が{ends}ため（地方税法18条・15条の7）、納付書は発行しません。");
        }
        // A claim that ends before the usual deadline can be paid up to its last collectable day, and no later.
        if (status.Kind != ClaimStatusKind.Paid && status.LapsesOn is { } lapses && deadline >= lapses)
            deadline = lapses.AddDays(-1);
        var principal = Math.Max(0, ledger.PrincipalBalance);
        var reminderFee = Math.Max(0, ledger.ReminderFeeBalance) + reminderFeeToCharge;
        var (lateFee, detail) = ledger.LateFeeOwed(deadline, rates);
        lateFee = Math.Max(0, lateFee);
        if (principal + reminderFee + lateFee <= 0)
        {
            throw new DomainException(
                "slip.nothing_owed",
                $"{subject.FiscalYear}年度 {subject.TaxKindName} 通知書番号 {subject.NoticeNo} の第{subject.Period}期は未納額がありません（{issuedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} 現在）。納付書は発行しません。");
        }

        var key = new MatchKey(subject.InstallmentId);
        var amount = principal + reminderFee + lateFee;
        var barcode = amount > StoreBarcode.MaxBarcodeAmount
            ? null
            : new StoreBarcode(storeBillerCode, key.StoreFreeField, ReissueCount, deadline, RevenueStamp: false, amount).Encode();
        return new ReissuedSlip(subject, issuedOn, requested, deadline, principal, reminderFee, lateFee, detail, key, barcode);
    }
}
