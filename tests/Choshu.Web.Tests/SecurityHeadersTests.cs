using System.Net;
using Choshu.Domain.Security;
using Choshu.Web.Security;

namespace Choshu.Web.Tests;

/// <summary>Every response carries the browser-security headers: pages, redirects, errors, 404s and static files.</summary>
public sealed class SecurityHeadersTests(WebFixture web) : IClassFixture<WebFixture>
{
    private static void AssertSecurityHeaders(HttpResponseMessage r, bool cacheable = false)
    {
        string H(string name) =>
            r.Headers.TryGetValues(name, out var v) ? string.Join(",", v)
            : r.Content.Headers.TryGetValues(name, out var c) ? string.Join(",", c) : "";
        Assert.Equal(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
            "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
            H("Content-Security-Policy"));
        Assert.Equal("nosniff", H("X-Content-Type-Options"));
        Assert.Equal("DENY", H("X-Frame-Options"));
        Assert.Equal("no-referrer", H("Referrer-Policy"));
        Assert.Contains("camera=()", H("Permissions-Policy"));
        Assert.Contains("geolocation=()", H("Permissions-Policy"));
        Assert.Equal("same-origin", H("Cross-Origin-Opener-Policy"));
        Assert.Equal(cacheable ? "public, max-age=3600" : "no-store", H("Cache-Control"));
        Assert.False(r.Headers.Contains("Server"), "the Server header names the software");
    }

    [Theory]
    [InlineData("/Account/Login", HttpStatusCode.OK)]
    [InlineData("/Account/Enroll", HttpStatusCode.OK)]
    [InlineData("/Account/Password", HttpStatusCode.OK)]
    [InlineData("/Account/Logout", HttpStatusCode.OK)]
    [InlineData("/Error", HttpStatusCode.OK)]
    [InlineData("/", HttpStatusCode.Redirect)]
    [InlineData("/Admin/Users", HttpStatusCode.Redirect)]
    [InlineData("/Account/Reauthenticate", HttpStatusCode.Redirect)]
    [InlineData("/no/such/page", HttpStatusCode.NotFound)]
    public async Task Get_AnonymousAnyPage_CarriesSecurityHeadersAndNoStore(string path, HttpStatusCode expected)
    {
        var r = await web.Factory.Client().GetAsync(path);
        Assert.Equal(expected, r.StatusCode);
        AssertSecurityHeaders(r);
    }

    [Fact]
    public async Task Get_StaticStylesheet_CarriesSecurityHeadersAndMayBeCached()
    {
        var r = await web.Factory.Client().GetAsync("/assets/site.css");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("text/css", r.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(r, cacheable: true);
    }

    [Fact]
    public async Task Get_MissingStaticFile_IsNotCacheable()
    {
        var r = await web.Factory.Client().GetAsync("/assets/nothing.css");
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        AssertSecurityHeaders(r);
    }

    [Fact]
    public async Task Get_SignedInPages_CarrySecurityHeadersAndNoStore()
    {
        var (user, _) = await web.CreateUserAsync("41275", "青木 一郎", [Role.SystemAdministrator]);
        var client = await web.SignedInClientAsync(user);
        foreach (var path in new[] { "/", "/Admin/Users", "/Account/Reauthenticate?returnUrl=%2F" })
        {
            var r = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            AssertSecurityHeaders(r);
        }
        var denied = await client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        AssertSecurityHeaders(denied);
    }

    [Fact]
    public async Task Get_OverHttps_AddsStrictTransportSecurity()
    {
        var r = await web.Factory.Client(https: true).GetAsync("/Account/Login");
        Assert.Equal("max-age=31536000", string.Join(",", r.Headers.GetValues("Strict-Transport-Security")));
        var plain = await web.Factory.Client().GetAsync("/Account/Login");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>The CSP forbids inline script and style: a page that had any would break in the browser.</summary>
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Account/Enroll")]
    [InlineData("/Account/Password")]
    [InlineData("/Error")]
    [InlineData("/no/such/page")]
    public async Task Get_AnonymousPage_HasNoInlineScriptOrStyleAndIsJapanese(string path)
    {
        var html = await (await web.Factory.Client().GetAsync(path)).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ja\">", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/assets/site.css\">", html);
        Assert.Contains("本文へ移動", html);
    }

    [Fact]
    public void ContentSecurityPolicy_Constant_AllowsNothingUnsafe() =>
        Assert.DoesNotContain("unsafe", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
}
