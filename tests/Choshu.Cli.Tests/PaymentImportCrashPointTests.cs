using Choshu.TestSupport;

namespace Choshu.Cli.Tests;

/// <summary>
/// CI's share of the crash points (docs/security.md「Crash points」; the thousand-point run is
/// <c>choshu-bench crashpoints</c>): one seeded shape of bank file (<see cref="CrashPointHarness"/>), its
/// crash points traced, and four of them chosen by seed 18: a batch boundary (before-commit or
/// after-commit), a write inside a batch (around a COPY), and two drawn at random. At each, the real
/// choshu process is killed (Environment.FailFast) on PostgreSQL, then the import is run again: no
/// payment is lost or doubled and the totals are the file's.
/// </summary>
public sealed class PaymentImportCrashPointTests
{
    private const int Seed = 18;

    [Fact]
    public async Task ImportPayments_KilledAtSeededCrashPoints_RerunBooksEveryPaymentExactlyOnce()
    {
        await using var harness = await CrashPointHarness.CreateAsync(TestStore.AdminConnectionString());
        var shape = harness.MakeShape(Seed);
        var trace = await harness.TraceAsync(shape);

        // The trace names every batch boundary and every write of the run.
        var batches = (shape.Lines.Count + shape.BatchSize - 1) / shape.BatchSize;
        Assert.Equal(Enumerable.Range(1, batches).SelectMany(b => new[] { $"before-commit:{b}", $"after-commit:{b}" }),
            trace.Where(t => t.StartsWith("before-commit:", StringComparison.Ordinal) || t.StartsWith("after-commit:", StringComparison.Ordinal)));
        Assert.Contains("before-write-payments:1", trace);
        Assert.Contains("after-write-journal_entries:1", trace);
        Assert.Equal(["before-start:0", "after-start:0"], trace.Take(2));
        Assert.Equal("after-finish:" + batches, trace[^1]);

        var rng = new Random(Seed);
        int Pick(Func<string, bool> which)
        {
            var steps = trace.Select((t, i) => (t, i)).Where(x => which(x.t)).Select(x => x.i + 1).ToList();
            return steps[rng.Next(steps.Count)];
        }
        int[] steps =
        [
            Pick(t => t.StartsWith("before-commit:", StringComparison.Ordinal) || t.StartsWith("after-commit:", StringComparison.Ordinal)),
            Pick(t => t.Contains("-write-", StringComparison.Ordinal)),
            Pick(_ => true),
            Pick(_ => true),
        ];
        var dll = Path.Combine(AppContext.BaseDirectory, "choshu.dll");
        foreach (var step in steps)
        {
            var result = await harness.RunPointAsync(shape, step, trace[step - 1], dll);

            Assert.True(result.Held, $"step {step} ({trace[step - 1]}): {string.Join("; ", result.Failures)}");
        }
    }
}
