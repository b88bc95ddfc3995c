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
    string? WorkDir)
{
    public Store Store => Db is not null ? Store.Parse(Db) : Store.Parse($"Data Source={SqlitePath}");

    /// <summary>Null when the options make sense, else why not.</summary>
    public string? Validate()
    {
        if ((Db is null) == (SqlitePath is null)) return "Give exactly one of --db (PostgreSQL) and --sqlite PATH.";
        if (Db is not null && !Db.TrimStart().StartsWith("Host=", StringComparison.OrdinalIgnoreCase))
            return "--db takes a PostgreSQL connection string starting Host=.";
        if (Taxpayers < 1) return "--taxpayers must be at least 1.";
        if (Payments < 1000) return "--payments must be at least 1,000.";
        if (BatchSize < 1) return "--batch-size must be at least 1.";
        return null;
    }
}
