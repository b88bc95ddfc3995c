using System.Reflection;
using Choshu.App.Accounts;
using Choshu.Data;
using Choshu.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.WebEncoders;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Choshu.Web;

/// <summary>
/// The staff web application, built so that <c>choshu serve</c> can start it in-process
/// (<see cref="BuildApp"/>) and <c>Program.cs</c> can start it for <c>WebApplicationFactory</c>.
/// Server-rendered Razor Pages in Japanese; every core flow works without JavaScript.
/// </summary>
public static class ChoshuWeb
{
    /// <summary>
    /// The app on this store and clock. <paramref name="args"/> are ASP.NET Core's own
    /// (<c>--urls http://127.0.0.1:5080</c>, <c>--environment</c>, …). The store is not migrated
    /// here: <c>choshu serve</c> does that before starting.
    /// </summary>
    public static WebApplication BuildApp(string[] args, Store store, TimeProvider clock)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Razor Pages and their compiled views are found in this assembly whatever process hosts it (the CLI).
            ApplicationName = typeof(ChoshuWeb).Assembly.GetName().Name,
        });
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        // The console staff read shows no English framework lines in normal work: the framework logs only
        // errors (an unhandled request error still shows, with its stack trace, for the administrator).
        // Start and stop are said in Japanese by choshu serve/demo; a port already in use ends there with one
        // Japanese line (ServeCommand.StartAsync), so Kestrel's own report of it is not logged.
        builder.Logging.AddFilter("Microsoft", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.None);
        AddServices(builder.Services, store, clock);
        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    public static void AddServices(IServiceCollection services, Store store, TimeProvider clock)
    {
        services.AddSingleton(store);
        services.AddSingleton(clock);
        // Accounts, sign-in, sessions and TOTP enrollment: the same Identity setup as the CLI.
        services.AddChoshuIdentity(store);
        // One context per request, on the registered store (registered after Identity's so a test
        // host that replaces the Store singleton gets contexts on its own store).
        services.AddScoped<ChoshuDbContext>(sp => sp.GetRequiredService<Store>().CreateContext());
        services.AddHttpContextAccessor();
        services.AddScoped<Formatting.UnitNames>();
        // Japanese text is written as characters, not as &#x...; entities (markup characters are still encoded).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        services.AddRazorPages(o =>
            {
                // Everything needs a signed-in person unless the page says [AllowAnonymous].
                o.Conventions.AuthorizeFolder("/");
            })
            .AddApplicationPart(typeof(ChoshuWeb).Assembly);

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "choshu_af";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__af";
            // We send X-Frame-Options: DENY ourselves on every response (SecurityHeaders).
            o.SuppressXFrameOptionsHeader = true;
        });

        services.AddAuthentication(StaffClaims.Scheme)
            .AddScheme<SessionAuthenticationOptions, SessionAuthenticationHandler>(StaffClaims.Scheme, _ => { });
        services.AddAuthorization(o =>
        {
            o.AddPermissionPolicies();
            o.FallbackPolicy = null; // pages opt out with [AllowAnonymous]; static assets are served before authorization
        });
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();
        // Antiforgery tokens and opaque record handles are sealed with keys held in memory only:
        // nothing to leak from disk; a restart makes open forms and handles stale (the person reloads).
        services.AddDataProtection().SetApplicationName("Choshu").UseEphemeralDataProtectionProvider();
        services.AddSingleton<OpaqueIds>();
    }

    public static void UsePipeline(WebApplication app)
    {
        app.UseChoshuSecurityHeaders();
        app.UseExceptionHandler("/Error");
        app.UseStatusCodePagesWithReExecute("/Status/{0}");
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = SecurityHeaders.AssetsPath,
            FileProvider = new EmbeddedFileProvider(typeof(ChoshuWeb).Assembly, "Choshu.Web.Assets"),
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
    }

    /// <summary>The version shown in the footer.</summary>
    public static string Version =>
        typeof(ChoshuWeb).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "";
}
