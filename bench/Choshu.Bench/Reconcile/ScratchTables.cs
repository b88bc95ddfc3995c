using System.Globalization;
using Npgsql;

namespace Choshu.Bench.Reconcile;

/// <summary>
/// PostgreSQL: empty copies of the store's tables in a scratch schema of the benchmark's own database, with the same
/// columns, defaults, key, indexes and checks (<c>LIKE … INCLUDING ALL</c>), the same foreign keys (each pointing at the
/// table the original points at, in <c>public</c>: the city and the rows the import wrote, so every key the copied rows
/// name is found there) and the same non-internal triggers. What the floor and the naive peer write into; dropped afterwards.
/// </summary>
public static class ScratchTables
{
    /// <summary>One table's copy: its qualified name and its columns (name and type as <c>format_type</c> gives it), in order.</summary>
    public sealed record Copy(string Table, string Qualified, IReadOnlyList<(string Name, string Type)> Columns)
    {
        public string ColumnList => string.Join(", ", Columns.Select(c => Quote(c.Name)));
    }

    /// <summary>Drops and creates <paramref name="schema"/> with an empty copy of each of <paramref name="tables"/> (in <c>public</c>).</summary>
    public static async Task<IReadOnlyList<Copy>> CreateAsync(NpgsqlConnection conn, string schema, IReadOnlyList<string> tables, CancellationToken ct)
    {
        await ExecAsync(conn, $"DROP SCHEMA IF EXISTS {Quote(schema)} CASCADE", ct);
        await ExecAsync(conn, $"CREATE SCHEMA {Quote(schema)}", ct);
        // Definitions are read with only pg_catalog on the search path, so every table they name comes schema-qualified (public.installments).
        await ExecAsync(conn, "SET search_path = pg_catalog", ct);
        try
        {
            var copies = new List<Copy>();
            foreach (var table in tables)
            {
                var qualified = $"{Quote(schema)}.{Quote(table)}";
                var original = $"public.{Quote(table)}";
                await ExecAsync(conn, $"CREATE TABLE {qualified} (LIKE {original} INCLUDING ALL)", ct);
                foreach (var (name, definition) in await PairsAsync(conn,
                             $"SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid = '{original}'::regclass ORDER BY conname", ct))
                    await ExecAsync(conn, $"ALTER TABLE {qualified} ADD CONSTRAINT {Quote(name)} {definition}", ct);
                foreach (var (_, definition) in await PairsAsync(conn,
                             $"SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = '{original}'::regclass ORDER BY tgname", ct))
                    await ExecAsync(conn, definition.Replace($" ON {original} ", $" ON {qualified} ", StringComparison.Ordinal)
                                                    .Replace($" ON public.{table} ", $" ON {qualified} ", StringComparison.Ordinal), ct);
                var columns = await PairsAsync(conn,
                    $"SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '{original}'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum", ct);
                copies.Add(new Copy(table, qualified, columns));
            }
            return copies;
        }
        finally
        {
            await ExecAsync(conn, "RESET search_path", ct);
        }
    }

    /// <summary>What a copy holds: indexes, foreign keys and triggers, for the log.</summary>
    public static async Task<string> DescribeAsync(NpgsqlConnection conn, Copy copy, CancellationToken ct)
    {
        var indexes = await LongAsync(conn, $"SELECT COUNT(*) FROM pg_index WHERE indrelid = '{copy.Qualified}'::regclass", ct);
        var keys = await LongAsync(conn, $"SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = '{copy.Qualified}'::regclass", ct);
        var triggers = await LongAsync(conn, $"SELECT COUNT(*) FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = '{copy.Qualified}'::regclass", ct);
        return string.Create(CultureInfo.InvariantCulture, $"{copy.Table}: {indexes} indexes, {keys} foreign keys, {triggers} triggers");
    }

    public static Task DropAsync(NpgsqlConnection conn, string schema, CancellationToken ct) =>
        ExecAsync(conn, $"DROP SCHEMA IF EXISTS {Quote(schema)} CASCADE", ct);

    public static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task<long> LongAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private static async Task<List<(string, string)>> PairsAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        var result = new List<(string, string)>();
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.Add((reader.GetString(0), reader.GetString(1)));
        return result;
    }

    public static string Quote(string identifier) => BenchSql.Quote(identifier);
}
