using System.Globalization;
using Choshu.Data;
using Npgsql;

namespace Choshu.Bench.Reconcile;

/// <summary>
/// Where the server found the pages it needed while something ran: shared-buffer hits and reads (from the operating
/// system, whose cache holds most of the store on this machine) per table heap and per index of the benchmark's database
/// (pg_statio_user_tables, pg_statio_user_indexes). Random probes into a large index show as many distinct pages, most
/// of them reads when the index is larger than shared_buffers. Statistics reach those views when a backend ends or goes
/// idle, so the pools are cleared (their backends end) and a second passes before the second snapshot.
/// </summary>
public sealed class BufferUse
{
    private readonly Dictionary<string, (long Hit, long Read)> _byRelation;

    private BufferUse(Dictionary<string, (long Hit, long Read)> byRelation) => _byRelation = byRelation;

    public static async Task<BufferUse?> ReadAsync(Store store, bool flush, CancellationToken ct)
    {
        if (store.Provider != StoreProvider.Postgres) return null;
        if (flush)
        {
            NpgsqlConnection.ClearAllPools();
            await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
        }
        await using var conn = await BenchSql.OpenAsync(store, ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText =
            """
            SELECT relname || ' (heap)', COALESCE(heap_blks_hit, 0), COALESCE(heap_blks_read, 0) FROM pg_statio_user_tables WHERE schemaname = 'public'
            UNION ALL
            SELECT indexrelname, COALESCE(idx_blks_hit, 0), COALESCE(idx_blks_read, 0) FROM pg_statio_user_indexes WHERE schemaname = 'public'
            """;
        var byRelation = new Dictionary<string, (long, long)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) byRelation[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        return new BufferUse(byRelation);
    }

    /// <summary>The relations with the most pages touched since <paramref name="before"/>: (relation, hits, reads).</summary>
    public List<(string Relation, long Hits, long Reads)> Since(BufferUse before, int top) =>
        _byRelation.Select(kv =>
            {
                var was = before._byRelation.GetValueOrDefault(kv.Key);
                return (Relation: kv.Key, Hits: kv.Value.Hit - was.Hit, Reads: kv.Value.Read - was.Read);
            })
            .Where(x => x.Hits + x.Reads > 0)
            .OrderByDescending(x => x.Hits + x.Reads)
            .Take(top)
            .ToList();

    public static string Describe(List<(string Relation, long Hits, long Reads)> rows) => string.Join(", ", rows.Select(r =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Relation} {r.Hits + r.Reads:N0} pages ({r.Reads * 100.0 / Math.Max(1, r.Hits + r.Reads):N0}% read)")));
}
