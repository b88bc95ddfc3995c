using Choshu.App.Accounts;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Seeding;

/// <summary>One person of the demo city's tax collection division: a staff number, a name, a unit and the roles they hold.</summary>
public sealed record DemoAccount(string StaffNo, string FullName, string DepartmentCode, string SectionCode, IReadOnlyList<Role> Roles, string Post);

/// <summary>
/// A demo account after <see cref="DemoAccounts.EnsureAsync"/>: <see cref="InitialPassword"/> is the
/// one-time password of an account made by this call (to be shown once, on stdout, and never logged);
/// null for one that was already there.
/// </summary>
public sealed record DemoAccountOutcome(DemoAccount Account, bool Created, string? InitialPassword);

/// <summary>What <see cref="DemoAccounts.EnsureAsync"/> did.</summary>
/// <param name="Refused">
/// True when the store holds user IDs that are not demo accounts (a real city's store): nothing was
/// created, so that <c>choshu demo</c> pointed at the wrong store never adds known accounts with
/// administrator rights to it.
/// </param>
public sealed record DemoAccountsResult(IReadOnlyList<DemoAccountOutcome> Accounts, bool Refused, int OtherAccounts)
{
    public int CreatedCount => Accounts.Count(a => a.Created);
}

/// <summary>
/// The demo accounts of <c>choshu demo</c>: one person per role, so that every screen can be tried
/// with the right it needs. Each is an ordinary user ID made by <see cref="AccountAdministration"/>
/// (audit 6000, and 6001 per role) with a random one-time initial password: at the first login the
/// person replaces it and enrolls an authenticator app (TOTP, QR code on screen), exactly as a real
/// member of staff does. Re-running creates nothing that exists; the store of a real city (any user
/// ID that is not a demo account) gets none.
/// </summary>
public static class DemoAccounts
{
    /// <summary>課コード of the demo city's tax collection division (納税課).</summary>
    public const string Division = "NOZEI";

    /// <summary>
    /// The demo staff, one per role. 委託業者 is never given a My Number role (and is refused one by
    /// <see cref="AccountAdministration.GrantAsync"/>). ファイル出力担当 goes to a collection clerk who
    /// prepares the files other sections receive (exports need someone who knows the data, and the
    /// right to copy data out is kept apart from the clerks who only look at it).
    /// </summary>
    public static IReadOnlyList<DemoAccount> All { get; } =
    [
        new("20101", "山田 花子", Division, "SHUNO", [Role.CollectionClerk], "収納係 主事"),
        new("20102", "佐藤 健一", Division, "SEIRI", [Role.DelinquencyOfficer], "滞納整理係 主任"),
        new("20103", "鈴木 美咲", Division, "SHUNO", [Role.MyNumberClerk], "収納係 主任（個人番号利用事務）"),
        new("20104", "高橋 誠", Division, "SEIRI", [Role.Approver], "滞納整理係長"),
        new("20105", "田中 由美", "JOHO", "KIBAN", [Role.SystemAdministrator], "情報政策課 基盤係 主査"),
        new("20106", "伊藤 直樹", "SOMU", "JOHOAN", [Role.SecurityOfficer], "総務課 情報セキュリティ担当 課長補佐"),
        new("20107", "渡辺 翔太", "ITAKU", "HOSHU", [Role.Contractor], "委託業者（保守）"),
        new("20108", "中村 恵", Division, "SHUNO", [Role.CollectionClerk, Role.Exporter], "収納係 主事（ファイル出力）"),
    ];

    public static bool IsDemoStaffNo(string staffNo) => All.Any(a => a.StaffNo == staffNo);

    /// <summary>
    /// Creates the demo accounts that do not exist yet and grants their roles from today, open-ended,
    /// acting as <paramref name="actor"/> (the CLI's system actor holds <see cref="Permission.ManageAccounts"/>).
    /// Refuses (creates nothing) when the store holds any user ID other than the demo ones.
    /// </summary>
    public static async Task<DemoAccountsResult> EnsureAsync(
        ChoshuDbContext db, AccountAdministration administration, Actor actor, TimeProvider clock, CancellationToken ct = default)
    {
        var demoNos = All.Select(a => a.StaffNo).ToList();
        var existing = await db.StaffAccounts.AsNoTracking().Select(a => a.StaffNo).ToListAsync(ct);
        var others = existing.Count(no => !demoNos.Contains(no));
        if (others > 0)
            return new DemoAccountsResult(All.Select(a => new DemoAccountOutcome(a, false, null)).Where(o => existing.Contains(o.Account.StaffNo)).ToList(), true, others);

        var today = JapanTime.Today(clock);
        // The names of the demo city's 課・係, so that screens show 納税課・収納係 rather than the codes.
        await OrgUnits.EnsureDemoNamesAsync(db, actor.Name, clock, ct);
        var outcomes = new List<DemoAccountOutcome>();
        foreach (var a in All)
        {
            if (existing.Contains(a.StaffNo))
            {
                outcomes.Add(new DemoAccountOutcome(a, false, null));
                continue;
            }
            var created = await administration.CreateAsync(new NewAccount(a.StaffNo, a.FullName, a.DepartmentCode, a.SectionCode, today), actor, ct);
            foreach (var role in a.Roles)
                await administration.GrantAsync(a.StaffNo, role, today, null, actor, ct);
            outcomes.Add(new DemoAccountOutcome(a, true, created.InitialPassword));
        }
        return new DemoAccountsResult(outcomes, false, 0);
    }
}
