namespace Choshu.Data.Security;

/// <summary>
/// A signed-in session. The browser holds a random token; only its SHA-256 is stored. A session
/// ends after 15 idle minutes (LastSeenAtUtc), at logout, or when its account's rights lapse.
/// Revealing a My Number needs a re-authentication recent enough (ReauthenticatedAtUtc).
/// A CLI session (<see cref="Channel"/> "cli", <c>choshu login</c>) is bound to the OS user id that opened it
/// and ends at <see cref="ExpiresAtUtc"/>; the web's session check refuses it (issue 18, defect 6).
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
    /// <summary>"web" (a browser's sign-in) or "cli" (<c>choshu login</c>, or a sign-in for one CLI command).</summary>
    public string Channel { get; set; } = Web;
    /// <summary>CLI sessions: the OS user id (uid) the session is bound to.</summary>
    public long? OsUid { get; set; }
    /// <summary>CLI sessions: the OS user name and terminal (tty, or なし) at the sign-in.</summary>
    public string? OsUser { get; set; }
    /// <summary>CLI sessions: the fixed end (the setting cli.session_minutes after the sign-in).</summary>
    public DateTime? ExpiresAtUtc { get; set; }

    public const string Web = "web";
    public const string Cli = "cli";
}
