using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Choshu.Bench.Web;

/// <summary>
/// With <c>--trace-sql</c>: every command Npgsql runs while <see cref="Recording"/> is on (its
/// ActivitySource "Npgsql"), counted and timed by statement, so the report can say how many round
/// trips a page costs and which ones take the time. The duration is the command's as Npgsql sees it
/// (sent to last row read), not the server's alone.
/// </summary>
public sealed partial class SqlTrace : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, (long Count, double Ms)> _byStatement = new();

    private readonly ConcurrentDictionary<string, long> _compilations = new();
    private readonly IDisposable _efSubscription;

    public volatile bool Recording;

    public SqlTrace()
    {
        // EF Core compiles a LINQ query once and caches it; a query compiled during the measurement is
        // one the cache missed (its shape changes from call to call), and costs milliseconds of CPU each time.
        _efSubscription = DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name != "Microsoft.EntityFrameworkCore") return;
            listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
            {
                if (!Recording || e.Key != "Microsoft.EntityFrameworkCore.Query.QueryCompilationStarting") return;
                var expression = e.Value?.GetType().GetProperty("Expression")?.GetValue(e.Value)?.ToString() ?? "?";
                _compilations.AddOrUpdate(Normalize(expression), 1, (_, n) => n + 1);
            }), name => name == "Microsoft.EntityFrameworkCore.Query.QueryCompilationStarting");
        }));
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (!Recording) return;
                var text = a.GetTagItem("db.query.text") as string ?? a.GetTagItem("db.statement") as string ?? a.DisplayName;
                var key = Normalize(text);
                _byStatement.AddOrUpdate(key, (1, a.Duration.TotalMilliseconds), (_, v) => (v.Count + 1, v.Ms + a.Duration.TotalMilliseconds));
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public long Commands => _byStatement.Values.Sum(v => v.Count);

    /// <summary>The statements, most time first, per page request.</summary>
    public IEnumerable<string> Report(long requests)
    {
        var total = _byStatement.Values.Sum(v => v.Ms);
        yield return string.Create(CultureInfo.InvariantCulture,
            $"sql: {Commands:N0} commands for {requests:N0} requests = {(double)Commands / Math.Max(1, requests):N1} per request, {total / Math.Max(1, requests):N2} ms of command time per request");
        foreach (var (statement, (count, ms)) in _byStatement.OrderByDescending(kv => kv.Value.Ms))
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  {(double)count / Math.Max(1, requests),5:N2}/req {ms / count,7:N3} ms avg {ms / Math.Max(1, requests),7:N3} ms/req  {statement}");
        yield return string.Create(CultureInfo.InvariantCulture,
            $"ef: {_compilations.Values.Sum():N0} LINQ queries compiled during the measurement (cache misses)");
        foreach (var (expression, count) in _compilations.OrderByDescending(kv => kv.Value).Take(10))
            yield return string.Create(CultureInfo.InvariantCulture, $"  {count,6:N0}×  {expression}");
    }

    public void Dispose()
    {
        _listener.Dispose();
        _efSubscription.Dispose();
    }

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnCompleted() { }
        public void OnError(Exception error) { }
        public void OnNext(T value) => next(value);
    }

    private static string Normalize(string sql)
    {
        var s = Whitespace().Replace(sql, " ").Trim();
        return s.Length <= 140 ? s : s[..140] + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
