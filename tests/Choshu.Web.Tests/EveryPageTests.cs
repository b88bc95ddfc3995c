using System.Net;
using System.Text.RegularExpressions;
using Choshu.Domain.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Choshu.Web.Tests;

/// <summary>
/// Rules for every page, found from the app's own routing table, so a page added later is covered
/// without touching these tests: headers and no-store on every response, antiforgery on every POST.
/// </summary>
public sealed partial class EveryPageTests(WebFixture web) : IClassFixture<WebFixture>
{
    /// <summary>Pages that must answer a POST without a token: the error pages re-executed for a failed POST.</summary>
    private static readonly string[] ErrorPages = ["/Error", "/Status/1"];

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    private List<string> PagePaths()
    {
        var endpoints = web.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null);
        return endpoints.Select(e => "/" + RouteParameter().Replace(e.RoutePattern.RawText ?? "", "1"))
            .Select(p => p.EndsWith("/Index", StringComparison.Ordinal) ? p[..^"Index".Length] : p)
            .Distinct().Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void RoutingTable_ListsThePagesOfTheFoundation()
    {
        var paths = PagePaths();
        foreach (var p in new[] { "/", "/Account/Login", "/Account/Enroll", "/Account/Logout", "/Account/Password", "/Account/Reauthenticate", "/Admin/Users", "/Error", "/Status/1" })
            Assert.Contains(p, paths);
    }

    /// <summary>Someone who holds every role a person may hold together (all but 委託業者), so no page answers 403.</summary>
    private async Task<HttpClient> EveryRightClientAsync(string staffNo) =>
        await web.SignedInClientAsync((await web.CreateUserAsync(staffNo, "全権 太郎",
            Enum.GetValues<Role>().Where(r => r != Role.Contractor).ToArray())).User);

    [Fact]
    public async Task EveryPage_GetAnonymousAndSignedIn_SecurityHeadersAndNoStore()
    {
        var signedIn = await EveryRightClientAsync("80364");
        var anonymous = web.Factory.Client();
        foreach (var path in PagePaths())
            foreach (var client in new[] { anonymous, signedIn })
            {
                var r = await client.GetAsync(path);
                Assert.True((int)r.StatusCode < 500, $"{path}: {(int)r.StatusCode}");
                Assert.True(r.Headers.Contains("Content-Security-Policy"), path);
                Assert.Equal("nosniff", string.Join(",", r.Headers.GetValues("X-Content-Type-Options")));
                Assert.Equal("DENY", string.Join(",", r.Headers.GetValues("X-Frame-Options")));
                Assert.Equal("no-referrer", string.Join(",", r.Headers.GetValues("Referrer-Policy")));
                Assert.Equal("no-store", string.Join(",", r.Headers.GetValues("Cache-Control")));
            }
    }

    [Fact]
    public async Task EveryPage_PostSignedInWithoutToken_Rejected400()
    {
        var client = await EveryRightClientAsync("80473");
        var checkedPages = 0;
        foreach (var path in PagePaths().Except(ErrorPages))
        {
            var r = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>()));
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"POST {path} without a token: {(int)r.StatusCode}");
            checkedPages++;
        }
        Assert.True(checkedPages >= 7);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode); // the logout POST was refused too
    }
}
