using System.Net;
using System.Security.Cryptography;
using System.Text;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Web.Tests;

/// <summary>Login with TOTP, the session cookie, the banner, idle timeout, logout, first-login enrollment, re-authentication.</summary>
public sealed class AuthenticationTests(WebFixture web) : IClassFixture<WebFixture>
{
    [Theory]
    [InlineData("/", "/Account/Login")]
    [InlineData("/Index", "/Account/Login?returnUrl=%2FIndex")]
    [InlineData("/Admin/Users", "/Account/Login?returnUrl=%2FAdmin%2FUsers")]
    [InlineData("/Account/Reauthenticate", "/Account/Login?returnUrl=%2FAccount%2FReauthenticate")]
    public async Task Get_ProtectedPageUnauthenticated_RedirectsToLogin(string path, string location)
    {
        var r = await web.Factory.Client().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal(location, r.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_LoginPage_JapaneseLabelsTiedToFields()
    {
        var html = await (await web.Factory.Client().GetAsync("/Account/Login")).Content.ReadAsStringAsync();
        Assert.Contains("<label for=\"staff-no\">職員番号</label>", html);
        Assert.Contains("<label for=\"password\">パスワード</label>", html);
        Assert.Contains("<label for=\"code\">確認コード（6桁）</label>", html);
        Assert.Contains("id=\"staff-no\" name=\"StaffNo\"", html);
        Assert.Contains("autocomplete=\"one-time-code\"", html);
    }

    [Fact]
    public async Task Login_Succeeds_CookieHoldsOnlyTheSessionTokenHttpOnlyStrict()
    {
        var (user, _) = await web.CreateUserAsync("23859", "山田 花子", [Role.CollectionClerk]);
        var client = web.Factory.Client();
        var r = await Forms.PostAsync(client, "/Account/Login", new() { ["StaffNo"] = user.StaffNo, ["Password"] = user.Password, ["Code"] = web.NextCode(user.TotpKey) });
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var cookie = Cookies.Single(r, "choshu_session");
        Assert.Equal("choshu_session", cookie.Name);
        Assert.Contains("httponly", cookie.Attributes);
        Assert.Contains("samesite=strict", cookie.Attributes);
        Assert.Contains("path=/", cookie.Attributes);
        Assert.DoesNotContain("secure", cookie.Attributes); // plain HTTP (localhost): a Secure cookie would never come back
        Assert.DoesNotContain(cookie.Attributes, a => a.StartsWith("expires", StringComparison.Ordinal) || a.StartsWith("max-age", StringComparison.Ordinal));

        // The value is the random token whose SHA-256 is the session's, and nothing about the person.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cookie.Value)));
        await using var db = web.Store.Open();
        var session = await db.StaffSessions.SingleAsync(s => s.TokenHash == hash);
        var account = await db.StaffAccounts.SingleAsync(a => a.StaffNo == "23859");
        Assert.Equal(account.Id, session.AccountId);
        Assert.Null(session.EndedAtUtc);
        Assert.DoesNotContain("23859", cookie.Value, StringComparison.Ordinal);
        Assert.Equal(43, cookie.Value.Length); // 32 random bytes, base64url
    }

    [Fact]
    public async Task Login_OverHttps_CookieIsSecureWithHostPrefix()
    {
        var (user, _) = await web.CreateUserAsync("24968", "川口 誠", [Role.CollectionClerk]);
        var client = web.Factory.Client(https: true);
        var r = await Forms.PostAsync(client, "/Account/Login", new() { ["StaffNo"] = user.StaffNo, ["Password"] = user.Password, ["Code"] = web.NextCode(user.TotpKey) });
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var cookie = Cookies.Single(r, "__Host-choshu_session");
        Assert.Contains("secure", cookie.Attributes);
        Assert.Contains("httponly", cookie.Attributes);
        Assert.Contains("samesite=strict", cookie.Attributes);
        Assert.Contains("path=/", cookie.Attributes);
        Assert.DoesNotContain(cookie.Attributes, a => a.StartsWith("domain", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Login_SignedIn_BannerNamesPersonStaffNumberAndUnit()
    {
        var (user, _) = await web.CreateUserAsync("25077", "佐藤 美咲", [Role.CollectionClerk, Role.MyNumberClerk]);
        var client = await web.SignedInClientAsync(user);
        var html = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("<p class=\"who-name\" data-testid=\"banner-name\">佐藤 美咲</p>", html);
        Assert.Contains("職員番号 25077　課 ZEIMU・係 SHUNO", html); // StaffUsers.Department, StaffUsers.Section
        Assert.Contains("令和8年11月26日", html);
        Assert.Contains("<li>収納担当</li>", html);
        Assert.Contains("<li>個人番号利用事務担当</li>", html);
        Assert.DoesNotContain("利用者ID一覧", html); // not an administrator: the menu does not offer it
    }

    [Fact]
    public async Task Login_WrongCode_RefusedWithGenericMessageAndNoCookie()
    {
        var (user, _) = await web.CreateUserAsync("26186", "中村 健", [Role.CollectionClerk]);
        var client = web.Factory.Client();
        var good = web.NextCode(user.TotpKey);
        var wrong = ((int.Parse(good, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
        var r = await Forms.PostAsync(client, "/Account/Login", new() { ["StaffNo"] = user.StaffNo, ["Password"] = user.Password, ["Code"] = wrong });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Contains("職員番号、パスワードまたは確認コードが違います。", await r.Content.ReadAsStringAsync());
        Assert.DoesNotContain(Cookies.All(r), c => c.Name.Contains("session", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Login_ReplayedCode_Refused()
    {
        var (user, _) = await web.CreateUserAsync("27295", "小林 翔", [Role.CollectionClerk]);
        var code = web.NextCode(user.TotpKey);
        var first = await Forms.PostAsync(web.Factory.Client(), "/Account/Login", new() { ["StaffNo"] = user.StaffNo, ["Password"] = user.Password, ["Code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var again = await Forms.PostAsync(web.Factory.Client(), "/Account/Login", new() { ["StaffNo"] = user.StaffNo, ["Password"] = user.Password, ["Code"] = code });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("この確認コードは既に使われています。", await again.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/Admin/Users", "/Admin/Users", "28103")]
    [InlineData("//evil.example/", "/", "28112")]
    [InlineData("/\\evil.example", "/", "28121")]
    [InlineData("https://evil.example/", "/", "28130")]
    [InlineData("/Account/Logout", "/", "28149")]
    [InlineData("/Admin/Users\r\nX-Evil: 1", "/", "28158")]
    [InlineData("/\u0001evil", "/", "28167")]
    [InlineData("/Admin\tUsers", "/", "28176")]
    public async Task Login_ReturnUrl_OnlyALocalPathIsFollowed(string returnUrl, string location, string staffNo)
    {
        var (user, _) = await web.CreateUserAsync(staffNo, "高橋 誠一", [Role.SystemAdministrator]);
        var r = await Forms.PostAsync(web.Factory.Client(), "/Account/Login",
            new() { ["StaffNo"] = user.StaffNo, ["Password"] = user.Password, ["Code"] = web.NextCode(user.TotpKey), ["ReturnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal(location, r.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Session_Idle15Minutes_RedirectsToLoginWithJapaneseMessageAndAudits()
    {
        var (user, _) = await web.CreateUserAsync("31574", "渡辺 直子", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(user);
        web.Clock.Advance(TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode); // 14:59 idle: still open, and the idle clock restarts
        web.Clock.Advance(TimeSpan.FromMinutes(15));
        var r = await client.GetAsync("/Admin/Users");
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("/Account/Login?returnUrl=%2FAdmin%2FUsers&reason=timeout", r.Headers.Location?.OriginalString);
        var cleared = Cookies.Single(r, "choshu_session");
        Assert.Equal("", cleared.Value);
        var login = await (await client.GetAsync(r.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();
        Assert.Contains("15分間操作がなかったため、ログアウトしました。もう一度ログインしてください。", login);
        var audit = await web.AuditAsync();
        Assert.Contains(audit, e => e.Kind == AuditEventKind.SessionExpired && e.ActorName == "31574");
    }

    [Fact]
    public async Task Logout_Post_EndsSessionInStoreAndOldCookieNoLongerWorks()
    {
        var (user, _) = await web.CreateUserAsync("32683", "伊藤 大輔", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(user);
        var home = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        var token = Forms.Token(home); // the banner's logout form
        var r = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { [Forms.TokenField] = token }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("/Account/Login?reason=logout", r.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);

        await using var db = web.Store.Open();
        var account = await db.StaffAccounts.SingleAsync(a => a.StaffNo == "32683");
        var session = await db.StaffSessions.SingleAsync(s => s.AccountId == account.Id);
        Assert.Equal("logout", session.EndReason);
        Assert.Contains(await web.AuditAsync(), e => e.Kind == AuditEventKind.Logout && e.ActorName == "32683");
    }

    [Fact]
    public async Task Logout_StolenCookieReplayedAfterLogout_IsNotSignedIn()
    {
        var (user, _) = await web.CreateUserAsync("33792", "山本 結衣", [Role.CollectionClerk]);
        var client = web.Factory.Client();
        var login = await Forms.PostAsync(client, "/Account/Login", new() { ["StaffNo"] = user.StaffNo, ["Password"] = user.Password, ["Code"] = web.NextCode(user.TotpKey) });
        var stolen = Cookies.Single(login, "choshu_session").Value;
        var token = Forms.Token(await (await client.GetAsync("/")).Content.ReadAsStringAsync());
        await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { [Forms.TokenField] = token }));

        var thief = web.Factory.Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", "choshu_session=" + stolen);
        var r = await thief.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.StartsWith("/Account/Login", r.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstLogin_NotEnrolled_ShowsQrCodeThenEnrollsAndShowsRecoveryCodesOnce()
    {
        var (user, initial) = await web.CreateUserAsync("34801", "加藤 さくら", [Role.CollectionClerk], enroll: false);
        var client = web.Factory.Client();
        var r = await Forms.PostAsync(client, "/Account/Login", new() { ["StaffNo"] = user.StaffNo, ["Password"] = initial, ["Code"] = "" });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("<h1>二要素認証の登録</h1>", html);
        Assert.Contains("<svg class=\"qr\"", html);
        Assert.Contains("aria-label=\"認証アプリに登録するための QR コード\"", html);
        Assert.DoesNotContain("data:", html, StringComparison.Ordinal); // inline SVG, not a data: URI the CSP would block
        Assert.Contains("管理者から受け取った初期パスワード", html);
        var key = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"enroll-key\">([A-Z2-7 ]+)<").Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.Equal(32, key.Length); // 160-bit key in base 32
        Assert.DoesNotContain(Cookies.All(r), c => c.Name.Contains("session", StringComparison.Ordinal));

        const string newPassword = "春はあけぼの、やうやう白くなりゆく";
        var confirm = await client.PostAsync("/Account/Enroll?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Forms.TokenField] = Forms.Token(html),
            ["StaffNo"] = user.StaffNo, ["NeedsNewPassword"] = "true", ["Password"] = initial,
            ["NewPassword"] = newPassword, ["NewPasswordConfirm"] = newPassword, ["Code"] = web.NextCode(key),
        }));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var done = await confirm.Content.ReadAsStringAsync();
        Assert.Contains("二要素認証を登録しました", done);
        var codes = System.Text.RegularExpressions.Regex.Matches(done, "<li>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})</li>");
        Assert.Equal(10, codes.Count);
        Assert.Equal("no-store", string.Join(",", confirm.Headers.GetValues("Cache-Control")));

        var login = await Forms.PostAsync(client, "/Account/Login", new() { ["StaffNo"] = user.StaffNo, ["Password"] = newPassword, ["Code"] = web.NextCode(key) });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains("加藤 さくら", await (await client.GetAsync("/")).Content.ReadAsStringAsync());
        var audit = await web.AuditAsync();
        Assert.Contains(audit, e => e.Kind == AuditEventKind.TotpEnrolled && e.ActorName == "34801");
        Assert.Contains(audit, e => e.Kind == AuditEventKind.LoginSucceeded && e.ActorName == "34801");
    }

    [Fact]
    public async Task Enroll_WrongCode_RefusedAndFormOfferedAgain()
    {
        var (user, initial) = await web.CreateUserAsync("35910", "吉田 剛", [Role.CollectionClerk], enroll: false);
        var client = web.Factory.Client();
        var start = await Forms.PostAsync(client, "/Account/Enroll", new() { ["StaffNo"] = user.StaffNo, ["Password"] = initial }, "/Account/Enroll?handler=Start");
        var html = await start.Content.ReadAsStringAsync();
        Assert.Contains("<svg class=\"qr\"", html);
        var r = await client.PostAsync("/Account/Enroll?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Forms.TokenField] = Forms.Token(html), ["StaffNo"] = user.StaffNo, ["NeedsNewPassword"] = "true", ["Password"] = initial,
            ["NewPassword"] = "秋は夕暮れ、夕日のさして山の端いと近う", ["NewPasswordConfirm"] = "秋は夕暮れ、夕日のさして山の端いと近う", ["Code"] = "000000",
        }));
        var again = await r.Content.ReadAsStringAsync();
        Assert.Contains("確認コードが違います。", again);
        Assert.Contains("name=\"Code\"", again);
        Assert.DoesNotContain("<svg class=\"qr\"", again);
    }

    [Fact]
    public async Task Reauthenticate_PasswordAndFreshCode_RecordedOnSessionAndReturns()
    {
        var (user, _) = await web.CreateUserAsync("36029", "松本 由紀", [Role.MyNumberClerk]);
        var client = await web.SignedInClientAsync(user);
        var r = await Forms.PostAsync(client, "/Account/Reauthenticate?returnUrl=%2F",
            new() { ["Password"] = user.Password, ["Code"] = web.NextCode(user.TotpKey), ["ReturnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("/", r.Headers.Location?.OriginalString);
        await using var db = web.Store.Open();
        var account = await db.StaffAccounts.SingleAsync(a => a.StaffNo == "36029");
        var session = await db.StaffSessions.SingleAsync(s => s.AccountId == account.Id && s.EndedAtUtc == null);
        Assert.Equal(web.Clock.GetUtcNow().UtcDateTime, session.ReauthenticatedAtUtc);
    }
}
