using System.CommandLine;

namespace Choshu.Bench.Web;

/// <summary>
/// <c>web --db "Host=…;Database=choshu_bench_web" --taxpayers 600000 --sessions 200 --duration 60 [--reuse-city]</c>:
/// the taxpayer page under concurrent signed-in sessions; see <see cref="WebBenchmark"/>.
/// </summary>
public static class WebCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "Connection string (Host=… for PostgreSQL; the database is created when missing, dropped and seeded again without --reuse-city)", Required = true };
        var taxpayers = new Option<int>("--taxpayers") { Description = "Taxpayers of the synthetic city", DefaultValueFactory = _ => 600_000 };
        var sessions = new Option<int>("--sessions") { Description = "Concurrent signed-in sessions, one staff account each (70000001…)", DefaultValueFactory = _ => 200 };
        var duration = new Option<int>("--duration") { Description = "Seconds measured", DefaultValueFactory = _ => 60 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of load before the measurement, not counted (the JIT is still optimising for the first minute)", DefaultValueFactory = _ => 60 };
        var think = new Option<int>("--think-ms") { Description = "Mean pause of each session between a page and its next request, ms (uniform 0.5–1.5 × this; 0 = back to back)", DefaultValueFactory = _ => 1_000 };
        var reuse = new Option<bool>("--reuse-city") { Description = "Use the city already in the store (same number of taxpayers; migrated) instead of seeding a new one" };
        var seed = new Option<long>("--seed") { Description = "Seed of the city and of the random choice of taxpayers", DefaultValueFactory = _ => 1 };
        var keys = new Option<string?>("--keys") { Description = "My Number key file (default CHOSHU_KEYS_FILE, else ~/.choshu-bench/DATABASE.keys; created when missing)" };
        var traceSql = new Option<bool>("--trace-sql") { Description = "Count and time every SQL command during the measurement (Npgsql tracing; adds overhead)" };
        var pool = new Option<int>("--max-pool-size") { Description = "Npgsql Maximum Pool Size for the run (default: the connection string's, else Store.DefaultMaxPoolSize, 20)" };
        var command = new Command("web", "The taxpayer page (/Taxpayers/View/{handle}) under concurrent signed-in sessions against a synthetic city, on Kestrel in this process")
        {
            db, taxpayers, sessions, duration, warmup, think, reuse, seed, keys, traceSql, pool,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new WebOptions(parse.GetValue(db)!, parse.GetValue(taxpayers), parse.GetValue(sessions), parse.GetValue(duration),
                parse.GetValue(warmup), parse.GetValue(think), parse.GetValue(reuse), parse.GetValue(seed), parse.GetValue(keys),
                parse.GetValue(traceSql), parse.GetValue(pool));
            var problem = options.Validate();
            if (problem is not null)
            {
                await Console.Error.WriteLineAsync(problem);
                return 2;
            }
            return await new WebBenchmark(options, Console.Out).RunAsync(ct) ? 0 : 1;
        });
        return command;
    }
}
