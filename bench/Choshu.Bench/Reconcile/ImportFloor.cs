using System.Diagnostics;
using System.Globalization;
using Choshu.Data;
using Npgsql;

namespace Choshu.Bench.Reconcile;

/// <summary>
/// The rows an import wrote, as the largest id of each table before it: every row above the mark is the import's (nobody
/// else writes to the benchmark's database while it runs).
/// </summary>
public sealed record ImportMarks(IReadOnlyDictionary<string, long> MaxIdBefore)
{
    /// <summary>The tables whose rows the import writes in bulk (the floor's tables), parents before children.</summary>
    public static readonly string[] Tables = ["payments", "journal_entries", "debit_failures", "quarantined_records"];

    public static async Task<ImportMarks> ReadAsync(Store store, CancellationToken ct)
    {
        var marks = new Dictionary<string, long>();
        foreach (var table in Tables)
            marks[table] = await BenchSql.ScalarAsync(store, $"SELECT COALESCE(MAX(id), 0) FROM {table}", ct);
        return new ImportMarks(marks);
    }

    public string Where(string table) => string.Create(CultureInfo.InvariantCulture, $"id > {MaxIdBefore[table]}");
}

/// <summary>
/// The floor of issue 19: exactly the rows the import wrote (payments, booked and unmatched, with the 速報 it kept;
/// journal entries, overpayment-account entries included; debit failures; quarantined records) copied out of the store
/// with binary COPY, then timed as one transaction of binary COPYs into empty copies of the same tables with the same
/// indexes, foreign keys and triggers (<see cref="ScratchTables"/>, schema <c>bench_floor</c>). What no importer writing
/// these rows into these tables can go below on this server; the import's wall time divided by it is the ratio to the
/// floor. (Optimistic for the import's side: the copies start empty, the store's indexes hold the city.)
/// </summary>
public static class ImportFloor
{
    public const string Schema = "bench_floor";

    public sealed record TableTime(string Table, long Rows, long Bytes, TimeSpan Time);

    public sealed record Result(IReadOnlyList<TableTime> Tables, TimeSpan Total, string Description)
    {
        public long Rows => Tables.Sum(t => t.Rows);

        public string Describe() => string.Join(", ", Tables.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Table} {t.Rows:N0} in {t.Time.TotalSeconds:N1} s")));
    }

    public static async Task<Result> RunAsync(Store store, ImportMarks marks, CancellationToken ct)
    {
        var cs = store.ConnectionString + ";Command Timeout=0";
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        var copies = await ScratchTables.CreateAsync(conn, Schema, ImportMarks.Tables, ct);
        var description = new List<string>();
        foreach (var c in copies) description.Add(await ScratchTables.DescribeAsync(conn, c, ct));
        try
        {
            // Out of the store, binary, in id order (the order the import wrote them in): not timed.
            var data = new List<(ScratchTables.Copy Copy, byte[] Bytes, long Rows)>();
            foreach (var copy in copies)
            {
                var rows = await ScratchTables.LongAsync(conn, $"SELECT COUNT(*) FROM public.{ScratchTables.Quote(copy.Table)} WHERE {marks.Where(copy.Table)}", ct);
                using var buffer = new MemoryStream();
                await using (var raw = await conn.BeginRawBinaryCopyAsync(
                                 $"COPY (SELECT {copy.ColumnList} FROM public.{ScratchTables.Quote(copy.Table)} WHERE {marks.Where(copy.Table)} ORDER BY id) TO STDOUT (FORMAT BINARY)", ct))
                    await raw.CopyToAsync(buffer, ct);
                data.Add((copy, buffer.ToArray(), rows));
            }
            await BenchSql.CheckpointAsync(store, ct);

            // Into the empty copies: one transaction, one binary COPY per table, parents first, timed with the commit.
            var times = new List<TableTime>();
            var total = Stopwatch.StartNew();
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                foreach (var (copy, bytes, rows) in data)
                {
                    var watch = Stopwatch.StartNew();
                    await using (var raw = await conn.BeginRawBinaryCopyAsync($"COPY {copy.Qualified} ({copy.ColumnList}) FROM STDIN (FORMAT BINARY)", ct))
                        await raw.WriteAsync(bytes, ct);
                    times.Add(new TableTime(copy.Table, rows, bytes.Length, watch.Elapsed));
                }
                await tx.CommitAsync(ct);
            }
            total.Stop();

            foreach (var t in times)
            {
                var written = await ScratchTables.LongAsync(conn, $"SELECT COUNT(*) FROM {copies.Single(c => c.Table == t.Table).Qualified}", ct);
                if (written != t.Rows) throw new InvalidOperationException($"The floor's COPY into {t.Table} wrote {written} rows, not {t.Rows}.");
            }
            return new Result(times, total.Elapsed, string.Join("; ", description));
        }
        finally
        {
            await ScratchTables.DropAsync(conn, Schema, CancellationToken.None);
        }
    }
}
