using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Choshu.App.Accounts;
using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Bench.Reconcile;
using Choshu.Bench.Web;
using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Domain.Assessments;
using Choshu.Domain.Calendar;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Choshu.Bench.CaseFile;

/// <summary>
/// <c>casefile --db "Host=…;Database=choshu_bench_casefile" --taxpayers N [--files K] [--loads L] [--reuse-city]</c>: the 滞納者カルテ
/// of taxpayers with 20 claims over 5 fiscal years. The city is seeded (or reused) as the other commands do; K of its taxpayers
/// with exactly 20 installments over the 5 fiscal years and principal unpaid past its 納期限 are chosen (lowest ids first); when
/// the city has fewer, taxpayers without any assessment are given 市民税 of 5 years × 4 periods, 8,000 yen each, the first 8 paid
/// on their due day (<see cref="CreateAsync"/>, marked by notice numbers 9YYYY…). Each chosen taxpayer gets a case (opened by the
/// documented trigger actor, <see cref="SystemActor.CaseTrigger"/>, once). Then the case file is loaded L times, round robin over
/// the K cases, each load with a new context as a web request has: <see cref="CaseFiles.LoadAsync"/>, the same call as
/// <c>/Cases/File/{handle}</c> and <c>choshu case show --json</c> (the read audited 2001 as there), by the officer 70009001
/// (滞納整理担当, made through <see cref="AccountAdministration"/>). Prints the percentiles, the machine and its load.
/// </summary>
public static class CaseFileCommand
{
    private const string ViewerStaffNo = "70009001";
    private const int ClaimsPerFile = 20;

    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "Connection string (Host=… for PostgreSQL; the database is created when missing, dropped and seeded again without --reuse-city)", Required = true };
        var taxpayers = new Option<int>("--taxpayers") { Description = "Taxpayers of the synthetic city", DefaultValueFactory = _ => 100_000 };
        var files = new Option<int>("--files") { Description = "Case files (taxpayers with 20 claims over 5 years) loaded in turn", DefaultValueFactory = _ => 200 };
        var loads = new Option<int>("--loads") { Description = "Loads timed (after 50 not counted)", DefaultValueFactory = _ => 2_000 };
        var reuse = new Option<bool>("--reuse-city") { Description = "Use the city already in the store (same number of taxpayers; migrated) instead of seeding a new one" };
        var seed = new Option<long>("--seed") { Description = "Seed of the city", DefaultValueFactory = _ => 1 };
        var keys = new Option<string?>("--keys") { Description = "My Number key file (default CHOSHU_KEYS_FILE, else ~/.choshu-bench/DATABASE.keys; created when missing)" };
        var command = new Command("casefile", "The case file (滞納者カルテ) of taxpayers with 20 claims over 5 years, loaded as /Cases/File loads it") { db, taxpayers, files, loads, reuse, seed, keys };
        command.SetAction(async (parse, ct) =>
        {
            var options = new WebOptions(parse.GetValue(db)!, parse.GetValue(taxpayers), 1, 1, 0, 0, parse.GetValue(reuse), parse.GetValue(seed), parse.GetValue(keys), false, 0);
            if (options.Validate() is { } problem)
            {
                await Console.Error.WriteLineAsync(problem);
                return 2;
            }
            return await RunAsync(options.Store, options, parse.GetValue(files), parse.GetValue(loads), Console.Out, ct) ? 0 : 1;
        });
        return command;
    }

    private static async Task<bool> RunAsync(Store store, WebOptions options, int files, int loads, TextWriter log, CancellationToken ct)
    {
        WebBenchmark.EnsureKeyFile(store, log);
        await log.WriteLineAsync(await MachineInfo.DescribeAsync(store, ct));
        if (!await BenchCity.EnsureCityAsync(store, options.Taxpayers, options.Seed, options.ReuseCity, log, ct)) return false;
        var today = JapanTime.Today(TimeProvider.System);

        var chosen = await ChooseAsync(store, files, today, ct);
        await log.WriteLineAsync(Invariant($"taxpayers with {ClaimsPerFile} claims over 5 years and arrears in the city: {chosen.Count:N0} chosen of {files:N0} wanted"));
        if (chosen.Count < files)
        {
            var made = await CreateAsync(store, files - chosen.Count, today, ct);
            await log.WriteLineAsync(Invariant($"created {made.Count:N0} such taxpayers (市民税 5 years × 4 periods)"));
            chosen = [.. chosen, .. made];
        }
        var caseIds = await OpenCasesAsync(store, chosen, log, ct);
        var viewer = await ViewerAsync(store, today, ct);
        if (store.Provider == StoreProvider.Postgres)
            await BenchCity.VacuumAsync(store, ["collection_cases", "case_events", "audit_events"], log, ct);

        var load = MachineLoad.Start();
        var claims = 0;
        for (var i = 0; i < 50; i++) claims = await LoadOnceAsync(store, viewer, caseIds[i % caseIds.Count], ct);
        var times = new List<double>(loads);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var all = Stopwatch.StartNew();
        for (var i = 0; i < loads; i++)
        {
            var watch = Stopwatch.StartNew();
            var shown = await LoadOnceAsync(store, viewer, caseIds[i % caseIds.Count], ct);
            times.Add(watch.Elapsed.TotalMilliseconds);
            claims = Math.Max(claims, shown);
        }
        all.Stop();
        var runCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var latencies = new Latencies(times);
        await log.WriteLineAsync(Invariant(
            $"case file: {loads:N0} loads over {caseIds.Count:N0} cases (up to {claims} unpaid claims shown) in {all.Elapsed.TotalSeconds:N1} s, one at a time; process CPU {runCpu.TotalSeconds:N1} s"));
        await log.WriteLineAsync($"latency: {latencies.Describe()}");
        await log.WriteLineAsync($"load: {load.Describe()}");
        return true;
    }

    private static async Task<int> LoadOnceAsync(Store store, Actor viewer, long caseId, CancellationToken ct)
    {
        await using var db = store.CreateContext();
        var file = await new CaseFiles(db, TimeProvider.System).LoadAsync(viewer, caseId, ct);
        return file.Total.Count;
    }

    /// <summary>Taxpayers with exactly 20 installments over 5 fiscal years, of whom some principal past its 納期限 is unpaid.</summary>
    private static async Task<List<long>> ChooseAsync(Store store, int wanted, DateOnly today, CancellationToken ct)
    {
        await using var db = store.CreateContext();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var candidates = await (from i in db.Installments.AsNoTracking()
                                join a in db.Assessments on i.AssessmentId equals a.Id
                                group a by a.TaxpayerId into g
                                where g.Count() == ClaimsPerFile && g.Max(a => a.FiscalYear) - g.Min(a => a.FiscalYear) == 4
                                orderby g.Key
                                select g.Key).Take(wanted * 20).ToListAsync(ct);
        var owing = await (from j in db.JournalEntries.AsNoTracking()
                           where j.Component == LedgerComponent.Principal
                           join i in db.Installments on j.InstallmentId equals i.Id
                           where i.DueDate < today
                           join a in db.Assessments on i.AssessmentId equals a.Id
                           where EF.Parameter(candidates).Contains(a.TaxpayerId)
                           group j by new { a.TaxpayerId, j.InstallmentId } into g
                           where g.Sum(x => x.Amount) > 0
                           select g.Key.TaxpayerId).Distinct().ToListAsync(ct);
        return [.. owing.Order().Take(wanted)];
    }

    /// <summary>
    /// For taxpayers without any assessment (lowest ids first): 市民税 of the 5 fiscal years to this one, 4 periods of 8,000 yen
    /// each (due the last day of June, August, October and January), the 8 oldest paid on their due day — so 12 are unpaid.
    /// </summary>
    private static async Task<List<long>> CreateAsync(Store store, int count, DateOnly today, CancellationToken ct)
    {
        await using var db = store.CreateContext();
        var taxpayers = await db.Taxpayers.AsNoTracking().Where(t => !db.Assessments.Any(a => a.TaxpayerId == t.Id))
            .OrderBy(t => t.Id).Select(t => t.Id).Take(count).ToListAsync(ct);
        var now = DateTime.UtcNow;
        var current = CaseFiles.FiscalYearOf(today);
        foreach (var (taxpayerId, n) in taxpayers.Select((t, n) => (t, n)))
        {
            var assessments = Enumerable.Range(current - 4, 5).Select(year => new Assessment
            {
                TaxpayerId = taxpayerId, TaxKindCode = TaxKindCodes.InhabitantTax, FiscalYear = year, LiabilityYear = year,
                NoticeNo = Invariant($"9{year}{n:D5}"), CreatedAtUtc = now,
                Installments = [.. new[] { new DateOnly(year, 6, 30), new DateOnly(year, 8, 31), new DateOnly(year, 10, 31), new DateOnly(year + 1, 1, 31) }
                    .Select((d, p) => new Installment { Period = (short)(p + 1), NominalDueDate = d, DueDate = d, StatutoryDueDate = d })],
            }).ToList();
            db.Assessments.AddRange(assessments);
            await db.SaveChangesAsync(ct);
            var installments = assessments.SelectMany(a => a.Installments.Select(i => (a.FiscalYear, i))).ToList();
            foreach (var (k, (year, i)) in installments.Select((x, k) => (k, x)))
            {
                db.JournalEntries.Add(new JournalEntry
                {
                    InstallmentId = i.Id, Kind = JournalEntryKind.Charge, Component = LedgerComponent.Principal, Amount = 8_000, ValueDate = new DateOnly(year, 4, 1),
                    RecordedAtUtc = now, Actor = "system:bench", ReasonCode = "assessment.import",
                });
                if (k < 8)
                    db.JournalEntries.Add(new JournalEntry
                    {
                        InstallmentId = i.Id, Kind = JournalEntryKind.Payment, Component = LedgerComponent.Principal, Amount = -8_000, ValueDate = i.DueDate,
                        RecordedAtUtc = now, Actor = "system:bench", ReasonCode = "payment.bench",
                    });
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return taxpayers;
    }

    /// <summary>The case of each taxpayer, opened by the trigger run when there is none. Returns the case ids in the same order.</summary>
    private static async Task<List<long>> OpenCasesAsync(Store store, List<long> taxpayerIds, TextWriter log, CancellationToken ct)
    {
        await using var db = store.CreateContext();
        var existing = await db.CollectionCases.AsNoTracking().Where(c => EF.Parameter(taxpayerIds).Contains(c.TaxpayerId))
            .ToDictionaryAsync(c => c.TaxpayerId, c => c.Id, ct);
        var numbers = await db.Taxpayers.AsNoTracking().Where(t => EF.Parameter(taxpayerIds).Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.TaxpayerNo, ct);
        var trigger = Actor.CaseTrigger(Environment.MachineName);
        var opened = 0;
        foreach (var id in taxpayerIds.Where(id => !existing.ContainsKey(id)))
        {
            var c = await new CaseUpdates(db, TimeProvider.System).OpenAsync(trigger, numbers[id], ct);
            existing[id] = c.Id;
            opened++;
        }
        await log.WriteLineAsync(Invariant($"cases: {opened:N0} opened, {taxpayerIds.Count - opened:N0} there already"));
        return [.. taxpayerIds.Select(id => existing[id])];
    }

    /// <summary>The officer who reads the files: 70009001, 滞納整理担当, created (or given the role again) through the account use cases.</summary>
    private static async Task<Actor> ViewerAsync(Store store, DateOnly today, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddChoshuIdentity(store);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChoshuDbContext>();
        var admin = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
        var system = Actor.System();
        var account = await db.StaffAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.StaffNo == ViewerStaffNo, ct);
        if (account is null)
        {
            await admin.CreateAsync(new NewAccount(ViewerStaffNo, "滞納 整理", "NOZEI", "SHUNO", today), system, ct);
            await admin.GrantAsync(ViewerStaffNo, Role.DelinquencyOfficer, today, null, system, ct);
            account = await db.StaffAccounts.AsNoTracking().SingleAsync(a => a.StaffNo == ViewerStaffNo, ct);
        }
        else
        {
            var (_, roles) = await AccountStanding.OnAsync(db, account, today, ct);
            if (!roles.Contains(Role.DelinquencyOfficer)) await admin.GrantAsync(ViewerStaffNo, Role.DelinquencyOfficer, today, null, system, ct);
        }
        return Actor.Staff(account.Id, ViewerStaffNo, "bench:127.0.0.1");
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
