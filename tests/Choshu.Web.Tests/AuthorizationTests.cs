using System.Net;
using Choshu.Domain.Security;
using Choshu.Web.Security;

namespace Choshu.Web.Tests;

/// <summary>A policy per permission: allowed by today's roles, otherwise 403 with a Japanese page and an audit record.</summary>
public sealed class AuthorizationTests(WebFixture web) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task AdminUsers_SystemAdministrator_Allowed()
    {
        var (user, _) = await web.CreateUserAsync("42384", "井上 真一", [Role.SystemAdministrator]);
        var client = await web.SignedInClientAsync(user);
        var r = await client.GetAsync("/Admin/Users");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("<td>42384</td>", html);
        Assert.Contains("システム管理者（2026-04-01〜、有効）", html);
        Assert.Contains("令和8年11月26日（2026-11-26）現在", html);
        Assert.Contains("aria-current=\"page\"", html);
    }

    [Fact]
    public async Task AdminUsers_CollectionClerk_Denied403JapaneseAndAudited5000()
    {
        var (user, _) = await web.CreateUserAsync("43493", "木村 拓也", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(user);
        var r = await client.GetAsync("/Admin/Users");
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("<h1>この操作を行う権限がありません</h1>", html);
        Assert.Contains("この操作を行う権限がありません。", html);
        Assert.DoesNotContain("<td>", html);
        var e = Assert.Single(await web.AuditAsync(), a => a.ActorName == "43493" && a.Outcome == AuditOutcome.Denied);
        Assert.Equal(AuditEventKind.AccessDenied, e.Kind);
        Assert.Equal("ManageAccounts: GET /Admin/Users", e.Detail);
    }

    [Fact]
    public async Task AdminUsers_RightLapsedYesterday_Denied403AndAudited5001()
    {
        // 収納担当 still active; システム管理者 only until yesterday (2026-11-25).
        var (user, _) = await web.CreateUserAsync("44502", "林 和也", [Role.CollectionClerk]);
        await using (var scope = web.Scope())
        {
            var admin = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<App.Accounts.AccountAdministration>(scope.ServiceProvider);
            await admin.GrantAsync("44502", Role.SystemAdministrator, new DateOnly(2026, 4, 1), new DateOnly(2026, 11, 25), App.Security.Actor.System());
        }
        var client = await web.SignedInClientAsync(user);
        var r = await client.GetAsync("/Admin/Users");
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Contains("この操作の権限は有効期間が終了しています", await r.Content.ReadAsStringAsync());
        var e = Assert.Single(await web.AuditAsync(), a => a.ActorName == "44502" && a.Outcome == AuditOutcome.Denied);
        Assert.Equal(AuditEventKind.AccessDeniedLapsedRights, e.Kind);
    }

    [Fact]
    public async Task Menu_ShowsOnlyWhatTodaysRolesAllow()
    {
        var (admin, _) = await web.CreateUserAsync("45611", "清水 恵", [Role.SecurityOfficer]);
        var html = await (await (await web.SignedInClientAsync(admin)).GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("利用者ID一覧", html);
        Assert.Contains("セキュリティ責任者", html);
    }

    [Fact]
    public void Policies_OnePerPermission()
    {
        var names = Enum.GetValues<Permission>().Select(PermissionPolicies.Name).ToList();
        Assert.Equal(Enum.GetValues<Permission>().Length, names.Distinct().Count());
        Assert.Contains("perm:RevealMyNumber", names);
    }
}
