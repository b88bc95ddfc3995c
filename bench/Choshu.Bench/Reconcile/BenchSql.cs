using System.Data.Common;
using Choshu.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Choshu.Bench.Reconcile;

/// <summary>Plain SQL against the benchmark's store (setup, reset and checks: never timed).</summary>
public static class BenchSql
{
    public static async Task<DbConnection> OpenAsync(Store store, CancellationToken ct)
    {
        DbConnection conn = store.Provider == StoreProvider.Postgres
            ? new NpgsqlConnection(store.ConnectionString)
            : new SqliteConnection(store.ConnectionString);
        await conn.OpenAsync(ct);
        return conn;
    }

    public static async Task ExecuteAsync(Store store, string sql, CancellationToken ct)
    {
        await using var conn = await OpenAsync(store, ct);
        await ExecuteAsync(conn, sql, ct);
    }

    public static async Task ExecuteAsync(DbConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task<long> ScalarAsync(Store store, string sql, CancellationToken ct)
    {
        await using var conn = await OpenAsync(store, ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>PostgreSQL: flushes dirty pages so that every timed part starts from the same place (nothing on SQLite).</summary>
    public static async Task CheckpointAsync(Store store, CancellationToken ct)
    {
        if (store.Provider == StoreProvider.Postgres) await ExecuteAsync(store, "CHECKPOINT", ct);
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
