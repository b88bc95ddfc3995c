using System.Net;
using Choshu.Data;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.Web.Tests;

/// <summary>An unhandled failure shows the Japanese error page: no stack trace, no exception text, the headers all there.</summary>
public sealed class ErrorPageTests
{
    [Fact]
    public async Task Post_StoreUnreachable_JapaneseErrorPage500WithoutDetail()
    {
        // Nothing listens on port 1: the sign-in's first query fails.
        var store = Store.Parse("Host=127.0.0.1;Port=1;Database=choshu_none;Username=nobody;Password=none;Timeout=2");
        await using var factory = new ChoshuWebFactory(store, new FakeTimeProvider(WebFixture.Start));
        var client = factory.Client();
        var r = await Forms.PostAsync(client, "/Account/Login", new() { ["StaffNo"] = "50123", ["Password"] = "どこにも届かない合言葉", ["Code"] = "123456" });
        Assert.Equal(HttpStatusCode.InternalServerError, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("<h1>システムエラーが発生しました</h1>", html);
        Assert.Contains("問い合わせ番号", html);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", html, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("どこにも届かない合言葉", html, StringComparison.Ordinal);
        Assert.Equal("DENY", string.Join(",", r.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-store", string.Join(",", r.Headers.GetValues("Cache-Control")));
        Assert.True(r.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Get_UnknownPath_Japanese404()
    {
        await using var factory = new ChoshuWebFactory(Store.Parse("Data Source=:memory:"), new FakeTimeProvider(WebFixture.Start));
        var r = await factory.Client().GetAsync("/Taxpayers/NoSuchThing");
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Contains("<h1>ページが見つかりません</h1>", await r.Content.ReadAsStringAsync());
    }
}
