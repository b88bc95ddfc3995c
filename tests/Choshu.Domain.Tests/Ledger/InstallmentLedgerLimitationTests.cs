using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;

namespace Choshu.Domain.Tests.Ledger;

/// <summary>
/// What <see cref="InstallmentLedger"/> hands the limitation rule: money from the journal (承認), reminders and the rest from
/// the claim's events. The installment: 100,000 due 2020-06-30, charged 2020-04-01; alone it lapses from 2025-07-01.
/// (Replaces the App test that read a 督促手数料 charge as the reminder: since issue 10 the reminder is an event, fee or no fee.)
/// </summary>
public sealed class InstallmentLedgerLimitationTests
{
    private static readonly DateOnly Due = new(2020, 6, 30);

    private static LedgerLine Line(long id, JournalEntryKind kind, LedgerComponent component, long amount, DateOnly on, long? reverses = null) =>
        new(id, kind, component, amount, on, reverses);

    private static readonly LedgerLine Charge = Line(1, JournalEntryKind.Charge, LedgerComponent.Principal, 100_000, new DateOnly(2020, 4, 1));

    private static InstallmentLedger With(IEnumerable<LedgerLine> lines, params ClaimEvent[] events) =>
        InstallmentLedger.From(ClaimDates.Ordinary(Due), lines, events);

    [Fact]
    public void From_ChargeOnly_LapsesFiveYearsFromDayAfterDue()
    {
        var ledger = InstallmentLedger.From(Due, [Charge]);

        Assert.Equal(new DateOnly(2025, 7, 1), ledger.ClaimLapsesOn);
        Assert.False(ledger.ClaimLapsed(new DateOnly(2025, 6, 30)));
        Assert.True(ledger.ClaimLapsed(new DateOnly(2025, 7, 1)));
    }

    // Reminder dispatched 2020-07-20 (restart 2020-07-31, lapsed from 2025-07-31) with the fee abolished: no fee charge at all,
    // the event renews. Withdrawn (recorded by mistake), it renews nothing: 2025-07-01 again.
    [Fact]
    public void From_ReminderEventWithoutFee_RenewsUnlessWithdrawn()
    {
        var reminder = ClaimEvent.Of(1, ClaimEventKind.ReminderDispatched, new DateOnly(2020, 7, 20));
        var withdrawn = ClaimEvent.Of(2, ClaimEventKind.Withdrawal, new DateOnly(2020, 8, 1), reversesEventId: 1);

        Assert.Equal(new DateOnly(2025, 7, 31), With([Charge], reminder).ClaimLapsesOn);
        Assert.Equal(new DateOnly(2025, 7, 1), With([Charge], reminder, withdrawn).ClaimLapsesOn);
    }

    // A reminder fee charged 2020-07-20 and a second one 2021-01-20 are money owed, not reminders: without the event neither
    // renews (2025-07-01); with the one reminder event of 2020-07-20, the second charge does not renew again (2025-07-31).
    [Fact]
    public void From_ReminderFeeCharges_RenewNothingByThemselves()
    {
        LedgerLine[] lines =
        [
            Charge,
            Line(2, JournalEntryKind.Charge, LedgerComponent.ReminderFee, 100, new DateOnly(2020, 7, 20)),
            Line(3, JournalEntryKind.Charge, LedgerComponent.ReminderFee, 100, new DateOnly(2021, 1, 20)),
        ];

        Assert.Equal(new DateOnly(2025, 7, 1), With(lines).ClaimLapsesOn);
        Assert.Equal(new DateOnly(2025, 7, 31), With(lines, ClaimEvent.Of(1, ClaimEventKind.ReminderDispatched, new DateOnly(2020, 7, 20))).ClaimLapsesOn);
        Assert.Equal(200, With(lines).ReminderFeeBalance);
    }

    // Money on any component acknowledges the claim: 500 to the late fee on 2021-03-15 → lapsed from 2026-03-16.
    // A reduction (−10,000, 2021-05-01) renews nothing; an increase (+10,000, 2021-10-01) without a recorded notice makes the
    // lapse unknown (never treated as lapsed); with its notice (納期限 2021-11-01) recorded, it renews from 2021-11-02.
    [Fact]
    public void From_MoneyAndAmendments_AcknowledgementRenewsIncreaseNeedsItsNotice()
    {
        var paid = Line(2, JournalEntryKind.Payment, LedgerComponent.LateFee, -500, new DateOnly(2021, 3, 15));
        var reduced = Line(3, JournalEntryKind.Amendment, LedgerComponent.Principal, -10_000, new DateOnly(2021, 5, 1));
        var increased = Line(4, JournalEntryKind.Amendment, LedgerComponent.Principal, 10_000, new DateOnly(2021, 10, 1));
        var notice = ClaimEvent.Of(1, ClaimEventKind.Notice, new DateOnly(2021, 10, 1), endsOn: new DateOnly(2021, 11, 1));

        Assert.Equal(new DateOnly(2026, 3, 16), With([Charge, paid, reduced]).ClaimLapsesOn);
        var unknown = With([Charge, paid, increased]);
        Assert.Null(unknown.ClaimLapsesOn);
        Assert.False(unknown.ClaimLapsed(new DateOnly(2040, 1, 1)));
        Assert.Equal(new DateOnly(2026, 11, 2), With([Charge, paid, increased], notice).ClaimLapsesOn);
    }

    // An appropriation (充当, the city's act) is money on the claim but no 承認: appropriated 2024-09-01, the lapse stays 2025-07-01;
    // a payment of the same day renews (2029-09-02).
    [Fact]
    public void From_Appropriation_NoAcknowledgement()
    {
        var appropriated = Line(2, JournalEntryKind.Appropriation, LedgerComponent.Principal, -10_000, new DateOnly(2024, 9, 1));
        var paid = Line(3, JournalEntryKind.Payment, LedgerComponent.Principal, -10_000, new DateOnly(2024, 9, 1));

        Assert.Equal(new DateOnly(2025, 7, 1), With([Charge, appropriated]).ClaimLapsesOn);
        Assert.Equal(90_000, With([Charge, appropriated]).PrincipalBalance);
        Assert.Equal(new DateOnly(2029, 9, 2), With([Charge, paid]).ClaimLapsesOn);
    }

    // A booking in progress applies what it writes: 1,000 paid on the last day 2025-06-30 → lapsed from 2030-07-01.
    [Fact]
    public void Apply_PaymentOnLastDay_RenewsForFiveYears()
    {
        var ledger = InstallmentLedger.From(Due, [Charge]);
        Assert.Equal(new DateOnly(2025, 7, 1), ledger.ClaimLapsesOn);

        ledger.Apply(JournalEntryKind.Payment, LedgerComponent.Principal, -1_000, new DateOnly(2025, 6, 30));

        Assert.Equal(new DateOnly(2030, 7, 1), ledger.ClaimLapsesOn);
    }
}
