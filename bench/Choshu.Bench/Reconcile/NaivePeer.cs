using System.Diagnostics;
using System.Globalization;
using Choshu.Data;
using Npgsql;

namespace Choshu.Bench.Reconcile;

/// <summary>
/// The naive peer of issue 19: what an importer that books one record at a time, as an ORM per row does, costs on the
/// same server and the same city. For a sample of the payments the import wrote (evenly spread over them by id), each with
/// the journal entries the import wrote for it, one payment after another on one connection:
/// <list type="number">
/// <item>look the idempotency key up (<c>SELECT … FROM payments WHERE idempotency_key = @k</c>, in the table it writes);</item>
/// <item>when it names an installment: read the installment (<c>SELECT * FROM installments WHERE id = @id</c>) and its
/// ledger (<c>SELECT * FROM journal_entries WHERE installment_id = @id</c>) from the city;</item>
/// <item>in its own transaction: one INSERT of the payment, one INSERT per journal entry, COMMIT.</item>
/// </list>
/// The rows go into empty copies of payments and journal_entries with the same indexes, keys and triggers
/// (<see cref="ScratchTables"/>, schema <c>bench_naive</c>, dropped afterwards), so the store is not changed. The time per
/// payment times the payments the import wrote is the extrapolated naive import. It decides nothing (the rows are the
/// import's own), so it is cheaper than a real per-row importer, never dearer.
/// </summary>
public static class NaivePeer
{
    public const string Schema = "bench_naive";

    public sealed record Result(int Payments, int JournalEntries, long Statements, TimeSpan Time, long PaymentsWritten)
    {
        public double SecondsPerPayment => Time.TotalSeconds / Math.Max(Payments, 1);

        public double Extrapolated => SecondsPerPayment * PaymentsWritten;
    }

    public static async Task<Result?> RunAsync(Store store, ImportMarks marks, int sample, CancellationToken ct)
    {
        if (sample <= 0) return null;
        await using var conn = new NpgsqlConnection(store.ConnectionString + ";Command Timeout=0");
        await conn.OpenAsync(ct);
        var copies = await ScratchTables.CreateAsync(conn, Schema, ["payments", "journal_entries"], ct);
        try
        {
            var payments = copies.Single(c => c.Table == "payments");
            var journal = copies.Single(c => c.Table == "journal_entries");
            var written = await ScratchTables.LongAsync(conn, $"SELECT COUNT(*) FROM payments WHERE {marks.Where("payments")}", ct);
            if (written == 0) return new Result(0, 0, 0, TimeSpan.Zero, 0);

            // The sample, read before the clock starts: every k-th payment of the import by id, with its journal entries.
            var step = Math.Max(1, written / sample);
            var rows = await ReadAsync(conn, payments,
                $"SELECT * FROM (SELECT {payments.ColumnList}, row_number() OVER (ORDER BY id) AS n FROM payments WHERE {marks.Where("payments")}) p " +
                $"WHERE (n - 1) % {step} = 0 ORDER BY id LIMIT {sample}", ct);
            var idAt = Index(payments, "id");
            var ids = rows.Select(r => (long)r[idAt]!).ToArray();
            var entries = (await ReadAsync(conn, journal,
                    $"SELECT {journal.ColumnList} FROM journal_entries WHERE {marks.Where("journal_entries")} AND payment_id = ANY(@ids) ORDER BY id", ct,
                    new NpgsqlParameter("ids", ids)))
                .ToLookup(e => (long)e[Index(journal, "payment_id")]!);
            var keyAt = Index(payments, "idempotency_key");
            var installmentAt = Index(payments, "installment_id");
            var insertPayment = Insert(payments);
            var insertEntry = Insert(journal);
            await BenchSql.CheckpointAsync(store, ct);

            long statements = 0;
            var entryCount = 0;
            var watch = Stopwatch.StartNew();
            foreach (var payment in rows)
            {
                await using (var known = new NpgsqlCommand($"SELECT id FROM {payments.Qualified} WHERE idempotency_key = @k", conn))
                {
                    known.Parameters.AddWithValue("k", payment[keyAt]!);
                    await DrainAsync(known, ct);
                    statements++;
                }
                if (payment[installmentAt] is long installmentId)
                {
                    foreach (var sql in new[] { "SELECT * FROM installments WHERE id = @id", "SELECT * FROM journal_entries WHERE installment_id = @id ORDER BY id" })
                    {
                        await using var read = new NpgsqlCommand(sql, conn);
                        read.Parameters.AddWithValue("id", installmentId);
                        await DrainAsync(read, ct);
                        statements++;
                    }
                }
                await using var tx = await conn.BeginTransactionAsync(ct);
                await InsertAsync(conn, tx, insertPayment, payment, ct);
                statements++;
                foreach (var entry in entries[(long)payment[idAt]!])
                {
                    await InsertAsync(conn, tx, insertEntry, entry, ct);
                    statements++;
                    entryCount++;
                }
                await tx.CommitAsync(ct);
                statements += 2; // BEGIN (sent with the first INSERT) and COMMIT
            }
            watch.Stop();

            var inserted = await ScratchTables.LongAsync(conn, $"SELECT COUNT(*) FROM {payments.Qualified}", ct);
            if (inserted != rows.Count) throw new InvalidOperationException($"The naive peer wrote {inserted} payments, not {rows.Count}.");
            return new Result(rows.Count, entryCount, statements, watch.Elapsed, written);
        }
        finally
        {
            await ScratchTables.DropAsync(conn, Schema, CancellationToken.None);
        }
    }

    private static int Index(ScratchTables.Copy copy, string column) =>
        copy.Columns.Select((c, i) => (c.Name, i)).Single(c => c.Name == column).i;

    /// <summary>INSERT INTO copy (columns) VALUES (@p0::type, …): one row, every value typed as the column is.</summary>
    private static string Insert(ScratchTables.Copy copy) =>
        $"INSERT INTO {copy.Qualified} ({copy.ColumnList}) VALUES ({string.Join(", ", copy.Columns.Select((c, i) => $"@p{i.ToString(CultureInfo.InvariantCulture)}::{c.Type}"))})";

    private static async Task InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, object?[] values, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        for (var i = 0; i < values.Length; i++)
            cmd.Parameters.AddWithValue("p" + i.ToString(CultureInfo.InvariantCulture), values[i] ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task DrainAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync(ct)) reader.GetValues(values);
    }

    /// <summary>Rows of <paramref name="copy"/>'s columns (the first <c>copy.Columns.Count</c> of the select list), DBNull as null.</summary>
    private static async Task<List<object?[]>> ReadAsync(NpgsqlConnection conn, ScratchTables.Copy copy, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        var result = new List<object?[]>();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddRange(parameters);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[copy.Columns.Count];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            result.Add(row);
        }
        return result;
    }
}
