using Choshu.App.Cases;
using Choshu.App.Claims;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Claims;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Choshu.TestSupport.StaffSeed;

using Choshu.App.Tests.Cases;

namespace Choshu.App.Tests.Claims;

/// <summary>
/// Recording claim events (<see cref="ClaimEvents"/>) on both stores. Today is 2026-11-26 (JST). Each test makes its own
/// taxpayer with one 市民税 installment of 50,000 (due as the test says, 法定納期限 the same). Staff: 200001 滞納整理担当
/// (the officer in charge of every case opened here), 200002 another 滞納整理担当, 100001 収納担当, 300001 承認者.
/// Hand-checkable dates: a reminder dispatched D renews from D+11 (seizable from D+11), 5 years end the day before the
/// corresponding day (lapse day = the corresponding day).
/// </summary>
public sealed class ClaimEventsTests(CaseStaffStores stores) : IClassFixture<CaseStaffStores>
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Postgres, StoreProvider.Sqlite };

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static int _next;

    /// <summary>A taxpayer with one installment of 50,000 due <paramref name="due"/>; with a case whose officer is 200001 when asked.</summary>
    private async Task<(long InstallmentId, long TaxpayerId)> ClaimAsync(ChoshuDbContext db, DateOnly due, bool withCase = false)
    {
        var n = Interlocked.Increment(ref _next);
        var taxpayerNo = $"20000{n:D5}";
        var taxpayerId = await LedgerSeed.TaxpayerAsync(db, taxpayerNo);
        var inst = (await LedgerSeed.AssessmentAsync(db, taxpayerId, "01", due.Year, $"C{n:D9}", new LedgerSeed.Inst(1, due, 50_000)))[0];
        if (withCase)
        {
            var cases = new CaseUpdates(db, Clock());
            var c = await cases.OpenAsync(stores.Approver, taxpayerNo);
            await cases.AssignAsync(stores.Approver, c.Id, "200001");
        }
        return (inst, taxpayerId);
    }

    private static async Task<string> Refused(Func<Task> move) => (await Assert.ThrowsAsync<DomainException>(move)).Code;

    private static async Task<Data.Security.AuditEvent> LastAuditAsync(ChoshuDbContext db) =>
        await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync();

    [Theory, MemberData(nameof(Providers))]
    public async Task RecordAsync_ReminderByClerk_ReadBackWithStatusAndAudited3101(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var (inst, taxpayerId) = await ClaimAsync(db, D(2025, 6, 30));
        var events = new ClaimEvents(db, Clock());

        var e = await events.RecordAsync(stores.Clerk, inst, new ClaimEventRequest(ClaimEventKind.ReminderDispatched, D(2025, 7, 20)));

        var stored = await db.ClaimEvents.AsNoTracking().SingleAsync(x => x.InstallmentId == inst);
        Assert.Equal((e.Id, ClaimEventKind.ReminderDispatched, D(2025, 7, 20), "100001", (DateOnly?)null),
            (stored.Id, stored.Kind, stored.On, stored.Actor, stored.EndsOn));
        var audit = await LastAuditAsync(db);
        Assert.Equal((3101, (long?)taxpayerId, "100001"), ((int)audit.Kind, audit.TaxpayerId, audit.ActorName));
        Assert.Contains($"事績 {e.Id}", audit.Detail);

        // Dispatched 2025-07-20: seizable from 2025-07-31, renewed from 2025-07-31, lapses on 2030-07-31.
        var view = await events.ShowAsync(stores.Clerk, inst, D(2025, 8, 1));
        Assert.Equal((ClaimStatusKind.Reminded, (DateOnly?)D(2025, 7, 20), (DateOnly?)D(2025, 7, 31), (DateOnly?)D(2030, 7, 31), 50_000L),
            (view.Status.Kind, view.Status.ReminderOn, view.Status.SeizableFrom, view.Limitation.LapsesOn, view.Owed));
        Assert.Equal(2001, (int)(await LastAuditAsync(db)).Kind);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RecordAsync_ReminderOnDueDate_RefusedNothingRecorded(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var (inst, _) = await ClaimAsync(db, D(2025, 6, 30));
        var before = (await LastAuditAsync(db)).Id;

        Assert.Equal("claim_event.reminder_before_due", await Refused(() =>
            new ClaimEvents(db, Clock()).RecordAsync(stores.Clerk, inst, new ClaimEventRequest(ClaimEventKind.ReminderDispatched, D(2025, 6, 30)))));
        Assert.False(await db.ClaimEvents.AnyAsync(x => x.InstallmentId == inst));
        Assert.Equal(before, (await LastAuditAsync(db)).Id);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RecordAsync_SecondReminder_RefusedUntilTheFirstIsReturned(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var (inst, _) = await ClaimAsync(db, D(2025, 6, 30));
        var events = new ClaimEvents(db, Clock());
        await events.RecordAsync(stores.Clerk, inst, new ClaimEventRequest(ClaimEventKind.ReminderDispatched, D(2025, 7, 20)));

        Assert.Equal("claim_event.reminder_already_dispatched", await Refused(() =>
            events.RecordAsync(stores.Clerk, inst, new ClaimEventRequest(ClaimEventKind.ReminderDispatched, D(2025, 8, 1)))));
        await events.RecordAsync(stores.Clerk, inst, new ClaimEventRequest(ClaimEventKind.ReminderReturned, D(2025, 7, 25)));
        Assert.Equal(3102, (int)(await LastAuditAsync(db)).Kind);
        await events.RecordAsync(stores.Clerk, inst, new ClaimEventRequest(ClaimEventKind.ReminderDispatched, D(2025, 8, 1)));

        // The re-dispatch counts: seizable from 2025-08-12, lapses on 2030-08-12.
        var view = await events.ShowAsync(stores.Clerk, inst, D(2025, 9, 1));
        Assert.Equal(((DateOnly?)D(2025, 8, 1), (DateOnly?)D(2025, 8, 12), (DateOnly?)D(2030, 8, 12)),
            (view.Status.ReminderOn, view.Status.SeizableFrom, view.Limitation.LapsesOn));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RecordAsync_ReminderDuringCollectionDeferment_Refused(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var (inst, _) = await ClaimAsync(db, D(2025, 6, 30), withCase: true);
        var events = new ClaimEvents(db, Clock());
        await events.RecordAsync(stores.Officer, inst, new ClaimEventRequest(ClaimEventKind.Deferment, D(2025, 7, 1), D(2025, 12, 31),
            Ground: (short)DefermentKind.Collection, Reason: "災害"));
        Assert.Equal(3019, (int)(await LastAuditAsync(db)).Kind);

        Assert.Equal("claim_event.reminder_during_deferment", await Refused(() =>
            events.RecordAsync(stores.Clerk, inst, new ClaimEventRequest(ClaimEventKind.ReminderDispatched, D(2025, 7, 20)))));
        // The day after the deferment's last day it may be sent.
        await events.RecordAsync(stores.Clerk, inst, new ClaimEventRequest(ClaimEventKind.ReminderDispatched, D(2026, 1, 5)));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RecordAsync_SeizureBeforeSeizableFrom_RefusedThenRecordedOnThatDay(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var (inst, _) = await ClaimAsync(db, D(2025, 6, 30), withCase: true);
        var events = new ClaimEvents(db, Clock());
        var seizure = (DateOnly on) => events.RecordAsync(stores.Officer, inst, new ClaimEventRequest(ClaimEventKind.Seizure, on));

        Assert.Equal("claim_event.seizure_without_reminder", await Refused(() => seizure(D(2025, 8, 1))));
        await events.RecordAsync(stores.Clerk, inst, new ClaimEventRequest(ClaimEventKind.ReminderDispatched, D(2025, 7, 20)));
        Assert.Equal("claim_event.seizure_too_early", await Refused(() => seizure(D(2025, 7, 30))));
        await seizure(D(2025, 7, 31));
        Assert.Equal(3015, (int)(await LastAuditAsync(db)).Kind);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task EndAsync_OpenSeizure_ReplacedAndRenewedFromTheDayAfter(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var (inst, _) = await ClaimAsync(db, D(2025, 6, 30), withCase: true);
        var events = new ClaimEvents(db, Clock());
        await events.RecordAsync(stores.Clerk, inst, new ClaimEventRequest(ClaimEventKind.ReminderDispatched, D(2025, 7, 20)));
        var seizure = await events.RecordAsync(stores.Officer, inst, new ClaimEventRequest(ClaimEventKind.Seizure, D(2025, 8, 1)));
        var pending = await events.ShowAsync(stores.Officer, inst, D(2025, 9, 1));
        Assert.Equal((ClaimStatusKind.Seized, (DateOnly?)null), (pending.Status.Kind, pending.Limitation.LapsesOn));

        var end = await events.EndAsync(stores.Officer, seizure.Id, D(2026, 3, 31), "取立完了");

        Assert.Equal((ClaimEventKind.Seizure, D(2025, 8, 1), (DateOnly?)D(2026, 3, 31), (long?)seizure.Id), (end.Kind, end.On, end.EndsOn, end.ReversesEventId));
        Assert.Equal(3015, (int)(await LastAuditAsync(db)).Kind);
        // Ended 2026-03-31: renewed from 2026-04-01, lapses on 2031-04-01; the open record no longer counts.
        var view = await events.ShowAsync(stores.Officer, inst, D(2026, 4, 1));
        Assert.Equal((ClaimStatusKind.Reminded, (DateOnly?)D(2031, 4, 1)), (view.Status.Kind, view.Limitation.LapsesOn));
        Assert.False(view.InForce.Contains(seizure.Id));
        Assert.True(view.InForce.Contains(end.Id));

        Assert.Equal("claim_event.already_withdrawn", await Refused(() => events.EndAsync(stores.Officer, seizure.Id, D(2026, 4, 1), "二重")));
        Assert.Equal("claim_event.period_not_open", await Refused(() => events.EndAsync(stores.Officer, end.Id, D(2026, 4, 1), "二重")));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task WithdrawAsync_Reminder_NoLongerCountsAndSecondWithdrawalRefused(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var (inst, _) = await ClaimAsync(db, D(2025, 6, 30));
        var events = new ClaimEvents(db, Clock());
        var reminder = await events.RecordAsync(stores.Clerk, inst, new ClaimEventRequest(ClaimEventKind.ReminderDispatched, D(2025, 7, 20)));

        // A 収納担当 may record a reminder but not take one back (it moves the lapse day earlier): refused, nothing written.
        await Assert.ThrowsAsync<AccessDeniedException>(() => events.WithdrawAsync(stores.Clerk, reminder.Id, "宛先誤り"));
        var withdrawal = await events.WithdrawAsync(stores.Officer, reminder.Id, "宛先誤り");

        Assert.Equal((ClaimEventKind.Withdrawal, D(2026, 11, 26), (long?)reminder.Id, "宛先誤り"),
            (withdrawal.Kind, withdrawal.On, withdrawal.ReversesEventId, withdrawal.Reason));
        Assert.Equal(3190, (int)(await LastAuditAsync(db)).Kind);
        // Without the reminder: from the day after 2025-06-30, lapses on 2030-07-01.
        var view = await events.ShowAsync(stores.Clerk, inst, D(2025, 8, 1));
        Assert.Equal((ClaimStatusKind.Unpaid, (DateOnly?)null, (DateOnly?)D(2030, 7, 1)), (view.Status.Kind, view.Status.ReminderOn, view.Limitation.LapsesOn));

        Assert.Equal("claim_event.already_withdrawn", await Refused(() => events.WithdrawAsync(stores.Officer, reminder.Id, "再度")));
        Assert.Equal("claim_event.withdrawal_final", await Refused(() => events.WithdrawAsync(stores.Officer, withdrawal.Id, "再度")));
        var again = await events.RecordAsync(stores.Clerk, inst, new ClaimEventRequest(ClaimEventKind.ReminderDispatched, D(2025, 8, 1)));
        Assert.Equal("claim_event.reason_required", await Refused(() => events.WithdrawAsync(stores.Officer, again.Id, " ")));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RecordAsync_AfterLapse_RefusedExceptWriteOffThenNothingMore(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        // Due 2020-06-30, nothing recorded: lapses on 2025-07-01.
        var (inst, _) = await ClaimAsync(db, D(2020, 6, 30), withCase: true);
        var events = new ClaimEvents(db, Clock());

        Assert.Equal("claim_event.claim_extinguished", await Refused(() =>
            events.RecordAsync(stores.Officer, inst, new ClaimEventRequest(ClaimEventKind.Acknowledgement, D(2025, 7, 1)))));
        Assert.Equal("claim_event.writeoff_not_extinguished", await Refused(() =>
            events.RecordAsync(stores.Officer, inst, new ClaimEventRequest(ClaimEventKind.WriteOff, D(2025, 6, 30), Ground: (short)WriteOffGround.Limitation, Reason: "時効"))));
        Assert.Equal("claim_event.writeoff_not_extinguished", await Refused(() =>
            events.RecordAsync(stores.Officer, inst, new ClaimEventRequest(ClaimEventKind.WriteOff, D(2025, 7, 1), Ground: (short)WriteOffGround.StayThreeYears, Reason: "時効"))));
        // An acknowledgement signed the day before the lapse still counts (recorded late, dated when it happened).
        var before = await events.RecordAsync(stores.Officer, inst, new ClaimEventRequest(ClaimEventKind.Acknowledgement, D(2025, 6, 30),
            Ground: (short)AcknowledgementForm.WrittenAcknowledgement));
        Assert.Equal(3105, (int)(await LastAuditAsync(db)).Kind);
        Assert.Equal((DateOnly?)D(2030, 7, 1), (await events.ShowAsync(stores.Officer, inst, D(2026, 11, 26))).Limitation.LapsesOn);
        await events.WithdrawAsync(stores.Officer, before.Id, "承認書の日付誤り");

        await events.RecordAsync(stores.Officer, inst, new ClaimEventRequest(ClaimEventKind.WriteOff, D(2025, 7, 1), Ground: (short)WriteOffGround.Limitation, Reason: "時効完成"));
        Assert.Equal(3014, (int)(await LastAuditAsync(db)).Kind);
        Assert.Equal(ClaimStatusKind.WrittenOff, (await events.ShowAsync(stores.Officer, inst, D(2026, 11, 26))).Status.Kind);
        Assert.Equal("claim_event.written_off", await Refused(() =>
            events.RecordAsync(stores.Officer, inst, new ClaimEventRequest(ClaimEventKind.WriteOff, D(2025, 8, 1), Ground: (short)WriteOffGround.Limitation, Reason: "二重"))));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RecordAsync_StayWithoutCaseOrByAnotherOfficer_Refused(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var stay = new ClaimEventRequest(ClaimEventKind.Stay, D(2025, 8, 1), Ground: (short)StayGround.NoProperty);
        var (noCase, _) = await ClaimAsync(db, D(2025, 6, 30));
        Assert.Equal("claim_event.case_required", await Refused(() => new ClaimEvents(db, Clock()).RecordAsync(stores.Officer, noCase, stay)));

        var (inst, taxpayerId) = await ClaimAsync(db, D(2025, 6, 30), withCase: true);
        await Assert.ThrowsAsync<AccessDeniedException>(() => new ClaimEvents(db, Clock()).RecordAsync(stores.Colleague, inst, stay));
        var denied = await LastAuditAsync(db);
        Assert.Equal((AuditEventKind.AccessDenied, (long?)taxpayerId), (denied.Kind, denied.TaxpayerId));
        // 催告 needs the case right: 収納担当 is refused.
        await Assert.ThrowsAsync<AccessDeniedException>(() => new ClaimEvents(db, Clock()).RecordAsync(stores.Clerk, inst,
            new ClaimEventRequest(ClaimEventKind.Demand, D(2025, 9, 1), ArrivedOn: D(2025, 9, 3), Delivery: DeliveryMethod.RegisteredMail)));
        Assert.False(await db.ClaimEvents.AnyAsync(x => x.InstallmentId == inst || x.InstallmentId == noCase));

        // The stay on or before the 納期限 is refused; after it, recorded by the officer (3013), extinguishing on 2028-08-02.
        Assert.Equal("claim_event.not_in_arrears", await Refused(() => new ClaimEvents(db, Clock()).RecordAsync(stores.Officer, inst, stay with { On = D(2025, 6, 30) })));
        await new ClaimEvents(db, Clock()).RecordAsync(stores.Officer, inst, stay);
        Assert.Equal(3013, (int)(await LastAuditAsync(db)).Kind);
        var view = await new ClaimEvents(db, Clock()).ShowAsync(stores.Officer, inst, D(2026, 11, 26));
        Assert.Equal((ClaimStatusKind.Stayed, (DateOnly?)D(2028, 8, 2)), (view.Status.Kind, view.Limitation.StayExtinguishesOn));
    }
}
