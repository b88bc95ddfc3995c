namespace Choshu.Domain.LateFees;

/// <summary>Money paid to one installment on <paramref name="PaidOn"/> (納付日).</summary>
public sealed record PaymentEvent(DateOnly PaidOn, long Amount);
