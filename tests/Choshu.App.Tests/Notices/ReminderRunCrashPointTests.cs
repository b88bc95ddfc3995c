using Choshu.App.Faults;
using Choshu.App.Notices;
using Choshu.App.Tests.Cases;
using Choshu.Data;
using Choshu.Data.Notices;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Choshu.App.Tests.Notices.NoticeTestCity;

namespace Choshu.App.Tests.Notices;

/// <summary>
/// Crash points of the 督促状 run (docs/security.md §10「Crash points」, issue 18): the run made and dispatched with a
/// <see cref="CrashPoints"/> in <see cref="CrashMode.Throw"/> that ends it at one step (its transaction rolled back, as a
/// killed connection's would be), then what an operator does next — the run made again (a plan with nothing left makes
/// none) and every run of these letters not dispatched yet dispatched — and the end state checked: each of the 3
/// installments in exactly one letter of one live run, one 督促 claim event each, one reminder fee of 100 yen each (300 in
/// all), nothing charged twice. Every step of the make-and-dispatch pair is tried, each on its own month of due dates
/// (2025-01 … ) so the points never see each other's installments.
/// </summary>
public sealed class ReminderRunCrashPointTests(CaseStaffStores stores) : IClassFixture<CaseStaffStores>
{
    public static TheoryData<StoreProvider> Providers => CaseStaffStores.Providers;

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    [Theory, MemberData(nameof(Providers))]
    public async Task ReminderRun_KilledAtEveryStepThenRerun_EachLetterIssuedAndChargedOnce(StoreProvider provider)
    {
        // The steps of one whole run (make and dispatch), traced on a month of its own.
        var trace = new List<string>();
        var traced = await CityAsync(provider, new DateOnly(2025, 1, 31));
        await RunAsync(provider, traced, new CrashPoints(mode: CrashMode.Throw, trace: trace));
        await AssertOnceAsync(provider, traced);
        Assert.Contains("generate-after-commit:1", trace);
        Assert.Contains("before-save-events-and-fees:2", trace); // batches count on across the pair: letters 1, events 2
        Assert.Contains("dispatch-after-commit:2", trace);

        var failures = new List<string>();
        for (var step = 1; step <= trace.Count; step++)
        {
            var due = new DateOnly(2025, 2, 28).AddMonths(step - 1);
            due = new DateOnly(due.Year, due.Month, DateTime.DaysInMonth(due.Year, due.Month));
            var city = await CityAsync(provider, due);
            try
            {
                await RunAsync(provider, city, new CrashPoints(atStep: step, mode: CrashMode.Throw));
                failures.Add($"step {step} {trace[step - 1]}: the run did not stop");
            }
            catch (CrashPointException e)
            {
                Assert.Equal(trace[step - 1], e.Point);
            }
            await RunAsync(provider, city, CrashPoints.None); // the rerun
            try { await AssertOnceAsync(provider, city); }
            catch (Exception e) { failures.Add($"step {step} {trace[step - 1]}: {e.Message}"); }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private sealed record City(DateOnly Due, long[] Installments);

    private async Task<City> CityAsync(StoreProvider provider, DateOnly due)
    {
        await using var db = stores[provider].Open();
        var ids = new List<long>();
        foreach (var name in new[] { "督促 一郎", "督促 二郎", "督促 三郎" })
        {
            var p = await PersonAsync(db, name, "C1");
            ids.Add(await InstallmentAsync(db, p.Id, due, 10_000));
        }
        return new City(due, ids.ToArray());
    }

    /// <summary>Makes the run of the month (as of 10 days after the due date) and dispatches every undispatched run holding its letters, 5 days later.</summary>
    private async Task RunAsync(StoreProvider provider, City city, CrashPoints points)
    {
        var request = new ReminderRequest(city.Due.AddDays(10), new DateOnly(city.Due.Year, city.Due.Month, 1), city.Due);
        await using (var db = stores[provider].Open())
            await new NoticeRuns(db, Clock()) { CrashPoints = points }
                .GenerateAsync(stores.Clerk, NoticeRunKinds.Reminder, (x, ct) => ReminderSelection.PlanAsync(x, request, ct));
        List<long> open;
        await using (var db = stores[provider].Open())
            open = await (from i in db.NoticeLetterItems
                          join r in db.NoticeRuns on i.RunId equals r.Id
                          where city.Installments.Contains(i.InstallmentId) && r.DispatchedOn == null && r.CancelledAtUtc == null
                          select r.Id).Distinct().ToListAsync();
        foreach (var runId in open)
        {
            await using var db = stores[provider].Open();
            await new NoticeRuns(db, Clock()) { CrashPoints = points }.DispatchAsync(stores.Clerk, runId, city.Due.AddDays(15));
        }
    }

    private async Task AssertOnceAsync(StoreProvider provider, City city)
    {
        await using var db = stores[provider].Open();
        var letters = await (from i in db.NoticeLetterItems
                             join l in db.NoticeLetters on i.LetterId equals l.Id
                             join r in db.NoticeRuns on i.RunId equals r.Id
                             where city.Installments.Contains(i.InstallmentId) && !l.Pulled && r.CancelledAtUtc == null
                             select new { i.InstallmentId, r.Id, r.DispatchedOn }).ToListAsync();
        Assert.Equal(city.Installments.Order(), letters.Select(l => l.InstallmentId).Order());
        Assert.Single(letters.Select(l => l.Id).Distinct());
        Assert.All(letters, l => Assert.Equal(city.Due.AddDays(15), l.DispatchedOn));
        var events = await db.ClaimEvents.AsNoTracking()
            .Where(e => city.Installments.Contains(e.InstallmentId) && e.Kind == ClaimEventKind.ReminderDispatched).ToListAsync();
        Assert.Equal(city.Installments.Order(), events.Select(e => e.InstallmentId).Order());
        var fees = await db.JournalEntries.AsNoTracking()
            .Where(j => city.Installments.Contains(j.InstallmentId) && j.Component == LedgerComponent.ReminderFee).ToListAsync();
        Assert.Equal(city.Installments.Order(), fees.Select(f => f.InstallmentId).Order());
        Assert.Equal(300L, fees.Sum(f => f.Amount));
    }
}
