using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Choshu.App.Refunds;
using Choshu.App.Security;
using Choshu.Bench.Reconcile;
using Choshu.Data;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Domain.Calendar;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Bench.Appropriate;

/// <summary>
/// <c>appropriate --sqlite PATH | --db "Host=…" --taxpayers N [--overpayments K] [--reuse-city]</c>: the mandatory appropriation
/// run (<see cref="Appropriations.RunAsync"/>) over every open overpayment of a synthetic city. The city is seeded as
/// <c>choshu seed</c> does; then, for up to K taxpayers with a claim past its 納期限 and principal unpaid and another installment
/// with nothing owed, an overpayment of 30,000 yen (a bank payment of that much on the settled installment, booked as the
/// booker books money beyond what is owed: Payment/Overpayment −30,000, reason overpayment.over) dated 10 days ago is written
/// straight into the store. The run is then timed, end to end as <c>choshu appropriate --as-of today</c> runs it.
/// </summary>
public static class AppropriateCommand
{
    public static Command Create()
    {
        var db = new Option<string?>("--db") { Description = "PostgreSQL connection string" };
        var sqlite = new Option<string?>("--sqlite") { Description = "SQLite file instead of PostgreSQL" };
        var taxpayers = new Option<int>("--taxpayers") { Description = "Taxpayers of the synthetic city", Required = true };
        var overpayments = new Option<int>("--overpayments") { Description = "Overpayments to create (at most one per taxpayer)", DefaultValueFactory = _ => 2_000 };
        var reuse = new Option<bool>("--reuse-city") { Description = "Reuse the city already in the store" };
        var keys = new Option<string?>("--keys") { Description = "My Number key file for seeding (default CHOSHU_KEYS_FILE, else ~/.choshu-bench/DATABASE.keys for PostgreSQL, created when missing)" };
        var command = new Command("appropriate", "The mandatory appropriation run over every open overpayment of a synthetic city") { db, sqlite, taxpayers, overpayments, reuse, keys };
        command.SetAction(async (parse, ct) =>
        {
            var store = parse.GetValue(db) is { } d
                ? Store.Parse(d) with { KeysFile = Web.WebOptions.KeysFileFor(parse.GetValue(keys), d) }
                : Store.Parse($"Data Source={parse.GetValue(sqlite) ?? "/tmp/choshu-bench-appropriate.db"}") with { KeysFile = parse.GetValue(keys) };
            var log = Console.Out;
            Web.WebBenchmark.EnsureKeyFile(store, log);
            if (!await BenchCity.EnsureCityAsync(store, parse.GetValue(taxpayers), 1, parse.GetValue(reuse), log, ct)) return 1;
            var today = JapanTime.Today(TimeProvider.System);
            var made = await CreateOverpaymentsAsync(store, parse.GetValue(overpayments), today, ct);
            await log.WriteLineAsync($"overpayments: {made:N0} created (30,000 yen each, 10 days ago)");

            await using (var count = store.CreateContext())
                await log.WriteLineAsync($"open overpayments before the run: {(await OverpaymentFacts.OpenAsync(count, (long?)null, ct)).Count:N0}");
            // The machine is shared: the process's CPU time is printed beside the wall time (what the run itself cost).
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var progress = new ChunkLog(log, watch);
            var result = await new Appropriations(store, TimeProvider.System, Actor.SystemAs("bench", Environment.MachineName)) { Progress = progress }
                .RunAsync(new AppropriationRunRequest(today), ct);
            watch.Stop();
            var runCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var taxpayersDone = result.Lines.Select(l => l.TaxpayerId).Distinct().Count();
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"appropriation run: {result.Lines.Count:N0} appropriations for {taxpayersDone:N0} taxpayers, {result.Total:N0} yen, refund interest {result.Lines.Sum(l => l.RefundInterest):N0} yen, skipped {result.Skipped.Count:N0}, in {watch.Elapsed.TotalSeconds:N1} s ({result.Lines.Count / Math.Max(watch.Elapsed.TotalSeconds, 0.001):N0} appropriations/s; process CPU {runCpu.TotalSeconds:N1} s)"));
            foreach (var reason in result.Skipped.GroupBy(s => s.Reason.Length > 60 ? s.Reason[..60] : s.Reason).OrderByDescending(g => g.Count()).Take(5))
                await log.WriteLineAsync($"  skipped {reason.Count():N0}: {reason.Key}");
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var again = Stopwatch.StartNew();
            var second = await new Appropriations(store, TimeProvider.System, Actor.SystemAs("bench", Environment.MachineName))
                .RunAsync(new AppropriationRunRequest(today), ct);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"second run: {second.Lines.Count:N0} appropriations in {again.Elapsed.TotalSeconds:N1} s (process CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:N1} s)"));
            return second.Lines.Count == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>Prints the taxpayers done every 10,000, with the seconds since the run started.</summary>
    private sealed class ChunkLog(TextWriter log, Stopwatch watch) : IProgress<int>
    {
        private int _next = 10_000;

        public void Report(int value)
        {
            if (value < _next) return;
            _next = value + 10_000;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {value:N0} taxpayers done, {watch.Elapsed.TotalSeconds:N1} s"));
        }
    }

    private static async Task<int> CreateOverpaymentsAsync(Store store, int wanted, DateOnly today, CancellationToken ct)
    {
        await using var db = store.CreateContext();
        var installments = await (from i in db.Installments.AsNoTracking()
                                  join a in db.Assessments on i.AssessmentId equals a.Id
                                  select new { i.Id, a.TaxpayerId, i.DueDate }).ToListAsync(ct);
        var balances = await db.JournalEntries.AsNoTracking()
            .Where(j => j.Component != LedgerComponent.Overpayment)
            .GroupBy(j => j.InstallmentId).Select(g => new { g.Key, Balance = g.Sum(j => j.Amount) })
            .ToDictionaryAsync(x => x.Key, x => x.Balance, ct);
        var paidOn = today.AddDays(-10);
        var now = DateTime.UtcNow;
        var payments = new List<Payment>();
        foreach (var g in installments.GroupBy(i => i.TaxpayerId))
        {
            if (payments.Count >= wanted) break;
            var owing = g.Any(i => i.DueDate < paidOn && balances.GetValueOrDefault(i.Id) > 0);
            var settled = g.FirstOrDefault(i => balances.GetValueOrDefault(i.Id) <= 0 && balances.ContainsKey(i.Id));
            if (!owing || settled is null) continue;
            payments.Add(new Payment
            {
                Channel = PaymentChannel.Bank, Status = PaymentStatus.Booked, RawKey = "bench", InstallmentId = settled.Id, Amount = 30_000,
                PaidOn = paidOn, ReceivedOn = paidOn, IdempotencyKey = $"bench-appropriate:{settled.Id}:{paidOn:yyyyMMdd}:{now.Ticks}", RawRecord = "bench",
                Actor = "system:bench", RecordedAtUtc = now,
            });
        }
        // In batches: the payments first (their ids), then their overpayment entries.
        foreach (var batch in payments.Chunk(2_000))
        {
            db.Payments.AddRange(batch);
            await db.SaveChangesAsync(ct);
            db.JournalEntries.AddRange(batch.Select(p => new JournalEntry
            {
                InstallmentId = p.InstallmentId!.Value, Kind = JournalEntryKind.Payment, Component = LedgerComponent.Overpayment, Amount = -30_000, ValueDate = paidOn,
                RecordedAtUtc = now, Actor = "system:bench", ReasonCode = OverpaymentReasonCodes.OverPayment, PaymentId = p.Id,
            }));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        var made = payments.Count;
        return made;
    }
}
