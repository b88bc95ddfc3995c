using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Security;
using Choshu.Domain.Security;

namespace Choshu.TestSupport;

/// <summary>
/// Staff accounts and dated role grants written straight through the DbContext, for the tests of cases (App and CLI),
/// releases, deletion and disclosure (the <c>users</c> commands are tested on their own).
/// </summary>
public static class StaffSeed
{
    public sealed record Grant(Role Role, DateOnly From, DateOnly? To = null, bool Revoked = false);

    public static async Task<Actor> AddAsync(ChoshuDbContext db, string staffNo, string name, params Grant[] grants)
    {
        var now = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);
        var a = new StaffAccount
        {
            StaffNo = staffNo, UserName = staffNo, NormalizedUserName = staffNo, FullName = name, DepartmentCode = "0310", SectionCode = "02",
            ValidFrom = new DateOnly(2020, 4, 1), CreatedAtUtc = now, CreatedBy = "test", SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        db.StaffAccounts.Add(a);
        await db.SaveChangesAsync();
        foreach (var g in grants)
            db.RoleGrants.Add(new RoleGrant
            {
                AccountId = a.Id, Role = g.Role, ValidFrom = g.From, ValidTo = g.To, GrantedBy = "test", GrantedAtUtc = now,
                RevokedAtUtc = g.Revoked ? now : null, RevokedBy = g.Revoked ? "test" : null,
            });
        await db.SaveChangesAsync();
        return Actor.Staff(a.Id, staffNo, "10.0.0.1");
    }

    /// <summary>A role held from 2026-04-01, open-ended.</summary>
    public static Grant Holds(Role role) => new(role, new DateOnly(2026, 4, 1));
}
