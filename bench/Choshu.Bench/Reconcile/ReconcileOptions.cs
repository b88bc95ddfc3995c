using Choshu.Data;

namespace Choshu.Bench.Reconcile;

/// <summary>What the reconcile benchmark runs against and how much it reconciles.</summary>
public sealed record ReconcileOptions(
    string? Db,
    string? SqlitePath,
    int Taxpayers,
    int Payments,
    bool ReuseCity,
    long Seed,
    int BatchSize,
    string? WorkDir,
    string? KeysFile = null,
    int NaiveSample = 1_000,
    string? JsonPath = null)
{
    /// <summary>Payments the naive peer (<see cref="NaivePeer"/>) books one statement at a time, unless --naive-sample says otherwise.</summary>
    public const int DefaultNaiveSample = 1_000;

    /// <summary>
    /// The store, with its key file (the seeder seals My Numbers with it): --keys, else CHOSHU_KEYS_FILE, else for
    /// PostgreSQL ~/.choshu-bench/DATABASE.keys, made by the benchmark when missing; for SQLite the file beside the database.
    /// </summary>
    public Store Store => Db is not null
        ? Store.Parse(Db) with { KeysFile = Web.WebOptions.KeysFileFor(KeysFile, Db) }
        : Store.Parse($"Data Source={SqlitePath}") with { KeysFile = KeysFile };

    /// <summary>Null when the options make sense, else why not.</summary>
    public string? Validate()
    {
        if ((Db is null) == (SqlitePath is null)) return "Give exactly one of --db (PostgreSQL) and --sqlite PATH.";
        if (Db is not null && !Db.TrimStart().StartsWith("Host=", StringComparison.OrdinalIgnoreCase))
            return "--db takes a PostgreSQL connection string starting Host=.";
        if (Taxpayers < 1) return "--taxpayers must be at least 1.";
        if (Payments < 1000) return "--payments must be at least 1,000.";
        if (BatchSize < 1) return "--batch-size must be at least 1.";
        if (NaiveSample < 0) return "--naive-sample must not be negative (0 leaves the naive peer out).";
        return null;
    }
}
