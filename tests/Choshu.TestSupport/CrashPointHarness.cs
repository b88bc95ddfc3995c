using System.Diagnostics;
using System.Globalization;
using System.Text;
using Choshu.App.Faults;
using Choshu.App.Reconciliation;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static Choshu.TestSupport.PaymentFiles;
using Store = Choshu.Data.Store;

namespace Choshu.TestSupport;

/// <summary>
/// Seeded crash points for the payment import on PostgreSQL (docs/security.md「Crash points」), shared by
/// the CI test (a few points, the real choshu process killed with Environment.FailFast) and the bench
/// (<c>choshu-bench crashpoints</c>, a thousand points and more).
///
/// The city, seeded once into a template database: 200 installments (50 市民税 2026 notices × periods 1–4),
/// installment k with principal 10,000 + 37·k yen, all due 2026-10-30. A point's file is bank data made
/// from its shape seed: 60–240 records, each for an installment drawn at random, 1,000–11,999 yen paid
/// 2026-10-20 to 2026-10-27 (before the due date: no late fee), about one in twenty with a wrong check
/// digit (unmatched); several records of one installment overpay it. Batches of 20, 32, 50 or 64.
///
/// Each shape is traced once: the import run whole on a fresh copy of the city, listing every crash
/// point it passes (<see cref="CrashPoints"/>: its start and end, every batch's begin, COPY of each table,
/// save and commit). A point is then a shape and one step of its trace; for it, a fresh copy of the city,
/// the import ended at that step, the state checked (whole batches only, every booked payment's journal
/// adding up), the import run again without a fault, and the end state checked: every record exactly one
/// payment row, nothing booked twice, the booked total the file's matched total, journal plus
/// overpayments equal to it, the rerun's duplicates exactly what had landed, the rerun's import run finished.
/// </summary>
public sealed class CrashPointHarness : IAsyncDisposable
{
    public const int InstallmentCount = 200;
    private static readonly DateOnly Due = new(2026, 10, 30);
    private static readonly int[] BatchSizes = [20, 32, 50, 64];

    private readonly string _admin;
    private readonly string _template;
    private readonly string _keys;
    private readonly long[] _ids;
    private readonly string _dir;

    private CrashPointHarness(string admin, string template, string keys, long[] ids)
    {
        _admin = admin;
        _template = template;
        _keys = keys;
        _ids = ids;
        _dir = Directory.CreateTempSubdirectory("choshu-crashpoints-").FullName;
    }

    public static long Principal(int k) => 10_000 + 37L * k;

    /// <summary>Makes the template city on the server of <paramref name="adminConnectionString"/> (CHOSHU_TEST_PG).</summary>
    public static async Task<CrashPointHarness> CreateAsync(string adminConnectionString)
    {
        await using var seed = await NewDatabaseAsync(adminConnectionString, null, null);
        long[] ids;
        await using (var db = seed.Store.CreateContext())
        {
            var taxpayer = await LedgerSeed.TaxpayerAsync(db, "1000000001");
            var created = await LedgerSeed.AssessmentsAsync(db, taxpayer, [.. Enumerable.Range(0, InstallmentCount / 4).Select(n =>
                (TaxKindCodes.InhabitantTax, 2026, $"2026{n:D6}", Enumerable.Range(0, 4).Select(p => new LedgerSeed.Inst((short)(p + 1), Due, Principal(n * 4 + p))).ToArray()))]);
            ids = [.. created.SelectMany(x => x)];
        }
        NpgsqlConnection.ClearAllPools(); // a template may have no other session
        return new CrashPointHarness(adminConnectionString, seed.Detach(), seed.Store.KeysFile!, ids);
    }

    /// <summary>One file and batch size, drawn from <paramref name="seed"/>.</summary>
    public sealed record Shape(int Seed, int BatchSize, IReadOnlyList<BankLine> Lines, IReadOnlyList<bool> Matched)
    {
        public long MatchedTotal => Lines.Where((_, i) => Matched[i]).Sum(l => l.Amount);
    }

    public Shape MakeShape(int seed)
    {
        var rng = new Random(seed);
        var count = rng.Next(60, 241);
        var batch = BatchSizes[rng.Next(BatchSizes.Length)];
        var lines = new List<BankLine>(count);
        var matched = new List<bool>(count);
        for (var i = 0; i < count; i++)
        {
            var inst = _ids[rng.Next(_ids.Length)];
            var ok = rng.Next(20) != 0;
            var paidOn = new DateOnly(2026, 10, 20).AddDays(rng.Next(8));
            lines.Add(new BankLine((i + 1).ToString("D10", CultureInfo.InvariantCulture), ok ? Key(inst) : BadKey(inst), rng.Next(1_000, 12_000), paidOn, paidOn.AddDays(2)));
            matched.Add(ok);
        }
        return new Shape(seed, batch, lines, matched);
    }

    /// <summary>Every crash point the import of <paramref name="shape"/> passes, in order (step n is element n − 1).</summary>
    public async Task<IReadOnlyList<string>> TraceAsync(Shape shape, CancellationToken ct = default)
    {
        await using var point = await NewDatabaseAsync(_admin, _template, _keys);
        var trace = new List<string>();
        var path = WriteFile(shape);
        try
        {
            await new PaymentImport(point.Store, TimeProvider.System) { BatchSize = shape.BatchSize, CrashPoints = new CrashPoints(trace: trace) }
                .RunAsync(new PaymentImportRequest(path, "bank", "crashpoints"), ct);
        }
        finally
        {
            File.Delete(path);
        }
        return trace;
    }

    /// <summary>What one point did: the step it ended at, what had landed, and every broken rule (empty when it held).</summary>
    public sealed record PointResult(int ShapeSeed, int Step, string Point, int Landed, IReadOnlyList<string> Failures, TimeSpan Elapsed)
    {
        public bool Held => Failures.Count == 0;
    }

    /// <summary>
    /// Ends the import of <paramref name="shape"/> at <paramref name="step"/> (named <paramref name="point"/> in
    /// the trace), reruns it, and checks. <paramref name="choshuDll"/> given: the import is the real CLI
    /// process, killed by Environment.FailFast; null: in this process, ended by <see cref="CrashPointException"/>.
    /// </summary>
    public async Task<PointResult> RunPointAsync(Shape shape, int step, string point, string? choshuDll, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var landed = -1;
        await using var db = await NewDatabaseAsync(_admin, _template, _keys);
        var path = WriteFile(shape);
        try
        {
            // 1. The killed run.
            if (choshuDll is null)
            {
                try
                {
                    await new PaymentImport(db.Store, TimeProvider.System) { BatchSize = shape.BatchSize, CrashPoints = new CrashPoints(atStep: step, mode: CrashMode.Throw) }
                        .RunAsync(new PaymentImportRequest(path, "bank", "crashpoints"), ct);
                    failures.Add($"the run was to end at step {step} ({point}) but finished");
                }
                catch (CrashPointException e) when (e.Point == point)
                {
                }
                catch (CrashPointException e)
                {
                    failures.Add($"the run ended at {e.Point}, not at step {step} ({point}): the trace differs");
                }
            }
            else
            {
                var (code, _, err) = await RunChoshuAsync(choshuDll, $"step:{step}", ct, "import", "payments", "--format", "bank", path,
                    "--batch-size", shape.BatchSize.ToString(CultureInfo.InvariantCulture), "--json", "--db", db.Store.ConnectionString);
                if (code == 0 || !err.Contains($"crash point {step} {point}", StringComparison.Ordinal))
                    failures.Add($"the process was to die at step {step} ({point}); exit {code}: {Tail(err)}");
            }

            // 2. What the killed run left: whole batches, each payment's journal whole.
            await using (var ctx = db.Store.CreateContext())
            {
                landed = await ctx.Payments.CountAsync(ct);
                if (landed % shape.BatchSize != 0 && landed != shape.Lines.Count)
                    failures.Add($"after the kill {landed} payments had landed: not whole batches of {shape.BatchSize}");
                failures.AddRange(await JournalFailuresAsync(ctx, ct));
            }

            // 3. The rerun, then the end state.
            var rerun = await new PaymentImport(db.Store, TimeProvider.System) { BatchSize = shape.BatchSize, CrashPoints = CrashPoints.None }
                .RunAsync(new PaymentImportRequest(path, "bank", "crashpoints"), ct);
            if (rerun.Duplicate != landed)
                failures.Add($"the rerun found {rerun.Duplicate} duplicates, {landed} had landed");
            await using (var ctx = db.Store.CreateContext())
            {
                var payments = await ctx.Payments.AsNoTracking().ToListAsync(ct);
                if (payments.Count != shape.Lines.Count)
                    failures.Add($"{payments.Count} payments for {shape.Lines.Count} records (lost or doubled)");
                if (payments.Select(p => p.IdempotencyKey).Distinct().Count() != payments.Count)
                    failures.Add("a record made two payments");
                if (!payments.Select(p => p.SourceLine ?? 0).Order().SequenceEqual(Enumerable.Range(2, shape.Lines.Count)))
                    failures.Add("the payments' source lines are not lines 2.." + (shape.Lines.Count + 1));
                var booked = payments.Where(p => p.Status == PaymentStatus.Booked).Sum(p => p.Amount);
                if (booked != shape.MatchedTotal)
                    failures.Add($"booked {booked} yen, the file's matched records total {shape.MatchedTotal}");
                var unmatched = payments.Where(p => p.Status == PaymentStatus.Unmatched).Sum(p => p.Amount);
                if (booked + unmatched != shape.Lines.Sum(l => l.Amount))
                    failures.Add($"booked {booked} + unmatched {unmatched} yen is not the file's total {shape.Lines.Sum(l => l.Amount)}");
                // A payment dated before an installment's later money replays it: reversals (their PaymentId set) undo the entries re-made.
                var moved = -await ctx.JournalEntries.Where(j => j.PaymentId != null && (j.Kind == JournalEntryKind.Payment || j.Kind == JournalEntryKind.Reversal)
                    && j.Component != LedgerComponent.Overpayment).SumAsync(j => j.Amount, ct);
                var overpaid = await ctx.Overpayments.Where(o => o.CancelledAtUtc == null).SumAsync(o => o.Amount, ct);
                if (moved + overpaid != shape.MatchedTotal)
                    failures.Add($"journal {moved} + overpayments {overpaid} yen is not the booked total {shape.MatchedTotal}");
                failures.AddRange(await JournalFailuresAsync(ctx, ct));
                // The rerun's run is finished; a run killed before its end stays unfinished (one killed after it is finished too).
                if (await ctx.ImportRuns.Where(r => r.Id == rerun.ImportRunId).Select(r => r.FinishedAtUtc).SingleAsync(ct) is null)
                    failures.Add("the rerun's import run is not finished");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failures.Add("unexpected: " + e);
        }
        finally
        {
            File.Delete(path);
        }
        return new PointResult(shape.Seed, step, point, landed, failures, clock.Elapsed);
    }

    /// <summary>
    /// Every booked payment's live journal entries (neither a reversal nor reversed: an installment replayed
    /// for an earlier-dated payment reverses and re-makes its entries) and live overpayment add up to its
    /// amount; no other payment has any; no payment has two live principal entries (booked twice).
    /// </summary>
    public static async Task<List<string>> JournalFailuresAsync(ChoshuDbContext db, CancellationToken ct = default)
    {
        var failures = new List<string>();
        var payments = await db.Payments.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var all = await db.JournalEntries.AsNoTracking().Where(j => j.PaymentId != null).ToListAsync(ct);
        var reversed = all.Where(j => j.ReversesEntryId != null).Select(j => j.ReversesEntryId!.Value).ToHashSet();
        var entries = all.Where(j => j.Kind != JournalEntryKind.Reversal && !reversed.Contains(j.Id)).ToList();
        var overpayments = await db.Overpayments.AsNoTracking().ToListAsync(ct);
        if (entries.Any(e => !payments.ContainsKey(e.PaymentId!.Value))) failures.Add("a journal entry names a payment that is not there");
        var byPayment = entries.ToLookup(e => e.PaymentId!.Value);
        var overByPayment = overpayments.Where(o => o.CancelledAtUtc == null).ToLookup(o => o.PaymentId);
        foreach (var p in payments.Values)
        {
            var own = byPayment[p.Id].ToList();
            var over = overByPayment[p.Id].Sum(o => o.Amount);
            if (p.Status == PaymentStatus.Booked)
            {
                var applied = -own.Where(e => e.Kind == JournalEntryKind.Payment && e.Component != LedgerComponent.Overpayment).Sum(e => e.Amount);
                if (applied + over != p.Amount) failures.Add($"payment {p.Id}: journal {applied} + overpaid {over} is not its {p.Amount} yen");
                if (own.Count(e => e.Kind == JournalEntryKind.Payment && e.Component == LedgerComponent.Principal) > 1) failures.Add($"payment {p.Id} booked twice");
            }
            else if (own.Count > 0 || over != 0)
            {
                failures.Add($"payment {p.Id} ({p.Status}) has journal entries or an overpayment");
            }
        }
        return failures;
    }

    private string WriteFile(Shape shape)
    {
        var path = Path.Combine(_dir, $"bank-{shape.Seed}-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join("\r\n", Bank(shape.Lines)) + "\r\n", new UTF8Encoding(false));
        return path;
    }

    private static string Tail(string s) => s.Length <= 400 ? s : s[^400..];

    /// <summary>Runs choshu.dll as a child process with the crash point in its environment.</summary>
    public static async Task<(int ExitCode, string Out, string Err)> RunChoshuAsync(string dll, string? fault, CancellationToken ct, params string[] args)
    {
        var psi = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove(CrashPoints.Variable);
        psi.Environment.Remove(CrashPoints.TraceVariable);
        if (fault is not null) psi.Environment[CrashPoints.Variable] = fault;
        psi.Environment["DOTNET_DbgEnableMiniDump"] = "0"; // no crash dump from FailFast
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    /// <summary>A database: migrated (no template) or copied from <paramref name="template"/>; dropped on dispose unless detached.</summary>
    private sealed class Database(string admin, string name, Store store) : IAsyncDisposable
    {
        private bool _detached;

        public Store Store { get; } = store;

        public string Detach()
        {
            _detached = true;
            return name;
        }

        public async ValueTask DisposeAsync()
        {
            if (_detached) return;
            NpgsqlConnection.ClearAllPools();
            await DropAsync(admin, name);
        }
    }

    private static async Task<Database> NewDatabaseAsync(string admin, string? template, string? keys)
    {
        var name = "choshu_cp_" + Guid.NewGuid().ToString("N")[..16];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            var options = template is null ? TestStore.CreateDatabaseOptions : $"TEMPLATE {template}";
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name} {options}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        if (keys is null)
        {
            keys = Path.Combine(Path.GetTempPath(), name + ".keys");
            App.Privacy.KeyRingFile.CreateNew(keys, TimeProvider.System.GetUtcNow().UtcDateTime);
            var store = Store.Parse(cs) with { KeysFile = keys };
            await StoreInitializer.InitializeAsync(store);
            return new Database(admin, name, store);
        }
        return new Database(admin, name, Store.Parse(cs) with { KeysFile = keys });
    }

    private static async Task DropAsync(string admin, string name)
    {
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await DropAsync(_admin, _template);
        foreach (var f in new[] { _keys, _keys + ".lock" })
            if (File.Exists(f)) File.Delete(f);
        Directory.Delete(_dir, recursive: true);
    }
}
