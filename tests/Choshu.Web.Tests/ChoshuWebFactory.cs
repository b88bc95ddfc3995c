using Choshu.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Choshu.Web.Tests;

/// <summary>
/// The web app as <c>Program.cs</c> builds it, on a test store and a test clock, in the Production
/// environment (the real error pages, no developer exception page).
/// </summary>
public sealed class ChoshuWebFactory(Store store, TimeProvider clock) : WebApplicationFactory<WebEntryPoint>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton(store);
            s.AddSingleton(clock);
            s.AddScoped<ChoshuDbContext>(sp => sp.GetRequiredService<Store>().CreateContext());
        });
    }

    /// <summary>A client that does not follow redirects (tests look at them) and keeps cookies.</summary>
    public HttpClient Client(bool https = false) => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"),
    });
}
