using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Choshu.App.Settings;
using Choshu.Data;
using Choshu.Data.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Accounts;

/// <summary>The numbers of the sign-in throttle (settings <c>signin.*</c>, <see cref="SignInThrottle.LoadAsync"/>).</summary>
public sealed record SignInThrottleLimits(
    int FreeFailures, TimeSpan FirstDelay, TimeSpan MaxDelay, int SourceFreeFailures, TimeSpan Window, int LockSources, int LockFailures)
{
    /// <summary>The delay after <paramref name="failures"/> failures when <paramref name="free"/> are free: none below, then the first delay doubling per failure, capped.</summary>
    public TimeSpan DelayAfter(int failures, int free)
    {
        if (failures < free) return TimeSpan.Zero;
        var doublings = Math.Min(failures - free, 30);
        var seconds = Math.Min(FirstDelay.TotalSeconds * Math.Pow(2, doublings), MaxDelay.TotalSeconds);
        return TimeSpan.FromSeconds(seconds);
    }
}

/// <summary>
/// Lockout that slows an attacker without handing a stranger the means to lock staff out (issue 18, defect 8;
/// docs/security.md §1 and §11). Every failed attempt (wrong password, wrong or replayed code, unknown ID) is recorded
/// for its pair (ID as typed, source) in <see cref="SignInFailure"/>; then:
/// <list type="bullet">
/// <item>per pair: after <c>signin.free_failures</c> (3) failures within <c>signin.window_minutes</c>, the pair's next
/// attempt is allowed only <c>signin.delay_seconds</c> (30) after its last failure, doubling with each further failure up
/// to <c>signin.max_delay_seconds</c> (900);</item>
/// <item>per source across IDs: the same after <c>signin.source_free_failures</c> (10) failures from one source, whatever
/// IDs were typed (a source trying many IDs is slowed);</item>
/// <item>an attempt before its next allowed time is refused with the answer of a wrong password, without checking the
/// password (audit 1040); unknown IDs are recorded and throttled exactly like known ones, so nothing tells them apart;</item>
/// <item>the ID itself is locked for 15 minutes (audit 1005) only when, since its last lock, failures from at least
/// <c>signin.lock_sources</c> (3) distinct sources add up to <c>signin.lock_failures</c> (5): one stranger's source cannot
/// lock anyone out, and the staff member on a clean source with the right password and code is still admitted.</item>
/// </list>
/// A success clears the pair's failures. Refusals are enforced by the time of the next attempt, never by sleeping.
/// On PostgreSQL the attempts of one ID and of one source are serialised by transaction-scoped advisory locks (a burst of
/// parallel guesses is counted one after another); SQLite transactions are serialised by the store itself.
/// </summary>
public sealed class SignInThrottle(ChoshuDbContext db, TimeProvider clock)
{
    public const string FreeFailuresKey = "signin.free_failures";
    public const string DelaySecondsKey = "signin.delay_seconds";
    public const string MaxDelaySecondsKey = "signin.max_delay_seconds";
    public const string SourceFreeFailuresKey = "signin.source_free_failures";
    public const string WindowMinutesKey = "signin.window_minutes";
    public const string LockSourcesKey = "signin.lock_sources";
    public const string LockFailuresKey = "signin.lock_failures";

    /// <summary>The source of an attempt whose caller gave none.</summary>
    public const string UnknownSource = "unknown";

    /// <summary>The key under which a typed ID is counted: lowercase hex SHA-256 of the trimmed text (never the text itself).</summary>
    public static string IdKey(string? typed) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((typed ?? "").Trim())));

    /// <summary>A source as stored: trimmed, at most 100 characters, <see cref="UnknownSource"/> when empty.</summary>
    public static string Source(string? source)
    {
        var s = (source ?? "").Trim();
        if (s.Length == 0) return UnknownSource;
        return s.Length <= 100 ? s : s[..100];
    }

    public static async Task<SignInThrottleLimits> LoadAsync(ChoshuDbContext db, CancellationToken ct = default)
    {
        var keys = new[] { FreeFailuresKey, DelaySecondsKey, MaxDelaySecondsKey, SourceFreeFailuresKey, WindowMinutesKey, LockSourcesKey, LockFailuresKey };
        var stored = await db.Settings.AsNoTracking().Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        int Get(string key) => int.Parse(stored.TryGetValue(key, out var v) ? v : AppSettings.Keys.Single(k => k.Key == key).Default, CultureInfo.InvariantCulture);
        return new SignInThrottleLimits(Get(FreeFailuresKey), TimeSpan.FromSeconds(Get(DelaySecondsKey)), TimeSpan.FromSeconds(Get(MaxDelaySecondsKey)),
            Get(SourceFreeFailuresKey), TimeSpan.FromMinutes(Get(WindowMinutesKey)), Get(LockSourcesKey), Get(LockFailuresKey));
    }

    private SignInThrottleLimits? _limits;

    private async Task<SignInThrottleLimits> LimitsAsync(CancellationToken ct) => _limits ??= await LoadAsync(db, ct);

    /// <summary>
    /// Inside the attempt's transaction: on PostgreSQL waits for the other attempts on the same ID and from the same
    /// source to finish (advisory locks, ID first then source, released at commit).
    /// </summary>
    public async Task SerializeAsync(string idKey, string source, CancellationToken ct)
    {
        if (db.Provider != StoreProvider.Postgres) return;
        var id = LockKey("id:" + idKey);
        var src = LockKey("source:" + source);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({id}), pg_advisory_xact_lock({src})", ct);
    }

    private static long LockKey(string text) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("choshu:signin:" + text)), 0);

    /// <summary>Why and until when an attempt is refused now, or null when it may go ahead.</summary>
    public async Task<(DateTime Until, string Why)?> RefusedAsync(string idKey, string source, CancellationToken ct)
    {
        var limits = await LimitsAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - limits.Window;
        var pair = await db.SignInFailures.AsNoTracking().Where(f => f.IdKey == idKey && f.Source == source && f.AtUtc > since)
            .Select(f => f.AtUtc).ToListAsync(ct);
        if (Until(pair, limits.FreeFailures) is { } pairUntil && now < pairUntil)
            return (pairUntil, $"同じ利用者IDと送信元からの失敗 {pair.Count} 回");
        var bySource = await db.SignInFailures.AsNoTracking().Where(f => f.Source == source && f.AtUtc > since)
            .Select(f => f.AtUtc).ToListAsync(ct);
        if (Until(bySource, limits.SourceFreeFailures) is { } sourceUntil && now < sourceUntil)
            return (sourceUntil, $"同じ送信元からの失敗 {bySource.Count} 回（利用者IDを問わず）");
        return null;
    }

    /// <summary>The next allowed time after these failures (their times), or null while they are fewer than <paramref name="free"/>.</summary>
    private DateTime? Until(List<DateTime> failures, int free) =>
        failures.Count < free ? null
        : DateTime.SpecifyKind(failures.Max(), DateTimeKind.Utc) + _limits!.DelayAfter(failures.Count, free);

    /// <summary>
    /// Records a failure of the pair and prunes failures older than the window. For a known account, locks it for
    /// <see cref="AccountPolicy.LockoutDuration"/> when its failures since its last lock come from enough distinct
    /// sources; returns whether it locked it now.
    /// </summary>
    public async Task<bool> RecordFailureAsync(string idKey, string source, StaffAccount? user, CancellationToken ct)
    {
        var limits = await LimitsAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - limits.Window;
        await db.SignInFailures.Where(f => f.AtUtc <= since).ExecuteDeleteAsync(ct);
        db.SignInFailures.Add(new SignInFailure { IdKey = idKey, Source = source, AtUtc = now });
        await db.SaveChangesAsync(ct);
        if (user is null || !user.LockoutEnabled) return false;

        // Failures since the end of the ID's last lock (those before it were answered by that lock already).
        var from = user.LockoutEnd is { } end && end.UtcDateTime > since ? end.UtcDateTime : since;
        var failures = await db.SignInFailures.AsNoTracking().Where(f => f.IdKey == idKey && f.AtUtc > from)
            .GroupBy(f => f.Source).Select(g => g.Count()).ToListAsync(ct);
        if (failures.Count < limits.LockSources || failures.Sum() < limits.LockFailures) return false;
        var until = clock.GetUtcNow().Add(AccountPolicy.LockoutDuration);
        await db.StaffAccounts.Where(a => a.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LockoutEnd, until).SetProperty(a => a.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
        await db.Entry(user).ReloadAsync(ct);
        return true;
    }

    /// <summary>A success: the pair's failures are forgotten (the source's failures with other IDs stay).</summary>
    public Task ClearAsync(string idKey, string source, CancellationToken ct) =>
        db.SignInFailures.Where(f => f.IdKey == idKey && f.Source == source).ExecuteDeleteAsync(ct);

    /// <summary>The 操作ログ text of a refusal: 「…のため 2026-11-26 10:01:02 まで受け付けない」 (Japan time).</summary>
    public static string Describe((DateTime Until, string Why) refusal, string source) =>
        $"ログイン試行の抑止: 送信元 {source}、{refusal.Why}のため {new DateTimeOffset(DateTime.SpecifyKind(refusal.Until, DateTimeKind.Utc)).ToOffset(Domain.Calendar.JapanTime.Offset):yyyy-MM-dd HH:mm:ss} まで受け付けない（パスワードは確認せず）";
}
