namespace Choshu.Data.Security;

/// <summary>
/// A signed-in session. The browser holds a random token; only its SHA-256 is stored. A session
/// ends after 15 idle minutes (LastSeenAtUtc), at logout, or when its account's rights lapse.
/// Revealing a My Number needs a re-authentication recent enough (ReauthenticatedAtUtc).
/// </summary>
public sealed class StaffSession
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public string TokenHash { get; set; } = "";
    /// <summary>端末: the client's IP address or host name.</summary>
    public string Terminal { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime LastSeenAtUtc { get; set; }
    public DateTime? ReauthenticatedAtUtc { get; set; }
    public DateTime? EndedAtUtc { get; set; }
    /// <summary>logout, idle, rights-lapsed, …; null while open.</summary>
    public string? EndReason { get; set; }
}
