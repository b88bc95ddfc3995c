using Choshu.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Choshu.Web.Tests;

/// <summary>
/// For every browser test class: the app on a real Kestrel port over a fresh PostgreSQL store and a clock at
/// 2026-11-26 12:00 JST (<see cref="WebFixture.Start"/>), and Debian's Chromium (installed by
/// scripts/ensure-chromium.sh, never downloaded by Playwright) driven by Playwright for .NET.
/// </summary>
public abstract class BrowserHost : IAsyncLifetime
{
    /// <summary>What the machine notes say Chromium needs here (no sandbox as root; no background network on a closed network).</summary>
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    protected FakeTimeProvider Clock { get; } = new(WebFixture.Start);
    protected TestStore Store { get; private set; } = null!;
    protected WebApplication App { get; private set; } = null!;
    protected string Url { get; private set; } = "";
    private IPlaywright _playwright = null!;
    protected IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("CHOSHU_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";
        return File.Exists(path) ? path
            : throw new InvalidOperationException($"Chromium is not at {path}: run the tests with ./test.sh, which installs Debian's chromium (scripts/ensure-chromium.sh).");
    }

    /// <summary>Data the class needs in the store before the app starts (none by default).</summary>
    protected virtual Task SeedStoreAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Store = await TestStore.CreatePostgresAsync();
        await SeedStoreAsync();
        App = ChoshuWeb.BuildApp(["--urls", "http://127.0.0.1:0"], Store.Store, Clock);
        await App.StartAsync();
        Url = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Store.DisposeAsync();
    }
}
