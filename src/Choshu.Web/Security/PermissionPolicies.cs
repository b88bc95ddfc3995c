using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Security;
using Microsoft.AspNetCore.Authorization;

namespace Choshu.Web.Security;

/// <summary>
/// One authorization policy per <see cref="Permission"/>, named <c>perm:NAME</c>. A page or handler
/// states what it needs with <see cref="RequirePermissionAttribute"/>; the decision is
/// <see cref="RolePermissions"/> on the roles active today (the same table the CLI and the use cases
/// use), and a refusal goes through <see cref="AccessControl.DemandAsync"/>, which writes the 操作ログ
/// record (5000, or 5001 when a right that would have allowed it has lapsed).
/// </summary>
public static class PermissionPolicies
{
    public const string Prefix = "perm:";

    public static string Name(Permission permission) => Prefix + permission;

    public static void AddPermissionPolicies(this AuthorizationOptions options)
    {
        foreach (var p in Enum.GetValues<Permission>())
            options.AddPolicy(Name(p), b => b
                .AddAuthenticationSchemes(StaffClaims.Scheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(p)));
    }
}

/// <summary>Page or handler needs this permission today.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequirePermissionAttribute(Permission permission) : AuthorizeAttribute(PermissionPolicies.Name(permission))
{
    public Permission Permission { get; } = permission;
}

public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

/// <summary>
/// Grants when today's roles give the permission; otherwise, for a signed-in person, asks
/// <see cref="AccessControl.DemandAsync"/> (which checks the store again, audits the refusal and
/// throws) and keeps its Japanese message for the 403 page.
/// </summary>
public sealed class PermissionHandler(IHttpContextAccessor http, ChoshuDbContext db, TimeProvider clock)
    : AuthorizationHandler<PermissionRequirement>
{
    /// <summary>HttpContext.Items key of the refusal message shown by the 403 page.</summary>
    public const string DeniedMessageKey = "choshu:denied";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (!context.User.IsSignedIn()) return; // the challenge sends them to the login page; no actor to audit
        if (RolePermissions.Allows(context.User.ActiveRoles(), requirement.Permission))
        {
            context.Succeed(requirement);
            return;
        }
        var httpContext = http.HttpContext;
        if (httpContext is null) { context.Fail(); return; }
        try
        {
            await AccessControl.DemandAsync(db, httpContext.Actor(), requirement.Permission, clock,
                what: $"{httpContext.Request.Method} {httpContext.Request.Path}", ct: httpContext.RequestAborted);
            context.Succeed(requirement); // the store says yes (a right granted a moment ago)
        }
        catch (AccessDeniedException ex)
        {
            httpContext.Items[DeniedMessageKey] = ex.Message;
            context.Fail(new AuthorizationFailureReason(this, ex.Message));
        }
    }
}
