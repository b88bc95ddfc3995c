using System.Text.Encodings.Web;
using Choshu.App.Accounts;
using Choshu.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Choshu.Web.Security;

public sealed class SessionAuthenticationOptions : AuthenticationSchemeOptions
{
    public string LoginPath { get; set; } = "/Account/Login";
}

/// <summary>
/// Authenticates each request by the session token in the cookie (<see cref="SessionCookie"/>):
/// <see cref="StaffSignIn.ValidateAsync"/> checks it against the store (open, not idle for 15
/// minutes, account and rights valid on today's Japan date; it restarts the idle clock) and the
/// principal is built fresh from the store with the roles active today. A session that ended
/// deletes the cookie; the challenge then sends the person to the login page with a Japanese
/// message (<c>?reason=timeout</c> or <c>?reason=lapsed</c>, which name nobody).
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<SessionAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    StaffSignIn signIn, ChoshuDbContext db)
    : AuthenticationHandler<SessionAuthenticationOptions>(options, logger, encoder)
{
    /// <summary>HttpContext.Items key: why the session the cookie named has ended (a <see cref="SessionEndReasons"/> value).</summary>
    public const string EndedReasonKey = "choshu:session-ended";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = SessionCookie.Read(Request);
        if (token is null) return AuthenticateResult.NoResult();
        var check = await signIn.ValidateAsync(token, Context.RequestAborted);
        if (!check.IsValid || check.Actor is not { AccountId: { } accountId } actor)
        {
            if (check.EndReason is { } reason) Context.Items[EndedReasonKey] = reason;
            if (!Response.HasStarted) SessionCookie.Delete(Response, Request);
            return AuthenticateResult.NoResult();
        }
        // The account as the check read it (one query fewer per request); read here only if a check ever comes without it.
        var account = check.Account ?? await db.StaffAccounts.AsNoTracking().FirstAsync(a => a.Id == accountId, Context.RequestAborted);
        var principal = StaffClaims.Create(accountId, account.StaffNo, account.FullName, account.DepartmentCode,
            account.SectionCode, actor.SessionId ?? check.Session!.Id, check.Roles, actor.KnownRoles?.Day);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var returnUrl = (Request.PathBase + Request.Path).ToString();
        var query = returnUrl is "" or "/" ? "" : $"?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var reason = (Context.Items[EndedReasonKey] as string) switch
        {
            SessionEndReasons.Idle => "timeout",
            SessionEndReasons.RightsLapsed or SessionEndReasons.AccountExpired => "lapsed",
            SessionEndReasons.CredentialsChanged or SessionEndReasons.LockedOut => "ended",
            _ => null,
        };
        if (reason is not null) query += (query.Length == 0 ? "?" : "&") + "reason=" + reason;
        Response.Redirect(Options.LoginPath + query);
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
