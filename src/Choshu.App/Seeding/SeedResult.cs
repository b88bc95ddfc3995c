namespace Choshu.App.Seeding;

/// <summary>What a seed run wrote, and how long it took.</summary>
public sealed record SeedResult(
    int Taxpayers,
    long Seed,
    DateOnly Today,
    IReadOnlyList<int> FiscalYears,
    IReadOnlyDictionary<string, long> RowsByTable,
    long Charges,
    long Payments,
    TimeSpan Elapsed)
{
    public long TotalRows => RowsByTable.Values.Sum();

    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? TotalRows / Elapsed.TotalSeconds : 0;
}
