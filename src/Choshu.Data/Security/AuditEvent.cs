using Choshu.Domain.Security;

namespace Choshu.Data.Security;

/// <summary>
/// One 操作ログ record. Append-only and hash-chained: Hash = SHA-256 over PrevHash and every
/// other field (see AuditChain), so an UPDATE, DELETE or reordering done directly in the store
/// breaks the chain at that row. Written in the same transaction as the operation it records.
/// Never holds a My Number, a password or a TOTP secret.
/// </summary>
public sealed class AuditEvent
{
    /// <summary>Position in the chain, assigned under the chain lock: 1, 2, 3, … without gaps.</summary>
    public long Id { get; set; }
    public DateTime OccurredAtUtc { get; set; }
    /// <summary>The same instant in Japan time, ISO 8601 with +09:00, as staff read it.</summary>
    public string OccurredAtJst { get; set; } = "";
    public ActorKind ActorKind { get; set; }
    public long? AccountId { get; set; }
    /// <summary>Staff number for a person; "system:cli:OSUSER" for the system actor.</summary>
    public string ActorName { get; set; } = "";
    /// <summary>IP address or host name.</summary>
    public string Terminal { get; set; } = "";
    public AuditEventKind Kind { get; set; }
    public AuditOutcome Outcome { get; set; }
    public long? TaxpayerId { get; set; }
    /// <summary>利用目的 stated by the user (required for a My Number reveal).</summary>
    public string? Purpose { get; set; }
    /// <summary>Free detail: search terms (never a My Number), file name and hash, row counts, reason of a refusal.</summary>
    public string? Detail { get; set; }
    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";
}
