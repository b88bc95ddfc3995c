using System.Globalization;
using System.Security.Claims;
using Choshu.App.Security;
using Choshu.Domain.Security;

namespace Choshu.Web.Security;

/// <summary>
/// The signed-in person as every page sees them: built on each request by
/// <see cref="SessionAuthenticationHandler"/> from the store (account, open session, roles active on
/// today's Japan date), never from anything the browser sends besides the session token.
/// </summary>
public static class StaffClaims
{
    public const string Scheme = "ChoshuSession";
    public const string AccountId = "choshu:account_id";
    public const string SessionId = "choshu:session_id";
    public const string FullName = "choshu:full_name";
    public const string Department = "choshu:department";
    public const string Section = "choshu:section";
    /// <summary>The Japan business date on which the role claims were read (yyyy-MM-dd).</summary>
    public const string RolesDay = "choshu:roles_day";

    public static ClaimsPrincipal Create(long accountId, string staffNo, string fullName, string department, string section,
        long sessionId, IEnumerable<Role> activeRoles, DateOnly? rolesDay)
    {
        var claims = new List<Claim>
        {
            new(AccountId, accountId.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, staffNo),
            new(FullName, fullName),
            new(Department, department),
            new(Section, section),
            new(SessionId, sessionId.ToString(CultureInfo.InvariantCulture)),
        };
        if (rolesDay is { } day) claims.Add(new(RolesDay, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        claims.AddRange(activeRoles.Distinct().Order().Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static bool IsSignedIn(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirst(AccountId) is not null;

    public static long AccountIdOf(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirst(AccountId)?.Value ?? throw new InvalidOperationException("Not signed in."), CultureInfo.InvariantCulture);

    public static long SessionIdOf(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirst(SessionId)?.Value ?? throw new InvalidOperationException("Not signed in."), CultureInfo.InvariantCulture);

    public static string StaffNo(this ClaimsPrincipal user) => user.Identity?.Name ?? "";
    public static string FullNameOf(this ClaimsPrincipal user) => user.FindFirst(FullName)?.Value ?? "";
    public static string DepartmentOf(this ClaimsPrincipal user) => user.FindFirst(Department)?.Value ?? "";
    public static string SectionOf(this ClaimsPrincipal user) => user.FindFirst(Section)?.Value ?? "";

    /// <summary>Roles active today, as the handler found them for this request.</summary>
    public static IReadOnlyList<Role> ActiveRoles(this ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role).Select(c => Enum.TryParse<Role>(c.Value, out var r) ? (Role?)r : null)
            .Where(r => r is not null).Select(r => r!.Value).ToList();

    /// <summary>
    /// Whether today's roles give the permission: for showing or hiding a link or button. It writes
    /// no audit record; the action itself is guarded by the permission's policy (which does).
    /// </summary>
    public static bool Has(this ClaimsPrincipal user, Permission permission) =>
        user.IsSignedIn() && RolePermissions.Allows(user.ActiveRoles(), permission);

    /// <summary>The actor for use cases and audit records: this person, this session, this terminal (client IP).</summary>
    /// <remarks>
    /// It carries the roles the session check read from the store for this request, with their day, so
    /// that <see cref="AccessControl"/> does not read the grants a second time (on another day it does).
    /// </remarks>
    public static Actor Actor(this HttpContext context) =>
        App.Security.Actor.Staff(context.User.AccountIdOf(), context.User.StaffNo(), Terminal(context), context.User.SessionIdOf()) with
        {
            KnownRoles = DateOnly.TryParseExact(context.User.FindFirst(RolesDay)?.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? new ActiveRoleSnapshot(day, context.User.ActiveRoles())
                : null,
        };

    /// <summary>端末: the client's IP address as the server sees it.</summary>
    public static string Terminal(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
