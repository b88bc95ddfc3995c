using Choshu.Domain.Claims;
using Choshu.Domain.LateFees;
using Choshu.Domain.Ledger;

namespace Choshu.Domain.Tests.LateFees;

/// <summary>
/// Late fee for relieved periods (地方税法15条の9, 附則3条の2), computed by the one calculator through the ledger, as every
/// screen quotes it. Rates: 2025 2.4% / 8.7%, 猶予特例基準割合 0.9%; 2026 2.8% / 9.1%, 1.3%. Every amount by hand below.
/// </summary>
public sealed class LateFeeReliefTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly LateFeeRateTable Rates = new([new LateFeeRate(2025, 240, 870, 90), new LateFeeRate(2026, 280, 910, 130)]);

    private static InstallmentLedger Claim(long principal, params ClaimEvent[] events) =>
        InstallmentLedger.From(ClaimDates.Ordinary(D("2025-04-30")),
            [new LedgerLine(1, JournalEntryKind.Charge, LedgerComponent.Principal, principal, D("2025-04-01"), null)], events);

    [Fact]
    public void Stay_LateFeeForTheStayDaysExempt()
    {
        // 100,000 due 2025-04-30; stay 2025-08-01, cancelled 2025-10-01 (exempt 08-01..09-30, 61 days); to 2025-12-31.
        //   05-01..05-31  31 d × 2.4%: 100,000 × 240 × 31 / 3,650,000 = 203.8  → 203
        //   06-01..07-31  61 d × 8.7%: 100,000 × 870 × 61 / 3,650,000 = 1,453.9 → 1,453
        //   08-01..09-30  61 d stayed:                                          0
        //   10-01..12-31  92 d × 8.7%: 100,000 × 870 × 92 / 3,650,000 = 2,192.8 → 2,192
        //   sum 3,848 → 3,800 (without the stay: 203 + 214 d 5,100 = 5,303 → 5,300)
        var stay = ClaimEvent.Of(1, ClaimEventKind.Stay, D("2025-08-01"), ground: (short)StayGround.Hardship);
        var cancelled = ClaimEvent.Of(2, ClaimEventKind.Stay, D("2025-08-01"), endsOn: D("2025-10-01"), ground: (short)StayGround.Hardship, reversesEventId: 1);
        var fee = Claim(100_000, stay, cancelled).LateFee(D("2025-12-31"), Rates)!;

        Assert.Equal(3_800, fee.LateFee);
        Assert.Equal(3_848, fee.SegmentTotal);
        var exempt = Assert.Single(fee.Segments, s => s.Relief == LateFeeReliefKind.Exempt);
        Assert.Equal((D("2025-08-01"), D("2025-09-30"), 61, 0L), (exempt.From, exempt.To, exempt.Days, exempt.Amount));
        Assert.Equal(5_300, Claim(100_000).LateFee(D("2025-12-31"), Rates)!.LateFee);
    }

    [Fact]
    public void StayInForce_NothingAccruesFromItsFirstDay()
    {
        // Stay from 2025-06-01, not cancelled: only 05-01..05-31 bears late fee: 100,000 × 240 × 31 / 3,650,000 = 203 → under 1,000 → 0.
        var stay = ClaimEvent.Of(1, ClaimEventKind.Stay, D("2025-06-01"), ground: (short)StayGround.NoProperty);
        var fee = Claim(100_000, stay).LateFee(D("2026-03-31"), Rates)!;
        Assert.Equal(203, fee.SegmentTotal);
        Assert.Equal(0, fee.LateFee);
    }

    [Fact]
    public void BusinessDeferment_HalvedAndCappedAtTheDefermentRate()
    {
        // 500,000 due 2025-04-30; 徴収猶予 (事業の著しい損失) 2025-07-01..2025-12-31; to 2026-01-31.
        //   05-01..05-31   31 d × 2.4%: 500,000 × 240 × 31 / 3,650,000 = 1,019.1 → 1,019
        //   06-01..06-30   30 d × 8.7%: 500,000 × 870 × 30 / 3,650,000 = 3,575.3 → 3,575
        //   07-01..12-31  184 d × min(8.7% ÷ 2 = 4.35%, 0.9%) = 0.9%: 500,000 × 90 × 184 / 3,650,000 = 2,268.4 → 2,268
        //   2026-01-01..01-31  31 d × 9.1%: 500,000 × 910 × 31 / 3,650,000 = 3,864.3 → 3,864
        //   sum 10,726 → 10,700
        var deferment = ClaimEvent.Of(1, ClaimEventKind.Deferment, D("2025-07-01"), endsOn: D("2025-12-31"),
            ground: (short)DefermentKind.Collection, reasonCode: (short)DefermentReason.BusinessLoss);
        var fee = Claim(500_000, deferment).LateFee(D("2026-01-31"), Rates)!;

        Assert.Equal([1_019L, 3_575L, 2_268L, 3_864L], fee.Segments.Select(s => s.Amount));
        var deferred = fee.Segments[2];
        Assert.Equal((LateFeeReliefKind.HalvedCapped, 90, 184), (deferred.Relief!.Value, deferred.RateBasisPoints, deferred.Days));
        Assert.Equal(10_700, fee.LateFee);
    }

    [Fact]
    public void SaleDeferment_HalvedAndCappedLikeABusinessDeferment()
    {
        var sale = ClaimEvent.Of(1, ClaimEventKind.Deferment, D("2025-07-01"), endsOn: D("2025-12-31"), ground: (short)DefermentKind.SaleOnApplication);
        Assert.Equal(10_700, Claim(500_000, sale).LateFee(D("2026-01-31"), Rates)!.LateFee);
    }

    [Fact]
    public void DisasterDeferment_ExemptInFull()
    {
        // As above with 災害: the 184 deferred days bear nothing: 1,019 + 3,575 + 0 + 3,864 = 8,458 → 8,400.
        var deferment = ClaimEvent.Of(1, ClaimEventKind.Deferment, D("2025-07-01"), endsOn: D("2025-12-31"),
            ground: (short)DefermentKind.Collection, reasonCode: (short)DefermentReason.Disaster);
        Assert.Equal(8_400, Claim(500_000, deferment).LateFee(D("2026-01-31"), Rates)!.LateFee);
    }

    [Fact]
    public void HalvedPeriodInTheLowerRate_CapStillApplies_AndWithdrawnDefermentRelievesNothing()
    {
        // 500,000 due 2025-04-30, deferred (business) 2025-05-01..2025-05-31: min(2.4% ÷ 2 = 1.2%, 0.9%) = 0.9%:
        // 500,000 × 90 × 31 / 3,650,000 = 382.1 → 382; to 2025-05-31 only: 382 → under 1,000 → 0.
        var deferment = ClaimEvent.Of(1, ClaimEventKind.Deferment, D("2025-05-01"), endsOn: D("2025-05-31"), ground: (short)DefermentKind.SaleByCity);
        Assert.Equal(382, Claim(500_000, deferment).LateFee(D("2025-05-31"), Rates)!.SegmentTotal);
        var withdrawn = ClaimEvent.Of(2, ClaimEventKind.Withdrawal, D("2025-06-02"), reversesEventId: 1);
        Assert.Equal(1_019, Claim(500_000, deferment, withdrawn).LateFee(D("2025-05-31"), Rates)!.SegmentTotal);
    }

    [Fact]
    public void DefermentRateMissing_Refused()
    {
        var rates = new LateFeeRateTable([new LateFeeRate(2025, 240, 870)]);
        var deferment = ClaimEvent.Of(1, ClaimEventKind.Deferment, D("2025-07-01"), endsOn: D("2025-07-31"), ground: (short)DefermentKind.SaleByCity);
        var ex = Assert.Throws<DomainException>(() => Claim(500_000, deferment).LateFee(D("2025-08-31"), rates));
        Assert.Equal("latefee.deferment_rate_missing", ex.Code);
    }
}
