using System.Diagnostics;
using Choshu.Data;
using Choshu.Data.Bulk;
using Choshu.Data.Payments;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Payments;

namespace Choshu.Bench.Reconcile;

/// <summary>
/// The yardstick: as many payment rows, read from the same files, written with the bulk writer (binary
/// COPY on PostgreSQL) in one transaction into a plain table with the payments table's columns and
/// nothing else (no key, no index, no foreign key). What reconciliation adds on top of it is reading
/// what is known, allocating, the journal, and the indexes and foreign keys of the real tables; the
/// second figure (<see cref="Indexed"/>) shows what the indexes and keys of payments alone cost.
/// </summary>
public static class BareCopy
{
    public const string PlainTable = "bench_copy_payments";
    public const string IndexedTable = "bench_copy_payments_indexed";

    /// <summary>
    /// The money records of the files as the rows the import would make of them (read with the real
    /// readers): booked when the key names an installment of the city, else unmatched.
    /// </summary>
    public static List<Payment> Rows(IEnumerable<BenchFile> files, long maxInstallmentId, DateTime nowUtc)
    {
        var rows = new List<Payment>();
        var id = 0L;
        foreach (var file in files)
        {
            var reader = PaymentFormats.Create(file.Format, new PaymentReaderOptions { DebitYear = file.DebitYear });
            using var stream = File.OpenRead(file.Path);
            foreach (var line in reader.Open(stream, file.Name).Lines)
            {
                if (line.Record is not { Kind: PaymentRecordKind.Payment or PaymentRecordKind.StoreFinal } r) continue;
                var installmentId = r.Key?.InstallmentId is { } k && k <= maxInstallmentId ? k : (long?)null;
                rows.Add(new Payment
                {
                    Id = ++id, Channel = r.Channel, Status = installmentId is null ? PaymentStatus.Unmatched : PaymentStatus.Booked, RawKey = r.RawKey,
                    InstallmentId = installmentId, Amount = r.Amount, PaidOn = r.PaidOn, ReceivedOn = r.ReceivedOn ?? r.PaidOn,
                    SourceCode = r.SourceCode, SourceLine = r.LineNo, IdempotencyKey = r.IdempotencyKey, RawRecord = r.RawText,
                    Actor = "bench", RecordedAtUtc = nowUtc,
                });
            }
        }
        return rows;
    }

    /// <summary>Creates the plain table afresh, then times opening a connection, the COPY and the commit.</summary>
    public static Task<TimeSpan> PlainAsync(Store store, IReadOnlyList<Payment> rows, CancellationToken ct) =>
        RunAsync(store, PlainTable, store.Provider == StoreProvider.Postgres
            ? [$"CREATE TABLE {PlainTable} (LIKE payments)"]
            : [$"CREATE TABLE {PlainTable} AS SELECT * FROM payments WHERE 0"], rows, ct);

    /// <summary>
    /// The same into a copy of payments with its key, its six indexes and its two foreign keys (PostgreSQL
    /// only): the part of the import's cost that no client code can remove. Duplicate records are left
    /// out (the unique index would refuse them), as the import leaves them out.
    /// </summary>
    public static Task<TimeSpan> IndexedAsync(Store store, IReadOnlyList<Payment> rows, CancellationToken ct) =>
        RunAsync(store, IndexedTable,
        [
            $"CREATE TABLE {IndexedTable} (LIKE payments INCLUDING ALL)",
            $"ALTER TABLE {IndexedTable} ADD FOREIGN KEY (installment_id) REFERENCES installments (id), ADD FOREIGN KEY (import_file_id) REFERENCES import_files (id)",
        ], rows.DistinctBy(r => r.IdempotencyKey).ToList(), ct);

    private static async Task<TimeSpan> RunAsync(Store store, string tableName, string[] create, IReadOnlyList<Payment> rows, CancellationToken ct)
    {
        await BenchSql.ExecuteAsync(store, $"DROP TABLE IF EXISTS {tableName}", ct);
        foreach (var sql in create) await BenchSql.ExecuteAsync(store, sql, ct);
        await BenchSql.CheckpointAsync(store, ct);

        var table = BulkTables.Payments.Renamed(tableName);
        // One COPY of a million rows takes longer than Npgsql's default command timeout of 30 s.
        var copyStore = store.Provider == StoreProvider.Postgres ? store with { ConnectionString = store.ConnectionString + ";Command Timeout=0" } : store;
        var watch = Stopwatch.StartNew();
        await using (var writer = await BulkWriter.OpenAsync(copyStore, ct))
        {
            await writer.BeginAsync(ct);
            await writer.WriteAsync(table, rows, ct);
            await writer.CommitAsync(ct);
        }
        watch.Stop();

        var written = await BenchSql.ScalarAsync(store, $"SELECT COUNT(*) FROM {tableName}", ct);
        if (written != rows.Count) throw new InvalidOperationException($"The COPY into {tableName} wrote {written} rows, not {rows.Count}.");
        await BenchSql.ExecuteAsync(store, $"DROP TABLE {tableName}", ct);
        return watch.Elapsed;
    }
}
