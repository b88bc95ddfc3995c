using System.Text.Json;
using Choshu.App.Accounts;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu users add|grant|revoke|expire|list|review|password|reset-2fa</c> on a fresh store, the clock
/// at 2026-04-01 10:00 in Japan unless a test says otherwise. Staff numbers 81001… are made up.
/// </summary>
public sealed class UsersCommandsTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Postgres, StoreProvider.Sqlite };

    /// <summary>2026-04-01 10:00 JST.</summary>
    private static FakeTimeProvider April1() => new(new DateTimeOffset(2026, 4, 1, 1, 0, 0, TimeSpan.Zero));

    private static readonly string SystemName = $"system:cli:{Environment.UserName}";

    private static async Task<(int Code, string Out, string Err)> Run(TestStore store, TimeProvider clock, params string[] args) =>
        await CliRunner.RunAsync(clock, [.. args, "--db", store.Store.ConnectionString]);

    private static async Task<string> AddAsync(TestStore store, TimeProvider clock, string staffNo, string name = "山田 太郎", string validFrom = "2026-04-01")
    {
        var (code, stdout, err) = await Run(store, clock, "users", "add", "--staff-no", staffNo, "--name", name, "--department", "NZ01", "--section", "SY01", "--valid-from", validFrom);
        Assert.True(code == 0, err);
        return stdout.TrimEnd().Split('\n')[^1].Trim();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Add_InitialPasswordPrintedOnceToStdoutOnly_OpensOnlyEnrollment(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var clock = April1();

        var (code, stdout, stderr) = await Run(store, clock, "users", "add", "--staff-no", "81001", "--name", "山田 太郎", "--department", "NZ01", "--section", "SY01");
        var password = stdout.TrimEnd().Split('\n')[^1].Trim();

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Matches("^[a-zA-Z2-9]{16}$", password);
        Assert.Single(stdout.Split('\n'), l => l.Contains(password, StringComparison.Ordinal));
        await using (var db = store.Open())
        {
            var account = await db.StaffAccounts.AsNoTracking().SingleAsync();
            Assert.Equal(("81001", "81001", "山田 太郎", "NZ01", "SY01"), (account.StaffNo, account.UserName, account.FullName, account.DepartmentCode, account.SectionCode));
            Assert.Equal(new DateOnly(2026, 4, 1), account.ValidFrom);
            Assert.True(account.MustChangePassword);
            Assert.True(account.LockoutEnabled);
            Assert.DoesNotContain(password, account.PasswordHash);
            var created = await db.AuditEvents.AsNoTracking().SingleAsync();
            Assert.Equal((AuditEventKind.AccountCreated, SystemName), (created.Kind, created.ActorName));
            Assert.DoesNotContain(password, created.Detail);
        }
        var signIn = await WithServicesAsync(store, clock, sp => sp.GetRequiredService<StaffSignIn>().SignInAsync("81001", password, null, "10.0.0.15"));
        Assert.Equal(SignInOutcome.EnrollmentRequired, signIn.Outcome);
    }

    [Theory]
    [InlineData("共用", "81002")]
    [InlineData("納税課 管理者", "81003")]
    [InlineData("山田 太郎", "admin")]
    [InlineData("山田 太郎", "11111")]
    public async Task Add_SharedOrGenericId_RefusedNothingStored(string name, string staffNo)
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);

        var (code, stdout, stderr) = await Run(store, April1(), "users", "add", "--staff-no", staffNo, "--name", name, "--department", "NZ01", "--section", "SY01");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("エラー: ", stderr);
        await using var db = store.Open();
        Assert.Equal(0, await db.StaffAccounts.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Expire_RetirementOnApril1_AllowedMarch31DeniedApril1With5001(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var clock = April1();
        await AddAsync(store, clock, "81004");
        Assert.Equal(0, (await Run(store, clock, "users", "grant", "81004", "--role", "収納担当", "--from", "2026-04-01")).Code);

        var (code, stdout, _) = await Run(store, clock, "users", "expire", "81004", "--on", "2027-04-01");
        long id;
        await using (var db = store.Open()) id = (await db.StaffAccounts.SingleAsync()).Id;
        var actor = Actor.Staff(id, "81004", "10.0.0.15");
        clock.SetUtcNow(new DateTimeOffset(2027, 3, 31, 14, 59, 0, TimeSpan.Zero)); // 2027-03-31 23:59 JST
        bool allowedOnMar31;
        await using (var db = store.Open()) allowedOnMar31 = await AccessControl.AllowsAsync(db, actor, Permission.RecordPayments, clock);
        clock.SetUtcNow(new DateTimeOffset(2027, 3, 31, 15, 1, 0, TimeSpan.Zero)); // 2027-04-01 00:01 JST
        AccessDeniedException denied;
        await using (var db = store.Open())
            denied = await Assert.ThrowsAsync<AccessDeniedException>(() => AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock));

        Assert.Equal(0, code);
        Assert.Contains("2027-03-31 で終了しました", stdout);
        Assert.True(allowedOnMar31);
        Assert.True(denied.RightsLapsed);
        await using var check = store.Open();
        Assert.Equal(new DateOnly(2027, 3, 31), (await check.StaffAccounts.SingleAsync()).ValidTo);
        Assert.Equal(new DateOnly(2027, 3, 31), (await check.RoleGrants.SingleAsync()).ValidTo);
        var audit = await check.AuditEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(
            [AuditEventKind.AccountCreated, AuditEventKind.RoleGranted, AuditEventKind.AccountExpired, AuditEventKind.AccessDeniedLapsedRights],
            audit.Select(e => e.Kind));
        Assert.All(audit.Take(3), e => Assert.Equal(SystemName, e.ActorName));
        Assert.Equal("2027-04-01T00:01:00.000000+09:00", audit[3].OccurredAtJst);
    }

    [Fact]
    public async Task Expire_TransferWithNewUnits_AccountStaysRightsEndDayBefore()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Postgres);
        var clock = April1();
        await AddAsync(store, clock, "81005");
        await Run(store, clock, "users", "grant", "81005", "--role", "CollectionClerk", "--from", "2026-04-01");
        await Run(store, clock, "users", "grant", "81005", "--role", "承認者", "--from", "2026-10-01", "--to", "2027-09-30");

        var half = await Run(store, clock, "users", "expire", "81005", "--on", "2026-07-01", "--department", "SZ02");
        var (code, stdout, _) = await Run(store, clock, "users", "expire", "81005", "--on", "2026-07-01", "--department", "SZ02", "--section", "KT01");

        Assert.Equal(2, half.Code);
        Assert.Equal(0, code);
        Assert.Contains("課・係を SZ02・KT01 にしました", stdout);
        await using var db = store.Open();
        var account = await db.StaffAccounts.SingleAsync();
        Assert.Null(account.ValidTo);
        Assert.Equal(("SZ02", "KT01"), (account.DepartmentCode, account.SectionCode));
        var grants = await db.RoleGrants.OrderBy(g => g.Id).ToListAsync();
        Assert.Equal(new DateOnly(2026, 6, 30), grants[0].ValidTo);
        Assert.NotNull(grants[1].RevokedAtUtc); // started after the transfer: withdrawn
        Assert.Empty(await AccessControl.ActiveRolesAsync(db, account.Id, new DateOnly(2026, 7, 1)));
        Assert.Equal([Role.CollectionClerk], await AccessControl.ActiveRolesAsync(db, account.Id, new DateOnly(2026, 6, 30)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Grant_MyNumberClerkToContractor_RefusedExit2(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var clock = April1();
        await AddAsync(store, clock, "81006", "保田 健");
        Assert.Equal(0, (await Run(store, clock, "users", "grant", "81006", "--role", "委託業者", "--from", "2026-04-01", "--to", "2026-06-30")).Code);

        var (code, _, stderr) = await Run(store, clock, "users", "grant", "81006", "--role", "個人番号利用事務担当", "--from", "2026-08-01");

        Assert.Equal(2, code);
        Assert.Contains("委託業者の権限を持っている（または持っていた）ため、個人番号利用事務担当は付与できません", stderr);
        await using var db = store.Open();
        Assert.Equal([Role.Contractor], await db.RoleGrants.Select(g => g.Role).ToListAsync());
    }

    [Fact]
    public async Task Revoke_WithReason_RightGoneTodayRowKept()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Postgres);
        var clock = April1();
        await AddAsync(store, clock, "81007");
        await Run(store, clock, "users", "grant", "81007", "--role", "ファイル出力担当", "--from", "2026-04-01");

        var noReason = await Run(store, clock, "users", "revoke", "81007", "--role", "Exporter");
        var (code, stdout, _) = await Run(store, clock, "users", "revoke", "81007", "--role", "Exporter", "--reason", "出力業務の終了");

        Assert.NotEqual(0, noReason.Code);
        Assert.Equal(0, code);
        Assert.Contains("ファイル出力担当を取り消しました（1 件）", stdout);
        await using var db = store.Open();
        var grant = await db.RoleGrants.SingleAsync();
        Assert.Equal(("出力業務の終了", SystemName), (grant.RevokeReason, grant.RevokedBy));
        Assert.Empty(await AccessControl.ActiveRolesAsync(db, grant.AccountId, new DateOnly(2026, 4, 1)));
        Assert.Contains(await db.AuditEvents.Select(e => e.Kind).ToListAsync(), k => k == AuditEventKind.RoleRevoked);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Review_UnusedNinetyDaysRightsAndIdsPastValidTo_ListedWithDates(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var clock = April1();
        await AddAsync(store, clock, "81010", "伊藤 一");
        await AddAsync(store, clock, "81011", "伊藤 二");
        await AddAsync(store, clock, "81012", "伊藤 三");
        await Run(store, clock, "users", "grant", "81010", "--role", "収納担当", "--from", "2026-04-01");
        await Run(store, clock, "users", "grant", "81011", "--role", "収納担当", "--from", "2026-04-01");
        await Run(store, clock, "users", "grant", "81011", "--role", "ファイル出力担当", "--from", "2026-04-01", "--to", "2026-09-30");
        await Run(store, clock, "users", "expire", "81012", "--on", "2026-10-01");

        var at89 = JsonDocument.Parse((await Run(store, clock, "users", "review", "--as-of", "2026-06-29", "--json")).Out).RootElement;
        var at90 = JsonDocument.Parse((await Run(store, clock, "users", "review", "--as-of", "2026-06-30", "--json")).Out).RootElement;
        var yearly = JsonDocument.Parse((await Run(store, clock, "users", "review", "--as-of", "2027-03-31", "--json")).Out).RootElement;
        var text = (await Run(store, clock, "users", "review", "--as-of", "2027-03-31")).Out;

        Assert.Equal(0, at89.GetProperty("unused").GetArrayLength());
        Assert.Equal(["81010:2026-04-01:90", "81011:2026-04-01:90", "81012:2026-04-01:90"],
            at90.GetProperty("unused").EnumerateArray().Select(u => $"{u.GetProperty("staffNo").GetString()}:{u.GetProperty("lastUsedOn").GetString()}:{u.GetProperty("daysUnused").GetInt32()}"));
        Assert.Equal(["81010", "81011"], yearly.GetProperty("unused").EnumerateArray().Select(u => u.GetProperty("staffNo").GetString()));
        var past = Assert.Single(yearly.GetProperty("grantsPastValidTo").EnumerateArray());
        Assert.Equal(("81011", "ファイル出力担当", "2026-04-01", "2026-09-30"),
            (past.GetProperty("staffNo").GetString(), past.GetProperty("roleName").GetString(), past.GetProperty("validFrom").GetString(), past.GetProperty("validTo").GetString()));
        var gone = Assert.Single(yearly.GetProperty("accountsPastValidTo").EnumerateArray());
        Assert.Equal(("81012", "2026-09-30"), (gone.GetProperty("staffNo").GetString(), gone.GetProperty("validTo").GetString()));
        Assert.Equal(3, yearly.GetProperty("accounts").GetArrayLength());
        Assert.Contains("2. 90 日以上使われていない利用者ID: 2 件", text);
        Assert.Contains("81011  伊藤 二  ファイル出力担当  2026-04-01〜2026-09-30", text);
        Assert.Contains("81012  伊藤 三  課 NZ01・係 SY01  2026-09-30 まで", text);
        await using var db = store.Open();
        Assert.Equal(4, await db.AuditEvents.CountAsync(e => e.Kind == AuditEventKind.AccountsReviewed));
    }

    [Fact]
    public async Task List_Json_ShowsTodaysRightsAndNoSecrets()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var clock = April1();
        var password = await AddAsync(store, clock, "81013", "渡辺 結衣");
        await Run(store, clock, "users", "grant", "81013", "--role", "滞納整理担当", "--from", "2026-04-01");

        var (code, stdout, _) = await Run(store, clock, "users", "list", "--json");
        var text = (await Run(store, clock, "users", "list")).Out;

        Assert.Equal(0, code);
        var row = Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray());
        Assert.Equal("81013", row.GetProperty("staffNo").GetString());
        Assert.Equal("active", row.GetProperty("standing").GetString());
        Assert.False(row.GetProperty("totpEnrolled").GetBoolean());
        Assert.Equal("滞納整理担当", row.GetProperty("grants")[0].GetProperty("roleName").GetString());
        Assert.DoesNotContain(password, stdout);
        Assert.Contains("81013", text);
        Assert.Contains("滞納整理担当", text);
    }

    [Fact]
    public async Task Password_FromStdin_WeakRefusedStrongSetAndNeverEchoed()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Postgres);
        var clock = April1();
        await AddAsync(store, clock, "81014", "林 大輔");
        var original = Console.In;
        try
        {
            Console.SetIn(new StringReader("password1234\n"));
            var weak = await Run(store, clock, "users", "password", "81014", "--stdin");
            Console.SetIn(new StringReader("amber tide under nine bridges\n"));
            var strong = await Run(store, clock, "users", "password", "81014", "--stdin");

            Assert.Equal(2, weak.Code);
            Assert.Contains("よく使われるパスワード", weak.Err);
            Assert.Equal(0, strong.Code);
            Assert.DoesNotContain("amber", strong.Out + strong.Err);
            Assert.DoesNotContain("password1234", weak.Out + weak.Err);
        }
        finally
        {
            Console.SetIn(original);
        }
        var check = await WithServicesAsync(store, clock, async sp =>
            await sp.GetRequiredService<TotpEnrollment>().BeginAsync("81014", "amber tide under nine bridges", "10.0.0.15"));
        Assert.Equal(EnrollmentOutcome.Started, check.Outcome);
        await using var db = store.Open();
        Assert.True((await db.StaffAccounts.SingleAsync()).MustChangePassword);
        Assert.Single(await db.AuditEvents.Where(e => e.Kind == AuditEventKind.PasswordChanged).ToListAsync());
    }

    private static async Task<T> WithServicesAsync<T>(TestStore store, TimeProvider clock, Func<IServiceProvider, Task<T>> body)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddChoshuIdentity(store.Store);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await body(scope.ServiceProvider);
    }
}
