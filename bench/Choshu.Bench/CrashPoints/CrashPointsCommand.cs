using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Choshu.TestSupport;

namespace Choshu.Bench.CrashPoints;

/// <summary>
/// <c>crashpoints --admin "Host=…" --points N [--seed S] [--shapes K] [--choshu PATH]</c>: the payment import
/// ended at N seeded crash points on PostgreSQL and run again after each (<see cref="CrashPointHarness"/>;
/// docs/security.md「Crash points」). K shapes of bank file are drawn from seed S (shape seeds S·1000 + 0..K−1)
/// and each is traced; points then take every step of every shape in turn (all batch boundaries, all writes),
/// and once each step has had its turn, steps drawn at random from seed S. Without --choshu the run is ended
/// in this process by an exception (its transaction rolled back, as a killed connection's is); with --choshu
/// (the built choshu.dll) each point kills the real process with Environment.FailFast, slower.
/// Prints one line per failing point and a closing line: points, failures, distinct steps, seconds.
/// </summary>
public static class CrashPointsCommand
{
    public static Command Create()
    {
        var admin = new Option<string?>("--admin") { Description = "PostgreSQL admin connection string (default: CHOSHU_TEST_PG)" };
        var points = new Option<int>("--points") { Description = "Crash points to run", DefaultValueFactory = _ => 1_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the shapes and of the random points", DefaultValueFactory = _ => 1 };
        var shapes = new Option<int>("--shapes") { Description = "Shapes of file (each traced once)", DefaultValueFactory = _ => 8 };
        var choshu = new Option<string?>("--choshu") { Description = "choshu.dll: kill the real process at each point (FailFast) instead of ending the run in-process" };
        var command = new Command("crashpoints", "The payment import killed at seeded crash points on PostgreSQL, rerun after each") { admin, points, seed, shapes, choshu };
        command.SetAction(async (parse, ct) =>
        {
            var cs = parse.GetValue(admin) ?? Environment.GetEnvironmentVariable(TestStore.AdminVariable)
                ?? throw new InvalidOperationException("--admin or CHOSHU_TEST_PG is needed (source /work/wt/pgenv.sh or scripts/ensure-postgres.sh)");
            var s = parse.GetValue(seed);
            var n = parse.GetValue(points);
            var dll = parse.GetValue(choshu);
            var log = Console.Out;
            var watch = Stopwatch.StartNew();
            await using var harness = await CrashPointHarness.CreateAsync(cs);
            var traced = new List<(CrashPointHarness.Shape Shape, IReadOnlyList<string> Trace)>();
            for (var k = 0; k < parse.GetValue(shapes); k++)
            {
                var shape = harness.MakeShape(s * 1000 + k);
                var trace = await harness.TraceAsync(shape, ct);
                traced.Add((shape, trace));
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"shape {shape.Seed}: {shape.Lines.Count} records, batches of {shape.BatchSize}, {trace.Count} crash points"));
            }

            // Every (shape, step) in turn, then random ones.
            var plan = traced.SelectMany((t, shape) => Enumerable.Range(1, t.Trace.Count).Select(step => (shape, step))).ToList();
            var rng = new Random(s);
            var failures = 0;
            var seen = new HashSet<(int, int)>();
            for (var p = 0; p < n; p++)
            {
                var (shape, step) = p < plan.Count ? plan[p] : RandomPoint(rng, traced);
                seen.Add((shape, step));
                var (sh, trace) = traced[shape];
                var result = await harness.RunPointAsync(sh, step, trace[step - 1], dll, ct);
                if (!result.Held)
                {
                    failures++;
                    await log.WriteLineAsync($"FAILED point {p + 1}: shape {sh.Seed} step {step} ({result.Point}), landed {result.Landed}: {string.Join("; ", result.Failures)}");
                }
                if ((p + 1) % 50 == 0)
                    await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {p + 1} points, {failures} failed, {watch.Elapsed.TotalSeconds:N0} s"));
            }
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"crash points: {n} run ({(dll is null ? "in-process" : "process killed")}), {failures} failed, {seen.Count} distinct of {plan.Count} steps in {traced.Count} shapes, {watch.Elapsed.TotalSeconds:N0} s"));
            return failures == 0 ? 0 : 1;
        });
        return command;
    }

    private static (int Shape, int Step) RandomPoint(Random rng, List<(CrashPointHarness.Shape Shape, IReadOnlyList<string> Trace)> traced)
    {
        var shape = rng.Next(traced.Count);
        return (shape, rng.Next(1, traced[shape].Trace.Count + 1));
    }
}
