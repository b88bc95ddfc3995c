using System.Net;
using Choshu.Domain.Security;

namespace Choshu.Web.Tests;

/// <summary>Every POST needs the antiforgery token of a page this site served (Razor Pages' default, checked here page by page).</summary>
public sealed class AntiforgeryTests(WebFixture web) : IClassFixture<WebFixture>
{
    [Theory]
    [InlineData("/Account/Login", "71403")]
    [InlineData("/Account/Logout", "71408")]
    [InlineData("/Account/Enroll?handler=Start", "71415")]
    [InlineData("/Account/Enroll?handler=Confirm", "71422")]
    [InlineData("/Account/Password", "71439")]
    public async Task Post_WithoutAntiforgeryToken_Rejected400AndNothingHappens(string path, string staffNo)
    {
        var (user, _) = await web.CreateUserAsync(staffNo, "森 花子", [Role.CollectionClerk]);
        var before = (await web.AuditAsync()).Count;
        var client = web.Factory.Client();
        var r = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["StaffNo"] = user.StaffNo, ["Password"] = user.Password, ["Code"] = "123456",
            ["CurrentPassword"] = user.Password, ["NewPassword"] = "別の長い合言葉を使います。", ["NewPasswordConfirm"] = "別の長い合言葉を使います。",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("要求を処理できませんでした", await r.Content.ReadAsStringAsync());
        Assert.Equal(before, (await web.AuditAsync()).Count); // the handler never ran: no sign-in attempt was even recorded
    }

    [Fact]
    public async Task Post_SignedInLogoutWithoutToken_Rejected400AndSessionStaysOpen()
    {
        var (user, _) = await web.CreateUserAsync("52816", "石川 陽子", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(user);
        var r = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Post_TokenFromAnotherBrowser_Rejected400()
    {
        var other = web.Factory.Client();
        var token = Forms.Token(await (await other.GetAsync("/Account/Login")).Content.ReadAsStringAsync());
        var client = web.Factory.Client();
        await client.GetAsync("/Account/Login"); // its own antiforgery cookie, which the other's token does not match
        var r = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["StaffNo"] = "60291", ["Password"] = "x", [Forms.TokenField] = token,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
    }

    [Fact]
    public async Task Post_WithToken_ReachesTheHandler()
    {
        var r = await Forms.PostAsync(web.Factory.Client(), "/Account/Login", new() { ["StaffNo"] = "60291", ["Password"] = "誰でもない人の合言葉です", ["Code"] = "000000" });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Contains("職員番号、パスワードまたは確認コードが違います。", await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AntiforgeryCookie_OverHttp_HttpOnlyStrictNotSecure()
    {
        var r = await web.Factory.Client().GetAsync("/Account/Login");
        var cookie = Cookies.Single(r, "choshu_af");
        Assert.Contains("httponly", cookie.Attributes);
        Assert.Contains("samesite=strict", cookie.Attributes);
        Assert.DoesNotContain("secure", cookie.Attributes);
    }

    [Fact]
    public async Task AntiforgeryCookie_OverHttps_Secure()
    {
        var r = await web.Factory.Client(https: true).GetAsync("/Account/Login");
        var cookie = Cookies.Single(r, "choshu_af");
        Assert.Contains("secure", cookie.Attributes);
        Assert.Contains("httponly", cookie.Attributes);
        Assert.Contains("samesite=strict", cookie.Attributes);
    }
}
