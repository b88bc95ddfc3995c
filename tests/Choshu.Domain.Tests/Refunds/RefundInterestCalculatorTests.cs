using Choshu.Domain.Refunds;
using static Choshu.Domain.Tests.TestData;

namespace Choshu.Domain.Tests.Refunds;

public class RefundInterestCalculatorTests
{
    [Fact]
    public void Compute_ReductionOverThreeYears_SplitsAtNewYearAnd20600Yen()
    {
        // domain.md §4: 1,234,567, cause 1, paid 2024-04-30, decided 2026-02-16; base 1,234,000
        //   2024-05-01..12-31 245 d × 0.9% = 7,454.71; 2025 365 d × 0.9% = 11,106.00; 2026-01-01..02-16 47 d × 1.3% = 2,065.68
        //   20,626.39 → 20,626 → 20,600
        var r = RefundInterestCalculator.Compute(1_234_567, RefundInterestCause.Reduction, D("2024-04-30"), D("2026-02-16"), RefundRates);

        Assert.Equal(1_234_000, r.Base);
        Assert.Equal(D("2024-05-01"), r.StartDate);
        Assert.Equal(
            [(D("2024-05-01"), D("2024-12-31"), 245, 90, 7_454.71m), (D("2025-01-01"), D("2025-12-31"), 365, 90, 11_106.00m),
             (D("2026-01-01"), D("2026-02-16"), 47, 130, 2_065.68m)],
            r.Segments.Select(s => (s.From, s.To, s.Days, s.RateBasisPoints, Math.Round(s.RawAmount, 2))));
        Assert.Equal(20_626, r.RawTotal);
        Assert.Equal(20_600, r.Interest);
    }

    [Fact]
    public void Compute_ResultUnder1000_Zero()
    {
        // 123,456 paid 2025-06-02, decided 2025-12-10: 123,000 × 0.9% × 191/365 = 579.27 → 579 → under 1,000 → 0
        var r = RefundInterestCalculator.Compute(123_456, RefundInterestCause.Reduction, D("2025-06-02"), D("2025-12-10"), RefundRates);

        Assert.Equal(191, r.Days);
        Assert.Equal(579, r.RawTotal);
        Assert.Equal(0, r.Interest);
    }

    [Fact]
    public void Compute_RequestCause_StartsAfterEarlierOfThreeMonthsAndOneMonth()
    {
        // request 2025-05-20 → 3 months from 05-21 pass on 08-20; 更正 2025-09-10 → 1 month from 09-11 passes on 10-10.
        // Earlier 08-20 → from 2025-08-21. 500,000 × 0.9% × (08-21..10-31 = 72 d) / 365 = 887.67 → 0.
        var r = RefundInterestCalculator.Compute(500_000, RefundInterestCause.Request, D("2025-04-30"), D("2025-10-31"), RefundRates,
            new RefundInterestDates(RequestedOn: D("2025-05-20"), CorrectedOn: D("2025-09-10")));

        Assert.Equal(D("2025-08-21"), r.StartDate);
        Assert.Equal(72, r.Days);
        Assert.Equal(0, r.Interest);
    }

    [Fact]
    public void Compute_RequestCauseWithoutDates_ThrowsInJapanese()
    {
        var ex = Assert.Throws<DomainException>(() => RefundInterestCalculator.Compute(
            500_000, RefundInterestCause.Request, D("2025-04-30"), D("2025-10-31"), RefundRates));

        Assert.Equal("refundinterest.dates_missing", ex.Code);
        Assert.Contains("更正の請求日", ex.Message);
    }

    [Fact]
    public void Compute_IncomeTaxCause_StartsOneMonthAfterNotice()
    {
        // notice 2025-07-15 → 1 month from 07-16 passes on 08-15 → from 2025-08-16
        var r = RefundInterestCalculator.Compute(100_000, RefundInterestCause.IncomeTax, D("2025-06-30"), D("2025-12-31"), RefundRates,
            new RefundInterestDates(IncomeTaxNoticeOn: D("2025-07-15")));

        Assert.Equal(D("2025-08-16"), r.StartDate);
    }

    [Fact]
    public void Compute_RequestCausePaidAfterStartDay_StartsFromThePayment()
    {
        // 17条の4第1項第2号 (parenthesis): a payment made after the day the cause gives counts from the payment day.
        // request 2025-05-20 → 08-20; 更正 2025-09-10 → 10-10; earlier 08-20. Paid 2025-09-01, after it → D = 09-01, from 09-02.
        // 1,000,000 × 0.9% × (09-02..12-31 = 29 + 31 + 30 + 31 = 121 d) / 365 = 2,983.56 → 2,983 → 2,900.
        var r = RefundInterestCalculator.Compute(1_000_000, RefundInterestCause.Request, D("2025-09-01"), D("2025-12-31"), RefundRates,
            new RefundInterestDates(RequestedOn: D("2025-05-20"), CorrectedOn: D("2025-09-10")));

        Assert.Equal((D("2025-09-02"), 121, 2_983L, 2_900L), (r.StartDate, r.Days, r.RawTotal, r.Interest));
    }

    [Fact]
    public void Compute_IncomeTaxCausePaidAfterStartDay_StartsFromThePayment()
    {
        // 17条の4第1項第3号 (parenthesis): notice 2025-07-15 → 08-15; paid 2025-09-30, after it → D = 09-30, from 10-01.
        // 1,000,000 × 0.9% × (10-01..12-31 = 92 d) / 365 = 2,268.49 → 2,268 → 2,200.
        var r = RefundInterestCalculator.Compute(1_000_000, RefundInterestCause.IncomeTax, D("2025-09-30"), D("2025-12-31"), RefundRates,
            new RefundInterestDates(IncomeTaxNoticeOn: D("2025-07-15")));

        Assert.Equal((D("2025-10-01"), 92, 2_268L, 2_200L), (r.StartDate, r.Days, r.RawTotal, r.Interest));
    }

    [Fact]
    public void Compute_ErroneousPaidOn30January_StartsFirstOfMarch()
    {
        // paid 2025-01-30 → 1 month from 01-31: February has no 31st → passes on 02-28 → from 2025-03-01
        var r = RefundInterestCalculator.Compute(100_000, RefundInterestCause.Erroneous, D("2025-01-30"), D("2025-06-30"), RefundRates);

        Assert.Equal(D("2025-03-01"), r.StartDate);
    }

    [Fact]
    public void Compute_AppropriationExample_2200And1200()
    {
        // domain.md §4: paid 2024-05-31, cause 1. Appropriated 201,900 on 2025-09-01 → base 201,000:
        //   2024-06-01..12-31 214 d × 0.9% = 1,060.62; 2025-01-01..09-01 244 d × 0.9% = 1,209.30 → 2,269 → 2,200.
        // Refunded 98,100 decided 2025-10-15 → base 98,000: 214 d + 288 d = 502 d × 0.9% = 1,213.05 → 1,200.
        var appropriated = RefundInterestCalculator.Compute(201_900, RefundInterestCause.Reduction, D("2024-05-31"), D("2025-09-01"), RefundRates);
        var refunded = RefundInterestCalculator.Compute(98_100, RefundInterestCause.Reduction, D("2024-05-31"), D("2025-10-15"), RefundRates);

        Assert.Equal((201_000L, 2_269L, 2_200L), (appropriated.Base, appropriated.RawTotal, appropriated.Interest));
        Assert.Equal([214, 244], appropriated.Segments.Select(s => s.Days));
        Assert.Equal((98_000L, 1_213L, 1_200L), (refunded.Base, refunded.RawTotal, refunded.Interest));
    }

    [Fact]
    public void Compute_AmountUnder2000_NoInterestNoSegments()
    {
        var r = RefundInterestCalculator.Compute(1_999, RefundInterestCause.Reduction, D("2014-04-30"), D("2025-10-15"), RefundRates);

        Assert.Equal(0, r.Base);
        Assert.Empty(r.Segments);
        Assert.Equal(0, r.Interest);
    }

    [Fact]
    public void Compute_ClaimedLaterThan30Days_LeavesOutDaysFrom31stToClaim()
    {
        // 1,000,000 erroneous, paid 2025-01-10 → from 2025-02-11; notified 2025-03-01, claimed 2025-06-15, decided 2025-06-20.
        // 31st day after notice = 04-01 → 04-01..06-15 left out. 02-11..03-31 49 d + 06-16..06-20 5 d = 54 d
        //   1,000,000 × 0.9% × 54/365 = 1,331.5 → 1,300 (without the exclusion 130 d → 3,205 → 3,200)
        var r = RefundInterestCalculator.Compute(1_000_000, RefundInterestCause.Erroneous, D("2025-01-10"), D("2025-06-20"), RefundRates,
            new RefundInterestDates(NotifiedOn: D("2025-03-01"), ClaimedOn: D("2025-06-15")));

        Assert.Equal((D("2025-04-01"), D("2025-06-15")), (r.ExcludedFrom!.Value, r.ExcludedTo!.Value));
        Assert.Equal([(D("2025-02-11"), D("2025-03-31"), 49), (D("2025-06-16"), D("2025-06-20"), 5)], r.Segments.Select(s => (s.From, s.To, s.Days)));
        Assert.Equal(1_300, r.Interest);
    }

    [Fact]
    public void Compute_ClaimedOn30thDay_NothingLeftOut()
    {
        // notified 2025-03-01, claimed 2025-03-31 (30 days after): 02-11..06-20 130 d → 3,205 → 3,200
        var r = RefundInterestCalculator.Compute(1_000_000, RefundInterestCause.Erroneous, D("2025-01-10"), D("2025-06-20"), RefundRates,
            new RefundInterestDates(NotifiedOn: D("2025-03-01"), ClaimedOn: D("2025-03-31")));

        Assert.Null(r.ExcludedFrom);
        Assert.Equal(130, r.Days);
        Assert.Equal(3_200, r.Interest);
    }

    [Fact]
    public void Compute_EndBeforeStart_Zero()
    {
        // erroneous, paid 2025-05-10 → from 2025-06-11; appropriated on 2025-06-01 → no day bears interest
        var r = RefundInterestCalculator.Compute(500_000, RefundInterestCause.Erroneous, D("2025-05-10"), D("2025-06-01"), RefundRates);

        Assert.Empty(r.Segments);
        Assert.Equal(0, r.Interest);
    }

    [Fact]
    public void Compute_YearMissing_ThrowsRateMissing()
    {
        var ex = Assert.Throws<DomainException>(() => RefundInterestCalculator.Compute(
            500_000, RefundInterestCause.Reduction, D("2026-10-01"), D("2027-02-01"), RefundRates));

        Assert.Equal("refundinterest.rate_missing", ex.Code);
        Assert.Contains("2027年の還付加算金の割合が未登録", ex.Message);
    }

    [Fact]
    public void Ctor_RateAboveStatutory_Throws()
    {
        var ex = Assert.Throws<DomainException>(() => new RefundInterestRateTable([new RefundInterestRate(2025, 731)]));

        Assert.Equal("refundinterest.rate_invalid", ex.Code);
    }
}
