using Choshu.Data;

namespace Choshu.Bench.Web;

/// <summary>The options of <c>web</c>; see <see cref="WebCommand"/>.</summary>
public sealed record WebOptions(
    string Db,
    int Taxpayers,
    int Sessions,
    int DurationSeconds,
    int WarmupSeconds,
    int ThinkMs,
    bool ReuseCity,
    long Seed,
    string? KeysFile,
    bool TraceSql,
    int MaxPoolSize)
{
    /// <summary>The store, with its key file (seeding seals My Numbers with it; sign-in unseals the TOTP keys).</summary>
    public Store Store => Store.Parse(ConnectionString) with { KeysFile = KeysFileOrDefault };

    /// <summary>--db, with Maximum Pool Size when --max-pool-size was given (PostgreSQL).</summary>
    public string ConnectionString =>
        MaxPoolSize > 0 && Db.StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
            ? new Npgsql.NpgsqlConnectionStringBuilder(Db) { MaxPoolSize = MaxPoolSize }.ConnectionString
            : Db;

    /// <summary>--keys, else CHOSHU_KEYS_FILE, else ~/.choshu-bench/DATABASE.keys (PostgreSQL) or the file beside a SQLite store.</summary>
    public string? KeysFileOrDefault => KeysFileFor(KeysFile, Db);

    /// <summary>
    /// The key file a benchmark uses for <paramref name="db"/>: <paramref name="keysOption"/> (--keys), else CHOSHU_KEYS_FILE,
    /// else ~/.choshu-bench/DATABASE.keys for PostgreSQL; null for SQLite (the store's own file beside the database).
    /// <see cref="WebBenchmark.EnsureKeyFile(Store, TextWriter)"/> creates it when missing.
    /// </summary>
    public static string? KeysFileFor(string? keysOption, string db)
    {
        if (!string.IsNullOrWhiteSpace(keysOption)) return keysOption;
        if (Environment.GetEnvironmentVariable(Store.KeysEnvironmentVariable) is { Length: > 0 } env) return env;
        if (!db.TrimStart().StartsWith("Host=", StringComparison.OrdinalIgnoreCase)) return null;
        var database = new Npgsql.NpgsqlConnectionStringBuilder(db).Database ?? "choshu";
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".choshu-bench", database + ".keys");
    }

    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Db)) return "--db is required (Host=…;Database=… for PostgreSQL, or Data Source=… for SQLite).";
        try
        {
            _ = Store.Parse(Db);
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
        if (Taxpayers < 1) return "--taxpayers must be at least 1.";
        if (Sessions is < 1 or > 999) return "--sessions must be between 1 and 999 (staff numbers 70000001…).";
        if (DurationSeconds < 1) return "--duration must be at least 1 second.";
        if (WarmupSeconds < 0) return "--warmup must not be negative.";
        if (ThinkMs < 0) return "--think-ms must not be negative.";
        return null;
    }
}
