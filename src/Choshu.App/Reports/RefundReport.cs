namespace Choshu.App.Reports;

/// <summary>還付充当一覧 of the days <see cref="From"/> to <see cref="To"/> (see <see cref="RefundReportQuery"/>), and the total.</summary>
public sealed record RefundReport(DateOnly From, DateOnly To, IReadOnlyList<RefundReportLine> Lines, RefundReportLine Total);

/// <param name="Date">充当適状日 or 支出決定日 (the entries' value date); null on the total.</param>
/// <param name="AppropriatedPrincipal">充当 本税 (under the claim paid).</param>
/// <param name="AppropriatedReminderFee">充当 督促手数料.</param>
/// <param name="AppropriatedLateFee">充当 延滞金.</param>
/// <param name="AppropriationInterest">充当分の還付加算金: the refund interest the appropriated money earned (under the tax it arose on).</param>
/// <param name="Refunded">還付金: the overpaid money refunded (支出決定).</param>
/// <param name="RefundInterest">還付加算金 fixed at the decisions.</param>
/// <param name="InterestPaid">還付加算金支払額: the interest paid with the refunds (including what appropriations had earned).</param>
/// <param name="Reversal">戻出 (this fiscal year's money refunded from revenue).</param>
/// <param name="Expenditure">歳出 (past years' money and all interest paid).</param>
public sealed record RefundReportLine(DateOnly? Date, string TaxKindCode, string TaxKindName,
    long AppropriatedPrincipal, long AppropriatedReminderFee, long AppropriatedLateFee, long AppropriationInterest,
    long Refunded, long RefundInterest, long InterestPaid, long Reversal, long Expenditure)
{
    /// <summary>充当額 = 本税 + 督促手数料 + 延滞金.</summary>
    public long Appropriated => AppropriatedPrincipal + AppropriatedReminderFee + AppropriatedLateFee;

    /// <summary>支払額 = 還付金 + 還付加算金支払額 (= 戻出 + 歳出).</summary>
    public long Paid => Refunded + InterestPaid;
}
