using Choshu.App.Claims;
using Choshu.App.Notices;
using Choshu.App.Tests.Cases;
using Choshu.Data;
using Choshu.Data.Documents;
using Choshu.Data.Notices;
using Choshu.Domain;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;
using Choshu.Domain.Taxpayers;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Choshu.App.Tests.Notices.NoticeTestCity;

namespace Choshu.App.Tests.Notices;

/// <summary>
/// 督促状 runs on a small city built by hand (<see cref="NoticeTestCity"/>), on both stores. Today is 2026-11-26 (JST); the clerk
/// 100001 (収納担当) runs them. Each test selects its own month of due dates, so the tests sharing a store never see each other's
/// installments. Reminder fee 100 yen (the default). Hand-checkable: a reminder dispatched D makes the claim seizable from D+11 and
/// renews the limitation from that day (lapse day D+11 five years on); the late fee of these amounts to a deadline within a month of
/// the due date is under 1,000 yen, so none.
/// </summary>
public sealed class ReminderRunTests(CaseStaffStores stores) : IClassFixture<CaseStaffStores>
{
    public static TheoryData<StoreProvider> Providers => CaseStaffStores.Providers;

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static async Task<ClaimStatusResult> StatusAsync(ChoshuDbContext db, long installmentId, DateOnly on) =>
        ClaimStatus.Of((await ClaimLedgers.LoadAsync(db, [installmentId]))[installmentId], on);

    [Theory, MemberData(nameof(Providers))]
    public async Task ReminderRun_JuneCity_SelectsExcludesIssuesOnceAndDispatchSetsDatesAndFees(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var a = await PersonAsync(db, "納税 一郎", "R1");
        var ia = await InstallmentAsync(db, a.Id, D(2026, 6, 30), 50_000);
        var b = await PersonAsync(db, "完納 二郎", "R1");
        var ib = await InstallmentAsync(db, b.Id, D(2026, 6, 30), 30_000);
        await PaidAsync(db, ib, 30_000, D(2026, 6, 29));
        var c = await PersonAsync(db, "速報 三郎", "R1");
        var ic = await InstallmentAsync(db, c.Id, D(2026, 6, 30), 20_000);
        await PendingStorePaymentAsync(db, ic, 20_000, D(2026, 7, 9));
        var d = await PersonAsync(db, "猶予 四郎", "R1");
        var id = await InstallmentAsync(db, d.Id, D(2026, 6, 30), 40_000);
        await LedgerSeed.ClaimEventAsync(db, id, ClaimEventKind.Deferment, D(2026, 7, 1), D(2026, 12, 31), ground: (short)DefermentKind.Collection);
        var e = await PersonAsync(db, "故人 五郎", "R1", ResidencyStatus.Deceased);
        await InstallmentAsync(db, e.Id, D(2026, 6, 30), 15_000);
        var f = await PersonAsync(db, "故人 六子", "R1", ResidencyStatus.Deceased);
        var iF = await InstallmentAsync(db, f.Id, D(2026, 6, 30), 40_000);
        var heir = await PersonAsync(db, "相続 七郎", "R1");
        await AgentAsync(db, f.Id, heir.Id, 3, D(2026, 7, 1));
        var h = await PersonAsync(db, "遅延 八郎", "R1");
        var ih = await InstallmentAsync(db, h.Id, D(2026, 6, 1), 10_000);

        var request = new ReminderRequest(D(2026, 7, 10), D(2026, 6, 1), D(2026, 6, 30));
        var plan = await ReminderSelection.PlanAsync(db, request);

        // Letters by due date: H (due 6/1, past the 20-day window on 7/10), then A and F (due 6/30). Deadline 7/10 + 14 = 7/24 (Fri).
        Assert.Equal([ih, ia, iF], plan.Letters.Select(l => l.Items.Single().Installment.InstallmentId));
        Assert.Equal(D(2026, 7, 24), plan.Deadline);
        var la = plan.Letters[1].Items.Single();
        Assert.Equal((50_000L, 100L, 0L, 50_100L, D(2026, 7, 24), false), (la.Principal, la.ReminderFee, la.LateFee, la.Amount, la.Deadline, la.PastReminderWindow));
        Assert.True(plan.Letters[0].Items.Single().PastReminderWindow);
        Assert.Equal((3, 3, 100_300L), (plan.Letters.Count, plan.ItemCount, plan.TotalAmount));
        Assert.Equal((heir.Id, (short)3), (plan.Letters[2].Addressee.To.TaxpayerId, plan.Letters[2].Addressee.Kind));
        Assert.Equal(
            [(c.No, NoticeExclusionCodes.PaymentPending), (d.No, NoticeExclusionCodes.Deferred), (e.No, NoticeExclusionCodes.DeceasedNoHeir)],
            plan.Excluded.Select(x => (x.TaxpayerNo, x.Code)).OrderBy(x => x.TaxpayerNo));

        var runs = new NoticeRuns(db, Clock());
        var run = await runs.GenerateAsync(stores.Clerk, NoticeRunKinds.Reminder, (x, ct) => ReminderSelection.PlanAsync(x, request, ct));
        Assert.NotNull(run);
        Assert.Equal((3, 3, 100_300L, 100L), (run.LetterCount, run.ItemCount, run.TotalAmount, run.ReminderFeePerLetter));
        Assert.Equal(3, await db.IssuedDocuments.CountAsync(x => x.RunId == run.Id && x.Kind == IssuedDocumentKinds.Reminder));
        // Nothing is charged or recorded on the claims before dispatch.
        Assert.False(await db.ClaimEvents.AnyAsync(x => x.InstallmentId == ia));
        Assert.False(await db.JournalEntries.AnyAsync(x => x.InstallmentId == ia && x.Component == LedgerComponent.ReminderFee));
        // The heir's letter: addressed to the heirs' representative on behalf of the deceased, with the appeal instructions.
        var (_, heirLetter) = (await runs.LettersAsync(run.Id))[2];
        Assert.Equal(("相続 七郎", "相続人代表者", "故人 六子", f.No), (heirLetter.Recipient.Name, heirLetter.Recipient.Attention, heirLetter.Recipient.OnBehalfOf, heirLetter.Recipient.TaxpayerNo));
        Assert.Contains("審査請求", heirLetter.AppealNotice);
        Assert.Contains("令和8年7月24日", heirLetter.Body);

        // A rerun issues nothing.
        Assert.Null(await runs.GenerateAsync(stores.Clerk, NoticeRunKinds.Reminder, (x, ct) => ReminderSelection.PlanAsync(x, request, ct)));

        var sent = await runs.DispatchAsync(stores.Clerk, run.Id, D(2026, 7, 15));
        Assert.Equal((3, 0, 3, 300L), (sent.Sent, sent.Pulled, sent.Events, sent.FeesCharged));
        var status = await StatusAsync(db, ia, D(2026, 8, 1));
        Assert.Equal((ClaimStatusKind.Reminded, (DateOnly?)D(2026, 7, 15), (DateOnly?)D(2026, 7, 26), (DateOnly?)D(2031, 7, 26)),
            (status.Kind, status.ReminderOn, status.SeizableFrom, status.LapsesOn));
        var fee = await db.JournalEntries.AsNoTracking().SingleAsync(x => x.InstallmentId == ia && x.Component == LedgerComponent.ReminderFee);
        Assert.Equal((JournalEntryKind.Charge, 100L, D(2026, 7, 15)), (fee.Kind, fee.Amount, fee.ValueDate));
        var reminder = await db.ClaimEvents.AsNoTracking().SingleAsync(x => x.InstallmentId == ia);
        var letterA = await db.NoticeLetters.AsNoTracking().SingleAsync(l => l.RunId == run.Id && l.Seq == 2);
        Assert.Equal((ClaimEventKind.ReminderDispatched, letterA.DocumentId), (reminder.Kind, reminder.DocumentId));
        Assert.Equal(3031, (int)(await db.AuditEvents.AsNoTracking().OrderByDescending(x => x.Id).FirstAsync()).Kind);

        // Dispatching again is refused and charges nothing more.
        Assert.Equal("notice.already_dispatched", (await Assert.ThrowsAsync<DomainException>(() => runs.DispatchAsync(stores.Clerk, run.Id, D(2026, 7, 16)))).Code);
        Assert.Equal(1, await db.JournalEntries.CountAsync(x => x.InstallmentId == ia && x.Component == LedgerComponent.ReminderFee));
        Assert.Null(await runs.GenerateAsync(stores.Clerk, NoticeRunKinds.Reminder, (x, ct) => ReminderSelection.PlanAsync(x, request, ct)));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ReminderRun_CancelledBeforeDispatch_NothingChargedAndSelectedAgain(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var a = await PersonAsync(db, "取消 一郎", "R2");
        var ia = await InstallmentAsync(db, a.Id, D(2026, 5, 29), 12_000);
        var request = new ReminderRequest(D(2026, 6, 10), D(2026, 5, 1), D(2026, 5, 31));
        var runs = new NoticeRuns(db, Clock());
        // As of tomorrow (today is 2026-11-26): refused, nothing previewed or made.
        var tomorrow = request with { AsOf = D(2026, 11, 27) };
        Assert.Equal("notice.as_of_future", (await Assert.ThrowsAsync<DomainException>(() =>
            runs.PreviewAsync(stores.Clerk, NoticeRunKinds.Reminder, (x, ct) => ReminderSelection.PlanAsync(x, tomorrow, ct)))).Code);
        var first = await runs.GenerateAsync(stores.Clerk, NoticeRunKinds.Reminder, (x, ct) => ReminderSelection.PlanAsync(x, request, ct));

        Assert.Equal("notice.reason_required", (await Assert.ThrowsAsync<DomainException>(() => runs.CancelAsync(stores.Clerk, first!.Id, " "))).Code);
        await runs.CancelAsync(stores.Clerk, first!.Id, "指定期限の誤り");
        Assert.False(await db.ClaimEvents.AnyAsync(x => x.InstallmentId == ia));
        Assert.False(await db.JournalEntries.AnyAsync(x => x.InstallmentId == ia && x.Component == LedgerComponent.ReminderFee));
        Assert.Equal("notice.run_cancelled", (await Assert.ThrowsAsync<DomainException>(() => runs.DispatchAsync(stores.Clerk, first.Id, D(2026, 6, 12)))).Code);

        var second = await runs.GenerateAsync(stores.Clerk, NoticeRunKinds.Reminder, (x, ct) => ReminderSelection.PlanAsync(x, request, ct));
        Assert.Equal([ia], await db.NoticeLetterItems.Where(i => i.RunId == second!.Id).Select(i => i.InstallmentId).ToListAsync());
        await runs.DispatchAsync(stores.Clerk, second!.Id, D(2026, 6, 12));
        Assert.Equal("notice.already_dispatched", (await Assert.ThrowsAsync<DomainException>(() => runs.CancelAsync(stores.Clerk, second.Id, "誤り"))).Code);
        Assert.Equal(100L, await db.JournalEntries.Where(x => x.InstallmentId == ia && x.Component == LedgerComponent.ReminderFee).SumAsync(x => x.Amount));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ReminderRun_PaidBeforeDispatch_LetterPulledNoEventNoFee(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var a = await PersonAsync(db, "行違 一郎", "R3");
        var ia = await InstallmentAsync(db, a.Id, D(2026, 3, 31), 8_000);
        var request = new ReminderRequest(D(2026, 4, 10), D(2026, 3, 1), D(2026, 3, 31));
        var runs = new NoticeRuns(db, Clock());
        var run = await runs.GenerateAsync(stores.Clerk, NoticeRunKinds.Reminder, (x, ct) => ReminderSelection.PlanAsync(x, request, ct));
        await PaidAsync(db, ia, 8_000, D(2026, 4, 13));

        var sent = await runs.DispatchAsync(stores.Clerk, run!.Id, D(2026, 4, 14));

        Assert.Equal((0, 1, 0, 0L), (sent.Sent, sent.Pulled, sent.Events, sent.FeesCharged));
        Assert.False(await db.ClaimEvents.AnyAsync(x => x.InstallmentId == ia));
        Assert.True((await db.NoticeLetters.AsNoTracking().SingleAsync(l => l.RunId == run.Id)).Pulled);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ReturnedReminder_RedispatchedOrPublicNotice_MovesSeizableAndLapseDays(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var a = await PersonAsync(db, "返戻 一郎", "R4");
        var ia = await InstallmentAsync(db, a.Id, D(2026, 4, 30), 25_000);
        var b = await PersonAsync(db, "公示 二郎", "R4");
        var ib = await InstallmentAsync(db, b.Id, D(2026, 4, 30), 25_000);
        var request = new ReminderRequest(D(2026, 5, 11), D(2026, 4, 1), D(2026, 4, 30));
        var runs = new NoticeRuns(db, Clock());
        var run = await runs.GenerateAsync(stores.Clerk, NoticeRunKinds.Reminder, (x, ct) => ReminderSelection.PlanAsync(x, request, ct));
        await runs.DispatchAsync(stores.Clerk, run!.Id, D(2026, 5, 20));
        var docs = await db.NoticeLetters.AsNoTracking().Where(l => l.RunId == run.Id).OrderBy(l => l.Seq).Select(l => l.DocumentId).ToListAsync();
        var mails = new ReturnedMails(db, Clock());

        var ra = await mails.RecordAsync(stores.Clerk, docs[0], D(2026, 5, 25), ReturnedMailReason.AddressUnknown, null);
        var rb = await mails.RecordAsync(stores.Clerk, docs[1], D(2026, 5, 26), ReturnedMailReason.MovedNoForwarding, "転居先不明");
        Assert.Equal("returned.already_open", (await Assert.ThrowsAsync<DomainException>(() =>
            mails.RecordAsync(stores.Clerk, docs[0], D(2026, 5, 27), ReturnedMailReason.Other, null))).Code);
        // Returned: not delivered, so not seizable and no renewal (the lapse day goes back to 5 years from the due date).
        var returned = await StatusAsync(db, ia, D(2026, 6, 1));
        Assert.Equal(((DateOnly?)null, (DateOnly?)null, (DateOnly?)D(2031, 5, 1)), (returned.ReminderOn, returned.SeizableFrom, returned.LapsesOn));
        Assert.Equal([ra.Id, rb.Id], (await mails.UnresolvedAsync(stores.Clerk)).Where(r => r.RunId == run.Id).Select(r => r.ReturnId));

        // The same letter sent again on 6/2: seizable from 6/13, lapses on 2031-06-13; still one fee.
        await mails.ResolveAsync(stores.Clerk, ra.Id, ReturnedMailResolution.Redispatched, D(2026, 6, 2), "住民票で確認");
        var again = await StatusAsync(db, ia, D(2026, 7, 1));
        Assert.Equal(((DateOnly?)D(2026, 6, 2), (DateOnly?)D(2026, 6, 13), (DateOnly?)D(2031, 6, 13)), (again.ReminderOn, again.SeizableFrom, again.LapsesOn));
        Assert.Equal(1, await db.JournalEntries.CountAsync(x => x.InstallmentId == ia && x.Component == LedgerComponent.ReminderFee));

        // Public notice posted 6/1 takes effect 6/8 (7 days counting the posting day): seizable from 6/19.
        await mails.ResolveAsync(stores.Clerk, rb.Id, ReturnedMailResolution.PublicNotice, D(2026, 6, 1), null);
        var served = await StatusAsync(db, ib, D(2026, 7, 1));
        Assert.Equal(((DateOnly?)D(2026, 6, 8), (DateOnly?)D(2026, 6, 19), (DateOnly?)D(2031, 6, 19)), (served.ReminderOn, served.SeizableFrom, served.LapsesOn));
        Assert.DoesNotContain((await mails.UnresolvedAsync(stores.Clerk)), r => r.RunId == run.Id);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ReminderRun_NameLongerThanItsBox_RefusedInJapaneseNothingRecorded(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var a = await PersonAsync(db, new string('長', 60), "R5");
        await InstallmentAsync(db, a.Id, D(2026, 1, 30), 9_000);
        var request = new ReminderRequest(D(2026, 2, 10), D(2026, 1, 1), D(2026, 1, 31));
        var runsBefore = await db.NoticeRuns.CountAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            new NoticeRuns(db, Clock()).GenerateAsync(stores.Clerk, NoticeRunKinds.Reminder, (x, ct) => ReminderSelection.PlanAsync(x, request, ct)));

        Assert.Equal("notice.letter_unprintable", refused.Code);
        Assert.Contains("通番 1", refused.Message);
        Assert.Contains("一括作成は記録していません", refused.Message);
        Assert.Equal(runsBefore, await db.NoticeRuns.CountAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ReminderRun_FeeSettingEmptiedInTheStore_RefusedNamingTheSetting(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var request = new ReminderRequest(D(2025, 12, 10), D(2025, 11, 1), D(2025, 11, 30));
        db.Settings.Add(new Data.Settings.Setting { Key = "reminder.fee_yen", Value = "", UpdatedAtUtc = LedgerSeed.NowUtc, UpdatedBy = "test" });
        await db.SaveChangesAsync();
        try
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() => ReminderSelection.PlanAsync(db, request));
            Assert.Equal("settings.missing", refused.Code);
            Assert.Contains("reminder.fee_yen", refused.Message);
        }
        finally
        {
            await db.Settings.Where(x => x.Key == "reminder.fee_yen").ExecuteDeleteAsync();
        }
    }
}
