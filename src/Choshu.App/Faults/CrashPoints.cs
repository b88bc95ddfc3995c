using System.Globalization;
using Choshu.Data;
using Choshu.Data.Bulk;

namespace Choshu.App.Faults;

/// <summary>How a crash point ends the run.</summary>
public enum CrashMode
{
    /// <summary><see cref="Environment.FailFast(string)"/>: the process dies on the spot, as under kill -9 (the default).</summary>
    FailFast,

    /// <summary>
    /// A <see cref="CrashPointException"/> unwinds the run: its open transaction is rolled back as a killed
    /// connection's would be. For the crash-point bench, which runs a thousand points in one process.
    /// </summary>
    Throw,
}

/// <summary>Thrown at a crash point in <see cref="CrashMode.Throw"/>; nothing catches it but the harness.</summary>
public sealed class CrashPointException(string point) : Exception($"crash point {point}")
{
    public string Point { get; } = point;
}

/// <summary>
/// Fault injection for the crash tests and the crash-point bench (docs/security.md「Crash points」): a run
/// that writes in steps (the payment import today; the reminder run and the refund transfer can join the
/// same way) calls <see cref="Step"/> at every batch boundary and around every write, and writes its bulk
/// rows through <see cref="Wrap"/>. Each call is one numbered step named "point:batch", for example
/// "before-write-payments:3". The run ends at a chosen step, by number ("step:17") or by name
/// ("before-commit:3"), taken from <see cref="Variable"/> or given in code. With <see cref="TraceVariable"/>
/// naming a file (or <see cref="Trace"/> given), every step passed is listed, one per line, so a harness
/// learns the run's points and picks among them by seed. Never set in production: with neither set, every
/// call is a no-op.
/// </summary>
public sealed class CrashPoints
{
    /// <summary>"step:N" (the N-th step of the run) or "POINT:BATCH" (a named step, e.g. "after-commit:2").</summary>
    public const string Variable = "CHOSHU_FAULT_INJECT";

    /// <summary>A file to append "N\tpoint:batch" to at every step.</summary>
    public const string TraceVariable = "CHOSHU_FAULT_TRACE";

    private readonly int? _atStep;
    private readonly string? _atName;
    private readonly string? _traceFile;
    private int _step;

    public CrashPoints(int? atStep = null, string? atName = null, CrashMode mode = CrashMode.FailFast, List<string>? trace = null, string? traceFile = null)
    {
        _atStep = atStep;
        _atName = atName;
        Mode = mode;
        Trace = trace;
        _traceFile = traceFile;
    }

    /// <summary>No crash point and no trace: what production runs with.</summary>
    public static CrashPoints None { get; } = new();

    public CrashMode Mode { get; }

    /// <summary>When given, every step passed is added to it ("point:batch").</summary>
    public List<string>? Trace { get; }

    /// <summary>The batch the run is in: the second half of each step's name (0 before the first batch).</summary>
    public int Batch { get; set; }

    /// <summary>Steps passed so far.</summary>
    public int Steps => _step;

    private bool Active => _atStep is not null || _atName is not null || Trace is not null || _traceFile is not null;

    /// <summary>From <see cref="Variable"/> and <see cref="TraceVariable"/>; <see cref="None"/> when neither is set.</summary>
    public static CrashPoints FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        var trace = Environment.GetEnvironmentVariable(TraceVariable);
        if (string.IsNullOrEmpty(value) && string.IsNullOrEmpty(trace)) return None;
        int? atStep = null;
        string? atName = null;
        if (!string.IsNullOrEmpty(value))
        {
            if (value.StartsWith("step:", StringComparison.Ordinal))
                atStep = int.Parse(value.AsSpan(5), CultureInfo.InvariantCulture);
            else
                atName = value;
        }
        return new CrashPoints(atStep, atName, traceFile: string.IsNullOrEmpty(trace) ? null : trace);
    }

    /// <summary>One step of the run: counted, traced, and the end of the run when it is the chosen one.</summary>
    public void Step(string point)
    {
        if (!Active) return;
        _step++;
        var name = $"{point}:{Batch.ToString(CultureInfo.InvariantCulture)}";
        Trace?.Add(name);
        if (_traceFile is not null) File.AppendAllText(_traceFile, $"{_step}\t{name}\n");
        if (_step != _atStep && name != _atName) return;
        if (Mode == CrashMode.Throw) throw new CrashPointException(name);
        Environment.FailFast($"{Variable}: crash point {_step} {name}");
    }

    /// <summary>The writer, with a step before and after every write, begin and commit (the writer itself when inactive).</summary>
    public IBulkWriter Wrap(IBulkWriter writer) => Active ? new SteppedWriter(writer, this) : writer;

    private sealed class SteppedWriter(IBulkWriter inner, CrashPoints points) : IBulkWriter
    {
        public StoreProvider Provider => inner.Provider;

        public System.Data.Common.DbConnection Connection => inner.Connection;

        public System.Data.Common.DbTransaction? Transaction => inner.Transaction;

        public Task<long[]> ReserveIdsAsync(BulkTable table, int count, CancellationToken ct = default) => inner.ReserveIdsAsync(table, count, ct);

        public Task LockAsync(string name, CancellationToken ct = default) => inner.LockAsync(name, ct);

        public Task<long> MaxIdAsync(BulkTable table, CancellationToken ct = default) => inner.MaxIdAsync(table, ct);

        public async Task BeginAsync(CancellationToken ct = default)
        {
            await inner.BeginAsync(ct);
            points.Step("after-begin");
        }

        public async Task WriteAsync<T>(BulkTable<T> table, IReadOnlyList<T> rows, CancellationToken ct = default)
        {
            points.Step("before-write-" + table.Name);
            await inner.WriteAsync(table, rows, ct);
            points.Step("after-write-" + table.Name);
        }

        public Task DeferForeignKeysAsync(IEnumerable<BulkTable> tables, CancellationToken ct = default) => inner.DeferForeignKeysAsync(tables, ct);

        public async Task CommitAsync(CancellationToken ct = default)
        {
            points.Step("before-commit");
            await inner.CommitAsync(ct);
            points.Step("after-commit");
        }

        public Task ResetIdentityAsync(IEnumerable<BulkTable> tables, CancellationToken ct = default) => inner.ResetIdentityAsync(tables, ct);

        public Task AnalyzeAsync(IEnumerable<BulkTable> tables, CancellationToken ct = default) => inner.AnalyzeAsync(tables, ct);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
