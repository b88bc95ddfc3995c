using System.Diagnostics;
using System.Globalization;
using Choshu.App.Reconciliation;
using Choshu.Data;
using Choshu.Domain.Calendar;

namespace Choshu.Bench.Reconcile;

/// <summary>
/// The reconciliation benchmark of issue 3: a synthetic city, payment files for
/// <see cref="ReconcileOptions.Payments"/> money records across every channel, each file imported with
/// <see cref="PaymentImport.RunAsync"/> exactly as <c>choshu import payments</c> does (file → committed
/// journal, timed end to end), then a bare binary COPY of as many payment rows into a plain table of
/// the same database (<see cref="BareCopy"/>), then the checks (<see cref="ReconcileChecks"/>).
/// </summary>
public sealed class ReconcileBenchmark(ReconcileOptions options, TextWriter log)
{
    private static readonly string[] s_phaseOrder =
    [
        PaymentImportPhases.Fingerprint, PaymentImportPhases.Check, PaymentImportPhases.Read, PaymentImportPhases.Begin,
        PaymentImportPhases.ReadAheadWait, PaymentImportPhases.LoadKnown, PaymentImportPhases.LoadTargets, PaymentImportPhases.BringUpToDate,
        PaymentImportPhases.LoadCosts, PaymentImportPhases.ReserveIds, PaymentImportPhases.Allocate,
        PaymentImportPhases.CopyPayments, PaymentImportPhases.StatusChanges, PaymentImportPhases.CopyJournal,
        PaymentImportPhases.Bookkeeping, PaymentImportPhases.Commit,
        PaymentImportPhases.ReadAheadKnown, PaymentImportPhases.ReadAheadTargets,
    ];

    /// <summary>Phases on the second connection, at the same time as the others: not part of the wall time's sum.</summary>
    private static readonly string[] s_overlapped = [PaymentImportPhases.ReadAheadKnown, PaymentImportPhases.ReadAheadTargets];

    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var store = options.Store;
        log.WriteLine($"Choshu reconciliation benchmark: {store.Describe()}, batch size {options.BatchSize:N0}");
        Web.WebBenchmark.EnsureKeyFile(store, log);
        log.WriteLine(await MachineInfo.DescribeAsync(store, ct));
        if (!await BenchCity.PrepareAsync(store, options, log, ct)) return false;

        var watch = Stopwatch.StartNew();
        var (open, maxId) = await OpenInstallments.LoadAsync(store, ct);
        var today = JapanTime.Today(TimeProvider.System);
        var plan = PaymentPlan.Create(open, maxId, options.Payments, options.Seed, today);
        log.WriteLine(I($"plan: {open.Count:N0} open installments; {plan.MoneyRecords:N0} payment records = {plan.Distinct:N0} payments + {plan.Duplicates:N0} duplicates; ") +
                        I($"{plan.Unmatched:N0} unmatched, {plan.Partial:N0} partial, {plan.Over:N0} paying more than the principal, {plan.SecondPayments:N0} second payments of an installment; ") +
                        I($"besides {plan.Preliminaries:N0} store 速報, {plan.CancelledPreliminaries.Count:N0} 速報 + 取消, {plan.DebitFailures.Count:N0} debit failures"));

        var dir = options.WorkDir ?? Path.Combine(Path.GetTempPath(), "choshu-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var files = PaymentFiles.Write(plan, dir, options.Seed);
            foreach (var f in files)
                log.WriteLine(I($"file: {f.Name,-18} {f.Format,-7} {f.Records,9:N0} records ({f.MoneyRecords:N0} payments), {new FileInfo(f.Path).Length / 1e6:N1} MB"));
            var copyRows = BareCopy.Rows(files, maxId, DateTime.UtcNow);
            log.WriteLine(I($"setup: {watch.Elapsed.TotalSeconds:N1} s (open installments, plan, files, COPY rows)"));

            // The import, timed end to end, file by file in the order a day's files arrive.
            await BenchSql.CheckpointAsync(store, ct);
            var marks = await ImportMarks.ReadAsync(store, ct);
            var statsBefore = await ServerStats.ReadAsync(store, ct);
            var buffersBefore = await BufferUse.ReadAsync(store, flush: true, ct);
            var summaries = new List<PaymentImportSummary>();
            using var phases = new PhaseTimes();
            var importLoad = MachineLoad.Start();
            var importWatch = Stopwatch.StartNew();
            foreach (var f in files)
            {
                var fileWatch = Stopwatch.StartNew();
                var import = new PaymentImport(store, TimeProvider.System) { BatchSize = options.BatchSize };
                var s = await import.RunAsync(new PaymentImportRequest(f.Path, f.Format, "bench", DebitYear: f.DebitYear), ct);
                summaries.Add(s);
                log.WriteLine(I($"import: {f.Name,-18} {fileWatch.Elapsed.TotalSeconds,7:N1} s {s.Read / fileWatch.Elapsed.TotalSeconds,9:N0} records/s  read {s.Read:N0} booked {s.Booked:N0} ") +
                                I($"pending {s.Pending:N0} cancelled {s.Cancelled:N0} duplicate {s.Duplicate:N0} unmatched {s.Unmatched:N0} overpaid {s.Overpaid:N0} ") +
                                I($"debit failures {s.DebitFailures:N0} quarantined {s.Quarantined:N0}"));
            }
            importWatch.Stop();
            var importLoadText = importLoad.Describe();
            var phaseTimes = phases.Snapshot();
            var statsAfter = await ServerStats.ReadAsync(store, ct);
            var buffers = buffersBefore is null ? null : (await BufferUse.ReadAsync(store, flush: true, ct))!.Since(buffersBefore, top: 12);
            var importSeconds = importWatch.Elapsed.TotalSeconds;
            var records = summaries.Sum(s => s.Read);
            log.WriteLine(I($"import      {plan.MoneyRecords:N0} payments ({records:N0} records) in {importSeconds:N1} s: {plan.MoneyRecords / importSeconds:N0} payments/s ({records / importSeconds:N0} records/s)"));
            log.WriteLine($"load during the import: {importLoadText}");
            if (statsBefore is not null && statsAfter is not null)
                log.WriteLine($"server during the import: {statsAfter.DescribeSince(statsBefore)}");
            if (buffers is not null)
                log.WriteLine($"pages the server touched during the import, by relation (shared-buffer hits + reads): {BufferUse.Describe(buffers)}");
            log.WriteLine("phases of the import (seconds, share of the import's wall time):");
            foreach (var (phase, seconds) in phaseTimes.OrderBy(p => Array.IndexOf(s_phaseOrder, p.Phase) is var i && i < 0 ? int.MaxValue : i))
                log.WriteLine(I($"  {phase,-20} {seconds,8:N2} s {seconds / importSeconds,7:P1}{(s_overlapped.Contains(phase) ? "  (next batch, second connection: overlaps the phases above)" : "")}"));
            log.WriteLine(I($"  {"(between phases)",-20} {importSeconds - phaseTimes.Where(p => !s_overlapped.Contains(p.Phase)).Sum(p => p.Seconds),8:N2} s"));

            // The COPY rows name one of the import's files, as the import's rows do (a foreign key of the indexed copy).
            var fileId = await BenchSql.ScalarAsync(store, "SELECT MIN(id) FROM import_files", ct);
            foreach (var row in copyRows) row.ImportFileId = fileId;
            var copyLoad = MachineLoad.Start();
            var copyTime = await BareCopy.PlainAsync(store, copyRows, ct);
            log.WriteLine(I($"bare COPY   {copyRows.Count:N0} payment rows in {copyTime.TotalSeconds:N1} s: {copyRows.Count / copyTime.TotalSeconds:N0} rows/s"));
            log.WriteLine($"load during the COPY:   {copyLoad.Describe()}");
            TimeSpan? indexedTime = null;
            var indexedRows = copyRows.DistinctBy(r => r.IdempotencyKey).Count();
            if (store.Provider == StoreProvider.Postgres)
            {
                var indexedLoad = MachineLoad.Start();
                indexedTime = await BareCopy.IndexedAsync(store, copyRows, ct);
                log.WriteLine(I($"indexed COPY {indexedRows:N0} distinct payment rows into a copy of payments with its 6 indexes and 2 foreign keys in {indexedTime.Value.TotalSeconds:N1} s: {indexedRows / indexedTime.Value.TotalSeconds:N0} rows/s"));
                log.WriteLine($"load during the indexed COPY: {indexedLoad.Describe()}");
            }

            // The floor and the naive peer (issue 19): both write into scratch copies of the tables, never into the store's own.
            ImportFloor.Result? floor = null;
            NaivePeer.Result? naive = null;
            if (store.Provider == StoreProvider.Postgres)
            {
                var floorLoad = MachineLoad.Start();
                floor = await ImportFloor.RunAsync(store, marks, ct);
                log.WriteLine(I($"floor       {floor.Rows:N0} rows the import wrote, binary COPY into empty copies ({floor.Description}) in {floor.Total.TotalSeconds:N1} s: {floor.Describe()}"));
                log.WriteLine($"load during the floor: {floorLoad.Describe()}");
                var naiveLoad = MachineLoad.Start();
                naive = await NaivePeer.RunAsync(store, marks, options.NaiveSample, ct);
                if (naive is not null)
                {
                    log.WriteLine(I($"naive peer  {naive.Payments:N0} payments with {naive.JournalEntries:N0} journal entries, {naive.Statements:N0} statements, one payment per transaction, in {naive.Time.TotalSeconds:N1} s: {naive.SecondsPerPayment * 1000:N2} ms a payment"));
                    log.WriteLine($"load during the naive peer: {naiveLoad.Describe()}");
                }
            }

            var written = await RowsWrittenAsync(store, marks, ct);
            var checks = await ReconcileChecks.RunAsync(store, plan, summaries, ct);

            log.WriteLine();
            log.WriteLine("== result ==");
            log.WriteLine(I($"import      {plan.MoneyRecords:N0} payments ({records:N0} records) in {importSeconds:N1} s: {plan.MoneyRecords / importSeconds:N0} payments/s ({records / importSeconds:N0} records/s)"));
            log.WriteLine(I($"bare COPY   {copyRows.Count:N0} payment rows in {copyTime.TotalSeconds:N1} s: {copyRows.Count / copyTime.TotalSeconds:N0} rows/s"));
            log.WriteLine(I($"ratio       import / COPY = {importSeconds / copyTime.TotalSeconds:N2}"));
            if (indexedTime is { } indexed)
                log.WriteLine(I($"indexed     {indexedRows:N0} rows in {indexed.TotalSeconds:N1} s: {indexedRows / indexed.TotalSeconds:N0} rows/s; import / indexed COPY = {importSeconds / indexed.TotalSeconds:N2}"));
            if (floor is not null)
                log.WriteLine(I($"floor       {floor.Rows:N0} rows the import wrote ({floor.Describe()}), binary COPY into empty copies with the same indexes, keys and triggers: {floor.Total.TotalSeconds:N1} s; import / floor = {importSeconds / floor.Total.TotalSeconds:N2}"));
            else
                log.WriteLine("floor       (PostgreSQL only)");
            if (naive is { Payments: > 0 })
                log.WriteLine(I($"naive peer  {naive.Payments:N0} of the import's {naive.PaymentsWritten:N0} payments, one statement at a time, each its own transaction: {naive.SecondsPerPayment * 1000:N2} ms a payment; ") +
                              I($"extrapolated to {naive.PaymentsWritten:N0} payments {naive.Extrapolated:N1} s ({naive.PaymentsWritten / naive.Extrapolated:N0} payments/s); naive / import = {naive.Extrapolated / importSeconds:N2}"));
            else
                log.WriteLine(store.Provider == StoreProvider.Postgres ? "naive peer  (left out: --naive-sample 0)" : "naive peer  (PostgreSQL only)");
            log.WriteLine(I($"rows written by the import: {string.Join(", ", written.Select(w => $"{w.Table} {w.Rows:N0}"))} = {written.Sum(w => w.Rows):N0}"));
            log.WriteLine($"journal entries of the import: {string.Join(", ", (await JournalByReasonAsync(store, marks, ct)).Select(r => I($"{r.Reason} {r.Rows:N0}")))}");
            log.WriteLine("checks:");
            foreach (var c in checks)
                log.WriteLine(I($"  {(c.Ok ? "ok  " : "FAIL")} {c.What}: expected {c.Expected:N0}, store {c.Actual:N0}"));
            var ok = checks.All(c => c.Ok);
            log.WriteLine(ok ? "all checks passed" : "SOME CHECKS FAILED");
            if (options.JsonPath is { } jsonPath)
            {
                var summary = new
                {
                    store = store.Describe(), taxpayers = options.Taxpayers, batchSize = options.BatchSize, atUtc = DateTime.UtcNow,
                    import = new { payments = plan.MoneyRecords, records, seconds = importSeconds, paymentsPerSecond = plan.MoneyRecords / importSeconds, load = importLoadText },
                    phases = phaseTimes.ToDictionary(p => p.Phase, p => p.Seconds),
                    bareCopy = new { rows = copyRows.Count, seconds = copyTime.TotalSeconds, importRatio = importSeconds / copyTime.TotalSeconds },
                    indexedCopy = indexedTime is { } ix ? new { rows = indexedRows, seconds = ix.TotalSeconds, importRatio = importSeconds / ix.TotalSeconds } : null,
                    floor = floor is null ? null : new
                    {
                        rows = floor.Rows, seconds = floor.Total.TotalSeconds, importRatio = importSeconds / floor.Total.TotalSeconds,
                        tables = floor.Tables.Select(t => new { table = t.Table, rows = t.Rows, bytes = t.Bytes, seconds = t.Time.TotalSeconds }),
                    },
                    naivePeer = naive is not { Payments: > 0 } ? null : new
                    {
                        sample = naive.Payments, journalEntries = naive.JournalEntries, statements = naive.Statements, seconds = naive.Time.TotalSeconds,
                        msPerPayment = naive.SecondsPerPayment * 1000, paymentsWritten = naive.PaymentsWritten,
                        extrapolatedSeconds = naive.Extrapolated, importRatio = naive.Extrapolated / importSeconds,
                    },
                    buffers = buffers?.Select(b => new { relation = b.Relation, hits = b.Hits, reads = b.Reads }),
                    rowsWritten = written.ToDictionary(w => w.Table, w => w.Rows),
                    checks = checks.Select(c => new { what = c.What, expected = c.Expected, actual = c.Actual, ok = c.Ok }),
                    allChecksPassed = ok,
                };
                File.WriteAllText(jsonPath, System.Text.Json.JsonSerializer.Serialize(summary, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
                log.WriteLine($"summary written to {jsonPath}");
            }
            return ok;
        }
        finally
        {
            if (options.WorkDir is null && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The rows the import wrote: those above the marks taken before it (the seeded city has payments and entries too).</summary>
    private static async Task<List<(string Table, long Rows)>> RowsWrittenAsync(Store store, ImportMarks marks, CancellationToken ct)
    {
        var result = new List<(string, long)>();
        foreach (var (table, where) in new[]
                 {
                     ("payments", " WHERE " + marks.Where("payments")), ("journal_entries", " WHERE " + marks.Where("journal_entries")),
                     ("overpayments", " WHERE " + marks.Where("journal_entries")),
                     ("debit_failures", " WHERE " + marks.Where("debit_failures")), ("quarantined_records", " WHERE " + marks.Where("quarantined_records")),
                     ("import_runs", ""), ("import_files", ""),
                 })
            result.Add((table, await BenchSql.ScalarAsync(store, $"SELECT COUNT(*) FROM {table}{where}", ct)));
        return result;
    }

    /// <summary>The import's journal entries by reason: payments, late fees made final, and reversals of a replay (payment.rebook).</summary>
    private static async Task<List<(string Reason, long Rows)>> JournalByReasonAsync(Store store, ImportMarks marks, CancellationToken ct)
    {
        var result = new List<(string, long)>();
        await using var conn = await BenchSql.OpenAsync(store, ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT COALESCE(reason_code, '(none)'), COUNT(*) FROM journal_entries WHERE {marks.Where("journal_entries")} GROUP BY reason_code ORDER BY 2 DESC";
        cmd.CommandTimeout = 0;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.Add((reader.GetString(0), reader.GetInt64(1)));
        return result;
    }

    private static string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
