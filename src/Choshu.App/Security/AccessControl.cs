using Choshu.Data;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Security;

/// <summary>
/// Who may do what today. Rights are the account's <see cref="Data.Security.RoleGrant"/>s active on
/// today's Japan business date (and the account itself within its validity): a right lapses on the
/// day after its valid-to with nobody acting. Permissions come from <see cref="RolePermissions"/>.
/// Every refusal is written to the audit log (5000 AccessDenied, or 5001 when a right that would
/// have allowed it has lapsed).
/// </summary>
public static class AccessControl
{
    /// <summary>Permissions that need a named person: the system actor (CLI, batch) never holds them.</summary>
    private static readonly Permission[] PersonOnly =
    [
        Permission.RevealMyNumber, Permission.SearchByMyNumber, Permission.ExportData,
        Permission.ApproveDeletion, Permission.RequestDeletion, Permission.HandleDisclosure,
    ];

    /// <summary>The roles the account holds on <paramref name="day"/>; none when the account itself is outside its validity.</summary>
    public static async Task<IReadOnlyList<Role>> ActiveRolesAsync(ChoshuDbContext db, long accountId, DateOnly day, CancellationToken ct = default)
    {
        // One round trip (every use case asks this first): the grants, only when the account itself is valid that day.
        var grants = await db.RoleGrants.AsNoTracking()
            .Where(g => g.AccountId == accountId
                && db.StaffAccounts.Any(a => a.Id == accountId && a.ValidFrom <= day && (a.ValidTo == null || a.ValidTo >= day)))
            .ToListAsync(ct);
        return grants.Where(g => g.IsActiveOn(day)).Select(g => g.Role).Distinct().ToList();
    }

    public static async Task<bool> AllowsAsync(ChoshuDbContext db, Actor actor, Permission permission, TimeProvider clock, CancellationToken ct = default)
    {
        if (actor.IsSystem) return Array.IndexOf(PersonOnly, permission) < 0;
        if (actor.AccountId is not { } id) return false;
        var today = JapanTime.Today(clock);
        var roles = actor.KnownRoles is { } known && known.Day == today ? known.Roles : await ActiveRolesAsync(db, id, today, ct);
        return RolePermissions.Allows(roles, permission);
    }

    /// <summary>
    /// Refuses (audit record, then <see cref="AccessDeniedException"/>) unless the actor holds the
    /// permission today. Call it before opening the operation's transaction: the refusal record
    /// must commit even though the operation does not happen.
    /// </summary>
    public static async Task DemandAsync(ChoshuDbContext db, Actor actor, Permission permission, TimeProvider clock,
        long? taxpayerId = null, string? what = null, CancellationToken ct = default)
    {
        if (await AllowsAsync(db, actor, permission, clock, ct)) return;
        if (db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("AccessControl.DemandAsync must run before the operation's transaction opens.");
        var lapsed = !actor.IsSystem && actor.AccountId is { } id && await HadLapsedRightAsync(db, id, permission, JapanTime.Today(clock), ct);
        var detail = $"{permission}{(what is null ? "" : ": " + what)}";
        await AuditLog.AppendAsync(db, actor,
            new AuditRecord(lapsed ? AuditEventKind.AccessDeniedLapsedRights : AuditEventKind.AccessDenied, AuditOutcome.Denied, taxpayerId, null, detail),
            clock, ct);
        throw new AccessDeniedException(
            lapsed ? "この操作の権限は有効期間が終了しています（異動・退職または権限の取消）。"
                   : actor.IsSystem ? "この操作は職員本人の利用者IDでのみ行えます（--operator で職員番号を指定してください）。"
                   : "この操作を行う権限がありません。",
            lapsed);
    }

    /// <summary>Whether the account once held, but no longer holds today, a role that gives the permission.</summary>
    private static async Task<bool> HadLapsedRightAsync(ChoshuDbContext db, long accountId, Permission permission, DateOnly day, CancellationToken ct)
    {
        var account = await db.StaffAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct);
        var grants = await db.RoleGrants.AsNoTracking().Where(g => g.AccountId == accountId).ToListAsync(ct);
        var accountLapsed = account?.ValidTo is { } to && day > to;
        return grants.Any(g => RolePermissions.Allows([g.Role], permission)
            && (accountLapsed || g.RevokedAtUtc is not null || (g.ValidTo is { } gto && day > gto)));
    }
}
