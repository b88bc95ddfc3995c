using System.CommandLine;
using Choshu.App.Reconciliation;

namespace Choshu.Bench.Reconcile;

/// <summary>
/// <c>reconcile --db "Host=…" --taxpayers 600000 --payments 1000000 [--reuse-city]</c> or
/// <c>reconcile --sqlite PATH --taxpayers 20000 --payments 100000</c>: see <see cref="ReconcileBenchmark"/>.
/// </summary>
public static class ReconcileCommand
{
    public static Command Create()
    {
        var db = new Option<string?>("--db") { Description = "PostgreSQL connection string (Host=…;Database=…); the database is created when missing" };
        var sqlite = new Option<string?>("--sqlite") { Description = "SQLite file instead of PostgreSQL" };
        var taxpayers = new Option<int>("--taxpayers") { Description = "Taxpayers of the synthetic city", Required = true };
        var payments = new Option<int>("--payments") { Description = "Payment records to reconcile (money records, duplicates included)", DefaultValueFactory = _ => 1_000_000 };
        var reuse = new Option<bool>("--reuse-city") { Description = "Reuse the city already in the store (same number of taxpayers) instead of seeding a new one" };
        var seed = new Option<long>("--seed") { Description = "Seed of the city and of the payment files", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch-size") { Description = "Records per import transaction", DefaultValueFactory = _ => PaymentImport.DefaultBatchSize };
        var workDir = new Option<string?>("--work-dir") { Description = "Directory for the payment files (default: a new temporary directory, deleted afterwards)" };
        var keys = new Option<string?>("--keys") { Description = "My Number key file for seeding (default CHOSHU_KEYS_FILE, else ~/.choshu-bench/DATABASE.keys for PostgreSQL, created when missing)" };
        var naive = new Option<int>("--naive-sample") { Description = "Payments the naive peer books one statement at a time, each in its own transaction (PostgreSQL; 0 leaves it out)", DefaultValueFactory = _ => ReconcileOptions.DefaultNaiveSample };
        var json = new Option<string?>("--json") { Description = "Also write the summary (import, phases, bare and indexed COPY, floor, naive peer, rows, checks) as JSON to this file" };
        var command = new Command("reconcile", "choshu import payments end to end (file → committed journal) against a synthetic city, beside a bare binary COPY of as many payment rows, the floor (a binary COPY of the rows the import wrote into empty copies of its tables) and a naive peer (one statement at a time)")
        {
            db, sqlite, taxpayers, payments, reuse, seed, batch, workDir, keys, naive, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new ReconcileOptions(
                parse.GetValue(db), parse.GetValue(sqlite), parse.GetValue(taxpayers), parse.GetValue(payments),
                parse.GetValue(reuse), parse.GetValue(seed), parse.GetValue(batch), parse.GetValue(workDir),
                parse.GetValue(keys), parse.GetValue(naive), parse.GetValue(json));
            var problem = options.Validate();
            if (problem is not null)
            {
                await Console.Error.WriteLineAsync(problem);
                return 2;
            }
            var ok = await new ReconcileBenchmark(options, Console.Out).RunAsync(ct);
            return ok ? 0 : 1;
        });
        return command;
    }
}
