using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;

namespace Choshu.Domain.Tests.Claims;

/// <summary>
/// <see cref="ClaimLimitation.Evaluate"/> on the cases of domain.md §5, each checkable by hand: 5 years from the day after
/// the 法定納期限; a period of years ends at the end of the day before the corresponding day (民法143条2項), so the first
/// lapsed day is that corresponding day.
/// </summary>
public sealed class ClaimLimitationEvaluateTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
    private static ClaimDates Ordinary(string due) => ClaimDates.Ordinary(D(due));
    private static LimitationResult Eval(ClaimDates c, ClaimEvent[] events, params string[] paid) =>
        ClaimLimitation.Evaluate(c, events, paid.Select(D));

    // domain.md §5: due 2025-04-30 → lapses at the end of 2030-04-30; reminder sent 2025-05-20 → new period from 2025-05-31,
    // lapses at the end of 2030-05-30; written pledge 2027-02-15 → new period from 2027-02-16 → first lapsed day 2032-02-16.
    [Fact]
    public void Evaluate_WorkedExampleReminderThenPledge_Lapses20320216()
    {
        var reminder = ClaimEvent.Of(1, ClaimEventKind.ReminderDispatched, D("2025-05-20"));
        var pledge = ClaimEvent.Of(2, ClaimEventKind.Acknowledgement, D("2027-02-15"), ground: (short)AcknowledgementForm.InstallmentPledge);

        Assert.Equal(D("2030-05-01"), Eval(Ordinary("2025-04-30"), []).LapsesOn);
        Assert.Equal(D("2030-05-31"), Eval(Ordinary("2025-04-30"), [reminder]).LapsesOn);
        var r = Eval(Ordinary("2025-04-30"), [reminder, pledge]);
        Assert.Equal(D("2032-02-16"), r.LapsesOn);
        Assert.Equal(D("2032-02-16"), r.LimitationLapsesOn);
        Assert.Null(r.StayExtinguishesOn);
        Assert.Equal([LimitationEffect.Start, LimitationEffect.Renewed, LimitationEffect.Renewed], r.Steps.Select(s => s.Effect));
        Assert.Equal([D("2025-05-01"), D("2025-05-31"), D("2027-02-16")], r.Steps.Select(s => s.FirstCountedDay!.Value));
    }

    // Only the one reminder counts: a second dispatch 2026-01-10 renews nothing (2030-05-31 stays).
    [Fact]
    public void Evaluate_SecondReminder_DoesNotRenewAgain()
    {
        var r = Eval(Ordinary("2025-04-30"),
            [ClaimEvent.Of(1, ClaimEventKind.ReminderDispatched, D("2025-05-20")), ClaimEvent.Of(2, ClaimEventKind.ReminderDispatched, D("2026-01-10"))]);

        Assert.Equal(D("2030-05-31"), r.LapsesOn);
        Assert.Contains(r.Steps, s => s.EventId == 2 && s.Effect == LimitationEffect.None);
    }

    // A reminder returned undelivered has no effect; re-dispatched 2025-07-01 it renews from 2025-07-12 → 2030-07-12.
    [Fact]
    public void Evaluate_ReturnedReminderRedispatched_CountsFromRedispatch()
    {
        ClaimEvent[] returned = [ClaimEvent.Of(1, ClaimEventKind.ReminderDispatched, D("2025-05-20")), ClaimEvent.Of(2, ClaimEventKind.ReminderReturned, D("2025-05-26"))];

        Assert.Equal(D("2030-05-01"), Eval(Ordinary("2025-04-30"), returned).LapsesOn);
        Assert.Equal(D("2030-07-12"), Eval(Ordinary("2025-04-30"), [.. returned, ClaimEvent.Of(3, ClaimEventKind.ReminderDispatched, D("2025-07-01"))]).LapsesOn);
    }

    // Due 2020-06-30, no reminder: lapses 2025-07-01. A 催告 arriving 2025-03-10 postpones completion to the end of 2025-09-10
    // (6 months from 2025-03-11 end on 2025-09-10) → first lapsed day 2025-09-11. A second 催告 arriving 2025-06-01, inside the first's
    // six months, has no effect (民法150条2項): still 2025-09-11, not 2025-12-02.
    [Fact]
    public void Evaluate_DemandPostponesOnce_SecondInsideSixMonthsDoesNot()
    {
        var first = ClaimEvent.Of(1, ClaimEventKind.Demand, D("2025-03-07"), arrivedOn: D("2025-03-10"), delivery: DeliveryMethod.RegisteredMail);
        var second = ClaimEvent.Of(2, ClaimEventKind.Demand, D("2025-05-29"), arrivedOn: D("2025-06-01"), delivery: DeliveryMethod.RegisteredMail);

        Assert.Equal(D("2025-09-11"), Eval(Ordinary("2020-06-30"), [first]).LapsesOn);
        var both = Eval(Ordinary("2020-06-30"), [first, second]);
        Assert.Equal(D("2025-09-11"), both.LapsesOn);
        Assert.Contains(both.Steps, s => s.EventId == 2 && s.Effect == LimitationEffect.None);
        // Alone, the second would have postponed to the end of 2025-12-01.
        Assert.Equal(D("2025-12-02"), Eval(Ordinary("2020-06-30"), [second]).LapsesOn);
    }

    // A 催告 whose arrival is not proved (ordinary mail, no arrival date) is not counted; one arriving long before the lapse
    // (2022-01-10) changes nothing; a payment during the postponement (2025-08-01, after the original lapse day 2025-07-01 but
    // before the postponed one) still renews: new period from 2025-08-02 → 2030-08-02.
    [Fact]
    public void Evaluate_DemandWithoutArrivalOrEarly_NoEffect_PaymentDuringPostponementRenews()
    {
        var ordinary = ClaimEvent.Of(1, ClaimEventKind.Demand, D("2025-03-07"), delivery: DeliveryMethod.OrdinaryMail);
        var early = ClaimEvent.Of(2, ClaimEventKind.Demand, D("2022-01-07"), arrivedOn: D("2022-01-10"), delivery: DeliveryMethod.ByHand);
        var late = ClaimEvent.Of(3, ClaimEventKind.Demand, D("2025-03-07"), arrivedOn: D("2025-03-10"), delivery: DeliveryMethod.RegisteredMail);

        Assert.Equal(D("2025-07-01"), Eval(Ordinary("2020-06-30"), [ordinary]).LapsesOn);
        Assert.Equal(D("2025-07-01"), Eval(Ordinary("2020-06-30"), [early]).LapsesOn);
        Assert.Equal(D("2030-08-02"), Eval(Ordinary("2020-06-30"), [late], "2025-08-01").LapsesOn);
        Assert.Equal(D("2025-07-01"), Eval(Ordinary("2020-06-30"), [], "2025-08-01").LapsesOn);
    }

    // Before 2020-04-01 (旧民法153条) a 催告 counted only if a seizure followed within 6 months: due 2014-06-30 (lapses 2019-07-01),
    // 催告 arriving 2019-03-01 alone → no effect; followed by a seizure on 2019-08-20 that ended 2019-09-30 → renewed from
    // 2019-10-01 → 2024-10-01.
    [Fact]
    public void Evaluate_DemandBefore2020_NeedsSeizureWithinSixMonths()
    {
        var demand = ClaimEvent.Of(1, ClaimEventKind.Demand, D("2019-02-26"), arrivedOn: D("2019-03-01"), delivery: DeliveryMethod.RegisteredMail);
        var seizure = ClaimEvent.Of(2, ClaimEventKind.Seizure, D("2019-08-20"), endsOn: D("2019-09-30"));

        Assert.Equal(D("2019-07-01"), Eval(Ordinary("2014-06-30"), [demand]).LapsesOn);
        Assert.Equal(D("2024-10-01"), Eval(Ordinary("2014-06-30"), [demand, seizure]).LapsesOn);
        Assert.Equal(D("2019-07-01"), Eval(Ordinary("2014-06-30"), [seizure]).LapsesOn);
    }

    // domain.md §5: a stay from 2025-03-10 extinguishes the claim at the end of 2028-03-10 (first day 2028-03-11), before the
    // limitation (due 2025-01-31 → 2030-02-01): the earlier end wins. Cancelled 2027-01-15 (before three years), it extinguishes nothing.
    [Fact]
    public void Evaluate_StayThreeYears_ExtinguishesEndOf20280310()
    {
        var stay = ClaimEvent.Of(1, ClaimEventKind.Stay, D("2025-03-10"), ground: (short)StayGround.NoProperty);
        var cancelled = ClaimEvent.Of(2, ClaimEventKind.Stay, D("2025-03-10"), endsOn: D("2027-01-15"), ground: (short)StayGround.NoProperty, reversesEventId: 1);

        var r = Eval(Ordinary("2025-01-31"), [stay]);
        Assert.Equal(D("2028-03-11"), r.LapsesOn);
        Assert.Equal(D("2028-03-11"), r.StayExtinguishesOn);
        Assert.Equal(D("2030-02-01"), r.LimitationLapsesOn);
        Assert.True(r.HasLapsed(D("2028-03-11")));
        Assert.False(r.HasLapsed(D("2028-03-10")));
        var c = Eval(Ordinary("2025-01-31"), [stay, cancelled]);
        Assert.Equal(D("2030-02-01"), c.LapsesOn);
        Assert.Null(c.StayExtinguishesOn);
    }

    // The limitation keeps running during a stay: due 2020-06-30 (lapses 2025-07-01), stay from 2023-01-10 (three years →
    // 2026-01-11): the limitation comes first.
    [Fact]
    public void Evaluate_StayLongerThanLimitation_LimitationWins()
    {
        var r = Eval(Ordinary("2020-06-30"), [ClaimEvent.Of(1, ClaimEventKind.Stay, D("2023-01-10"), ground: (short)StayGround.Hardship)]);

        Assert.Equal(D("2025-07-01"), r.LapsesOn);
        Assert.Equal(D("2026-01-11"), r.StayExtinguishesOn);
    }

    // A seizure pending: the lapse cannot be placed. Released 2026-03-31: renewed from 2026-04-01 → 2031-04-01.
    [Fact]
    public void Evaluate_SeizurePendingThenEnded_UnknownThenRenewed()
    {
        var seizure = ClaimEvent.Of(1, ClaimEventKind.Seizure, D("2024-11-05"));
        var ended = ClaimEvent.Of(2, ClaimEventKind.Seizure, D("2024-11-05"), endsOn: D("2026-03-31"), reversesEventId: 1);

        Assert.Null(Eval(Ordinary("2020-06-30"), [seizure]).LapsesOn);
        Assert.Equal(D("2031-04-01"), Eval(Ordinary("2020-06-30"), [seizure, ended]).LapsesOn);
    }

    // 徴収猶予 from 2024-01-01 to 2024-12-31 (366 days, 2024 is a leap year): the period does not run; due 2020-06-30 → 2025-07-01
    // + 366 days = 2026-07-02.
    [Fact]
    public void Evaluate_Deferment_PeriodDoesNotRun()
    {
        var deferment = ClaimEvent.Of(1, ClaimEventKind.Deferment, D("2024-01-01"), endsOn: D("2024-12-31"), ground: (short)DefermentKind.Collection);

        Assert.Equal(D("2026-07-02"), Eval(Ordinary("2020-06-30"), [deferment]).LapsesOn);
    }

    // A late assessment (随時): 法定納期限 2023-05-31, 納期限 on the notice 2024-02-29. The limitation counts from the 法定納期限
    // (alone → 2028-06-01), but the notice (告知) postpones to its 納期限 and renews from the next day: 2024-03-01 → 2029-03-01,
    // whether the notice is recorded as an event or only implied by the two due dates (the import writes no event).
    [Fact]
    public void Evaluate_LateAssessment_NoticeRenewsFromItsDueDate()
    {
        var c = new ClaimDates(D("2024-02-29"), D("2023-05-31"));

        var implied = Eval(c, []);
        Assert.Equal(D("2029-03-01"), implied.LapsesOn);
        Assert.Equal([LimitationEffect.Start, LimitationEffect.Renewed], implied.Steps.Select(s => s.Effect));
        Assert.Equal(D("2029-03-01"), Eval(c, [ClaimEvent.Of(1, ClaimEventKind.Notice, D("2024-02-01"), endsOn: D("2024-02-29"))]).LapsesOn);
        Assert.Equal(D("2028-06-01"), ClaimLimitation.FirstLapsedDay(D("2023-05-31")));
    }

    // Two deferments overlapping (徴収猶予 2026-01-01..12-31, 換価の猶予 2026-07-01..2027-06-30): the days paused are their union,
    // 2026-01-01..2027-06-30 = 546 days, not 365 + 365. Due 2025-04-30 → 2030-05-01 + 546 days = 2031-10-29.
    [Fact]
    public void Evaluate_OverlappingDeferments_UnionOfDaysPaused()
    {
        var a = ClaimEvent.Of(1, ClaimEventKind.Deferment, D("2026-01-01"), endsOn: D("2026-12-31"), ground: (short)DefermentKind.Collection);
        var b = ClaimEvent.Of(2, ClaimEventKind.Deferment, D("2026-07-01"), endsOn: D("2027-06-30"), ground: (short)DefermentKind.SaleOnApplication);

        Assert.Equal(D("2031-10-29"), Eval(Ordinary("2025-04-30"), [a, b]).LapsesOn);
    }

    // Nothing after the lapse revives a claim: due 2020-04-30 lapsed on 2025-05-01; an open-ended deferment recorded from
    // 2025-06-01 and an increase without notice valued 2026-01-10 leave it lapsed. Before the lapse, either makes it unknown.
    [Fact]
    public void Evaluate_OpenDefermentOrIncreaseAfterLapse_StillLapsed()
    {
        var late = ClaimEvent.Of(1, ClaimEventKind.Deferment, D("2025-06-01"), ground: (short)DefermentKind.Collection);
        var early = ClaimEvent.Of(1, ClaimEventKind.Deferment, D("2024-06-01"), ground: (short)DefermentKind.Collection);

        Assert.Equal(D("2025-05-01"), Eval(Ordinary("2020-04-30"), [late]).LapsesOn);
        Assert.Null(Eval(Ordinary("2020-04-30"), [early]).LapsesOn);
        Assert.Equal(D("2025-05-01"), ClaimLimitation.Evaluate(Ordinary("2020-04-30"), [], [], D("2026-01-10")).LapsesOn);
        Assert.Null(ClaimLimitation.Evaluate(Ordinary("2020-04-30"), [], [], D("2024-01-10")).LapsesOn);
    }

    // Nothing dated on or after the lapse revives the claim: a pledge on 2025-07-01 (the first lapsed day) renews nothing.
    [Fact]
    public void Evaluate_PledgeOnFirstLapsedDay_NoEffect()
    {
        var r = Eval(Ordinary("2020-06-30"), [ClaimEvent.Of(1, ClaimEventKind.Acknowledgement, D("2025-07-01"))]);

        Assert.Equal(D("2025-07-01"), r.LapsesOn);
        Assert.Equal(LimitationEffect.None, r.Steps[^1].Effect);
    }

    // 即時消滅 on 2026-02-02 under a stay on ground 1: extinguished that day.
    [Fact]
    public void Evaluate_ImmediateExtinction_ThatDay()
    {
        var r = Eval(Ordinary("2025-04-30"),
            [ClaimEvent.Of(1, ClaimEventKind.Stay, D("2026-02-02"), ground: (short)StayGround.NoProperty), ClaimEvent.Of(2, ClaimEventKind.ImmediateExtinction, D("2026-02-02"))]);

        Assert.Equal(D("2026-02-02"), r.LapsesOn);
    }
}
