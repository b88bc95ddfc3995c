using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Choshu.App.Accounts;
using Choshu.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using OtpNet;

namespace Choshu.Cli.Tests;

/// <summary>
/// Runs the choshu command in-process with captured streams and a frozen clock. A person-bound command
/// (<c>--operator STAFFNO</c> with <c>--db</c>) runs as the CLI demands since issue 18 (defect 6): the staff member is
/// logged in first (<see cref="CliLogins"/>), once per store and staff number while the login lasts, and the command
/// reads that login's token file. Everything else runs with no login (a token file that does not exist).
/// </summary>
public static class CliRunner
{
    /// <summary>2026-11-26 12:00 in Japan.</summary>
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    public static async Task<(int ExitCode, string Out, string Err)> RunAsync(TimeProvider clock, params string[] args)
    {
        var tokenFile = await CliLogins.TokenFileForAsync(clock, args);
        return await RunAsync(clock, CliTerminal.Piped("", tokenFile), args);
    }

    /// <summary>Runs with the terminal given (standard input, OS uid, token file): no login is made for it.</summary>
    public static async Task<(int ExitCode, string Out, string Err)> RunAsync(TimeProvider clock, CliTerminal terminal, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, clock, terminal);
        return (code, output.ToString(), error.ToString());
    }
}

/// <summary>
/// Logs staff in for the CLI tests through <c>choshu login</c> itself. An account seeded without credentials
/// (<c>StaffSeed</c>) is first given the password <see cref="Password"/> and a TOTP key through Identity (as enrollment
/// does); the code is computed from that key at the command's clock, one time step later than the last accepted one
/// when that step was used already (the window allows one step ahead). One token file per store and staff number, in a
/// directory of this test process (mode 0700).
/// </summary>
public static class CliLogins
{
    public const string Password = "木曽路はすべて山の中である。";

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new();

    /// <summary>This test process's token files.</summary>
    public static string Directory { get; } = CreateDirectory();

    private static string CreateDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"choshu-cli-tokens-{Environment.ProcessId}");
        if (OperatingSystem.IsWindows()) System.IO.Directory.CreateDirectory(dir);
        else System.IO.Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return dir;
    }

    /// <summary>A token file no login has written (commands run without proof).</summary>
    public static string None => Path.Combine(Directory, "none");

    /// <summary>The token file the command of <paramref name="args"/> should read: a live login of its --operator in its --db, or <see cref="None"/>.</summary>
    public static async Task<string> TokenFileForAsync(TimeProvider clock, string[] args)
    {
        if (args.Length == 0 || args[0] is "login" or "logout" or "whoami" || args.Contains("--prompt-credentials")) return None;
        if (ValueOf(args, "--operator") is not { } staffNo || ValueOf(args, "--db") is not { } db) return None;
        return await EnsureAsync(clock, db, ValueOf(args, "--keys"), staffNo) ?? None;
    }

    /// <summary>
    /// Makes sure <paramref name="staffNo"/> has a CLI login in <paramref name="connectionString"/> valid at the clock's
    /// now, and returns its token file; null when the account does not exist or the login is refused (no rights today).
    /// </summary>
    public static async Task<string?> EnsureAsync(TimeProvider clock, string connectionString, string? keysFile, string staffNo)
    {
        var file = Path.Combine(Directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(connectionString + "\n" + staffNo)))[..24]);
        var gate = Locks.GetOrAdd(file, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            var store = Store.Resolve(connectionString) with { KeysFile = keysFile ?? PostgresKeysFile(connectionString) };
            if (await IsLiveAsync(store, file, clock)) return file;
            if (await ProvisionAsync(store, clock, staffNo) is not { } code) return null;
            var (exit, _, _) = await CliRunner.RunAsync(clock, CliTerminal.Piped($"{Password}\n{code}\n", file),
                ["login", "--operator", staffNo, "--db", connectionString, .. store.KeysFile is { } keys ? ["--keys", keys] : Array.Empty<string>()]);
            return exit == 0 ? file : null;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Gives a seeded account without credentials the test password and a TOTP key, and returns the next usable code at
    /// the clock's now; null when there is no such account.
    /// </summary>
    public static async Task<string?> ProvisionAsync(Store store, TimeProvider clock, string staffNo)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddChoshuIdentity(store);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<ChoshuUserManager>();
        if (await users.FindByNameAsync(staffNo.Trim()) is not { } user) return null;
        if (user.TotpEnrolledAtUtc is null || user.PasswordHash is null)
        {
            // Written past the account validator: seeded names such as 承認 三郎 would not pass it (a test's stand-in name).
            var keys = (Microsoft.AspNetCore.Identity.IUserAuthenticatorKeyStore<Choshu.Data.Security.StaffAccount>)
                scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IUserStore<Choshu.Data.Security.StaffAccount>>();
            user.PasswordHash = users.PasswordHasher.HashPassword(user, Password);
            user.PasswordChangedAtUtc = clock.GetUtcNow().UtcDateTime;
            await keys.SetAuthenticatorKeyAsync(user, users.GenerateNewAuthenticatorKey(), CancellationToken.None);
            user.TotpEnrolledAtUtc = clock.GetUtcNow().UtcDateTime;
            user.MustChangePassword = false;
            await scope.ServiceProvider.GetRequiredService<ChoshuDbContext>().SaveChangesAsync();
        }
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("no authenticator key");
        return Code(key, clock, user.LastTotpTimeStep);
    }

    /// <summary>The TOTP code of the first step after <paramref name="lastStep"/> that the clock's now accepts (its own step or the next).</summary>
    public static string Code(string key, TimeProvider clock, long lastStep)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var step = new DateTimeOffset(now).ToUnixTimeSeconds() / AccountPolicy.TotpStepSeconds;
        var use = Math.Max(step, lastStep + 1);
        if (use > step + AccountPolicy.TotpWindowSteps) throw new InvalidOperationException("every TOTP step the clock accepts has been used");
        return new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(use * AccountPolicy.TotpStepSeconds).UtcDateTime);
    }

    private static async Task<bool> IsLiveAsync(Store store, string file, TimeProvider clock)
    {
        if (!File.Exists(file)) return false;
        var hash = StaffSignIn.HashToken(File.ReadAllText(file).Trim());
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = store.CreateContext();
        return await db.StaffSessions.AnyAsync(s => s.TokenHash == hash && s.EndedAtUtc == null && s.ExpiresAtUtc > now);
    }

    /// <summary>A test PostgreSQL store's key file (TestStore: the temp directory, named after the database); null for SQLite (beside the file).</summary>
    private static string? PostgresKeysFile(string connectionString) =>
        connectionString.StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
            ? Path.Combine(Path.GetTempPath(), new NpgsqlConnectionStringBuilder(connectionString).Database + ".keys")
            : null;

    private static string? ValueOf(string[] args, string option)
    {
        var i = Array.IndexOf(args, option);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
