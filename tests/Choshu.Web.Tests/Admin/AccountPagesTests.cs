using System.Net;
using System.Text.RegularExpressions;
using Choshu.App.Accounts;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Choshu.Web.Tests.Admin;

/// <summary>
/// Administration of user IDs through the pages (today 2026-11-26): creation with the one-time password
/// shown once, grant with dates, revoke with a reason, transfer and retirement on a date, the yearly review.
/// Each action changes the store and is recorded with the signed-in administrator as the actor.
/// </summary>
public sealed partial class AccountPagesTests(WebFixture web) : IClassFixture<WebFixture>
{
    [GeneratedRegex("data-testid=\"initial-password\">([^<]+)<")]
    private static partial Regex InitialPassword();

    private async Task<HttpClient> AdminAsync(string staffNo, string name) =>
        await web.SignedInClientAsync((await web.CreateUserAsync(staffNo, name, [Role.SystemAdministrator])).User);

    /// <summary>The link to the account's own page, as the administrator's 利用者ID一覧 shows it.</summary>
    private static async Task<string> LinkAsync(HttpClient admin, string staffNo)
    {
        var html = await (await admin.GetAsync("/Admin/Users")).Content.ReadAsStringAsync();
        var m = Regex.Match(html, $"href=\"(/Admin/Account/[^\"]+)\" aria-label=\"{staffNo} ");
        Assert.True(m.Success, $"no link to {staffNo}");
        return WebUtility.HtmlDecode(m.Groups[1].Value);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string link, string handler, Dictionary<string, string> fields) =>
        Forms.PostAsync(client, link, fields, link + "?handler=" + handler);

    private async Task<(Data.Security.StaffAccount Account, List<Data.Security.RoleGrant> Grants)> StoredAsync(string staffNo)
    {
        await using var db = web.Store.Open();
        var a = await db.StaffAccounts.AsNoTracking().SingleAsync(x => x.StaffNo == staffNo);
        return (a, await db.RoleGrants.AsNoTracking().Where(g => g.AccountId == a.Id).OrderBy(g => g.Id).ToListAsync());
    }

    [Fact]
    public async Task NewUser_SystemAdministrator_CreatesIdShowsInitialPasswordOnceAndAudits6000()
    {
        var admin = await AdminAsync("61203", "井上 真一");

        var r = await Forms.PostAsync(admin, "/Admin/NewUser", new()
        {
            ["StaffNo"] = "62314", ["FullName"] = "山下 美咲", ["DepartmentCode"] = "ZEIMU", ["SectionCode"] = "NOZEI", ["ValidFrom"] = "2026-11-26",
        });

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("<h1>利用者IDを登録しました</h1>", html);
        Assert.Contains("職員番号 62314（山下 美咲）の利用者IDを、2026-11-26 から有効として登録しました。", html);
        var password = WebUtility.HtmlDecode(InitialPassword().Match(html).Groups[1].Value);
        Assert.Equal(16, password.Length);
        Assert.Contains("href=\"/Admin/Account/", html);
        var (account, grants) = await StoredAsync("62314");
        Assert.Equal(("山下 美咲", "ZEIMU", "NOZEI", new DateOnly(2026, 11, 26), (DateOnly?)null, true, "61203"),
            (account.FullName, account.DepartmentCode, account.SectionCode, account.ValidFrom, account.ValidTo, account.MustChangePassword, account.CreatedBy));
        Assert.Empty(grants);
        var e = Assert.Single(await web.AuditAsync(), a => a.Kind == AuditEventKind.AccountCreated && a.Detail!.Contains("職員番号 62314", StringComparison.Ordinal));
        Assert.Equal((ActorKind.Staff, "61203", AuditOutcome.Succeeded), (e.ActorKind, e.ActorName, e.Outcome));
        Assert.DoesNotContain(password, e.Detail!, StringComparison.Ordinal);
        // The password opens the first sign-in (enrollment) and is not shown again.
        await using (var scope = web.Scope())
            Assert.Equal(EnrollmentOutcome.Started,
                (await scope.ServiceProvider.GetRequiredService<TotpEnrollment>().BeginAsync("62314", password, "test")).Outcome);
        Assert.DoesNotContain(password, await (await admin.GetAsync("/Admin/NewUser")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewUser_StaffNumberTaken_JapaneseErrorAndNoSecondId()
    {
        var admin = await AdminAsync("61314", "小川 正");

        var r = await Forms.PostAsync(admin, "/Admin/NewUser", new()
        {
            ["StaffNo"] = "61314", ["FullName"] = "小川 正", ["DepartmentCode"] = "ZEIMU", ["SectionCode"] = "SHUNO", ["ValidFrom"] = "2026-11-26",
        });

        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("<div class=\"alert\" role=\"alert\"><p>職員番号 61314 の利用者IDは既に登録されています（一人に一つのIDです）。</p></div>", html);
        Assert.DoesNotContain("initial-password", html);
        await using var db = web.Store.Open();
        Assert.Equal(1, await db.StaffAccounts.CountAsync(a => a.StaffNo == "61314"));
    }

    [Fact]
    public async Task NewUser_CollectionClerk_403AndAudited5000()
    {
        var (clerk, _) = await web.CreateUserAsync("61425", "木村 拓也", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(clerk);

        var r = await client.GetAsync("/Admin/NewUser");

        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var e = Assert.Single(await web.AuditAsync(), a => a.ActorName == "61425" && a.Outcome == AuditOutcome.Denied);
        Assert.Equal((AuditEventKind.AccessDenied, "ManageAccounts: GET /Admin/NewUser"), (e.Kind, e.Detail));
    }

    [Fact]
    public async Task Account_GrantWithDates_GrantStoredByTheAdministratorAndAudited6001()
    {
        var admin = await AdminAsync("63203", "田中 修");
        await web.CreateUserAsync("63425", "前田 恵子", [Role.CollectionClerk]);
        var link = await LinkAsync(admin, "63425");
        var page = await (await admin.GetAsync(link)).Content.ReadAsStringAsync();
        Assert.Contains("<h1>利用者ID 63425　前田 恵子</h1>", page);
        Assert.Contains("<td>収納担当</td>", page);

        var r = await PostAsync(admin, link, "Grant", new() { ["GrantRole"] = "Exporter", ["GrantFrom"] = "2026-12-01", ["GrantTo"] = "2027-03-31" });

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("<div class=\"success\" role=\"status\"><p>ファイル出力担当を 2026-12-01〜2027-03-31 で付与しました。</p></div>", html);
        Assert.Contains("<td>ファイル出力担当</td>", html);
        var grant = (await StoredAsync("63425")).Grants.Single(g => g.Role == Role.Exporter);
        Assert.Equal((new DateOnly(2026, 12, 1), (DateOnly?)new DateOnly(2027, 3, 31), "63203"), (grant.ValidFrom, grant.ValidTo, grant.GrantedBy));
        var e = Assert.Single(await web.AuditAsync(), a => a.Kind == AuditEventKind.RoleGranted && a.ActorName == "63203");
        Assert.Equal($"職員番号 63425 にファイル出力担当（2026-12-01〜2027-03-31）、付与 {grant.Id}", e.Detail);
    }

    [Fact]
    public async Task Account_GrantMyNumberClerkToContractor_RefusedInJapaneseAndAuditedNothingStored()
    {
        var admin = await AdminAsync("63314", "堀 俊介");
        await web.CreateUserAsync("63536", "外山 健", [Role.Contractor]);
        var link = await LinkAsync(admin, "63536");

        var r = await PostAsync(admin, link, "Grant", new() { ["GrantRole"] = "MyNumberClerk", ["GrantFrom"] = "2026-11-26", ["GrantTo"] = "" });

        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("権限の付与ができませんでした。職員番号 63536 は委託業者の権限を持っている（または持っていた）ため、個人番号利用事務担当は付与できません（委託業者は納税義務者の情報を扱えません）。", html);
        Assert.DoesNotContain((await StoredAsync("63536")).Grants, g => g.Role == Role.MyNumberClerk);
        var e = Assert.Single(await web.AuditAsync(), a => a.Kind == AuditEventKind.RoleGranted && a.ActorName == "63314");
        Assert.Equal(AuditOutcome.Denied, e.Outcome);
    }

    [Fact]
    public async Task Account_RevokeWithoutThenWithReason_RevokedOnlyWithReasonAndAudited6002()
    {
        var admin = await AdminAsync("64203", "福田 直美");
        await web.CreateUserAsync("64314", "原田 大樹", [Role.CollectionClerk]);
        var link = await LinkAsync(admin, "64314");

        var without = await (await PostAsync(admin, link, "Revoke", new() { ["RevokeRole"] = "CollectionClerk", ["RevokeReason"] = " " })).Content.ReadAsStringAsync();
        Assert.Contains("権限の取消ができませんでした。取消の理由を入力してください（例: 事務分担の変更）。理由は操作ログに残ります。", without);
        Assert.Null((await StoredAsync("64314")).Grants.Single().RevokedAtUtc);

        var r = await PostAsync(admin, link, "Revoke", new() { ["RevokeRole"] = "CollectionClerk", ["RevokeReason"] = "事務分担の変更" });

        Assert.Contains("収納担当を取り消しました（1 件）。", await r.Content.ReadAsStringAsync());
        var g = (await StoredAsync("64314")).Grants.Single();
        Assert.Equal((true, "64203", "事務分担の変更"), (g.RevokedAtUtc is not null, g.RevokedBy, g.RevokeReason));
        var e = Assert.Single(await web.AuditAsync(), a => a.Kind == AuditEventKind.RoleRevoked && a.ActorName == "64203");
        Assert.Equal($"職員番号 64314 の収納担当を取消（付与 {g.Id}）理由: 事務分担の変更", e.Detail);
    }

    [Fact]
    public async Task Account_TransferOn1201_NewUnitAndRightsEndOn1130Audited6003()
    {
        var admin = await AdminAsync("65203", "村田 智子");
        await web.CreateUserAsync("65314", "西田 誠", [Role.CollectionClerk]);
        var link = await LinkAsync(admin, "65314");

        var missing = await (await PostAsync(admin, link, "Expire", new()
            { ["EffectiveOn"] = "2026-12-01", ["ExpiryKind"] = "transfer", ["NewDepartment"] = "KIKAKU", ["NewSection"] = "" })).Content.ReadAsStringAsync();
        Assert.Contains("異動・退職ができませんでした。異動のときは、異動先の課コードと係コードの両方を入力してください。", missing);

        var r = await PostAsync(admin, link, "Expire", new()
            { ["EffectiveOn"] = "2026-12-01", ["ExpiryKind"] = "transfer", ["NewDepartment"] = "KIKAKU", ["NewSection"] = "SOMU" });

        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("異動を登録しました。権限 1 件を 2026-11-30 で終了し、開始前の権限 0 件を失効させました。", html);
        Assert.Contains("<td data-testid=\"unit\">課 KIKAKU・係 SOMU</td>", html);
        var (account, grants) = await StoredAsync("65314");
        Assert.Equal(("KIKAKU", "SOMU", (DateOnly?)null), (account.DepartmentCode, account.SectionCode, account.ValidTo));
        Assert.Equal(new DateOnly(2026, 11, 30), Assert.Single(grants).ValidTo);
        var e = Assert.Single(await web.AuditAsync(), a => a.Kind == AuditEventKind.AccountExpired && a.ActorName == "65203");
        Assert.Equal("異動: 職員番号 65314 課 ZEIMU 係 SHUNO → 課 KIKAKU 係 SOMU（2026-12-01発令）、権限 1 件を 2026-11-30 で終了、開始前の権限 0 件を失効", e.Detail);
    }

    [Fact]
    public async Task Account_RetirementEffectiveToday_IdAndRightsEndYesterdayAndOpenSessionEnds()
    {
        var admin = await AdminAsync("66203", "松下 浩二");
        var (leaver, _) = await web.CreateUserAsync("66314", "岩下 陽子", [Role.CollectionClerk]);
        var leaverClient = await web.SignedInClientAsync(leaver);
        Assert.Equal(HttpStatusCode.OK, (await leaverClient.GetAsync("/")).StatusCode);
        var link = await LinkAsync(admin, "66314");

        var r = await PostAsync(admin, link, "Expire", new() { ["EffectiveOn"] = "2026-11-26", ["ExpiryKind"] = "retire" });

        Assert.Contains("退職・転出を登録しました。利用者IDと権限 1 件を 2026-11-25 で終了し、開始前の権限 0 件を失効させました。開いていた画面 1 件をログアウトさせました。",
            await r.Content.ReadAsStringAsync());
        var (account, grants) = await StoredAsync("66314");
        Assert.Equal((DateOnly?)new DateOnly(2026, 11, 25), account.ValidTo);
        Assert.Equal(new DateOnly(2026, 11, 25), Assert.Single(grants).ValidTo);
        var next = await leaverClient.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/Account/Login", next.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Single(await web.AuditAsync(), a => a.Kind == AuditEventKind.AccountExpired && a.ActorName == "66203"
            && a.Detail == "退職・転出: 職員番号 66314（2026-11-26発令）、利用者IDと権限 1 件を 2026-11-25 で終了、開始前の権限 0 件を失効");
    }

    [Fact]
    public async Task Account_HandleFromAnotherSessionOrForged_404()
    {
        var first = await AdminAsync("67203", "大野 聡");
        var second = await AdminAsync("67314", "小野 綾");
        await web.CreateUserAsync("67425", "今村 亮", [Role.CollectionClerk]);
        var link = await LinkAsync(first, "67425");

        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync("/Admin/Account/67425")).StatusCode);
        var post = await Forms.PostAsync(second, "/Admin/Users", new() { ["GrantRole"] = "Exporter", ["GrantFrom"] = "2026-11-26" }, link + "?handler=Grant");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.DoesNotContain((await StoredAsync("67425")).Grants, g => g.Role == Role.Exporter);
    }

    [Fact]
    public async Task Account_CollectionClerkPostingAGrant_403AndAudited5000()
    {
        var admin = await AdminAsync("68203", "森 和彦");
        var (clerk, _) = await web.CreateUserAsync("68314", "山口 由美", [Role.CollectionClerk]);
        var link = await LinkAsync(admin, "68314");
        var client = await web.SignedInClientAsync(clerk);

        var r = await Forms.PostAsync(client, "/", new() { ["GrantRole"] = "SystemAdministrator", ["GrantFrom"] = "2026-11-26" }, link + "?handler=Grant");

        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Single((await StoredAsync("68314")).Grants);
        var e = Assert.Single(await web.AuditAsync(), a => a.ActorName == "68314" && a.Outcome == AuditOutcome.Denied);
        Assert.StartsWith("ManageAccounts: POST /Admin/Account/", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountReview_AsOf20270224_UnusedNinetyDaysAndRightsPastValidToAudited6004()
    {
        var admin = await AdminAsync("69203", "野村 久美子");
        await web.CreateUserAsync("69314", "竹下 翔", [Role.CollectionClerk], enroll: false);
        await web.CreateUserAsync("69425", "久保 次郎", [Role.CollectionClerk], roleValidTo: new DateOnly(2026, 12, 31));
        Assert.DoesNotContain("棚卸し結果", await (await admin.GetAsync("/Admin/AccountReview")).Content.ReadAsStringAsync());

        var r = await Forms.PostAsync(admin, "/Admin/AccountReview", new() { ["AsOf"] = "2027-02-24" });

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = System.Text.RegularExpressions.Regex.Replace(await r.Content.ReadAsStringAsync(), @">\s+<", "><");
        Assert.Contains("<h2>令和9年2月24日（2027-02-24）現在の棚卸し結果</h2>", html);
        // Created 2026-11-26 and never signed in: 90 days unused on 2027-02-24.
        Assert.Contains("<td>69314</td><td>竹下 翔</td><td>課 ZEIMU・係 SHUNO</td><td>2026-11-26（ログインなし・登録日）</td><td class=\"num\">90</td>", html);
        Assert.Contains("<tr><td>69425</td><td>久保 次郎</td><td>収納担当</td><td>2026-04-01</td><td>2026-12-31</td></tr>", html);
        var e = Assert.Single(await web.AuditAsync(), a => a.Kind == AuditEventKind.AccountsReviewed && a.ActorName == "69203");
        Assert.StartsWith("基準日 2027-02-24: 利用者ID ", e.Detail, StringComparison.Ordinal);
    }
}
