using System.Collections.Concurrent;
using Choshu.Data;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Stores;

/// <summary>
/// Small reference tables that a page reads at every request (税目, 延滞金の割合, 課・係の名称), kept in memory per
/// process and per database (provider, host, port and database, or the SQLite file) for at most <see cref="Lifetime"/>.
/// Safe invalidation:
/// <list type="bullet">
/// <item>every writer of these tables in this process calls <see cref="Invalidate"/> for its database after its change
/// (<see cref="StoreInitializer"/>, <c>OrgUnits</c>, <c>Employers.EnsureTaxKindAsync</c>): the next read loads again;</item>
/// <item>a change made by another process (another CLI command, a second web server) is seen within <see cref="Lifetime"/>;</item>
/// <item>only what was read outside a transaction is kept (a read inside one may see the transaction's own uncommitted
/// change): inside a transaction the table is always read.</item>
/// </list>
/// </summary>
public static class ReferenceCache
{
    /// <summary>How long a table read from the store is used before it is read again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private sealed record Entry(long Version, long LoadedAtMs, object Value);

    private sealed class Database
    {
        public long Version;
        public readonly ConcurrentDictionary<string, Entry> Tables = new(StringComparer.Ordinal);
    }

    private static readonly ConcurrentDictionary<string, string?> Identities = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Database> Databases = new(StringComparer.Ordinal);

    /// <summary>Forgets the tables kept for <paramref name="db"/>'s database (a writer in this process changed one).</summary>
    public static void Invalidate(ChoshuDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Of(db) is { } d) Interlocked.Increment(ref d.Version);
    }

    /// <summary>The table <paramref name="what"/> of <paramref name="db"/>'s database: kept, or read with <paramref name="load"/>.</summary>
    public static async Task<T> GetAsync<T>(ChoshuDbContext db, string what, Func<ChoshuDbContext, CancellationToken, Task<T>> load, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(load);
        if (db.Database.CurrentTransaction is not null || Of(db) is not { } d) return await load(db, ct);
        var version = Volatile.Read(ref d.Version);
        var now = Environment.TickCount64;
        if (d.Tables.TryGetValue(what, out var kept) && kept.Version == version && now - kept.LoadedAtMs < (long)Lifetime.TotalMilliseconds)
            return (T)kept.Value;
        var value = await load(db, ct);
        d.Tables[what] = new Entry(version, now, value);
        return value;
    }

    private static Database? Of(ChoshuDbContext db)
    {
        if (db.Database.GetConnectionString() is not { Length: > 0 } cs) return null;
        var identity = Identities.GetOrAdd((int)db.Provider + "|" + cs, static key => Identify(key));
        return identity is null ? null : Databases.GetOrAdd(identity, static _ => new Database());
    }

    /// <summary>The database a connection string names, whatever else it says (pool size, password, timeouts); null for an in-memory SQLite one.</summary>
    private static string? Identify(string key)
    {
        var split = key.IndexOf('|', StringComparison.Ordinal);
        var provider = (StoreProvider)int.Parse(key[..split], System.Globalization.CultureInfo.InvariantCulture);
        var cs = key[(split + 1)..];
        if (provider == StoreProvider.Postgres)
        {
            var b = new Npgsql.NpgsqlConnectionStringBuilder(cs);
            return $"pg:{b.Host}:{b.Port}/{b.Database}";
        }
        var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return null;
        return "sqlite:" + Path.GetFullPath(source);
    }
}
