using System.Diagnostics;
using System.Globalization;
using Choshu.App.Seeding;
using Choshu.App.Stores;
using Choshu.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Choshu.Bench.Reconcile;

/// <summary>
/// The synthetic city the benchmark reconciles against: a new store (database dropped and created
/// again, SQLite file deleted) initialised as <c>choshu db init</c> does and seeded as
/// <c>choshu seed</c> does, or with <c>--reuse-city</c> the city already there. Either way the rows an
/// earlier benchmark run imported are removed first, so every run starts from the seeded city.
/// </summary>
public static class BenchCity
{
    /// <summary>What the seed writes and an import reads.</summary>
    private static readonly string[] s_cityTables = ["taxpayers", "assessments", "installments"];

    /// <summary>What an import writes, children before parents (the order they can be deleted in).</summary>
    private static readonly string[] s_importTables =
        ["journal_entries", "debit_failures", "payments", "quarantined_records", "import_runs", "import_files"];

    public static async Task<bool> PrepareAsync(Store store, ReconcileOptions options, TextWriter log, CancellationToken ct)
    {
        if (!await EnsureCityAsync(store, options.Taxpayers, options.Seed, options.ReuseCity, log, ct)) return false;
        await RemoveEarlierImportsAsync(store, log, ct);
        await VacuumAsync(store, [.. s_cityTables, .. s_importTables], log, ct);
        return true;
    }

    /// <summary>
    /// The city itself: without <paramref name="reuse"/> a new store seeded with <paramref name="taxpayers"/>;
    /// with it, the store as it is (migrated) when it holds that many taxpayers, seeded when empty. False,
    /// with the reason logged, when it holds a city of another size.
    /// </summary>
    public static async Task<bool> EnsureCityAsync(Store store, int taxpayersWanted, long seed, bool reuse, TextWriter log, CancellationToken ct)
    {
        if (!reuse) await DropAsync(store, log, ct);
        if (store.Provider == StoreProvider.Postgres) await CreateDatabaseIfMissingAsync(store, ct);
        var init = await StoreInitializer.InitializeAsync(store, ct);
        log.WriteLine($"store: {store.Describe()} initialised ({init.MigrationsApplied} migrations applied)");

        int taxpayers;
        await using (var db = store.CreateContext())
            taxpayers = await db.Taxpayers.CountAsync(ct);
        if (taxpayers == 0)
        {
            var watch = Stopwatch.StartNew();
            var result = await SyntheticCitySeeder.SeedAsync(store, new SeedOptions(taxpayersWanted, seed), TimeProvider.System, new SeedLog(log), ct);
            log.WriteLine(Invariant($"city: seeded {result.Taxpayers:N0} taxpayers, {result.TotalRows:N0} rows in {watch.Elapsed.TotalSeconds:N1} s"));
        }
        else if (taxpayers != taxpayersWanted)
        {
            log.WriteLine(Invariant($"The store holds a city of {taxpayers:N0} taxpayers, not {taxpayersWanted:N0}: leave out --reuse-city to build a new one."));
            return false;
        }
        else
        {
            log.WriteLine(Invariant($"city: reusing the {taxpayers:N0} taxpayers already in the store"));
        }
        return true;
    }

    private static async Task DropAsync(Store store, TextWriter log, CancellationToken ct)
    {
        if (store.Provider == StoreProvider.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(store.ConnectionString).DataSource;
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                if (File.Exists(file)) File.Delete(file);
            log.WriteLine($"store: {path} deleted, a new city will be seeded");
            return;
        }
        var (admin, name) = Admin(store);
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync(ct);
        NpgsqlConnection.ClearAllPools();
        await BenchSql.ExecuteAsync(conn, $"DROP DATABASE IF EXISTS {BenchSql.Quote(name)} WITH (FORCE)", ct);
        log.WriteLine($"store: database {name} dropped, a new city will be seeded");
    }

    private static async Task CreateDatabaseIfMissingAsync(Store store, CancellationToken ct)
    {
        var (admin, name) = Admin(store);
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", conn);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(ct) is null)
            await BenchSql.ExecuteAsync(conn, $"CREATE DATABASE {BenchSql.Quote(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'", ct);
    }

    /// <summary>The same server's maintenance database, and the benchmark database's name.</summary>
    private static (string Admin, string Name) Admin(Store store)
    {
        var b = new NpgsqlConnectionStringBuilder(store.ConnectionString);
        var name = b.Database ?? throw new InvalidOperationException("The --db connection string names no Database.");
        b.Database = "postgres";
        b.Pooling = false;
        return (b.ConnectionString, name);
    }

    /// <summary>
    /// Deletes what earlier benchmark runs imported (payments, their journal entries with the overpayment account and the
    /// replay's reversals and re-bookings, debit failures, import files). The seeded city has payments and payment entries
    /// of its own (since issue 12), written by the seed's actor: those stay, so a reused city is the city as seeded. One
    /// DELETE per table (entries that reverse or link to one another go in the same statement, which ON DELETE RESTRICT
    /// allows). Only ever done to the benchmark's own store.
    /// </summary>
    private static async Task RemoveEarlierImportsAsync(Store store, TextWriter log, CancellationToken ct)
    {
        var earlier = await BenchSql.ScalarAsync(store, "SELECT COUNT(*) FROM import_files", ct);
        if (earlier == 0) return;
        var watch = Stopwatch.StartNew();
        var notSeeded = $" WHERE actor <> '{SyntheticCityGenerator.Actor.Replace("'", "''", StringComparison.Ordinal)}'";
        foreach (var table in s_importTables)
            await BenchSql.ExecuteAsync(store, $"DELETE FROM {table}{(table is "journal_entries" or "payments" ? notSeeded : "")}", ct);
        log.WriteLine(Invariant($"store: removed the rows of {earlier} earlier benchmark imports in {watch.Elapsed.TotalSeconds:N1} s"));
    }

    /// <summary>
    /// PostgreSQL: VACUUM ANALYZE now, so that autovacuum has nothing to do on these tables while the
    /// benchmark is timed (it would compete for the same two cores); quick when it has been done before
    /// (the visibility map lets it skip every page nobody changed). Nothing on SQLite.
    /// </summary>
    public static async Task VacuumAsync(Store store, IEnumerable<string> tables, TextWriter log, CancellationToken ct)
    {
        if (store.Provider != StoreProvider.Postgres) return;
        var watch = Stopwatch.StartNew();
        foreach (var table in tables)
            await BenchSql.ExecuteAsync(store, $"VACUUM (ANALYZE) {table}", ct);
        log.WriteLine(Invariant($"store: VACUUM ANALYZE {string.Join(", ", tables)} in {watch.Elapsed.TotalSeconds:N1} s"));
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed class SeedLog(TextWriter log) : IProgress<SeedProgress>
    {
        private int _lastTenth = -1;

        public void Report(SeedProgress p)
        {
            var tenth = (int)(10L * p.TaxpayersWritten / p.TaxpayersTotal);
            if (p.Phase != SeedPhase.Writing || tenth == _lastTenth) return;
            _lastTenth = tenth;
            log.WriteLine(Invariant($"city: {p.TaxpayersWritten:N0} / {p.TaxpayersTotal:N0} taxpayers, {p.RowsWritten:N0} rows"));
        }
    }
}
