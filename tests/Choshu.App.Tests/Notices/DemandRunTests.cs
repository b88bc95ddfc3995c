using Choshu.App.Cases;
using Choshu.App.Notices;
using Choshu.App.Tests.Cases;
using Choshu.Data;
using Choshu.Data.Notices;
using Choshu.Domain;
using Choshu.Domain.Claims;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Choshu.App.Tests.Notices.NoticeTestCity;

namespace Choshu.App.Tests.Notices;

/// <summary>
/// 催告書 and 差押予告書 runs by conditions, on both stores. Today 2026-11-26 (JST); the officer 200001 runs them. Every person of a
/// test lives in the test's own district, and the runs select by that district, so tests sharing a store do not see each other.
/// Reminders are recorded by hand (dispatched 2026-07-15: seizable from 2026-07-26).
/// </summary>
public sealed class DemandRunTests(CaseStaffStores stores) : IClassFixture<CaseStaffStores>
{
    public static TheoryData<StoreProvider> Providers => CaseStaffStores.Providers;

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static async Task<long> RemindedAsync(ChoshuDbContext db, long taxpayerId, long principal)
    {
        var id = await InstallmentAsync(db, taxpayerId, D(2026, 6, 30), principal);
        await LedgerSeed.ClaimEventAsync(db, id, ClaimEventKind.ReminderDispatched, D(2026, 7, 15));
        return id;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task DemandRun_EveryExclusionHonoured_OneLetterPerTaxpayerAndDemandEventsAtDispatch(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var district = provider == StoreProvider.Postgres ? "D1P" : "D1S";
        var p1 = await PersonAsync(db, "催告 一郎", district);
        var p1a = await RemindedAsync(db, p1.Id, 30_000);
        var p1b = await RemindedAsync(db, p1.Id, 20_000);
        var p2 = await PersonAsync(db, "保留 二郎", district);
        await RemindedAsync(db, p2.Id, 30_000);
        var cases = new CaseUpdates(db, Clock());
        var c2 = await cases.OpenAsync(stores.Approver, p2.No);
        await cases.SetDemandRunHoldAsync(stores.Approver, c2.Id, true, "分納相談中");
        var p3 = await PersonAsync(db, "分納 三郎", district);
        var p3a = await RemindedAsync(db, p3.Id, 30_000);
        await LedgerSeed.ClaimEventAsync(db, p3a, ClaimEventKind.Acknowledgement, D(2026, 8, 1), D(2026, 12, 31), ground: (short)AcknowledgementForm.InstallmentPledge);
        var p4 = await PersonAsync(db, "猶予 四郎", district);
        var p4a = await RemindedAsync(db, p4.Id, 30_000);
        await LedgerSeed.ClaimEventAsync(db, p4a, ClaimEventKind.Deferment, D(2026, 8, 1), D(2027, 1, 31), ground: (short)DefermentKind.Collection);
        var p5 = await PersonAsync(db, "未督促 五郎", district);
        await InstallmentAsync(db, p5.Id, D(2026, 6, 30), 30_000);
        var p6 = await PersonAsync(db, "少額 六郎", district);
        await RemindedAsync(db, p6.Id, 3_000);
        var p7 = await PersonAsync(db, "返戻 七郎", district);
        await RemindedAsync(db, p7.Id, 30_000);
        // p7's reminder letter came back and is not resolved: made through a reminder run of its own installment.
        var i7 = await InstallmentAsync(db, p7.Id, D(2026, 2, 27), 5_000);
        var runs = new NoticeRuns(db, Clock());
        var reminderRequest = new ReminderRequest(D(2026, 3, 10), D(2026, 2, 27), D(2026, 2, 27));
        var reminderRun = await runs.GenerateAsync(stores.Clerk, NoticeRunKinds.Reminder, async (x, ct) =>
        {
            var plan = await ReminderSelection.PlanAsync(x, reminderRequest, ct);
            return plan with { Letters = plan.Letters.Where(l => l.Items.Any(i => i.Installment.InstallmentId == i7)).ToList() };
        });
        await runs.DispatchAsync(stores.Clerk, reminderRun!.Id, D(2026, 3, 12));
        var doc7 = await db.NoticeLetters.Where(l => l.RunId == reminderRun.Id).Select(l => l.DocumentId).SingleAsync();
        await new ReturnedMails(db, Clock()).RecordAsync(stores.Clerk, doc7, D(2026, 3, 20), ReturnedMailReason.AddressUnknown, null);

        var request = new DemandRequest(NoticeRunKinds.Demand, D(2026, 9, 1),
            new DemandConditions(Districts: [district], MinAmount: 10_000, FiscalYears: [2026]), Delivery: (short)DeliveryMethod.RegisteredMail);
        var plan = await DemandSelection.PlanAsync(db, request);

        // Only p1, one letter with both installments; p6 is below the amount band, p5 has no reminder.
        var letter = Assert.Single(plan.Letters);
        Assert.Equal(p1.Id, letter.Addressee.Taxpayer.TaxpayerId);
        Assert.Equal([p1a, p1b], letter.Items.Select(i => i.Installment.InstallmentId));
        Assert.Equal("催告書（初回）", letter.Text.Name);
        Assert.Equal(
            [(p2.No, NoticeExclusionCodes.DemandHold), (p3.No, NoticeExclusionCodes.Pledge), (p4.No, NoticeExclusionCodes.Deferred), (p7.No, NoticeExclusionCodes.ReturnedMail)],
            plan.Excluded.Select(x => (x.TaxpayerNo, x.Code)).OrderBy(x => x.TaxpayerNo));

        var officer = stores.Officer;
        Assert.Equal(Domain.Security.Permission.IssueDemands, NoticeRuns.PermissionFor(NoticeRunKinds.Demand));
        await Assert.ThrowsAsync<App.Security.AccessDeniedException>(() =>
            runs.GenerateAsync(stores.Clerk, NoticeRunKinds.Demand, (x, ct) => DemandSelection.PlanAsync(x, request, ct)));
        var run = await runs.GenerateAsync(officer, NoticeRunKinds.Demand, (x, ct) => DemandSelection.PlanAsync(x, request, ct));
        Assert.Equal((1, 2), (run!.LetterCount, run.ItemCount));
        // Made twice before dispatch (a rerun after a crash): the second run has nothing to send.
        Assert.Null(await runs.GenerateAsync(officer, NoticeRunKinds.Demand, (x, ct) => DemandSelection.PlanAsync(x, request, ct)));
        await runs.DispatchAsync(officer, run.Id, D(2026, 9, 2));
        var demands = await db.ClaimEvents.AsNoTracking().Where(e => e.InstallmentId == p1a && e.Kind == ClaimEventKind.Demand).ToListAsync();
        var demand = Assert.Single(demands);
        Assert.Equal((D(2026, 9, 2), DeliveryMethod.RegisteredMail, (DateOnly?)null), (demand.On, demand.Delivery, demand.ArrivedOn));

        // Registered mail proved its arrival on 9/5: recorded once, as a replacement of the 催告 with the arrival day.
        var doc = await db.NoticeLetters.Where(l => l.RunId == run.Id).Select(l => l.DocumentId).SingleAsync();
        Assert.Equal(2, await runs.RecordArrivalAsync(officer, doc, D(2026, 9, 5)));
        var inForce = ClaimEvent.InForce(await db.ClaimEvents.AsNoTracking().Where(e => e.InstallmentId == p1a).ToListAsync()).Single(e => e.Kind == ClaimEventKind.Demand);
        Assert.Equal(((DateOnly?)D(2026, 9, 5), D(2026, 9, 2)), (inForce.ArrivedOn, inForce.On));
        Assert.Equal("notice.arrival_recorded", (await Assert.ThrowsAsync<DomainException>(() => runs.RecordArrivalAsync(officer, doc, D(2026, 9, 6)))).Code);

        // The second demand run for p1 uses the second text.
        var second = await DemandSelection.PlanAsync(db, request with { AsOf = D(2026, 10, 1) });
        Assert.Equal("催告書（再）", Assert.Single(second.Letters).Text.Name);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SeizureWarning_OnlyPastSeizableFromDay(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var district = provider == StoreProvider.Postgres ? "D2P" : "D2S";
        var p1 = await PersonAsync(db, "予告 一郎", district);
        await RemindedAsync(db, p1.Id, 30_000);
        var request = new DemandRequest(NoticeRunKinds.SeizureWarning, D(2026, 7, 25), new DemandConditions(Districts: [district]));

        var early = await DemandSelection.PlanAsync(db, request);
        Assert.Empty(early.Letters);
        Assert.Equal(NoticeExclusionCodes.NotSeizable, Assert.Single(early.Excluded).Code);
        Assert.Contains("2026-07-26", early.Excluded[0].Reason);

        var due = await DemandSelection.PlanAsync(db, request with { AsOf = D(2026, 7, 26) });
        Assert.Equal("差押予告書", Assert.Single(due.Letters).Text.Title);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ConditionSets_BadSetOrLongName_RefusedInJapanese(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var sets = new NoticeConditionSets(db, Clock());
        var bad = await Assert.ThrowsAsync<DomainException>(() => sets.SaveAsync(stores.Officer, "逆の金額", NoticeRunKinds.Demand, new DemandConditions(MinAmount: 50_000, MaxAmount: 10_000)));
        Assert.Equal("notice.conditions_invalid", bad.Code);
        Assert.Contains("下限 50,000円 が上限 10,000円 を超えています", bad.Message);
        var longName = await Assert.ThrowsAsync<DomainException>(() => sets.SaveAsync(stores.Officer, new string('名', 101), NoticeRunKinds.Demand, new DemandConditions()));
        Assert.Equal("notice.condition_name_too_long", longName.Code);
        Assert.Equal("notice.conditions_invalid", Assert.Throws<DomainException>(() => DemandConditions.FromJson("{\"minAmount\":\"x\"}")).Code);

        var name = $"滞繰 高額 {provider}";
        await sets.SaveAsync(stores.Officer, name, NoticeRunKinds.Demand, new DemandConditions(FiscalYears: [2024, 2025], MinAmount: 100_000));
        var read = DemandConditions.FromJson((await sets.FindAsync(name, NoticeRunKinds.Demand)).Conditions);
        Assert.Equal("notice.condition_kind_mismatch", (await Assert.ThrowsAsync<DomainException>(() => sets.FindAsync(name, NoticeRunKinds.SeizureWarning))).Code);
        Assert.Equal([2024, 2025], read.FiscalYears!);
        Assert.Equal(100_000L, read.MinAmount);
        Assert.Equal(3035, (int)(await db.AuditEvents.AsNoTracking().OrderByDescending(x => x.Id).FirstAsync()).Kind);
    }
}
