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

    /// <summary>Every reason with its code, in the enum's order.</summary>
    public static IReadOnlyList<(OverpaymentReason Reason, string Code)> All { get; } =
    [
        (OverpaymentReason.DoublePayment, DoublePayment),
        (OverpaymentReason.OverPayment, OverPayment),
        (OverpaymentReason.PaidAfterReduction, PaidAfterReduction),
        (OverpaymentReason.PaidAfterLapse, PaidAfterLapse),
    ];

    public static string Of(OverpaymentReason reason) => All.Single(x => x.Reason == reason).Code;

    /// <summary>The reason a code names; null for any other code.</summary>
    public static OverpaymentReason? ReasonOf(string? code) =>
        All.FirstOrDefault(x => x.Code == code) is { Code: not null } hit ? hit.Reason : null;
}
