using Choshu.Domain.Ledger;
using static Choshu.Domain.Tests.TestData;

namespace Choshu.Domain.Tests.Ledger;

/// <summary>
/// 時効 of the right to collect (地方税法18条, 18条の2; 民法140条, 143条, 152条). Every date is worked by hand in the
/// comment above its test: the period's first counted day F, then the 5-year period ends the day before the
/// corresponding day of F five years on (the first lapsed day), or at the end of February when that year has no 29th.
/// </summary>
public class ClaimLimitationTests
{
    private static LimitationRenewal Reminder(string on) => new(LimitationRenewalKind.Reminder, D(on));
    private static LimitationRenewal Paid(string on) => new(LimitationRenewalKind.Acknowledgement, D(on));

    private static DateOnly? Lapses(string due, params LimitationRenewal[] renewals) => ClaimLimitation.FirstLapsedDay(D(due), renewals);

    // Due 2020-06-30 (Tue), nothing since. F = 2020-07-01; 2025-07-01 is the corresponding day → the period ends
    // 2025-06-30 (last day still collectable), lapsed from 2025-07-01.
    [Fact]
    public void FirstLapsedDay_Due20200630NoRenewal_Lapses20250701()
    {
        Assert.Equal(D("2025-07-01"), ClaimLimitation.FirstLapsedDay(D("2020-06-30")));
        Assert.Equal(D("2025-07-01"), Lapses("2020-06-30"));
        Assert.Equal(D("2025-06-30"), ClaimLimitation.LastCollectableDay(D("2020-06-30"), []));
        Assert.False(ClaimLimitation.HasLapsed(D("2020-06-30"), [], D("2025-06-30")));
        Assert.True(ClaimLimitation.HasLapsed(D("2020-06-30"), [], D("2025-07-01")));
        Assert.True(ClaimLimitation.HasLapsed(D("2020-06-30"), [], D("2026-11-20")));
    }

    // Due 2019-12-31. F = 2020-01-01 → lapsed from 2025-01-01; 2024-12-31 is the last day.
    [Fact]
    public void FirstLapsedDay_DueOnNewYearsEve_LapsesOnNewYearsDay()
    {
        Assert.Equal(D("2025-01-01"), Lapses("2019-12-31"));
        Assert.False(ClaimLimitation.HasLapsed(D("2019-12-31"), [], D("2024-12-31")));
        Assert.True(ClaimLimitation.HasLapsed(D("2019-12-31"), [], D("2025-01-01")));
    }

    // Due 2023-02-28. F = 2023-03-01 → corresponding day 2028-03-01 → the period ends on 2028-02-29 (2028 is a leap
    // year). Adding 5 years to the due date (2028-02-28) would end it a day early.
    [Fact]
    public void FirstLapsedDay_PeriodEndsInLeapFebruary_LastDayIsFebruary29()
    {
        Assert.Equal(D("2028-03-01"), Lapses("2023-02-28"));
        Assert.Equal(D("2028-02-29"), ClaimLimitation.LastCollectableDay(D("2023-02-28"), []));
        Assert.False(ClaimLimitation.HasLapsed(D("2023-02-28"), [], D("2028-02-29")));
        Assert.True(ClaimLimitation.HasLapsed(D("2023-02-28"), [], D("2028-03-01")));
    }

    // Due 2024-02-28. F = 2024-02-29; 2029 has no 29 February, so the period ends at the end of February 2029
    // (民法143条2項ただし書): last day 2029-02-28, lapsed from 2029-03-01 (AddYears would clamp F to 02-28 and lapse a day early).
    [Fact]
    public void FirstLapsedDay_FirstCountedDayFebruary29_EndsAtEndOfFebruary()
    {
        Assert.Equal(D("2029-03-01"), ClaimLimitation.AfterPeriod(D("2024-02-29")));
        Assert.Equal(D("2029-03-01"), Lapses("2024-02-28"));
        Assert.False(ClaimLimitation.HasLapsed(D("2024-02-28"), [], D("2029-02-28")));
        Assert.True(ClaimLimitation.HasLapsed(D("2024-02-28"), [], D("2029-03-01")));
    }

    // Due 2024-02-29 (a leap day). F = 2024-03-01 → lapsed from 2029-03-01, last day 2029-02-28.
    [Fact]
    public void FirstLapsedDay_DueOnLeapDay_Lapses20290301()
    {
        Assert.Equal(D("2029-03-01"), Lapses("2024-02-29"));
        Assert.Equal(D("2029-02-28"), ClaimLimitation.LastCollectableDay(D("2024-02-29"), []));
    }

    // Due 2020-06-30, reminder sent 2020-07-20. Counting 07-20 as the first day, 10 days have passed on 2020-07-30
    // (督促状を発した日から起算して十日を経過した日); the new period counts from 2020-07-31 → lapsed from 2025-07-31,
    // last day 2025-07-30 (without the reminder: 2025-06-30).
    [Fact]
    public void FirstLapsedDay_Reminder20200720_Lapses20250731()
    {
        Assert.Equal(D("2020-07-31"), ClaimLimitation.FirstCountedDay(Reminder("2020-07-20")));
        Assert.Equal(D("2025-07-31"), Lapses("2020-06-30", Reminder("2020-07-20")));
        Assert.False(ClaimLimitation.HasLapsed(D("2020-06-30"), [Reminder("2020-07-20")], D("2025-07-30")));
        Assert.True(ClaimLimitation.HasLapsed(D("2020-06-30"), [Reminder("2020-07-20")], D("2025-07-31")));
    }

    // Due 2020-01-31, reminder sent 2020-02-18: 10 days have passed on 2020-02-28, F = 2020-02-29; 2025 has no
    // 29 February → last day 2025-02-28, lapsed from 2025-03-01.
    [Fact]
    public void FirstLapsedDay_ReminderRestartOnLeapDay_LapsesMarch1()
    {
        Assert.Equal(D("2020-02-29"), ClaimLimitation.FirstCountedDay(Reminder("2020-02-18")));
        Assert.Equal(D("2025-03-01"), Lapses("2020-01-31", Reminder("2020-02-18")));
    }

    // Due 2020-06-30, 10,000 paid 2021-03-15 (承認). The new period counts from the next day, 2021-03-16 →
    // lapsed from 2026-03-16, last day 2026-03-15.
    [Fact]
    public void FirstLapsedDay_PartialPayment20210315_Lapses20260316()
    {
        Assert.Equal(D("2026-03-16"), Lapses("2020-06-30", Paid("2021-03-15")));
        Assert.False(ClaimLimitation.HasLapsed(D("2020-06-30"), [Paid("2021-03-15")], D("2026-03-15")));
        Assert.True(ClaimLimitation.HasLapsed(D("2020-06-30"), [Paid("2021-03-15")], D("2026-03-16")));
    }

    // Due 2020-06-30 (lapses 2025-07-01 alone). Paid on the last day 2025-06-30: renewed, F = 2025-07-01 → 2030-07-01.
    // Paid on 2025-07-01: the claim had already lapsed; the lapse is absolute and the payment renews nothing.
    [Fact]
    public void FirstLapsedDay_PaymentOnLastDayRenews_PaymentOnFirstLapsedDayDoesNot()
    {
        Assert.Equal(D("2030-07-01"), Lapses("2020-06-30", Paid("2025-06-30")));
        Assert.Equal(D("2025-07-01"), Lapses("2020-06-30", Paid("2025-07-01")));
        Assert.True(ClaimLimitation.HasLapsed(D("2020-06-30"), [Paid("2025-07-01")], D("2025-07-01")));
    }

    // Due 2020-06-30. Paid 2024-05-10 → lapses 2029-05-11; paid again 2029-05-10 (its last day) → 2034-05-11.
    // Without the first payment the second (2029) comes after the lapse of 2025-07-01 and renews nothing.
    // The answer does not depend on the order the events are given in.
    [Fact]
    public void FirstLapsedDay_ChainOfPayments_EachRenewsWhileAlive()
    {
        Assert.Equal(D("2034-05-11"), Lapses("2020-06-30", Paid("2024-05-10"), Paid("2029-05-10")));
        Assert.Equal(D("2034-05-11"), Lapses("2020-06-30", Paid("2029-05-10"), Paid("2024-05-10")));
        Assert.Equal(D("2025-07-01"), Lapses("2020-06-30", Paid("2029-05-10")));
    }

    // Due 2021-02-26, reminder 2021-03-10 (restart 2021-03-21 → 2026-03-21), then 5,000 paid 2021-03-15 (restart
    // 2021-03-16 → 2026-03-16): a renewal never brings the lapse earlier, it stays 2026-03-21.
    [Fact]
    public void FirstLapsedDay_LaterEventWithEarlierRestart_KeepsLaterDay()
    {
        Assert.Equal(D("2026-03-21"), Lapses("2021-02-26", Reminder("2021-03-10"), Paid("2021-03-15")));
    }

    // An increase (増額の更正・決定) valued 2021-10-01: the notice's own 納期限 is not recorded, so the lapse cannot be
    // placed and the claim is never treated as lapsed, even 20 years on.
    [Fact]
    public void HasLapsed_IncreaseNotice_NeverLapsed()
    {
        LimitationRenewal[] renewals = [new(LimitationRenewalKind.IncreaseNotice, D("2021-10-01"))];

        Assert.Null(ClaimLimitation.FirstLapsedDay(D("2020-06-30"), renewals));
        Assert.Null(ClaimLimitation.LastCollectableDay(D("2020-06-30"), renewals));
        Assert.False(ClaimLimitation.HasLapsed(D("2020-06-30"), renewals, D("2040-07-01")));
    }
}
