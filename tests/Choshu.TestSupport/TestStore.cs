using Choshu.App.Privacy;
using Choshu.App.Stores;
using Choshu.Data;
using Npgsql;

namespace Choshu.TestSupport;

/// <summary>
/// A fresh, migrated store for one test: a new database on the real PostgreSQL server named by
/// CHOSHU_TEST_PG (which ./test.sh starts and exports), or a new SQLite file. Dropped afterwards.
/// A missing server is a failure, never a skip. Each store has its own My Number key file (mode 0600):
/// for SQLite the ".keys" file beside the database, which <c>db init</c> creates; for PostgreSQL a file
/// in the temp directory. <see cref="Store"/> names it (<see cref="Store.KeysFile"/>) so tests never
/// touch the process environment; CLI tests pass it on with <c>--keys</c>. Deleted afterwards.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string AdminVariable = "CHOSHU_TEST_PG";
    private readonly string? _pgDatabase;
    private readonly string? _sqlitePath;

    private TestStore(Store store, string? pgDatabase, string? sqlitePath)
    {
        KeysFile = store.KeysFile!;
        Store = store;
        _pgDatabase = pgDatabase;
        _sqlitePath = sqlitePath;
    }

    public Store Store { get; }

    /// <summary>This store's key file.</summary>
    public string KeysFile { get; }

    public ChoshuDbContext Open() => Store.CreateContext();

    public static Task<TestStore> CreateAsync(StoreProvider provider) =>
        provider == StoreProvider.Postgres ? CreatePostgresAsync() : CreateSqliteAsync();

    /// <summary>
    /// Every test database is UTF-8 with the C.UTF-8 locale, whatever the cluster's defaults (a cluster
    /// created where LANG is unset would be SQL_ASCII with locale C): Japanese text is stored and
    /// compared as characters, and pg_trgm counts kana and kanji as letters, so the name search's
    /// trigram indexes serve Japanese terms as they do in production (operations.md).
    /// </summary>
    public const string CreateDatabaseOptions = "TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'";

    public static async Task<TestStore> CreatePostgresAsync()
    {
        var admin = AdminConnectionString();
        var name = "choshu_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name} {CreateDatabaseOptions}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        var keys = Path.Combine(Path.GetTempPath(), name + ".keys");
        KeyRingFile.CreateNew(keys, TimeProvider.System.GetUtcNow().UtcDateTime);
        var store = Store.Parse(cs) with { KeysFile = keys };
        await StoreInitializer.InitializeAsync(store);
        return new TestStore(store, name, null);
    }

    public static async Task<TestStore> CreateSqliteAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), "choshu-test-" + Guid.NewGuid().ToString("N") + ".db");
        var store = Store.Parse($"Data Source={path}") with { KeysFile = Path.ChangeExtension(path, ".keys") };
        await StoreInitializer.InitializeAsync(store); // creates the key file
        return new TestStore(store, null, path);
    }

    public static string AdminConnectionString() =>
        Environment.GetEnvironmentVariable(AdminVariable) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"{AdminVariable} is not set: run the tests with ./test.sh, which installs and starts PostgreSQL 15.");

    public async ValueTask DisposeAsync()
    {
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(AdminConnectionString());
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
                if (File.Exists(f)) File.Delete(f);
        }
        foreach (var f in new[] { KeysFile, KeysFile + ".lock" })
            if (File.Exists(f)) File.Delete(f);
    }
}
