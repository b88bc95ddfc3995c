using Choshu.App.Cases;
using Choshu.App.Notices;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Ledger;
using Choshu.Data.Notices;
using Choshu.Domain;
using Choshu.Domain.Cases;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.App.Tests.Cases;

/// <summary>
/// Promises and pledges (<see cref="Pledges"/>, <see cref="PledgeQueries"/>) on both stores; today is 2026-11-26 (JST) unless
/// the test says otherwise (the staff's roles run from 2026-04-01), the standings asked as of the days named. Each test makes its own taxpayer
/// (with an address) with one 市民税 installment, and a case whose officer is 200001. Hand-checkable: schedule 2026-01-31 30,000
/// and 2026-02-28 30,000 signed 2026-01-10, 10 grace days (the default), 30,000 paid 2026-01-20: on 2026-03-10 not in breach,
/// on 2026-03-11 in breach with instalment 2 unpaid 30,000; a pledge signed 2027-02-15 renews the limitation from 2027-02-16
/// (lapse day 2032-02-16, domain.md §5's worked example).
/// </summary>
public sealed class PledgesTests(CaseStaffStores stores) : IClassFixture<CaseStaffStores>
{
    public static TheoryData<StoreProvider> Providers => CaseStaffStores.Providers;

    /// <summary>Japan noon of the day.</summary>
    private static FakeTimeProvider Clock(int y, int m, int d) => new(new DateTimeOffset(y, m, d, 3, 0, 0, TimeSpan.Zero));

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static int _next;

    private async Task<(long InstallmentId, long TaxpayerId, string TaxpayerNo)> DelinquentAsync(ChoshuDbContext db, DateOnly due, long principal, DateOnly? reminder = null)
    {
        var n = Interlocked.Increment(ref _next);
        var no = $"21300{n:D5}";
        var id = await LedgerSeed.TaxpayerAsync(db, no, "分納 太郎");
        var t = await db.Taxpayers.SingleAsync(x => x.Id == id);
        t.Facts = t.Facts with { PostalCode = "8920816", TownName = "鹿児島県鹿児島市山下町", StreetNumber = $"{n}番1号" };
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var inst = (await LedgerSeed.AssessmentAsync(db, id, "01", due.Year, $"P{n:D9}", new LedgerSeed.Inst(1, due, principal)))[0];
        if (reminder is { } r) await LedgerSeed.ClaimEventAsync(db, inst, ClaimEventKind.ReminderDispatched, r);
        var cases = new CaseUpdates(db, Clock(2026, 11, 26));
        var c = await cases.OpenAsync(stores.Approver, no);
        await cases.AssignAsync(stores.Approver, c.Id, "200001");
        return (inst, id, no);
    }

    private static async Task PaidAsync(ChoshuDbContext db, long installmentId, long amount, DateOnly on)
    {
        db.JournalEntries.Add(new JournalEntry
        {
            InstallmentId = installmentId, Kind = JournalEntryKind.Payment, Component = LedgerComponent.Principal, Amount = -amount, ValueDate = on,
            RecordedAtUtc = LedgerSeed.NowUtc, Actor = "test:seed", ReasonCode = "payment",
        });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private static PledgeRequest Request(string no) => new(no, PledgeKind.InstallmentPledge, D(2026, 1, 10),
        [new PledgeInstalment(1, D(2026, 1, 31), 30_000), new PledgeInstalment(2, D(2026, 2, 28), 30_000)]);

    private static async Task<Data.Security.AuditEvent> LastAuditAsync(ChoshuDbContext db) =>
        await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync();

    [Theory, MemberData(nameof(Providers))]
    public async Task Pledge_PaidFirstOnly_NotBreachedOn0310_BreachedOn0311_Instalment2Unpaid30000(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var (inst, taxpayerId, no) = await DelinquentAsync(db, D(2025, 10, 31), 60_000, reminder: D(2025, 11, 10));
        var clock = Clock(2026, 11, 26);

        var v = await new Pledges(db, clock).AddAsync(stores.Officer, Request(no));
        var audit = await LastAuditAsync(db);
        Assert.Equal((3240, (long?)taxpayerId, "200001"), ((int)audit.Kind, audit.TaxpayerId, audit.ActorName));
        // The signing is a 承認 on the claim, 分納中 to the last scheduled day.
        var ack = await db.ClaimEvents.AsNoTracking().SingleAsync(e => e.InstallmentId == inst && e.Kind == ClaimEventKind.Acknowledgement);
        Assert.Equal((D(2026, 1, 10), (DateOnly?)D(2026, 2, 28), (short?)AcknowledgementForm.InstallmentPledge, (long?)ack.Id),
            (ack.On, ack.EndsOn, ack.Ground, v.Claims.Single().ClaimEventId));

        await PaidAsync(db, inst, 30_000, D(2026, 1, 20));
        var standings = await PledgeQueries.StandingsAsync(db, [v.Id], D(2026, 3, 10));
        var on0310 = standings[v.Id].Standing;
        Assert.Equal((PledgeState.Active, 30_000L, (DateOnly?)D(2026, 2, 28), 30_000L, 10), (on0310.State, on0310.Paid, on0310.NextDueOn, on0310.NextDueAmount, standings[v.Id].GraceDays));
        var on0311 = (await PledgeQueries.StandingsAsync(db, [v.Id], D(2026, 3, 11)))[v.Id].Standing;
        Assert.Equal((PledgeState.Breached, (DateOnly?)D(2026, 3, 11), 2, 30_000L), (on0311.State, on0311.BreachedOn, on0311.Missed!.No, on0311.Missed.Unpaid));

        var summary = (await PledgeQueries.SummaryAsync(db, [taxpayerId], D(2026, 3, 11)))[taxpayerId];
        Assert.Equal((true, (long?)v.Id, (DateOnly?)D(2026, 3, 11), (DateOnly?)D(2026, 2, 28), 30_000L, true, true),
            (summary.InBreach, summary.BreachedPledgeId, summary.BreachedOn, summary.NextDueOn, summary.NextDueAmount, summary.PledgeOpen, summary.PledgeInBreach));

        // The case log shows the pledge by itself (made 2026-01-10: two instalments of 30,000).
        var caseId = await db.CollectionCases.Where(x => x.TaxpayerId == taxpayerId).Select(x => x.Id).SingleAsync();
        var logLine = Assert.Single(await CaseLogView.ForCaseAsync(db, caseId, taxpayerId), l => l.Source == "分納誓約");
        Assert.Equal((D(2026, 1, 10), $"分納誓約 {v.Id}: 2 回、計 60,000円（2026-01-31〜2026-02-28）"), (logLine.On, logLine.Content));

        // The officer's worklist (today 2026-11-26) shows the case as in breach, with the missed instalment's day.
        var row = (await new Worklists(db, clock).ForOfficerAsync(stores.Officer, stores.Officer.AccountId, WorklistSort.PromiseDue,
            new WorklistFilter(PledgeBreachedOnly: true))).Single(r => r.TaxpayerNo == no);
        Assert.Equal(((bool?)true, (DateOnly?)D(2026, 2, 28)), (row.PledgeBreached, row.PromiseDueOn));

        var breached = await new Pledges(db, clock).ListAsync(stores.Officer, D(2026, 3, 11), new PledgeFilter(State: PledgeState.Breached, TaxpayerNo: no));
        Assert.Equal([v.Id], breached.Select(r => r.Id));
        Assert.Equal(3243, (int)(await LastAuditAsync(db)).Kind);
        Assert.Empty(await new Pledges(db, clock).ListAsync(stores.Officer, D(2026, 3, 10), new PledgeFilter(State: PledgeState.Breached, TaxpayerNo: no)));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Pledge_Signed20270215_NewPeriodFrom20270216_Lapses20320216(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var (inst, _, no) = await DelinquentAsync(db, D(2025, 4, 30), 50_000, reminder: D(2025, 5, 20));
        var before = (await Choshu.App.Claims.ClaimLedgers.LoadAsync(db, [inst]))[inst].ClaimLapsesOn;
        Assert.Equal(D(2030, 5, 31), before); // the worked example: after the reminder, lapses at the end of 2030-05-30

        var v = await new Pledges(db, Clock(2027, 3, 1)).AddAsync(stores.Officer, new PledgeRequest(no, PledgeKind.InstallmentPledge, D(2027, 2, 15),
            [new PledgeInstalment(1, D(2027, 3, 31), 25_000), new PledgeInstalment(2, D(2027, 4, 30), 25_000)]));

        Assert.Equal(D(2032, 2, 16), v.Claims.Single().LapsesOn);
        var steps = (await Choshu.App.Claims.ClaimLedgers.LoadAsync(db, [inst]))[inst].Limitation.Steps;
        Assert.Contains(steps, s => s.Source == ClaimEventKind.Acknowledgement && s.FirstCountedDay == D(2027, 2, 16));
        Assert.Equal(ClaimStatusKind.PayingByPledge, v.Claims.Single().Status);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Pledge_ByAnotherOfficer_Refused5000_NothingRecorded_ScheduleOutOfOrder_RefusedInJapanese(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var (inst, taxpayerId, no) = await DelinquentAsync(db, D(2025, 10, 31), 60_000);
        var pledges = new Pledges(db, Clock(2026, 11, 26));

        await Assert.ThrowsAsync<AccessDeniedException>(() => pledges.AddAsync(stores.Colleague, Request(no)));
        Assert.Equal(5000, (int)(await LastAuditAsync(db)).Kind);
        var e = await Assert.ThrowsAsync<DomainException>(() => pledges.AddAsync(stores.Officer, Request(no) with
        {
            Schedule = [new PledgeInstalment(1, D(2026, 2, 28), 30_000), new PledgeInstalment(2, D(2026, 1, 31), 30_000)],
        }));
        Assert.Equal("pledge.dates_not_ascending", e.Code);
        Assert.Contains("古い順", e.Message);
        Assert.False(await db.Pledges.AnyAsync(p => p.TaxpayerId == taxpayerId));
        Assert.False(await db.ClaimEvents.AnyAsync(x => x.InstallmentId == inst));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Pledge_Cancelled_ClaimLeavesPayingByPledge_Audited3242_SecondCancelRefused(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var (inst, _, no) = await DelinquentAsync(db, D(2025, 10, 31), 60_000, reminder: D(2025, 11, 10));
        var pledges = new Pledges(db, Clock(2026, 11, 26));
        var v = await pledges.AddAsync(stores.Officer, Request(no) with
        {
            MadeOn = D(2026, 11, 10), Schedule = [new PledgeInstalment(1, D(2026, 11, 30), 30_000), new PledgeInstalment(2, D(2026, 12, 25), 30_000)],
        });
        Assert.Equal(ClaimStatusKind.PayingByPledge, v.Claims.Single().Status);

        var ended = await pledges.EndAsync(stores.Officer, v.Id, PledgeEventKind.Cancelled, "本人の申出により取消");

        Assert.Equal((PledgeState.Cancelled, ClaimStatusKind.Reminded), (ended.Standing.State, ended.Claims.Single().Status));
        Assert.Equal(3242, (int)(await LastAuditAsync(db)).Kind);
        var inForce = ClaimEvent.InForce(await db.ClaimEvents.AsNoTracking().Where(e => e.InstallmentId == inst).ToListAsync());
        // The 分納中 period ends the day before the cancellation: 2026-11-10 to 2026-11-25 (it was to run to 2026-12-25).
        Assert.Equal((D(2026, 11, 10), (DateOnly?)D(2026, 11, 25)), inForce.Where(e => e.Kind == ClaimEventKind.Acknowledgement).Select(e => (e.On, e.EndsOn)).Single());
        Assert.Equal("pledge.already_ended", (await Assert.ThrowsAsync<DomainException>(() =>
            pledges.EndAsync(stores.Officer, v.Id, PledgeEventKind.Completed, "完納"))).Code);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task DemandRun_PledgeKept_TaxpayerLeftOut_InBreach_ChasedWithThePledgedClaim(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var (inst, taxpayerId, no) = await DelinquentAsync(db, D(2025, 10, 31), 60_000, reminder: D(2025, 11, 10));
        await new Pledges(db, Clock(2026, 11, 26)).AddAsync(stores.Officer, Request(no));
        await PaidAsync(db, inst, 30_000, D(2026, 1, 20));

        DemandRequest Run(DateOnly asOf) => new(NoticeRunKinds.Demand, asOf, new DemandConditions(), Deadline: asOf.AddDays(14));
        var kept = await DemandSelection.PlanAsync(db, Run(D(2026, 3, 10)));
        Assert.DoesNotContain(kept.Letters, l => l.Addressee.Taxpayer.TaxpayerId == taxpayerId);
        var exclusion = Assert.Single(kept.Excluded, x => x.TaxpayerId == taxpayerId);
        Assert.Equal((NoticeExclusionCodes.Pledge, "分納誓約を履行中です（次回 2026-02-28）。"), (exclusion.Code, exclusion.Reason));

        var broken = await DemandSelection.PlanAsync(db, Run(D(2026, 3, 11)));
        Assert.DoesNotContain(broken.Excluded, x => x.TaxpayerId == taxpayerId);
        var letter = Assert.Single(broken.Letters, l => l.Addressee.Taxpayer.TaxpayerId == taxpayerId);
        Assert.Equal([(inst, 30_000L)], letter.Items.Select(i => (i.Installment.InstallmentId, i.Principal)));
    }

    /// <summary>
    /// The slips of the 納付誓約書 each pay one claim with its own key: claims A (30,000 due 2025-10-31) and B (30,000 due
    /// 2025-12-25), pledge signed 2026-11-26 of 40,000 on 2026-12-10 and 20,000 on 2027-01-12 → slips A 30,000 and B 10,000 (both
    /// to 2026-12-10), B 20,000 (to 2027-01-12); the match keys are A's and B's, the text of the PDF shows the three amounts.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task PledgeForm_InstalmentSpanningTwoClaims_ASlipPerClaimWithItsKey(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var (a, taxpayerId, no) = await DelinquentAsync(db, D(2025, 10, 31), 30_000);
        var b = (await LedgerSeed.AssessmentAsync(db, taxpayerId, "02", 2025, $"Q{no}", new LedgerSeed.Inst(3, D(2025, 12, 25), 30_000)))[0];
        var clock = Clock(2026, 11, 26);
        var v = await new Pledges(db, clock).AddAsync(stores.Officer, new PledgeRequest(no, PledgeKind.InstallmentPledge, D(2026, 11, 26),
            [new PledgeInstalment(1, D(2026, 12, 10), 40_000), new PledgeInstalment(2, D(2027, 1, 12), 20_000)], [a, b]));

        var print = await new PledgeForms(db, clock).PrintFormAsync(stores.Officer, v.Id);

        Assert.Equal(
            [(a, 30_000L, D(2026, 12, 10), new MatchKey(a).Value), (b, 10_000L, D(2026, 12, 10), new MatchKey(b).Value), (b, 20_000L, D(2027, 1, 12), new MatchKey(b).Value)],
            print.Data.Slips.Select(s => (s.InstallmentId, s.Amount, s.Deadline, s.MatchKey)));
        var text = Poppler.Text(print.Pdf, layout: true);
        Assert.Contains("10,000", text);
        Assert.Contains("納付書 3 枚", text);
    }
}
