namespace Choshu.Domain.Reconciliation;

/// <summary>過誤納事由: why money was received beyond what was owed (地方税法17条の2 applies to each).</summary>
public enum OverpaymentReason : short
{
    /// <summary>二重納付: the installment was already paid in full.</summary>
    DoublePayment = 1,
    /// <summary>過納: paid more than was owed.</summary>
    OverPayment = 2,
    /// <summary>減額更正後の納付: paid after the assessment was reduced.</summary>
    PaidAfterReduction = 3,
    /// <summary>時効後の納付: paid after the claim lapsed (地方税法18条).</summary>
    PaidAfterLapse = 4,
    /// <summary>減額更正による過納: the assessment was reduced below what had been paid (its cause 1–3 of 17条の4 with it).</summary>
    Reduction = 5,
}
