using Choshu.Data;
using Choshu.Data.Security;
using Choshu.Domain.Security;

namespace Choshu.Cli.Tests;

/// <summary>
/// Staff accounts and role grants written straight through the DbContext for the case, export, transfer,
/// deletion and disclosure command tests (<c>--operator STAFFNO</c>). Grants run from 2026-04-01, open-ended.
/// </summary>
public static class CaseAndReleaseStaff
{
    public static async Task AddAsync(ChoshuDbContext db, string staffNo, string name, params Role[] roles)
    {
        var now = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);
        var a = new StaffAccount
        {
            StaffNo = staffNo, UserName = staffNo, NormalizedUserName = staffNo, FullName = name, DepartmentCode = "0310", SectionCode = "02",
            ValidFrom = new DateOnly(2020, 4, 1), CreatedAtUtc = now, CreatedBy = "test", SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        db.StaffAccounts.Add(a);
        await db.SaveChangesAsync();
        foreach (var role in roles)
            db.RoleGrants.Add(new RoleGrant { AccountId = a.Id, Role = role, ValidFrom = new DateOnly(2026, 4, 1), GrantedBy = "test", GrantedAtUtc = now });
        await db.SaveChangesAsync();
    }
}
