using System.Net;
using System.Text.RegularExpressions;
using Choshu.Domain.Security;

namespace Choshu.Web.Tests.Admin;

/// <summary>回復コードの再発行 for the signed-in person: password and a fresh code again, 10 new codes shown once.</summary>
public sealed partial class RecoveryCodesPageTests(WebFixture web) : IClassFixture<WebFixture>
{
    [GeneratedRegex("<li>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})</li>")]
    private static partial Regex Code();

    [Fact]
    public async Task RecoveryCodes_PasswordAndFreshCode_TenNewCodesShownOnceAndOneSignsIn()
    {
        var (user, _) = await web.CreateUserAsync("91203", "大迫 里美", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(user);
        Assert.Contains("回復コードの再発行", await (await client.GetAsync("/")).Content.ReadAsStringAsync()); // in the menu

        var r = await Forms.PostAsync(client, "/Account/RecoveryCodes", new() { ["Password"] = user.Password, ["Code"] = web.NextCode(user.TotpKey) });

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("<h1>回復コードを再発行しました</h1>", html);
        var codes = Code().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Equal("no-store", string.Join(",", r.Headers.GetValues("Cache-Control")));
        Assert.DoesNotContain(codes[0], await (await client.GetAsync("/Account/RecoveryCodes")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var audit = (await web.AuditAsync()).Where(a => a.ActorName == "91203").Select(a => a.Kind).ToList();
        Assert.Equal([AuditEventKind.Reauthenticated, AuditEventKind.RecoveryCodesRenewed], audit.SkipWhile(k => k != AuditEventKind.Reauthenticated));
        Assert.DoesNotContain(await web.AuditAsync(), a => codes.Any(c => (a.Detail ?? "").Contains(c, StringComparison.Ordinal)));

        var other = web.Factory.Client();
        var login = await Forms.PostAsync(other, "/Account/Login", new() { ["StaffNo"] = user.StaffNo, ["Password"] = user.Password, ["Code"] = codes[3] });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        Assert.Contains(await web.AuditAsync(), a => a.ActorName == "91203" && a.Kind == AuditEventKind.RecoveryCodeUsed);
    }

    [Fact]
    public async Task RecoveryCodes_WrongCode_RefusedInJapaneseNoNewCodes()
    {
        var (user, _) = await web.CreateUserAsync("92314", "宮田 浩", [Role.Approver]);
        var client = await web.SignedInClientAsync(user);

        var r = await Forms.PostAsync(client, "/Account/RecoveryCodes", new() { ["Password"] = user.Password, ["Code"] = "000000" });

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("<div class=\"alert\" role=\"alert\"><p>パスワードまたは確認コードが違います。</p></div>", html);
        Assert.Empty(Code().Matches(html));
        var kinds = (await web.AuditAsync()).Where(a => a.ActorName == "92314").Select(a => a.Kind).ToList();
        Assert.Contains(AuditEventKind.ReauthenticationFailed, kinds);
        Assert.DoesNotContain(AuditEventKind.RecoveryCodesRenewed, kinds);
    }

    [Fact]
    public async Task RecoveryCodes_NotSignedIn_SentToLogin()
    {
        var r = await web.Factory.Client().GetAsync("/Account/RecoveryCodes");

        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.StartsWith("/Account/Login", r.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
