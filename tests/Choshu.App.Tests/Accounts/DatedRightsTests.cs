using Choshu.App.Accounts;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Choshu.App.Tests.Accounts;

/// <summary>
/// Rights with dates: a right lapses on the day after its valid-to with nobody acting (the clock
/// moves, nothing else happens), on sign-in, on an open session and on any permission check;
/// transfer and retirement; exclusive roles; individual IDs only.
/// </summary>
public sealed class DatedRightsTests
{
    private static readonly DateOnly Apr1 = new(2026, 4, 1);
    private static readonly DateOnly Mar31 = new(2027, 3, 31);

    /// <summary>2027-03-31 23:50 in Japan.</summary>
    private static readonly DateTimeOffset LastEvening = new(2027, 3, 31, 14, 50, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task Grant_ValidToMarch31_AllowsThatDayDeniedOnApril1WithNobodyActing(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider, LastEvening);
        var p = await h.EnrollAsync("50001", [Role.CollectionClerk], Apr1, Mar31); // clock now 23:50:30 on 3/31
        var t = h.Clock.GetUtcNow();
        var onMar31 = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(t));
        var actor = Actor.Staff(p.AccountId, p.StaffNo, AccountsHarness.Terminal);
        bool allowedMar31;
        await using (var db = h.Store.Open())
            allowedMar31 = await AccessControl.AllowsAsync(db, actor, Permission.RecordPayments, h.Clock);

        h.At(new DateTimeOffset(2027, 3, 31, 15, 0, 30, TimeSpan.Zero)); // 2027-04-01 00:00:30 JST, session idle 10 minutes
        var session = await h.ValidateAsync(onMar31.SessionToken!);
        var onApr1 = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()));
        AccessDeniedException denied;
        await using (var db = h.Store.Open())
            denied = await Assert.ThrowsAsync<AccessDeniedException>(() => AccessControl.DemandAsync(db, actor, Permission.RecordPayments, h.Clock));

        Assert.Equal(SignInOutcome.Succeeded, onMar31.Outcome);
        Assert.True(allowedMar31);
        Assert.Equal(SessionStatus.Ended, session.Status);
        Assert.Equal(SessionEndReasons.RightsLapsed, session.EndReason);
        Assert.Equal(SignInOutcome.RightsLapsed, onApr1.Outcome);
        Assert.True(denied.RightsLapsed);
        var lapsed = (await h.AuditAsync()).Where(e => e.Kind == AuditEventKind.AccessDeniedLapsedRights).ToList();
        Assert.Equal(3, lapsed.Count); // session, sign-in, permission check
        Assert.All(lapsed, e => Assert.StartsWith("2027-04-01T00:00:30", e.OccurredAtJst));
        Assert.All(lapsed, e => Assert.Equal(p.AccountId, e.AccountId));
        Assert.Contains("2027-04-01", lapsed[1].Detail);
        await using var check = h.Store.Open();
        Assert.Empty(await AccessControl.ActiveRolesAsync(check, p.AccountId, new DateOnly(2027, 4, 1)));
        Assert.Equal([Role.CollectionClerk], await AccessControl.ActiveRolesAsync(check, p.AccountId, Mar31));
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task Allows_RolesReadForTheRequestOnMarch31_NotTrustedOnApril1_StoreReadAgain(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider, LastEvening);
        var p = await h.EnrollAsync("50002", [Role.CollectionClerk], Apr1, Mar31);
        // What a request's session check read at 23:50 on 3/31: the roles of that day.
        var actor = Actor.Staff(p.AccountId, p.StaffNo, AccountsHarness.Terminal) with
        {
            KnownRoles = new ActiveRoleSnapshot(Mar31, [Role.CollectionClerk]),
        };
        bool onMar31, onApr1;
        await using (var db = h.Store.Open())
            onMar31 = await AccessControl.AllowsAsync(db, actor, Permission.RecordPayments, h.Clock);
        h.At(new DateTimeOffset(2027, 3, 31, 15, 0, 30, TimeSpan.Zero)); // 2027-04-01 00:00:30 JST
        await using (var db = h.Store.Open())
            onApr1 = await AccessControl.AllowsAsync(db, actor, Permission.RecordPayments, h.Clock);

        Assert.True(onMar31);
        Assert.False(onApr1); // the snapshot is of 3/31; the store says the right ended that day
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task Allows_RolesReadForTheRequestToday_UsedWithoutReadingGrantsAgain(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider, LastEvening);
        var p = await h.EnrollAsync("50003", [Role.CollectionClerk], Apr1, Mar31);
        // The request's own reading of today's roles is what counts for the rest of that request
        // (the web's session check reads them from the store at every request).
        var actor = Actor.Staff(p.AccountId, p.StaffNo, AccountsHarness.Terminal) with
        {
            KnownRoles = new ActiveRoleSnapshot(Mar31, [Role.Approver]),
        };
        bool approve, record;
        await using (var db = h.Store.Open())
        {
            approve = await AccessControl.AllowsAsync(db, actor, Permission.ApproveDeletion, h.Clock);
            record = await AccessControl.AllowsAsync(db, actor, Permission.RecordPayments, h.Clock);
        }

        Assert.True(approve);
        Assert.False(record);
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task Expire_RetirementOnApril1_AccountAndRightsEndMarch31(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider, LastEvening.AddDays(-30)); // 2027-03-01
        var p = await h.EnrollAsync("50002", [Role.CollectionClerk, Role.Approver], Apr1);
        var result = await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>()
            .ExpireAsync("50002", new DateOnly(2027, 4, 1), null, null, AccountsHarness.Admin));

        h.At(LastEvening);
        var onMar31 = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()));
        h.At(LastEvening.AddMinutes(11)); // 2027-04-01 00:01 JST
        var onApr1 = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()));

        Assert.Equal(new ExpiryResult("50002", Mar31, false, 2, 0, 0), result);
        Assert.Equal(Mar31, (await h.AccountAsync("50002")).ValidTo);
        Assert.Equal(SignInOutcome.Succeeded, onMar31.Outcome);
        Assert.Equal(SignInOutcome.RightsLapsed, onApr1.Outcome);
        var audit = await h.AuditAsync();
        Assert.Contains(audit, e => e.Kind == AuditEventKind.AccountExpired && e.Detail!.Contains("2027-03-31 で終了"));
        Assert.Contains(audit, e => e.Kind == AuditEventKind.AccessDeniedLapsedRights && e.Detail!.Contains("利用者IDの有効期間が終了"));
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task Expire_TransferWithNewSection_RightsEndAccountStaysNewGrantFromApril1(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider, LastEvening.AddDays(-30));
        var p = await h.EnrollAsync("50003", [Role.CollectionClerk], Apr1);
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().ExpireAsync("50003", new DateOnly(2027, 4, 1), "SZ02", "KT01", AccountsHarness.Admin));
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().GrantAsync("50003", Role.DelinquencyOfficer, new DateOnly(2027, 4, 1), null, AccountsHarness.Admin));

        var account = await h.AccountAsync("50003");
        await using var db = h.Store.Open();
        var onMar31 = await AccessControl.ActiveRolesAsync(db, p.AccountId, Mar31);
        var onApr1 = await AccessControl.ActiveRolesAsync(db, p.AccountId, new DateOnly(2027, 4, 1));
        var grants = await db.RoleGrants.AsNoTracking().OrderBy(g => g.Id).ToListAsync();

        Assert.Null(account.ValidTo);
        Assert.Equal(("SZ02", "KT01"), (account.DepartmentCode, account.SectionCode));
        Assert.Equal([Role.CollectionClerk], onMar31);
        Assert.Equal([Role.DelinquencyOfficer], onApr1);
        Assert.Equal(Mar31, grants[0].ValidTo);
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task Grant_MyNumberClerkToFormerContractor_RefusedAndAudited(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var admin = AccountsHarness.Admin;
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().CreateAsync(new NewAccount("50004", "保田 健", "IT01", "HS01", Apr1), admin));
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().CreateAsync(new NewAccount("50005", "森 さくら", "NZ01", "KJ01", Apr1), admin));
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().GrantAsync("50004", Role.Contractor, Apr1, new DateOnly(2026, 9, 30), admin));
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().GrantAsync("50005", Role.MyNumberClerk, Apr1, null, admin));
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().RevokeAsync("50005", Role.MyNumberClerk, "担当替え", admin));

        // 50004's contractor right ended on 2026-09-30; 50005's My Number right is revoked: "held" still counts.
        var toContractor = await Assert.ThrowsAsync<AccountException>(() => h.RunAsync(sp =>
            sp.GetRequiredService<AccountAdministration>().GrantAsync("50004", Role.MyNumberClerk, new DateOnly(2026, 12, 1), null, admin)));
        var toClerk = await Assert.ThrowsAsync<AccountException>(() => h.RunAsync(sp =>
            sp.GetRequiredService<AccountAdministration>().GrantAsync("50005", Role.Contractor, new DateOnly(2026, 12, 1), null, admin)));

        Assert.Equal("grant.exclusive", toContractor.Code);
        Assert.Equal("grant.exclusive", toClerk.Code);
        await using var db = h.Store.Open();
        Assert.Equal(2, await db.RoleGrants.CountAsync());
        var refusals = (await h.AuditAsync()).Where(e => e.Kind == AuditEventKind.RoleGranted && e.Outcome == AuditOutcome.Denied).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.Contains("委託業者の付与歴あり", refusals[0].Detail);
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task Grant_TaxpayerReadingRoleToContractorOrReverse_RefusedInJapaneseAndAudited(StoreProvider provider)
    {
        // Issue 18 defect 5: 委託業者 is incompatible with every role that reads taxpayer data, not only 個人番号利用事務担当.
        await using var h = await AccountsHarness.CreateAsync(provider);
        var admin = AccountsHarness.Admin;
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().CreateAsync(new NewAccount("50006", "保田 剛", "IT01", "HS01", Apr1), admin));
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().CreateAsync(new NewAccount("50007", "森 一郎", "NZ01", "KJ01", Apr1), admin));
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().GrantAsync("50006", Role.Contractor, Apr1, null, admin));
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().GrantAsync("50007", Role.Exporter, Apr1, null, admin));

        var refused = new List<AccountException>();
        foreach (var role in new[] { Role.CollectionClerk, Role.Exporter, Role.DelinquencyOfficer, Role.Approver, Role.SecurityOfficer })
            refused.Add(await Assert.ThrowsAsync<AccountException>(() => h.RunAsync(sp =>
                sp.GetRequiredService<AccountAdministration>().GrantAsync("50006", role, new DateOnly(2026, 12, 1), null, admin))));
        refused.Add(await Assert.ThrowsAsync<AccountException>(() => h.RunAsync(sp =>
            sp.GetRequiredService<AccountAdministration>().GrantAsync("50007", Role.Contractor, new DateOnly(2026, 12, 1), null, admin))));

        Assert.All(refused, e => Assert.Equal("grant.exclusive", e.Code));
        Assert.Equal("職員番号 50006 は委託業者の権限を持っている（または持っていた）ため、収納担当は付与できません（委託業者は納税義務者の情報を扱えません）。", refused[0].Message);
        await using var db = h.Store.Open();
        Assert.Equal(2, await db.RoleGrants.CountAsync());
        Assert.Equal(6, (await h.AuditAsync()).Count(e => e.Kind == AuditEventKind.RoleGranted && e.Outcome == AuditOutcome.Denied));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("12345")]
    [InlineData("00000")]
    [InlineData("1234")]
    [InlineData("A12345")]
    [InlineData("")]
    public async Task Create_StaffNumberNotOnePersons_Refused(string staffNo)
    {
        await using var h = await AccountsHarness.CreateAsync(StoreProvider.Postgres);
        var ex = await Assert.ThrowsAsync<AccountException>(() => h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>()
            .CreateAsync(new NewAccount(staffNo, "山本 七海", "NZ01", "SY01", Apr1), AccountsHarness.Admin)));
        Assert.Equal("account.individual", ex.Code);
        await using var db = h.Store.Open();
        Assert.Equal(0, await db.StaffAccounts.CountAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("共用")]
    [InlineData("納税課共通")]
    [InlineData("収納係")]
    [InlineData("管理者")]
    [InlineData("Guest User")]
    [InlineData("test")]
    [InlineData("ADMIN")]
    [InlineData("委託業者 保守担当")]
    public async Task Create_GenericOrSharedName_Refused(string name)
    {
        await using var h = await AccountsHarness.CreateAsync(StoreProvider.Sqlite);
        var ex = await Assert.ThrowsAsync<AccountException>(() => h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>()
            .CreateAsync(new NewAccount("60412", name, "NZ01", "SY01", Apr1), AccountsHarness.Admin)));
        Assert.Equal("account.individual", ex.Code);
    }

    [Fact]
    public async Task Create_SameStaffNumberTwice_SecondRefused()
    {
        await using var h = await AccountsHarness.CreateAsync(StoreProvider.Postgres);
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().CreateAsync(new NewAccount("60413", "小林 誠", "NZ01", "SY01", Apr1), AccountsHarness.Admin));

        var ex = await Assert.ThrowsAsync<AccountException>(() => h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>()
            .CreateAsync(new NewAccount("60413", "小林 誠", "NZ01", "SY01", Apr1), AccountsHarness.Admin)));

        Assert.Equal("account.duplicate", ex.Code);
        var created = Assert.Single(await h.AuditAsync(), e => e.Kind == AuditEventKind.AccountCreated);
        Assert.Equal("system:cli:tester", created.ActorName);
    }

    [Fact]
    public async Task Review_UnusedNinetyDaysAndPastValidTo_ListedWithDates()
    {
        // 70001 signed in on 2026-06-01 (10:00 JST) and holds a second right that ends 2026-09-30; 70002 was
        // created on 2026-06-01, never signed in, and retires with 2026-09-30 as its last day.
        await using var h = await AccountsHarness.CreateAsync(StoreProvider.Postgres, new DateTimeOffset(2026, 6, 1, 1, 0, 0, TimeSpan.Zero));
        var p = await h.EnrollAsync("70001", [Role.CollectionClerk], Apr1);
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().GrantAsync("70001", Role.Exporter, Apr1, new DateOnly(2026, 9, 30), AccountsHarness.Admin));
        await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()));
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().CreateAsync(new NewAccount("70002", "加藤 涼", "NZ01", "SY01", Apr1), AccountsHarness.Admin));
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().ExpireAsync("70002", new DateOnly(2026, 10, 1), null, null, AccountsHarness.Admin));

        var at89 = await h.RunAsync(sp => sp.GetRequiredService<AccountReview>().ReviewAsync(new DateOnly(2026, 8, 29), AccountsHarness.Admin));
        var at90 = await h.RunAsync(sp => sp.GetRequiredService<AccountReview>().ReviewAsync(new DateOnly(2026, 8, 30), AccountsHarness.Admin));
        var yearly = await h.RunAsync(sp => sp.GetRequiredService<AccountReview>().ReviewAsync(new DateOnly(2027, 3, 31), AccountsHarness.Admin));

        Assert.Empty(at89.Unused); // 70001 signed in and 70002 (never signed in) was created on 2026-06-01: 89 days
        Assert.Equal(89, at89.Accounts.Single(a => a.StaffNo == "70001").DaysUnused);
        Assert.Equal(["70001", "70002"], at90.Unused.Select(a => a.StaffNo));
        var a1 = at90.Accounts.Single(a => a.StaffNo == "70001");
        Assert.Equal(new DateOnly(2026, 6, 1), a1.LastUsedOn);
        Assert.Equal(90, a1.DaysUnused);
        Assert.Equal([(Role.CollectionClerk, GrantStates.Active), (Role.Exporter, GrantStates.Active)], a1.Grants.Select(g => (g.Role, g.State)));
        Assert.Equal([("70001", Role.Exporter, new DateOnly(2026, 9, 30))], yearly.GrantsPastValidTo.Select(x => (x.Account.StaffNo, x.Grant.Role, x.Grant.ValidTo!.Value)));
        Assert.Equal([("70002", new DateOnly(2026, 9, 30))], yearly.AccountsPastValidTo.Select(a => (a.StaffNo, a.ValidTo!.Value)));
        Assert.Equal(["70001"], yearly.Unused.Select(a => a.StaffNo)); // an account past its valid-to is listed there, not as unused
        Assert.Equal(3, (await h.AuditAsync()).Count(e => e.Kind == AuditEventKind.AccountsReviewed));
    }
}
