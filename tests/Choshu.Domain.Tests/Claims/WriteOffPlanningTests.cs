using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;

namespace Choshu.Domain.Tests.Claims;

/// <summary>Write-off planning by each ground, with the exact first day on which the claim no longer exists.</summary>
public sealed class WriteOffPlanningTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static WriteOffCandidate? Plan(string due, string asOf, params ClaimEvent[] events) =>
        WriteOffPlanning.Of(InstallmentLedger.From(ClaimDates.Ordinary(D(due)),
            [new LedgerLine(1, JournalEntryKind.Charge, LedgerComponent.Principal, 50_000, D(due).AddDays(-30), null)], events), D(asOf));

    [Fact]
    public void Limitation_FiveYearsFromTheDayAfterTheStatutoryDueDate()
    {
        // Due 2020-04-30, nothing since: counted from 2020-05-01, lapses at the end of 2025-04-30 → first lapsed day 2025-05-01.
        Assert.Null(Plan("2020-04-30", "2025-04-30"));
        var c = Plan("2020-04-30", "2025-05-01")!;
        Assert.Equal((WriteOffGround.Limitation, D("2025-05-01"), D("2025-04-30"), "地方税法18条1項"), (c.Ground, c.ExtinguishedOn, c.LastDay, c.LegalBasis));
    }

    [Fact]
    public void StayThreeYears_ExtinguishedAtTheEndOfTheThirdYear()
    {
        // Due 2024-04-30, reminder 2024-05-20 (limitation to 2029-05-30); stay from 2025-03-10 → extinguished at the end of
        // 2028-03-10, first lapsed day 2028-03-11 (15条の7第4項), before the limitation.
        var reminder = ClaimEvent.Of(1, ClaimEventKind.ReminderDispatched, D("2024-05-20"));
        var stay = ClaimEvent.Of(2, ClaimEventKind.Stay, D("2025-03-10"), ground: (short)StayGround.Hardship);
        Assert.Null(Plan("2024-04-30", "2028-03-10", reminder, stay));
        var c = Plan("2024-04-30", "2028-03-11", reminder, stay)!;
        Assert.Equal((WriteOffGround.StayThreeYears, D("2028-03-11"), D("2028-03-10"), "地方税法15条の7第4項"), (c.Ground, c.ExtinguishedOn, c.LastDay, c.LegalBasis));
    }

    [Fact]
    public void StayCancelledBeforeThreeYears_NotACandidate()
    {
        var stay = ClaimEvent.Of(1, ClaimEventKind.Stay, D("2025-03-10"), ground: (short)StayGround.Hardship);
        var cancelled = ClaimEvent.Of(2, ClaimEventKind.Stay, D("2025-03-10"), endsOn: D("2027-01-15"), ground: (short)StayGround.Hardship, reversesEventId: 1);
        Assert.Null(Plan("2024-04-30", "2028-03-11", stay, cancelled));
    }

    [Fact]
    public void ImmediateExtinction_OnItsOwnDay()
    {
        // Stay on ground 1 from 2025-03-10, extinguished at once on 2025-06-02 (15条の7第5項).
        var stay = ClaimEvent.Of(1, ClaimEventKind.Stay, D("2025-03-10"), ground: (short)StayGround.NoProperty);
        var extinction = ClaimEvent.Of(2, ClaimEventKind.ImmediateExtinction, D("2025-06-02"));
        Assert.Null(Plan("2024-04-30", "2025-06-01", stay, extinction));
        var c = Plan("2024-04-30", "2025-06-02", stay, extinction)!;
        Assert.Equal((WriteOffGround.ImmediateExtinction, D("2025-06-02"), D("2025-06-02"), "地方税法15条の7第5項"), (c.Ground, c.ExtinguishedOn, c.LastDay, c.LegalBasis));
    }

    [Fact]
    public void LimitationBeforeTheStayEnds_LimitationWins()
    {
        // Due 2020-04-30 (lapses 2025-05-01), stay from 2023-01-10 (would end 2026-01-11): the earlier end wins.
        var stay = ClaimEvent.Of(1, ClaimEventKind.Stay, D("2023-01-10"), ground: (short)StayGround.WhereaboutsUnknown);
        Assert.Equal(new WriteOffCandidate(WriteOffGround.Limitation, D("2025-05-01")), Plan("2020-04-30", "2026-02-01", stay));
    }

    [Fact]
    public void WrittenOffOrPaid_NotACandidate()
    {
        var writeOff = ClaimEvent.Create(0, ClaimEventKind.WriteOff, D("2025-06-01"), "t", DateTime.UnixEpoch, ground: (short)WriteOffGround.Limitation, reason: "不納欠損");
        Assert.Null(Plan("2020-04-30", "2025-07-01", writeOff));
    }
}
