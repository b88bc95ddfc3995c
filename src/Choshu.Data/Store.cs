using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace Choshu.Data;

public enum StoreProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which store a command talks to. A connection string starting <c>Host=</c> selects PostgreSQL,
/// one starting <c>Data Source=</c> selects SQLite; the default is the embedded SQLite file
/// <c>./data/choshu.db</c>. <c>--db</c> wins over <c>CHOSHU_DB</c>, which wins over the default.
/// </summary>
public sealed record Store(StoreProvider Provider, string ConnectionString)
{
    public const string DefaultConnectionString = "Data Source=./data/choshu.db";
    public const string EnvironmentVariable = "CHOSHU_DB";

    /// <summary>Names the key file that protects My Numbers at rest (docs/operations.md "個人番号の暗号鍵").</summary>
    public const string KeysEnvironmentVariable = "CHOSHU_KEYS_FILE";

    /// <summary>
    /// The key file for this store when given explicitly (<c>--keys</c>, or a test's own file); wins
    /// over <see cref="KeysEnvironmentVariable"/>. See <see cref="ResolveKeysFile"/>.
    /// </summary>
    public string? KeysFile { get; init; }

    /// <summary>
    /// Where this store's key file is: <see cref="KeysFile"/>, else CHOSHU_KEYS_FILE, else for a SQLite
    /// file the file of the same name with extension ".keys" beside it (./data/choshu.db →
    /// ./data/choshu.keys); null for PostgreSQL (and in-memory SQLite) with neither set.
    /// </summary>
    public string? ResolveKeysFile()
    {
        if (!string.IsNullOrWhiteSpace(KeysFile)) return KeysFile;
        if (Environment.GetEnvironmentVariable(KeysEnvironmentVariable) is { Length: > 0 } env) return env;
        if (Provider != StoreProvider.Sqlite) return null;
        var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:" || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return null;
        var keys = Path.ChangeExtension(path, ".keys");
        return keys == path ? path + ".keys" : keys;
    }

    public static Store Resolve(string? option) =>
        Parse(!string.IsNullOrWhiteSpace(option) ? option
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env
            : DefaultConnectionString);

    public static Store Parse(string connectionString)
    {
        var cs = connectionString.Trim();
        if (cs.StartsWith("Host=", StringComparison.OrdinalIgnoreCase))
            return new Store(StoreProvider.Postgres, cs);
        if (cs.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase))
            return new Store(StoreProvider.Sqlite, cs);
        throw new ArgumentException(
            "接続文字列は Host=（PostgreSQL）または Data Source=（SQLite）で始めてください。");
    }

    /// <summary>A description safe to print: the provider and, for PostgreSQL, host and database only (never a password).</summary>
    public string Describe()
    {
        if (Provider == StoreProvider.Sqlite)
            return $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }

    public ChoshuDbContext CreateContext()
    {
        if (Provider == StoreProvider.Postgres)
            return new PostgresChoshuDbContext(PostgresOptions.GetOrAdd(ConnectionString, static cs => new DbContextOptionsBuilder<PostgresChoshuDbContext>()
                .UseNpgsql(WithPostgresDefaults(cs), n => n.MigrationsHistoryTable("__ef_migrations_history"))
                .UseSnakeCaseNamingConvention().Options));
        EnsureSqliteDirectory();
        return new SqliteChoshuDbContext(SqliteOptions.GetOrAdd(ConnectionString, static cs => new DbContextOptionsBuilder<SqliteChoshuDbContext>()
            .UseSqlite(cs, n => n.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention().Options));
    }

    // The options of a connection string, built once per process (they are immutable and shared, as AddDbContext shares
    // them): a context per web request no longer parses its connection string twice and builds its options again.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, DbContextOptions<PostgresChoshuDbContext>> PostgresOptions = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, DbContextOptions<SqliteChoshuDbContext>> SqliteOptions = new(StringComparer.Ordinal);

    /// <summary>
    /// A context on an open connection, enlisted in its transaction: EF reads see exactly what the bulk
    /// writer on that connection has written so far, and commit or roll back with it.
    /// </summary>
    public async Task<ChoshuDbContext> CreateContextAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, CancellationToken ct = default)
    {
        ChoshuDbContext db = Provider == StoreProvider.Postgres
            ? new PostgresChoshuDbContext(new DbContextOptionsBuilder<PostgresChoshuDbContext>()
                .UseNpgsql(connection, n => n.MigrationsHistoryTable("__ef_migrations_history")).UseSnakeCaseNamingConvention().Options)
            : new SqliteChoshuDbContext(new DbContextOptionsBuilder<SqliteChoshuDbContext>()
                .UseSqlite(connection, n => n.MigrationsHistoryTable("__ef_migrations_history")).UseSnakeCaseNamingConvention().Options);
        if (transaction is not null) await db.Database.UseTransactionAsync(transaction, ct);
        return db;
    }

    /// <summary>
    /// PostgreSQL connection defaults, each applied only when the connection string does not name it:
    /// <list type="bullet">
    /// <item><c>Max Auto Prepare=64;Auto Prepare Min Usages=2</c>: Npgsql prepares a statement on a
    /// connection the second time it runs there, so the server parses and plans each of the
    /// application's queries once per connection instead of at every request. The cache is per
    /// connection and bounded; <c>Max Auto Prepare=0</c> turns it off.</item>
    /// <item><c>No Reset On Close=true</c>: a connection given back to the pool is not reset. Npgsql's reset sends five
    /// statements (CLOSE ALL, UNLISTEN *, pg_advisory_unlock_all(), DISCARD SEQUENCES, DISCARD TEMP) ahead of the next
    /// command on it, and EF gives the connection back after every query outside a transaction: a staff page paid it
    /// several times. The application leaves no session state on a pooled connection (its settings are SET LOCAL, its
    /// locks transaction-scoped, no temporary tables, cursors or LISTEN); the bulk writer, which takes session locks,
    /// keeps the reset (<see cref="Bulk.BulkWriter"/>). An open transaction is still rolled back on close.</item>
    /// <item><c>Maximum Pool Size=20</c> (Npgsql's own default is 100, PostgreSQL's
    /// <c>max_connections</c> is 100 too): under 200 concurrent staff sessions the web application
    /// opened a connection per request in flight until the server refused new ones
    /// (<c>53300 too many clients</c>). Twenty busy connections are more than a small server's cores
    /// can serve at once; further requests wait for a free connection (Npgsql's <c>Timeout</c>,
    /// 15 s) instead of failing. Raise it with <c>Maximum Pool Size=N</c> on a bigger server.</item>
    /// </list>
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var named = Keywords(connectionString);
        if (!named.Contains("maxautoprepare")) b.MaxAutoPrepare = 64;
        if (!named.Contains("autoprepareminusages")) b.AutoPrepareMinUsages = 2;
        if (!named.Contains("noresetonclose")) b.NoResetOnClose = true;
        if (!named.Contains("maximumpoolsize") && !named.Contains("maxpoolsize")) b.MaxPoolSize = DefaultMaxPoolSize;
        return b.ConnectionString;
    }

    /// <summary>The keywords a connection string names, lower case without spaces ("Max Pool Size" → "maxpoolsize").</summary>
    private static HashSet<string> Keywords(string connectionString)
    {
        var generic = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return generic.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
    }

    /// <summary>The pool size <see cref="WithPostgresDefaults"/> sets when the connection string names none.</summary>
    public const int DefaultMaxPoolSize = 20;

    private void EnsureSqliteDirectory()
    {
        var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:") return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresChoshuDbContext</c> build the model.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresChoshuDbContext>
{
    public PostgresChoshuDbContext CreateDbContext(string[] args) =>
        (PostgresChoshuDbContext)new Store(StoreProvider.Postgres, "Host=localhost;Database=choshu_design").CreateContext();
}

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteChoshuDbContext</c> build the model.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteChoshuDbContext>
{
    public SqliteChoshuDbContext CreateDbContext(string[] args) =>
        (SqliteChoshuDbContext)new Store(StoreProvider.Sqlite, "Data Source=design.db").CreateContext();
}
