using Choshu.Data;
using Choshu.Data.Security;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Accounts;

/// <summary>Where an account stands on one Japan business date.</summary>
public enum Standing
{
    /// <summary>Within its validity and holding at least one right that day.</summary>
    Active,
    /// <summary>Before the account's valid-from.</summary>
    NotYetValid,
    /// <summary>After the account's valid-to (retired, or left the division).</summary>
    AccountLapsed,
    /// <summary>The account is valid but every right it held has ended or been revoked.</summary>
    RightsLapsed,
    /// <summary>The account is valid but holds no right yet (none granted, or only ones starting later).</summary>
    NoRights,
}

/// <summary>
/// The account's standing on a day, from its own validity and its dated grants. Nothing is switched
/// off by a job: a right valid to 2027-03-31 is active on 2027-03-31 and not on 2027-04-01 because
/// this is computed from the date each time.
/// </summary>
public static class AccountStanding
{
    public static Standing Of(StaffAccount account, IReadOnlyCollection<RoleGrant> grants, DateOnly day)
    {
        if (day < account.ValidFrom) return Standing.NotYetValid;
        if (account.ValidTo is { } to && day > to) return Standing.AccountLapsed;
        if (grants.Any(g => g.IsActiveOn(day))) return Standing.Active;
        return grants.Any(g => g.RevokedAtUtc is not null || (g.ValidTo is { } gto && gto < day))
            ? Standing.RightsLapsed : Standing.NoRights;
    }

    public static async Task<(Standing Standing, IReadOnlyList<Role> Roles)> OnAsync(ChoshuDbContext db, StaffAccount account, DateOnly day, CancellationToken ct)
    {
        var grants = await db.RoleGrants.AsNoTracking().Where(g => g.AccountId == account.Id).ToListAsync(ct);
        return On(account, grants, day);
    }

    /// <summary>As <see cref="OnAsync"/>, for an account whose grants have been read already (all of them, any state).</summary>
    public static (Standing Standing, IReadOnlyList<Role> Roles) On(StaffAccount account, IReadOnlyCollection<RoleGrant> grants, DateOnly day)
    {
        var standing = Of(account, grants, day);
        var roles = standing == Standing.Active
            ? grants.Where(g => g.IsActiveOn(day)).Select(g => g.Role).Distinct().OrderBy(r => r).ToList()
            : [];
        return (standing, roles);
    }

    /// <summary>The refusal audited for a standing other than Active: 5001 when rights the person held have lapsed, else 5000.</summary>
    public static AuditEventKind RefusalKind(Standing s) =>
        s is Standing.AccountLapsed or Standing.RightsLapsed ? AuditEventKind.AccessDeniedLapsedRights : AuditEventKind.AccessDenied;

    public static string Describe(Standing s) => s switch
    {
        Standing.Active => "有効",
        Standing.NotYetValid => "利用者IDの有効期間の開始前",
        Standing.AccountLapsed => "利用者IDの有効期間が終了（異動・退職）",
        Standing.RightsLapsed => "すべての権限の有効期間が終了または取消",
        Standing.NoRights => "権限が付与されていない",
        _ => s.ToString(),
    };
}
