using System.Globalization;
using Choshu.Data;

namespace Choshu.Bench.Reconcile;

/// <summary>
/// PostgreSQL's write-ahead log and buffer statistics (pg_stat_wal, pg_stat_bgwriter; server-wide, so
/// other databases' work is included) before and after something timed: how much WAL it wrote, how
/// much of it full-page images, how many checkpoints it caused.
/// </summary>
public sealed record ServerStats(long WalRecords, long WalFpi, long WalBytes, long Checkpoints, long BackendWrites)
{
    public static async Task<ServerStats?> ReadAsync(Store store, CancellationToken ct)
    {
        if (store.Provider != StoreProvider.Postgres) return null;
        await using var conn = await BenchSql.OpenAsync(store, ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText =
            """
            SELECT w.wal_records, w.wal_fpi, w.wal_bytes::bigint, b.checkpoints_timed + b.checkpoints_req, b.buffers_backend
            FROM pg_stat_wal w, pg_stat_bgwriter b
            """;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new ServerStats(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    public string DescribeSince(ServerStats before) => string.Create(CultureInfo.InvariantCulture,
        $"WAL {(WalBytes - before.WalBytes) / 1e9:N2} GB in {WalRecords - before.WalRecords:N0} records, {WalFpi - before.WalFpi:N0} full-page images; {Checkpoints - before.Checkpoints} checkpoints; {BackendWrites - before.BackendWrites:N0} buffers written by backends");
}
