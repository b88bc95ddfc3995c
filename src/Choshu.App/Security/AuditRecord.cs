using Choshu.Domain.Security;

namespace Choshu.App.Security;

/// <summary>What one audit record says beyond who and when. <see cref="Detail"/> never holds a My Number.</summary>
public sealed record AuditRecord(
    AuditEventKind Kind,
    AuditOutcome Outcome = AuditOutcome.Succeeded,
    long? TaxpayerId = null,
    string? Purpose = null,
    string? Detail = null);
