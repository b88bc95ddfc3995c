using Choshu.App.Ledger;
using Choshu.Domain.Ledger;

namespace Choshu.App.Tests.Reconciliation;

/// <summary>
/// Which journal entries <see cref="InstallmentLedger"/> reads as renewals of the limitation (時効の更新), and the lapse
/// day it gives. The installment: 100,000 due 2020-06-30, charged 2020-04-01; alone it lapses from 2025-07-01.
/// </summary>
public sealed class LedgerLimitationTests
{
    private static readonly DateOnly Due = new(2020, 6, 30);

    private static LedgerLine Line(long id, JournalEntryKind kind, LedgerComponent component, long amount, DateOnly on, long? reverses = null) =>
        new(id, kind, component, amount, on, reverses);

    private static readonly LedgerLine Charge = Line(1, JournalEntryKind.Charge, LedgerComponent.Principal, 100_000, new DateOnly(2020, 4, 1));

    [Fact]
    public void From_ChargeOnly_LapsesFiveYearsFromDayAfterDue()
    {
        var ledger = InstallmentLedger.From(Due, [Charge]);

        Assert.Empty(ledger.LimitationRenewals);
        Assert.Equal(new DateOnly(2025, 7, 1), ledger.ClaimLapsesOn);
        Assert.False(ledger.ClaimLapsed(new DateOnly(2025, 6, 30)));
        Assert.True(ledger.ClaimLapsed(new DateOnly(2025, 7, 1)));
    }

    // Reminder fee charged 2020-07-20 = the reminder sent that day: restart 2020-07-31, lapsed from 2025-07-31.
    // Once that charge is reversed (a reminder sent by mistake), it renews nothing: 2025-07-01 again.
    [Fact]
    public void From_ReminderFeeCharged_RenewsUnlessReversed()
    {
        var reminder = Line(2, JournalEntryKind.Charge, LedgerComponent.ReminderFee, 100, new DateOnly(2020, 7, 20));

        var renewed = InstallmentLedger.From(Due, [Charge, reminder]);
        var reversed = InstallmentLedger.From(Due, [Charge, reminder, Line(3, JournalEntryKind.Reversal, LedgerComponent.ReminderFee, -100, new DateOnly(2020, 7, 20), reverses: 2)]);

        Assert.Equal([new LimitationRenewal(LimitationRenewalKind.Reminder, new DateOnly(2020, 7, 20))], renewed.LimitationRenewals);
        Assert.Equal(new DateOnly(2025, 7, 31), renewed.ClaimLapsesOn);
        Assert.Empty(reversed.LimitationRenewals);
        Assert.Equal(new DateOnly(2025, 7, 1), reversed.ClaimLapsesOn);
    }

    // Money on any component acknowledges the claim: 500 to the late fee on 2021-03-15 → lapsed from 2026-03-16.
    // A reduction (−10,000, 2021-05-01) renews nothing; an increase (+10,000, 2021-10-01) has a 納期限 of its own that is
    // not recorded, so the lapse cannot be placed (never treated as lapsed).
    [Fact]
    public void From_MoneyAndAmendments_AcknowledgementRenewsIncreaseMakesItUnknown()
    {
        var paid = Line(2, JournalEntryKind.Payment, LedgerComponent.LateFee, -500, new DateOnly(2021, 3, 15));
        var reduced = Line(3, JournalEntryKind.Amendment, LedgerComponent.Principal, -10_000, new DateOnly(2021, 5, 1));
        var increased = Line(4, JournalEntryKind.Amendment, LedgerComponent.Principal, 10_000, new DateOnly(2021, 10, 1));

        Assert.Equal(new DateOnly(2026, 3, 16), InstallmentLedger.From(Due, [Charge, paid, reduced]).ClaimLapsesOn);
        var unknown = InstallmentLedger.From(Due, [Charge, paid, increased]);
        Assert.Null(unknown.ClaimLapsesOn);
        Assert.False(unknown.ClaimLapsed(new DateOnly(2040, 1, 1)));
    }

    // A booking in progress applies what it writes: 1,000 paid on the last day 2025-06-30 → lapsed from 2030-07-01.
    [Fact]
    public void Apply_PaymentOnLastDay_RenewsForFiveYears()
    {
        var ledger = InstallmentLedger.From(Due, [Charge]);

        ledger.Apply(JournalEntryKind.Payment, LedgerComponent.Principal, -1_000, new DateOnly(2025, 6, 30));

        Assert.Equal(new DateOnly(2030, 7, 1), ledger.ClaimLapsesOn);
    }
}
