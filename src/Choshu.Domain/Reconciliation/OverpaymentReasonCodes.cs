namespace Choshu.Domain.Reconciliation;

/// <summary>
/// The one mapping between <see cref="OverpaymentReason"/> and the reason code of the journal entry that books the
/// overpayment (component <c>LedgerComponent.Overpayment</c>). The <c>overpayments</c> view maps the codes back in SQL
/// (<c>OverpaymentAccountSql</c>); <c>OverpaymentAccount.CheckAsync</c> checks that the two agree.
/// </summary>
public static class OverpaymentReasonCodes
{
    public const string DoublePayment = "overpayment.double";
    public const string OverPayment = "overpayment.over";
    public const string PaidAfterReduction = "overpayment.after-reduction";
    public const string PaidAfterLapse = "overpayment.after-lapse";
    public const string Reduction = "overpayment.reduction";

    /// <summary>Every reason with its code, in the enum's order.</summary>
    public static IReadOnlyList<(OverpaymentReason Reason, string Code)> All { get; } =
    [
        (OverpaymentReason.DoublePayment, DoublePayment),
        (OverpaymentReason.OverPayment, OverPayment),
        (OverpaymentReason.PaidAfterReduction, PaidAfterReduction),
        (OverpaymentReason.PaidAfterLapse, PaidAfterLapse),
        (OverpaymentReason.Reduction, Reduction),
    ];

    public static string Of(OverpaymentReason reason) => All.Single(x => x.Reason == reason).Code;

    /// <summary>The reason a code names; null for any other code.</summary>
    public static OverpaymentReason? ReasonOf(string? code) =>
        All.FirstOrDefault(x => x.Code == code) is { Code: not null } hit ? hit.Reason : null;

    /// <summary>
    /// The refund interest cause (17条の4第1項) of an overpayment of <paramref name="reason"/>: what reconciliation finds (paid twice,
    /// too much, after a reduction, after the lapse) is 誤納 (cause 4); a <see cref="OverpaymentReason.Reduction"/> carries its own
    /// cause (1–3, recorded with it), <paramref name="recorded"/>.
    /// </summary>
    public static Refunds.RefundInterestCause CauseOf(OverpaymentReason reason, Refunds.RefundInterestCause recorded) =>
        reason == OverpaymentReason.Reduction ? recorded : Refunds.RefundInterestCause.Erroneous;
}
