using Choshu.App.Security;
using Choshu.Data.Security;
using Choshu.Domain.Security;

namespace Choshu.App.Accounts;

public enum SignInOutcome
{
    /// <summary>Password and second factor right, rights active today: a session is open.</summary>
    Succeeded,
    /// <summary>Unknown staff number, wrong password, or wrong code (not said which).</summary>
    Failed,
    /// <summary>Failures from several sources locked the ID for 15 minutes; the password was not even checked. Told as <see cref="Failed"/>.</summary>
    LockedOut,
    /// <summary>Too many recent failures of this ID from this source, or from this source across IDs: refused until the next allowed time, the password not checked. Told as <see cref="Failed"/> (issue 18).</summary>
    Throttled,
    /// <summary>Right password, but two-factor authentication is not enrolled yet: only enrollment is open.</summary>
    EnrollmentRequired,
    /// <summary>Right password, but it was set by an administrator: only a change of password is open.</summary>
    PasswordChangeRequired,
    /// <summary>The TOTP code was already used (its step is not later than the last accepted one).</summary>
    ReplayRefused,
    /// <summary>The account or every right it held has lapsed today (transfer, retirement, revocation).</summary>
    RightsLapsed,
    /// <summary>The account holds no right today (none granted yet, or before its valid-from).</summary>
    NoRights,
}

/// <summary>What a sign-in gave. <see cref="SessionToken"/> is shown to the client once and never stored (only its SHA-256 is).</summary>
public sealed record SignInResult(SignInOutcome Outcome, string Message, string? SessionToken = null, long? SessionId = null, long? AccountId = null)
{
    public bool Succeeded => Outcome == SignInOutcome.Succeeded;
}

public enum SessionStatus
{
    Valid,
    /// <summary>No session has this token (never issued, or mistyped).</summary>
    Unknown,
    /// <summary>The session has ended: now (idle, rights lapsed) or before (logout, earlier end).</summary>
    Ended,
}

/// <summary>
/// A session checked at a request: when valid, who acts and with which rights today, and the account as
/// read for the check (<see cref="Account"/>, untracked: name and unit for the banner without another query).
/// </summary>
public sealed record SessionCheck(SessionStatus Status, StaffSession? Session, Actor? Actor, IReadOnlyList<Role> Roles, string? EndReason,
    StaffAccount? Account = null)
{
    public bool IsValid => Status == SessionStatus.Valid;
}

public enum ReauthenticationOutcome { Succeeded, Failed, ReplayRefused, LockedOut, SessionEnded }

public sealed record ReauthenticationResult(ReauthenticationOutcome Outcome, string Message)
{
    public bool Succeeded => Outcome == ReauthenticationOutcome.Succeeded;
}

public enum PasswordChangeOutcome { Succeeded, Failed, LockedOut, ReplayRefused, EnrollmentRequired, Refused }

/// <summary>A change of password; <see cref="Errors"/> says why a new password was refused (never repeating it).</summary>
public sealed record PasswordChangeResult(PasswordChangeOutcome Outcome, string Message, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Outcome == PasswordChangeOutcome.Succeeded;
}

/// <summary>Why a session ended, as stored in <see cref="StaffSession.EndReason"/>.</summary>
public static class SessionEndReasons
{
    public const string Logout = "logout";
    public const string Idle = "idle";
    public const string RightsLapsed = "rights-lapsed";
    public const string LockedOut = "locked-out";
    public const string CredentialsChanged = "credentials-changed";
    public const string AccountExpired = "account-expired";
    /// <summary>A CLI sign-in for one command (password and code asked by the command itself): ended as it opens.</summary>
    public const string SingleCommand = "single-command";
    /// <summary>A CLI session past its fixed end (cli.session_minutes).</summary>
    public const string Expired = "expired";
}

/// <summary>
/// What a CLI sign-in is bound to: the OS user id and name running <c>choshu</c> and its terminal (tty name, or なし).
/// <see cref="SingleCommand"/>: the password and code were asked for this one command; the session ends as it opens.
/// </summary>
public sealed record CliBinding(long Uid, string OsUser, string Tty, bool SingleCommand = false);
