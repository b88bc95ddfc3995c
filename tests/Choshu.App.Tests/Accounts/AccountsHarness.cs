using Choshu.App.Accounts;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Security;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Choshu.App.Tests.Accounts;

/// <summary>A person enrolled by <see cref="AccountsHarness.EnrollAsync"/>: what the person knows (password, authenticator key, recovery codes).</summary>
public sealed record EnrolledPerson(long AccountId, string StaffNo, string Password, string TotpKey, IReadOnlyList<string> RecoveryCodes)
{
    public string CodeAt(DateTimeOffset at) => AccountsHarness.Code(TotpKey, at);
}

/// <summary>
/// A fresh store, a FakeTimeProvider and the account services built by <see cref="IdentitySetup.AddChoshuIdentity"/>,
/// as the web application will build them. Each operation runs in its own scope (its own DbContext),
/// like one request.
/// </summary>
public sealed class AccountsHarness : IAsyncDisposable
{
    public const string Terminal = "10.0.0.15";
    public static readonly Actor Admin = Actor.SystemAs("tester", "test-host");

    private readonly ServiceProvider _provider;

    private AccountsHarness(TestStore store, FakeTimeProvider clock)
    {
        Store = store;
        Clock = clock;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddChoshuIdentity(store.Store);
        _provider = services.BuildServiceProvider();
    }

    public TestStore Store { get; }
    public FakeTimeProvider Clock { get; }

    /// <summary>2026-11-26 10:00:00 in Japan (01:00:00 UTC): a whole minute, so a TOTP step starts here.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);

    public static async Task<AccountsHarness> CreateAsync(StoreProvider provider, DateTimeOffset? start = null) =>
        new(await TestStore.CreateAsync(provider), new FakeTimeProvider(start ?? Start));

    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> body)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await body(scope.ServiceProvider);
    }

    public Task RunAsync(Func<IServiceProvider, Task> body) => RunAsync(async sp => { await body(sp); return 0; });

    public Task<SignInResult> SignInAsync(string staffNo, string password, string? code) =>
        RunAsync(sp => sp.GetRequiredService<StaffSignIn>().SignInAsync(staffNo, password, code, Terminal));

    /// <summary>A sign-in from <paramref name="source"/> (the throttle's source: a client address, or <c>cli:OSUSER</c>).</summary>
    public Task<SignInResult> SignInFromAsync(string source, string staffNo, string password, string? code) =>
        RunAsync(sp => sp.GetRequiredService<StaffSignIn>().SignInAsync(staffNo, password, code, source, source));

    public Task<SessionCheck> ValidateAsync(string token) =>
        RunAsync(sp => sp.GetRequiredService<StaffSignIn>().ValidateAsync(token));

    /// <summary>Moves the clock forward to a given instant.</summary>
    public void At(DateTimeOffset instant) => Clock.SetUtcNow(instant);

    public static string Code(string key, DateTimeOffset at) =>
        new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(at.UtcDateTime);

    /// <summary>A six-digit code that is not valid for any step within ±1 of <paramref name="at"/>.</summary>
    public static string WrongCode(string key, DateTimeOffset at)
    {
        var valid = new[] { -30, 0, 30 }.Select(s => Code(key, at.AddSeconds(s))).ToHashSet();
        for (var n = 0; ; n++)
        {
            var candidate = n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            if (!valid.Contains(candidate)) return candidate;
        }
    }

    /// <summary>
    /// Creates the account, grants the roles (each from <paramref name="grantFrom"/> to
    /// <paramref name="grantTo"/>), enrolls TOTP at the current instant with a new password, then
    /// moves the clock 30 seconds on so the next code is of a new step.
    /// </summary>
    public async Task<EnrolledPerson> EnrollAsync(string staffNo, Role[] roles, DateOnly grantFrom, DateOnly? grantTo = null,
        string password = "blue kettle over the river", DateOnly? validFrom = null)
    {
        var created = await RunAsync(sp => sp.GetRequiredService<AccountAdministration>()
            .CreateAsync(new NewAccount(staffNo, "山田 花子", "NZ01", "SY02", validFrom ?? grantFrom), Admin));
        foreach (var role in roles)
            await RunAsync(sp => sp.GetRequiredService<AccountAdministration>().GrantAsync(staffNo, role, grantFrom, grantTo, Admin));
        var start = await RunAsync(sp => sp.GetRequiredService<TotpEnrollment>().BeginAsync(staffNo, created.InitialPassword, Terminal));
        Assert.Equal(EnrollmentOutcome.Started, start.Outcome);
        var key = start.SharedKey!.Replace(" ", "", StringComparison.Ordinal);
        var confirmed = await RunAsync(sp => sp.GetRequiredService<TotpEnrollment>()
            .ConfirmAsync(staffNo, created.InitialPassword, Code(key, Clock.GetUtcNow()), password, Terminal));
        Assert.Equal(EnrollmentOutcome.Enrolled, confirmed.Outcome);
        Clock.Advance(TimeSpan.FromSeconds(30));
        return new EnrolledPerson(created.AccountId, staffNo, password, key, confirmed.RecoveryCodes);
    }

    public async Task<List<AuditEvent>> AuditAsync()
    {
        await using var db = Store.Open();
        return await db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    public async Task<StaffAccount> AccountAsync(string staffNo)
    {
        await using var db = Store.Open();
        return await db.StaffAccounts.AsNoTracking().SingleAsync(a => a.StaffNo == staffNo);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Store.DisposeAsync();
    }
}
