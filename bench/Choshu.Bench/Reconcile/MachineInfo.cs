using System.Globalization;
using System.Runtime.InteropServices;
using Choshu.Data;

namespace Choshu.Bench.Reconcile;

/// <summary>The machine and the store's server, in one line for the record.</summary>
public static class MachineInfo
{
    public static async Task<string> DescribeAsync(Store store, CancellationToken ct)
    {
        var server = "n/a";
        try
        {
            // Not the benchmark's own database: it may be about to be dropped (PostgreSQL) or deleted (SQLite).
            var probe = store.Provider == StoreProvider.Postgres
                ? store with { ConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(store.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString }
                : store with { ConnectionString = "Data Source=:memory:" };
            await using var conn = await BenchSql.OpenAsync(probe, ct);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = store.Provider == StoreProvider.Postgres ? "SELECT version()" : "SELECT 'SQLite ' || sqlite_version()";
            server = (string?)await cmd.ExecuteScalarAsync(ct) ?? "n/a";
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            // a database not created yet: the server's version comes with the results
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"machine: {Environment.ProcessorCount} cores, {MemoryGiB():N1} GiB, {OperatingSystem()}, {RuntimeInformation.FrameworkDescription}, server {server}; load average {MachineLoad.LoadAverage()}");
    }

    private static double MemoryGiB()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / (1024 * 1024);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string OperatingSystem()
    {
        try
        {
            return $"{RuntimeInformation.OSDescription} (Debian {File.ReadAllText("/etc/debian_version").Trim()})";
        }
        catch (IOException)
        {
            return RuntimeInformation.OSDescription;
        }
    }
}
