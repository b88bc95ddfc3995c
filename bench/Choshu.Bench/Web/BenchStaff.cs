using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Choshu.App.Accounts;
using Choshu.App.Privacy;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Choshu.Bench.Web;

/// <summary>One signed-in benchmark session: what the session cookie would carry, and the session's id (for handles).</summary>
public sealed record BenchSession(string StaffNo, long AccountId, long SessionId, string Token);

/// <summary>
/// The benchmark's staff: accounts 70000001, 70000002, … each holding 収納担当, made and signed in
/// through the same use cases as a person (no row written by hand): <see cref="AccountAdministration"/>
/// creates the account and grants the role, <see cref="TotpEnrollment"/> enrolls TOTP with the first
/// code and replaces the initial password, <see cref="StaffSignIn"/> signs in with a later code. The
/// replay guard is respected: every code is for a time step later than the last one the account used
/// (a code for the current step, or the next one, which the server accepts within its one-step window;
/// when both are used up the account waits for the clock). On a second run the accounts exist: an
/// administrator reset (<see cref="AccountAdministration.SetPasswordAsync"/>, which ends old sessions),
/// the person's own change of password with a code, then the sign-in. Passwords are random, held in
/// memory only, never printed.
/// </summary>
public static class BenchStaff
{
    private const int FirstStaffNo = 70_000_001;
    private const string Terminal = "bench:127.0.0.1";
    private static readonly string[] s_surnames =
        ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水"];
    private static readonly string[] s_given = ["花子", "太郎", "美咲", "健一", "由美", "直樹", "恵", "翔太", "陽子", "誠"];

    public static string StaffNo(int i) => (FirstStaffNo + i).ToString(CultureInfo.InvariantCulture);

    private static string FullName(int i) => $"{s_surnames[i % s_surnames.Length]} {s_given[i / s_surnames.Length % s_given.Length]}";

    public static async Task<IReadOnlyList<BenchSession>> SignInAsync(Store store, int count, TextWriter log, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddChoshuIdentity(store);
        await using var provider = services.BuildServiceProvider();

        var watch = Stopwatch.StartNew();
        var sessions = new ConcurrentDictionary<int, BenchSession>();
        int created = 0, reset = 0;
        // PBKDF2 (210,000 iterations) dominates: a few accounts at a time keep both cores busy.
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, token) =>
        {
            var (session, wasCreated) = await PrepareAsync(provider, i, token);
            sessions[i] = session;
            if (wasCreated) Interlocked.Increment(ref created);
            else Interlocked.Increment(ref reset);
            var done = sessions.Count;
            if (done % 50 == 0 || done == count)
                log.WriteLine(Invariant($"staff: {done} / {count} signed in ({watch.Elapsed.TotalSeconds:N0} s)"));
        });
        log.WriteLine(Invariant($"staff: {count} sessions in {watch.Elapsed.TotalSeconds:N1} s ({created} accounts created and enrolled, {reset} existing accounts given a new password)"));
        return [.. sessions.OrderBy(s => s.Key).Select(s => s.Value)];
    }

    private static async Task<(BenchSession Session, bool Created)> PrepareAsync(IServiceProvider provider, int i, CancellationToken ct)
    {
        var staffNo = StaffNo(i);
        var actor = Actor.System();
        var today = JapanTime.Today(TimeProvider.System);

        long lastStep;
        string? key = null;
        bool created;
        bool enrolled;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChoshuDbContext>();
            var account = await db.StaffAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.StaffNo == staffNo, ct);
            created = account is null;
            lastStep = account?.LastTotpTimeStep ?? 0;
            enrolled = account?.TotpEnrolledAtUtc is not null;
            if (account is not null && enrolled)
            {
                var users = scope.ServiceProvider.GetRequiredService<ChoshuUserManager>();
                try
                {
                    key = await users.GetAuthenticatorKeyAsync((await users.FindByNameAsync(staffNo))!);
                }
                catch (KeyRingException)
                {
                    key = null; // sealed under a key file that is gone: enroll again below
                }
            }
            if (account is not null)
            {
                var (standing, roles) = await AccountStanding.OnAsync(db, account, today, ct);
                if (standing != Standing.Active || !roles.Contains(Role.CollectionClerk))
                    await scope.ServiceProvider.GetRequiredService<AccountAdministration>().GrantAsync(staffNo, Role.CollectionClerk, today, null, actor, ct);
            }
        }

        string password;
        if (created)
        {
            string initial;
            await using (var scope = provider.CreateAsyncScope())
            {
                var admin = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
                initial = (await admin.CreateAsync(new NewAccount(staffNo, FullName(i), "NOZEI", "SHUNO", today), actor, ct)).InitialPassword;
                await admin.GrantAsync(staffNo, Role.CollectionClerk, today, null, actor, ct);
            }
            (key, lastStep, password) = await EnrollAsync(provider, staffNo, initial, lastStep, ct);
        }
        else
        {
            var temporary = NewPassword();
            await using (var scope = provider.CreateAsyncScope())
            {
                var admin = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
                if (enrolled && key is null)
                {
                    await admin.ResetTwoFactorAsync(staffNo, "ベンチマーク: 鍵ファイルを作り直したため", actor, ct);
                    enrolled = false;
                }
                await admin.SetPasswordAsync(staffNo, temporary, actor, ct);
            }
            if (!enrolled)
            {
                (key, lastStep, password) = await EnrollAsync(provider, staffNo, temporary, lastStep, ct);
            }
            else
            {
                password = NewPassword();
                var (code, step) = await NextCodeAsync(key!, lastStep, ct);
                await using var scope = provider.CreateAsyncScope();
                var change = await scope.ServiceProvider.GetRequiredService<StaffSignIn>().ChangePasswordAsync(staffNo, temporary, password, code, Terminal, ct);
                if (change.Outcome != PasswordChangeOutcome.Succeeded)
                    throw new InvalidOperationException($"{staffNo}: password change {change.Outcome}: {change.Message} {string.Join(" ", change.Errors)}");
                lastStep = step;
            }
        }

        var (signInCode, _) = await NextCodeAsync(key!, lastStep, ct);
        await using (var scope = provider.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<StaffSignIn>().SignInAsync(staffNo, password, signInCode, Terminal, ct);
            if (result.Outcome != SignInOutcome.Succeeded)
                throw new InvalidOperationException($"{staffNo}: sign-in {result.Outcome}: {result.Message}");
            return (new BenchSession(staffNo, result.AccountId!.Value, result.SessionId!.Value, result.SessionToken!), created);
        }
    }

    /// <summary>TOTP enrollment as on the first login: a new key, the first code, the one-time password replaced.</summary>
    private static async Task<(string Key, long Step, string Password)> EnrollAsync(IServiceProvider provider, string staffNo, string oneTimePassword, long lastStep, CancellationToken ct)
    {
        string key;
        await using (var scope = provider.CreateAsyncScope())
        {
            var begin = await scope.ServiceProvider.GetRequiredService<TotpEnrollment>().BeginAsync(staffNo, oneTimePassword, Terminal, ct);
            if (begin.Outcome != EnrollmentOutcome.Started)
                throw new InvalidOperationException($"{staffNo}: enrollment {begin.Outcome}: {begin.Message}");
            key = begin.SharedKey!.Replace(" ", "", StringComparison.Ordinal);
        }
        var password = NewPassword();
        var (code, step) = await NextCodeAsync(key, lastStep, ct);
        await using (var scope = provider.CreateAsyncScope())
        {
            var confirm = await scope.ServiceProvider.GetRequiredService<TotpEnrollment>().ConfirmAsync(staffNo, oneTimePassword, code, password, Terminal, ct);
            if (!confirm.Succeeded)
                throw new InvalidOperationException($"{staffNo}: enrollment {confirm.Outcome}: {confirm.Message} {string.Join(" ", confirm.Errors)}");
        }
        return (key, step, password);
    }

    /// <summary>
    /// A code for a time step after <paramref name="lastStep"/>: the current step's (valid until the end of
    /// the next step) or the next step's (valid from now, the server allowing one step either side); when
    /// the account has used both, waits for the clock.
    /// </summary>
    private static async Task<(string Code, long Step)> NextCodeAsync(string key, long lastStep, CancellationToken ct)
    {
        while (true)
        {
            var current = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / AccountPolicy.TotpStepSeconds;
            var step = Math.Max(current, lastStep + 1);
            if (step <= current + 1)
            {
                var totp = new Totp(Base32Encoding.ToBytes(key), AccountPolicy.TotpStepSeconds, OtpHashMode.Sha1, AccountPolicy.TotpDigits);
                return (totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * AccountPolicy.TotpStepSeconds).UtcDateTime), step);
            }
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    private static string NewPassword() =>
        RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789", 24);

    /// <summary>Ends the benchmark's sessions (audit 1002 each), so that none is left open until it times out.</summary>
    public static async Task LogoutAsync(Store store, IEnumerable<BenchSession> sessions, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddChoshuIdentity(store);
        await using var provider = services.BuildServiceProvider();
        foreach (var s in sessions)
        {
            await using var scope = provider.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<StaffSignIn>().LogoutAsync(s.Token, ct);
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
