using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;

namespace Choshu.Domain.Tests.Claims;

/// <summary>
/// The one status of a claim, from its money and events. The claim: 100,000 due 2025-04-30 (charged 2025-04-01).
/// </summary>
public sealed class ClaimStatusTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
    private static readonly LedgerLine Charge = new(1, JournalEntryKind.Charge, LedgerComponent.Principal, 100_000, new DateOnly(2025, 4, 1), null);

    private static ClaimStatusKind Status(string asOf, LedgerLine[] lines, params ClaimEvent[] events) =>
        ClaimStatus.Of(InstallmentLedger.From(ClaimDates.Ordinary(D("2025-04-30")), lines, events), D(asOf)).Kind;

    [Fact]
    public void Of_EachStateInTurn_OneStatus()
    {
        var reminder = ClaimEvent.Of(1, ClaimEventKind.ReminderDispatched, D("2025-05-20"));
        var pledge = ClaimEvent.Of(2, ClaimEventKind.Acknowledgement, D("2025-07-01"), endsOn: D("2025-12-31"), ground: (short)AcknowledgementForm.InstallmentPledge);
        var deferment = ClaimEvent.Of(3, ClaimEventKind.Deferment, D("2026-01-10"), endsOn: D("2026-06-30"), ground: (short)DefermentKind.Collection);
        var seizure = ClaimEvent.Of(4, ClaimEventKind.Seizure, D("2026-08-03"));
        var stay = ClaimEvent.Of(5, ClaimEventKind.Stay, D("2027-01-05"), ground: (short)StayGround.Hardship);
        LedgerLine[] c = [Charge];

        Assert.Equal(ClaimStatusKind.NotDue, Status("2025-04-30", c));
        Assert.Equal(ClaimStatusKind.Unpaid, Status("2025-05-01", c));
        Assert.Equal(ClaimStatusKind.Reminded, Status("2025-05-20", c, reminder));
        Assert.Equal(ClaimStatusKind.PayingByPledge, Status("2025-07-01", c, reminder, pledge));
        Assert.Equal(ClaimStatusKind.Reminded, Status("2026-01-01", c, reminder, pledge)); // the pledge's last day passed
        Assert.Equal(ClaimStatusKind.Deferred, Status("2026-06-30", c, reminder, pledge, deferment));
        Assert.Equal(ClaimStatusKind.Seized, Status("2026-08-03", c, reminder, deferment, seizure));
        Assert.Equal(ClaimStatusKind.Stayed, Status("2027-01-05", c, reminder, seizure, stay));
        // Three years of stay: extinguished from 2030-01-06, before the limitation (renewed by the reminder to 2030-05-31).
        Assert.Equal(ClaimStatusKind.Lapsed, Status("2030-01-06", c, reminder, stay));
        Assert.Equal(ClaimStatusKind.WrittenOff, Status("2030-02-01", c, reminder, stay,
            ClaimEvent.Of(6, ClaimEventKind.WriteOff, D("2030-02-01"), ground: (short)WriteOffGround.StayThreeYears)));
    }

    [Fact]
    public void Of_PaidInFull_Paid_AndReminderDates()
    {
        LedgerLine[] paid = [Charge, new(2, JournalEntryKind.Payment, LedgerComponent.Principal, -100_000, D("2025-06-02"), null)];
        var ledger = InstallmentLedger.From(ClaimDates.Ordinary(D("2025-04-30")), [Charge], [ClaimEvent.Of(1, ClaimEventKind.ReminderDispatched, D("2025-05-20"))]);
        var s = ClaimStatus.Of(ledger, D("2025-06-01"));

        Assert.Equal(ClaimStatusKind.Paid, Status("2025-06-02", paid));
        Assert.Equal((D("2025-05-20"), D("2025-05-31"), D("2030-05-31")), (s.ReminderOn!.Value, s.SeizableFrom!.Value, s.LapsesOn!.Value));
        Assert.Equal(D("2025-05-20"), ClaimStatus.ReminderDeadline(D("2025-04-30")));
    }

    // Lapsed with a balance (due 2020-06-30, nothing renewed) on 2025-07-01; a limitation-lapsed claim that is paid shows 完納.
    [Fact]
    public void Of_LapsedWithBalance_Lapsed()
    {
        var ledger = InstallmentLedger.From(new DateOnly(2020, 6, 30), [Charge]);

        Assert.Equal(ClaimStatusKind.Unpaid, ClaimStatus.Of(ledger, D("2025-06-30")).Kind);
        Assert.Equal(ClaimStatusKind.Lapsed, ClaimStatus.Of(ledger, D("2025-07-01")).Kind);
    }
}
