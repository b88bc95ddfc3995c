using Choshu.Domain.Reconciliation;

namespace Choshu.Data.Payments;

/// <summary>A change of a received payment's workflow state (a 速報 booked by its 確報 or cancelled, a match by hand, a reversal).</summary>
public sealed record PaymentStatusChange(long PaymentId, PaymentStatus Status, DateOnly? ReceivedOn, long? InstallmentId, string Reason);
