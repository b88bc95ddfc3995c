using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Choshu.App.Privacy;
using Choshu.Bench.Reconcile;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Taxpayers;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Choshu.Bench.Web;

/// <summary>
/// The taxpayer page under concurrent sessions (issue 5: 200 sessions, a 600,000-taxpayer city,
/// p95 ≤ 50 ms). What a run does:
/// <list type="number">
/// <item>The city: seeded into a new database, or with <c>--reuse-city</c> the one there (migrated);
/// then VACUUM ANALYZE of the tables the page reads.</item>
/// <item>The staff: <see cref="BenchStaff"/> makes (or resets) one account per session, enrolls TOTP and
/// signs each in through <c>StaffSignIn</c>, with codes of ever later time steps.</item>
/// <item>The application: <see cref="BenchWebApp"/> (the real one plus a stopwatch) on Kestrel, on a free
/// port of 127.0.0.1, in this Release process.</item>
/// <item>The path a person takes, once per session: the search page, a POST search by 宛名番号, the
/// result's link followed (a handle the page made for that session) → the taxpayer page.</item>
/// <item>Handles for the load, made as the page makes its links (<c>OpaqueIds.Protect("taxpayer",
/// 宛名番号, session id)</c>), 500 per session, each for a taxpayer drawn at random from the whole city.</item>
/// <item>The load: every session is one client (its own cookie), GETting <c>/Taxpayers/View/{handle}</c>,
/// reading the whole page, pausing (<c>--think-ms</c>, uniform 0.5–1.5 ×), and again; a warm-up, then
/// the measured window. A request counts when it starts inside the window; it is an error unless the
/// answer is 200 and names the taxpayer asked for.</item>
/// <item>Checks: every page served wrote its audit record (2001), one each.</item>
/// </list>
/// </summary>
public sealed partial class WebBenchmark(WebOptions options, TextWriter log)
{
    private const int HandlesPerSession = 500;

    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var store = options.Store;
        log.WriteLine(await MachineInfo.DescribeAsync(store, ct));
        log.WriteLine(Invariant($"run: {options.Sessions} sessions, warm-up {options.WarmupSeconds} s, measured {options.DurationSeconds} s, think time {options.ThinkMs} ms (uniform 0.5–1.5 ×), city {options.Taxpayers:N0} taxpayers, seed {options.Seed}"));
        EnsureKeyFile(store);
        if (store.Provider == StoreProvider.Postgres && !options.ReuseCity)
            log.WriteLine("store: a new city will be seeded (leave --reuse-city out only when that is wanted: it drops the database)");
        if (!await BenchCity.EnsureCityAsync(store, options.Taxpayers, options.Seed, options.ReuseCity, log, ct)) return false;
        await BenchCity.VacuumAsync(store,
            ["taxpayers", "taxpayer_my_numbers", "tax_agents", "assessments", "installments", "journal_entries", "payments",
             "direct_debit_accounts", "debit_failures", "staff_accounts", "staff_sessions", "role_grants"], log, ct);

        var sessions = await BenchStaff.SignInAsync(store, options.Sessions, log, ct);
        string[] taxpayerNos;
        await using (var db = store.CreateContext())
            taxpayerNos = [.. await db.Taxpayers.AsNoTracking().OrderBy(t => t.Id).Select(t => t.TaxpayerNo).ToListAsync(ct)];

        var timings = new ConcurrentQueue<ServerTiming>();
        using var trace = options.TraceSql ? new SqlTrace() : null;
        await using var app = BenchWebApp.Build(store, "http://127.0.0.1:0", timings);
        await app.StartAsync(ct);
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        log.WriteLine($"web: {url} (Kestrel, {(IsRelease() ? "Release" : "Debug")} build, server GC {System.Runtime.GCSettings.IsServerGC}, {Environment.ProcessorCount} cores)");

        using var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };

        long auditBefore = await ViewAuditCountAsync(store, ct);
        var checkWatch = Stopwatch.StartNew();
        var rng = new Random(unchecked((int)options.Seed));
        var firstPick = sessions.Select(_ => taxpayerNos[rng.Next(taxpayerNos.Length)]).ToArray();
        var checkFailures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, sessions.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            if (await SearchAndFollowAsync(http, sessions[i], firstPick[i], token) is { } problem) checkFailures.Add($"{sessions[i].StaffNo}: {problem}");
        });
        log.WriteLine(Invariant($"path: search by 宛名番号 → result link → taxpayer page, once per session: {sessions.Count - checkFailures.Count} / {sessions.Count} ok in {checkWatch.Elapsed.TotalSeconds:N1} s"));
        foreach (var f in checkFailures.Take(5)) log.WriteLine("  " + f);
        if (!checkFailures.IsEmpty) return false;

        var ids = app.Services.GetRequiredService<OpaqueIds>();
        var handles = sessions.Select(s => Enumerable.Range(0, HandlesPerSession).Select(_ =>
        {
            var no = taxpayerNos[rng.Next(taxpayerNos.Length)];
            return (No: no, Handle: ids.Protect(TaxpayerText.HandleKind, no, s.SessionId));
        }).ToArray()).ToArray();

        var warmupEnd = Stopwatch.GetTimestamp() + (long)(options.WarmupSeconds * (double)Stopwatch.Frequency);
        var measureEnd = warmupEnd + (long)(options.DurationSeconds * (double)Stopwatch.Frequency);
        var results = new ClientResult[sessions.Count];
        MachineLoad? load = null;
        var ownCpu = TimeSpan.Zero;
        var gcCount = 0;
        (long Methods, TimeSpan Time) jitted = default;
        var measuring = Task.Run(async () =>
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), warmupEnd);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            load = MachineLoad.Start();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var gc0 = GC.CollectionCount(0);
            var jit0 = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
            if (trace is not null) trace.Recording = true;
            await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureEnd), ct);
            if (trace is not null) trace.Recording = false;
            ownCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            gcCount = GC.CollectionCount(0) - gc0;
            jitted = (System.Runtime.JitInfo.GetCompiledMethodCount() - jit0.Item1, System.Runtime.JitInfo.GetCompilationTime() - jit0.Item2);
            return load.Describe();
        }, ct);
        log.WriteLine(Invariant($"load: {sessions.Count} clients, warm-up {options.WarmupSeconds} s, then {options.DurationSeconds} s measured…"));
        await Task.WhenAll(Enumerable.Range(0, sessions.Count).Select(i => Task.Run(async () =>
            results[i] = await ClientAsync(http, sessions[i], handles[i], i, warmupEnd, measureEnd, ct), ct)));
        var machine = await measuring;

        var measured = results.SelectMany(r => r.Measured).ToList();
        var all = results.Sum(r => r.Requests);
        var errors = results.SelectMany(r => r.Errors).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        var measuredErrors = results.Sum(r => r.MeasuredErrors);
        var okAll = results.Sum(r => r.Ok);
        var server = new Latencies(timings.Where(t => t.Started >= warmupEnd && t.Started < measureEnd).Select(t => t.Milliseconds));
        var client = new Latencies(measured);

        log.WriteLine();
        log.WriteLine(Invariant($"result: {client.Count:N0} taxpayer pages in {options.DurationSeconds} s = {client.Count / (double)options.DurationSeconds:N1} pages/s, {measuredErrors} errors ({sessions.Count} sessions, think time {options.ThinkMs} ms)"));
        log.WriteLine("client (request sent → whole page read): " + client.Describe());
        log.WriteLine("server (pipeline in, response written):  " + server.Describe());
        log.WriteLine(Invariant($"pages: {results.Sum(r => r.Bytes) / Math.Max(1, all) / 1024.0:N1} KiB average; all requests incl. warm-up {all:N0}, ok {okAll:N0}"));
        foreach (var (kind, count) in errors) log.WriteLine(Invariant($"  error {kind}: {count}"));
        log.WriteLine("machine during the measured window: " + machine);
        log.WriteLine(Invariant($"this process (application and clients): {ownCpu.TotalMilliseconds / Math.Max(1, client.Count):N1} ms CPU per page, {gcCount} gen-0 collections, {jitted.Methods:N0} methods compiled by the JIT in {jitted.Time.TotalSeconds:N1} s{(store.Provider == StoreProvider.Postgres ? $"; Npgsql pool max {new Npgsql.NpgsqlConnectionStringBuilder(Store.WithPostgresDefaults(options.ConnectionString)).MaxPoolSize}" : "")}"));
        if (trace is not null)
            foreach (var line in trace.Report(server.Count)) log.WriteLine(line);

        var auditAfter = await ViewAuditCountAsync(store, ct);
        var expectedAudit = okAll + sessions.Count; // the load's pages and the check's (its search is 2000, not counted here)
        var auditOk = auditAfter - auditBefore == expectedAudit;
        log.WriteLine(Invariant($"check: {auditAfter - auditBefore:N0} audit records 2001 (taxpayer viewed) written for {expectedAudit:N0} pages served: {(auditOk ? "ok" : "MISMATCH")}"));

        await app.StopAsync(CancellationToken.None);
        await BenchStaff.LogoutAsync(store, sessions, ct);
        return auditOk && errors.Count == 0;
    }

    private sealed class ClientResult
    {
        public List<double> Measured { get; } = new(4096);
        public Dictionary<string, int> Errors { get; } = [];
        public long Requests { get; set; }
        public long Ok { get; set; }
        public long MeasuredErrors { get; set; }
        public long Bytes { get; set; }
    }

    private async Task<ClientResult> ClientAsync(HttpClient http, BenchSession session, (string No, string Handle)[] handles, int index,
        long warmupEnd, long measureEnd, CancellationToken ct)
    {
        var result = new ClientResult();
        var rng = new Random(unchecked((int)options.Seed * 7919 + index));
        var cookie = $"{SessionCookie.HttpName}={session.Token}";
        // The page is read into one buffer of this client's (grown when a page is larger), not buffered by HttpClient and
        // copied again: the load generator shares the cores with the application, and its CPU is counted with it.
        var buffer = new byte[64 * 1024];
        // Sessions start spread over one think time, not all at once.
        if (options.ThinkMs > 0) await Task.Delay(rng.Next(options.ThinkMs), ct);
        while (Stopwatch.GetTimestamp() < measureEnd)
        {
            var (no, handle) = handles[rng.Next(handles.Length)];
            using var request = new HttpRequestMessage(HttpMethod.Get, "/Taxpayers/View/" + handle);
            request.Headers.Add("Cookie", cookie);
            var started = Stopwatch.GetTimestamp();
            string? error = null;
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                await using var stream = await response.Content.ReadAsStreamAsync(ct);
                var length = 0;
                while (true)
                {
                    if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                    var read = await stream.ReadAsync(buffer.AsMemory(length), ct);
                    if (read == 0) break;
                    length += read;
                }
                result.Bytes += length;
                if (response.StatusCode != HttpStatusCode.OK) error = $"HTTP {(int)response.StatusCode}";
                else if (buffer.AsSpan(0, length).IndexOf(Encoding.UTF8.GetBytes($"data-testid=\"taxpayer-no\">{no}<")) < 0) error = "200 without the taxpayer asked for";
            }
            catch (HttpRequestException ex)
            {
                error = ex.GetType().Name + " " + ex.HttpRequestError;
            }
            catch (IOException ex)
            {
                error = ex.GetType().Name + " (reading the page)";
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                error = "timeout";
            }
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            result.Requests++;
            var inWindow = started >= warmupEnd && started < measureEnd;
            if (error is null)
            {
                result.Ok++;
                if (inWindow) result.Measured.Add(elapsed);
            }
            else
            {
                result.Errors[error] = result.Errors.GetValueOrDefault(error) + 1;
                if (inWindow) result.MeasuredErrors++;
            }
            if (options.ThinkMs > 0) await Task.Delay(TimeSpan.FromMilliseconds(options.ThinkMs * (0.5 + rng.NextDouble())), ct);
        }
        return result;
    }

    /// <summary>The path a person takes: the search page, a search by 宛名番号 (POST), the result's link. Null when it worked, else what went wrong.</summary>
    private static async Task<string?> SearchAndFollowAsync(HttpClient http, BenchSession session, string taxpayerNo, CancellationToken ct)
    {
        var sessionCookie = $"{SessionCookie.HttpName}={session.Token}";
        using var get = new HttpRequestMessage(HttpMethod.Get, "/Taxpayers/Search");
        get.Headers.Add("Cookie", sessionCookie);
        using var page = await http.SendAsync(get, ct);
        if (page.StatusCode != HttpStatusCode.OK) return $"search page: HTTP {(int)page.StatusCode}";
        var html = await page.Content.ReadAsStringAsync(ct);
        var token = AntiforgeryField().Match(html);
        var afCookie = page.Headers.TryGetValues("Set-Cookie", out var setCookies)
            ? setCookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("choshu_af=", StringComparison.Ordinal)) : null;
        if (!token.Success || afCookie is null) return "search page: no antiforgery token";

        using var post = new HttpRequestMessage(HttpMethod.Post, "/Taxpayers/Search")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__af"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["TaxpayerNo"] = taxpayerNo,
            }),
        };
        post.Headers.Add("Cookie", $"{sessionCookie}; {afCookie}");
        using var found = await http.SendAsync(post, ct);
        var results = await found.Content.ReadAsStringAsync(ct);
        if (found.StatusCode != HttpStatusCode.OK) return $"search: HTTP {(int)found.StatusCode}";
        var link = ViewLink().Match(results);
        if (!link.Success) return "search: no link to the taxpayer page";

        using var view = new HttpRequestMessage(HttpMethod.Get, WebUtility.HtmlDecode(link.Groups[1].Value));
        view.Headers.Add("Cookie", sessionCookie);
        using var shown = await http.SendAsync(view, ct);
        var body = await shown.Content.ReadAsStringAsync(ct);
        if (shown.StatusCode != HttpStatusCode.OK) return $"taxpayer page: HTTP {(int)shown.StatusCode}";
        return body.Contains($"data-testid=\"taxpayer-no\">{taxpayerNo}<", StringComparison.Ordinal) ? null : "taxpayer page: another taxpayer";
    }

    private static async Task<long> ViewAuditCountAsync(Store store, CancellationToken ct) =>
        await BenchSql.ScalarAsync(store, $"SELECT COUNT(*) FROM audit_events WHERE kind = {(int)AuditEventKind.TaxpayerViewed}", ct);

    /// <summary>A PostgreSQL store's key file is the operator's (choshu keys init); the benchmark makes its own when there is none.</summary>
    private void EnsureKeyFile(Store store) => EnsureKeyFile(store, log);

    /// <summary>As above, for the other commands that seed a PostgreSQL city (casefile).</summary>
    internal static void EnsureKeyFile(Store store, TextWriter log)
    {
        if (store.Provider != StoreProvider.Postgres || store.KeysFile is not { } path || File.Exists(path)) return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(dir))
        {
            Directory.CreateDirectory(dir);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        KeyRingFile.CreateNew(path, DateTime.UtcNow);
        log.WriteLine($"keys: created {path}");
    }

    private static bool IsRelease() =>
        typeof(WebBenchmark).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false).OfType<DebuggableAttribute>().All(d => !d.IsJITOptimizerDisabled);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("href=\"(/Taxpayers/View/[^\"]+)\"")]
    private static partial Regex ViewLink();
}
