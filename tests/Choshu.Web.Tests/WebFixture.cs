using Choshu.Data.Security;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.Web.Tests;

/// <summary>
/// One PostgreSQL test store, one frozen clock (2026-11-26 12:00 in Japan) and the web app on them,
/// shared by the tests of a class. Tests that move the clock only move it forward.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    /// <summary>2026-11-26 12:00 Japan time (03:00 UTC).</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 3, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);
    public TestStore Store { get; private set; } = null!;
    public ChoshuWebFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = await TestStore.CreatePostgresAsync();
        Factory = new ChoshuWebFactory(Store.Store, Clock);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Store.DisposeAsync();
    }

    /// <summary>Services of the app (same store and clock) for arranging data as an administrator would.</summary>
    public AsyncServiceScope Scope() => Factory.Services.CreateAsyncScope();

    /// <summary>Creates an account, grants roles and (unless told not to) enrolls TOTP; see <see cref="StaffUsers.CreateAsync"/>.</summary>
    public Task<(StaffUser User, string InitialPassword)> CreateUserAsync(string staffNo, string fullName, Role[] roles,
        bool enroll = true, DateOnly? roleValidTo = null) =>
        StaffUsers.CreateAsync(Factory.Services, Clock, staffNo, fullName, roles, enroll, roleValidTo);

    /// <summary>A TOTP code for a fresh time step (the clock moves on by 30 seconds first).</summary>
    public string NextCode(string key) => StaffUsers.NextCode(Clock, key);

    /// <summary>A client signed in as the user through the login page (antiforgery token and all).</summary>
    public async Task<HttpClient> SignedInClientAsync(StaffUser user, bool https = false)
    {
        var client = Factory.Client(https);
        var response = await Forms.PostAsync(client, "/Account/Login", new()
        {
            ["StaffNo"] = user.StaffNo,
            ["Password"] = user.Password,
            ["Code"] = NextCode(user.TotpKey),
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>Every 操作ログ record so far, in chain order.</summary>
    public async Task<List<AuditEvent>> AuditAsync()
    {
        await using var db = Store.Open();
        return await db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }
}
