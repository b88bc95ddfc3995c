using Choshu.Domain.LateFees;
using static Choshu.Domain.Tests.TestData;

namespace Choshu.Domain.Tests.LateFees;

/// <summary>
/// Every expected figure is worked by hand in the comment above it.
/// Segment amount = base × rate(bp) × days ÷ 3,650,000 (= 365 × 10,000), truncated to the yen.
/// Rates used (from TestData): 2019–2020 2.6%/8.9%, 2021 2.5%/8.8%, 2022–2025 2.4%/8.7%, 2026 2.8%/9.1%.
/// </summary>
public class LateFeeCalculatorTests
{
    private static LateFeeResult Calc(long principal, string due, string asOf, params PaymentEvent[] payments) =>
        LateFeeCalculator.Calculate(principal, D(due), payments, D(asOf), Rates);

    private static PaymentEvent Pay(string on, long amount) => new(D(on), amount);

    private static LateFeeSegment Seg(string from, string to, int days, long baseAmount, int bp, long amount) =>
        new(D(from), D(to), days, baseAmount, bp, amount);

    // The hand check of the brief. Principal 500,000, due 2025-09-01, paid in full 2026-03-15.
    // Lower rate 2025-09-02..2025-10-01: 29 (Sep 2–30) + 1 = 30 days at 2.4%:
    //   500,000 × 240 × 30 = 3,600,000,000 ÷ 3,650,000 = 986.30 → 986
    // Higher 2025-10-02..2025-12-31: 30 + 30 + 31 = 91 days at 8.7% (2025):
    //   500,000 × 870 × 91 = 39,585,000,000 ÷ 3,650,000 = 10,845.20 → 10,845
    // Higher 2026-01-01..2026-03-15: 31 + 28 + 15 = 74 days at 9.1% (2026):
    //   500,000 × 910 × 74 = 33,670,000,000 ÷ 3,650,000 = 9,224.66 → 9,224
    // Sum 986 + 10,845 + 9,224 = 21,055 → truncated to the 100 yen: 21,000.
    [Fact]
    public void Calculate_Principal500000Due20250901PaidInFull20260315_LateFee21000()
    {
        var result = Calc(500_000, "2025-09-01", "2026-03-31", Pay("2026-03-15", 500_000));

        Assert.Equal(
            [
                Seg("2025-09-02", "2025-10-01", 30, 500_000, 240, 986),
                Seg("2025-10-02", "2025-12-31", 91, 500_000, 870, 10_845),
                Seg("2026-01-01", "2026-03-15", 74, 500_000, 910, 9_224),
            ],
            result.Segments);
        Assert.Equal(21_055, result.SegmentTotal);
        Assert.Equal(21_000, result.LateFee);
        Assert.True(result.IsFinal);
        Assert.Equal(D("2026-03-15"), result.ComputedTo);
        Assert.Equal(D("2025-09-01"), result.EffectiveDueDate);
        Assert.Equal(500_000, result.PrincipalPaid);
        Assert.Equal(0, result.PrincipalUnpaid);
        Assert.Equal(0, result.LateFeePaid);
        Assert.Equal(0, result.Overpaid);
    }

    // Due 2025-01-30 → start 01-31; February has no 31st → lower rate ends on 02-28 (not 02-27).
    // Lower 2025-01-31..02-28: 1 + 28 = 29 days: 1,000,000 × 240 × 29 = 6,960,000,000 ÷ 3,650,000 = 1,906.84 → 1,906
    // Higher 2025-03-01..03-10: 10 days: 1,000,000 × 870 × 10 = 8,700,000,000 ÷ 3,650,000 = 2,383.56 → 2,383
    // Sum 4,289 → 4,200.
    [Fact]
    public void Calculate_DueJanuary30_LowerRateEndsFebruary28()
    {
        var result = Calc(1_000_000, "2025-01-30", "2025-03-31", Pay("2025-03-10", 1_000_000));

        Assert.Equal(
            [
                Seg("2025-01-31", "2025-02-28", 29, 1_000_000, 240, 1_906),
                Seg("2025-03-01", "2025-03-10", 10, 1_000_000, 870, 2_383),
            ],
            result.Segments);
        Assert.Equal(4_289, result.SegmentTotal);
        Assert.Equal(4_200, result.LateFee);
    }

    // Leap year: due 2024-01-30 → start 01-31 → lower rate ends 2024-02-29.
    // Lower 2024-01-31..02-29: 1 + 29 = 30 days: 1,000,000 × 240 × 30 = 7,200,000,000 ÷ 3,650,000 = 1,972.60 → 1,972
    // Higher 2024-03-01..03-10: 10 days: 1,000,000 × 870 × 10 ÷ 3,650,000 = 2,383.56 → 2,383
    // Sum 4,355 → 4,300.
    [Fact]
    public void Calculate_DueJanuary30InLeapYear_LowerRateEndsFebruary29()
    {
        var result = Calc(1_000_000, "2024-01-30", "2024-03-31", Pay("2024-03-10", 1_000_000));

        Assert.Equal(
            [
                Seg("2024-01-31", "2024-02-29", 30, 1_000_000, 240, 1_972),
                Seg("2024-03-01", "2024-03-10", 10, 1_000_000, 870, 2_383),
            ],
            result.Segments);
        Assert.Equal(4_300, result.LateFee);
    }

    // Due 2023-08-31 (Thursday) → start 09-01 → lower rate ends 09-30.
    // Lower 2023-09-01..09-30: 30 days: 1,000,000 × 240 × 30 ÷ 3,650,000 = 1,972.60 → 1,972
    // Higher 2023-10-01..10-10: 10 days: 1,000,000 × 870 × 10 ÷ 3,650,000 = 2,383.56 → 2,383
    // Sum 4,355 → 4,300.
    [Fact]
    public void Calculate_DueAugust31_LowerRateEndsSeptember30()
    {
        var result = Calc(1_000_000, "2023-08-31", "2023-10-31", Pay("2023-10-10", 1_000_000));

        Assert.Equal(
            [
                Seg("2023-09-01", "2023-09-30", 30, 1_000_000, 240, 1_972),
                Seg("2023-10-01", "2023-10-10", 10, 1_000_000, 870, 2_383),
            ],
            result.Segments);
        Assert.Equal(4_300, result.LateFee);
    }

    // A whole leap year still divides by 365. Principal 365,000 (so amount = rate(bp) × days ÷ 10),
    // due 2023-11-30, unpaid, as of 2024-12-31.
    // Lower 2023-12-01..12-31: 31 days at 2.4%: 240 × 31 ÷ 10 = 744
    // Higher 2024-01-01..12-31: 366 days at 8.7%: 870 × 366 ÷ 10 = 31,842
    //   (with a 366 divisor it would have been 365,000 × 0.087 = 31,755: not used)
    // Sum 32,586 → 32,500.
    [Fact]
    public void Calculate_Whole2024LeapYear_Divisor365()
    {
        var result = Calc(365_000, "2023-11-30", "2024-12-31");

        Assert.Equal(
            [
                Seg("2023-12-01", "2023-12-31", 31, 365_000, 240, 744),
                Seg("2024-01-01", "2024-12-31", 366, 365_000, 870, 31_842),
            ],
            result.Segments);
        Assert.Equal(32_586, result.SegmentTotal);
        Assert.Equal(32_500, result.LateFee);
        Assert.False(result.IsFinal);
    }

    // Split at 1 January, higher rate: 2025 8.7% then 2026 9.1%. Principal 365,000, due 2025-11-14
    // (Friday) → start 11-15, lower rate ends 12-14.
    // Lower 2025-11-15..12-14: 16 + 14 = 30 days: 240 × 30 ÷ 10 = 720
    // Higher 2025-12-15..12-31: 17 days at 8.7%: 870 × 17 ÷ 10 = 1,479
    // Higher 2026-01-01..01-30: 30 days at 9.1%: 910 × 30 ÷ 10 = 2,730
    // Sum 4,929 → 4,900.
    [Fact]
    public void Calculate_HigherRateSpanOverNewYear_Uses2025And2026Rates()
    {
        var result = Calc(365_000, "2025-11-14", "2026-01-31", Pay("2026-01-30", 365_000));

        Assert.Equal(
            [
                Seg("2025-11-15", "2025-12-14", 30, 365_000, 240, 720),
                Seg("2025-12-15", "2025-12-31", 17, 365_000, 870, 1_479),
                Seg("2026-01-01", "2026-01-30", 30, 365_000, 910, 2_730),
            ],
            result.Segments);
        Assert.Equal(4_929, result.SegmentTotal);
        Assert.Equal(4_900, result.LateFee);
    }

    // Split at 1 January inside the lower-rate month: 2025 2.4% then 2026 2.8%. Principal 365,000,
    // due 2025-12-15 (Monday) → start 12-16, lower rate ends 2026-01-15.
    // Lower 2025-12-16..12-31: 16 days at 2.4%: 240 × 16 ÷ 10 = 384
    // Lower 2026-01-01..01-15: 15 days at 2.8%: 280 × 15 ÷ 10 = 420
    // Higher 2026-01-16..02-13: 16 + 13 = 29 days at 9.1%: 910 × 29 ÷ 10 = 2,639
    // Sum 3,443 → 3,400.
    [Fact]
    public void Calculate_LowerRateMonthOverNewYear_Uses2025And2026LowerRates()
    {
        var result = Calc(365_000, "2025-12-15", "2026-02-28", Pay("2026-02-13", 365_000));

        Assert.Equal(
            [
                Seg("2025-12-16", "2025-12-31", 16, 365_000, 240, 384),
                Seg("2026-01-01", "2026-01-15", 15, 365_000, 280, 420),
                Seg("2026-01-16", "2026-02-13", 29, 365_000, 910, 2_639),
            ],
            result.Segments);
        Assert.Equal(3_400, result.LateFee);
    }

    // Two partial payments change the base. Principal 300,500 (base 300,000), due 2025-06-30
    // (Monday) → lower rate 07-01..07-31. Paid 100,000 on 07-18 (unpaid 200,500 → base 200,000
    // from 07-19) and 150,000 on 09-10 (unpaid 50,500 → base 50,000 from 09-11). As of 10-31.
    // 07-01..07-18: 18 days, 300,000 × 240 × 18 = 1,296,000,000 ÷ 3,650,000 = 355.06 → 355
    // 07-19..07-31: 13 days, 200,000 × 240 × 13 =   624,000,000 ÷ 3,650,000 = 170.95 → 170
    // 08-01..09-10: 31 + 10 = 41 days, 200,000 × 870 × 41 = 7,134,000,000 ÷ 3,650,000 = 1,954.52 → 1,954
    // 09-11..10-31: 20 + 31 = 51 days, 50,000 × 870 × 51 = 2,218,500,000 ÷ 3,650,000 = 607.80 → 607
    // Sum 355 + 170 + 1,954 + 607 = 3,086 → 3,000 (computed to 10-31, not final).
    [Fact]
    public void Calculate_TwoPartialPayments_BaseFollowsUnpaidPrincipal()
    {
        var result = Calc(
            300_500, "2025-06-30", "2025-10-31",
            Pay("2025-07-18", 100_000),
            Pay("2025-09-10", 150_000));

        Assert.Equal(
            [
                Seg("2025-07-01", "2025-07-18", 18, 300_000, 240, 355),
                Seg("2025-07-19", "2025-07-31", 13, 200_000, 240, 170),
                Seg("2025-08-01", "2025-09-10", 41, 200_000, 870, 1_954),
                Seg("2025-09-11", "2025-10-31", 51, 50_000, 870, 607),
            ],
            result.Segments);
        Assert.Equal(3_086, result.SegmentTotal);
        Assert.Equal(3_000, result.LateFee);
        Assert.False(result.IsFinal);
        Assert.Equal(D("2025-10-31"), result.ComputedTo);
        Assert.Equal(250_000, result.PrincipalPaid);
        Assert.Equal(50_500, result.PrincipalUnpaid);
    }

    // Same installment, then the rest: 50,500 on 10-31 pays the principal off (final, computed to
    // 10-31: same four segments, 3,000), and 3,500 on 11-05 goes to the late fee.
    // Payments beyond principal: 3,500 → late fee paid 3,000, overpaid 500.
    [Fact]
    public void Calculate_PaidOffThenPaysMore_LateFeePaidThenOverpaid()
    {
        var result = Calc(
            300_500, "2025-06-30", "2025-11-30",
            Pay("2025-07-18", 100_000),
            Pay("2025-09-10", 150_000),
            Pay("2025-10-31", 50_500),
            Pay("2025-11-05", 3_500));

        Assert.True(result.IsFinal);
        Assert.Equal(D("2025-10-31"), result.ComputedTo);
        Assert.Equal(4, result.Segments.Count);
        Assert.Equal(3_000, result.LateFee);
        Assert.Equal(300_500, result.PrincipalPaid);
        Assert.Equal(3_000, result.LateFeePaid);
        Assert.Equal(500, result.Overpaid);
    }

    // A payment made before the due date reduces the base from the first day. Principal 500,000,
    // due 2025-09-01; 200,000 paid 2025-08-25, 300,000 paid 2025-10-15.
    // 09-02..10-01: 30 days, 300,000 × 240 × 30 = 2,160,000,000 ÷ 3,650,000 = 591.78 → 591
    // 10-02..10-15: 14 days, 300,000 × 870 × 14 = 3,654,000,000 ÷ 3,650,000 = 1,001.09 → 1,001
    // Sum 1,592 → 1,500.
    [Fact]
    public void Calculate_PartialPaymentBeforeDueDate_BaseIsRemainderFromFirstDay()
    {
        var result = Calc(
            500_000, "2025-09-01", "2025-10-31",
            Pay("2025-08-25", 200_000),
            Pay("2025-10-15", 300_000));

        Assert.Equal(
            [
                Seg("2025-09-02", "2025-10-01", 30, 300_000, 240, 591),
                Seg("2025-10-02", "2025-10-15", 14, 300_000, 870, 1_001),
            ],
            result.Segments);
        Assert.Equal(1_500, result.LateFee);
        Assert.True(result.IsFinal);
        Assert.Equal(D("2025-10-15"), result.ComputedTo);
    }

    // Two payments on the same day act as one: 100,000 + 100,000 on 2025-09-11 leave 300,000.
    // 09-02..09-11: 10 days, 500,000 × 240 × 10 = 1,200,000,000 ÷ 3,650,000 = 328.76 → 328
    // 09-12..10-01: 20 days, 300,000 × 240 × 20 = 1,440,000,000 ÷ 3,650,000 = 394.52 → 394
    // As of 10-01: sum 722 → under 1,000 → 0.
    [Fact]
    public void Calculate_TwoPaymentsSameDay_OneSplit()
    {
        var result = Calc(
            500_000, "2025-09-01", "2025-10-01",
            Pay("2025-09-11", 100_000),
            Pay("2025-09-11", 100_000));

        Assert.Equal(
            [
                Seg("2025-09-02", "2025-09-11", 10, 500_000, 240, 328),
                Seg("2025-09-12", "2025-10-01", 20, 300_000, 240, 394),
            ],
            result.Segments);
        Assert.Equal(722, result.SegmentTotal);
        Assert.Equal(0, result.LateFee);
    }

    // Principal 1,999 (under 2,000): no late fee at all, whatever the time unpaid.
    [Fact]
    public void Calculate_Principal1999_NoSegmentsAndZero()
    {
        var result = Calc(1_999, "2019-05-31", "2025-12-31");

        Assert.Empty(result.Segments);
        Assert.Equal(0, result.SegmentTotal);
        Assert.Equal(0, result.LateFee);
        Assert.False(result.IsFinal);
        Assert.Equal(1_999, result.PrincipalUnpaid);
    }

    // Principal 2,000 (base 2,000), due 2019-05-31 (Friday), unpaid as of 2025-12-31.
    // Lower 2019-06-01..06-30, 30 days at 2.6%: 2,000 × 260 × 30 = 15,600,000 ÷ 3,650,000 = 4.27 → 4
    // 2019-07-01..12-31: 31+31+30+31+30+31 = 184 days at 8.9%: 2,000 × 890 × 184 = 327,520,000 ÷ 3,650,000 = 89.73 → 89
    // 2020: 366 days at 8.9%: 2,000 × 890 × 366 = 651,480,000 ÷ 3,650,000 = 178.49 → 178
    // 2021: 365 days at 8.8%: 2,000 × 880 × 365 ÷ 3,650,000 = 176
    // 2022, 2023: 365 days at 8.7%: 2,000 × 870 × 365 ÷ 3,650,000 = 174 each
    // 2024: 366 days at 8.7%: 2,000 × 870 × 366 = 636,840,000 ÷ 3,650,000 = 174.48 → 174
    // 2025: 365 days at 8.7%: 174
    // Sum 4 + 89 + 178 + 176 + 174 + 174 + 174 + 174 = 1,143 → 1,100.
    [Fact]
    public void Calculate_Principal2000_Computed()
    {
        var result = Calc(2_000, "2019-05-31", "2025-12-31");

        Assert.Equal(
            [
                Seg("2019-06-01", "2019-06-30", 30, 2_000, 260, 4),
                Seg("2019-07-01", "2019-12-31", 184, 2_000, 890, 89),
                Seg("2020-01-01", "2020-12-31", 366, 2_000, 890, 178),
                Seg("2021-01-01", "2021-12-31", 365, 2_000, 880, 176),
                Seg("2022-01-01", "2022-12-31", 365, 2_000, 870, 174),
                Seg("2023-01-01", "2023-12-31", 365, 2_000, 870, 174),
                Seg("2024-01-01", "2024-12-31", 366, 2_000, 870, 174),
                Seg("2025-01-01", "2025-12-31", 365, 2_000, 870, 174),
            ],
            result.Segments);
        Assert.Equal(1_143, result.SegmentTotal);
        Assert.Equal(1_100, result.LateFee);
    }

    // Segments summing to 999: principal 1,013,000, due 2025-09-01, paid 2025-09-16.
    // 09-02..09-16: 15 days, 1,013,000 × 240 × 15 = 3,646,800,000 ÷ 3,650,000 = 999.12 → 999
    // 999 → truncated 900 → under 1,000 → 0.
    [Fact]
    public void Calculate_SegmentsSumTo999_LateFeeZero()
    {
        var result = Calc(1_013_000, "2025-09-01", "2025-09-30", Pay("2025-09-16", 1_013_000));

        Assert.Equal([Seg("2025-09-02", "2025-09-16", 15, 1_013_000, 240, 999)], result.Segments);
        Assert.Equal(999, result.SegmentTotal);
        Assert.Equal(0, result.LateFee);
    }

    // Segments summing to 1,099: principal 1,115,000, due 2025-09-01, paid 2025-09-16.
    // 09-02..09-16: 15 days, 1,115,000 × 240 × 15 = 4,014,000,000 ÷ 3,650,000 = 1,099.72 → 1,099
    // 1,099 → truncated to the 100 yen: 1,000.
    [Fact]
    public void Calculate_SegmentsSumTo1099_LateFee1000()
    {
        var result = Calc(1_115_000, "2025-09-01", "2025-09-30", Pay("2025-09-16", 1_115_000));

        Assert.Equal([Seg("2025-09-02", "2025-09-16", 15, 1_115_000, 240, 1_099)], result.Segments);
        Assert.Equal(1_099, result.SegmentTotal);
        Assert.Equal(1_000, result.LateFee);
    }

    // Paid in full on the due date itself: no day after the due date is counted.
    [Fact]
    public void Calculate_PaidOnDueDate_Zero()
    {
        var result = Calc(500_000, "2025-09-01", "2025-12-31", Pay("2025-09-01", 500_000));

        Assert.Empty(result.Segments);
        Assert.Equal(0, result.LateFee);
        Assert.True(result.IsFinal);
        Assert.Equal(D("2025-09-01"), result.ComputedTo);
    }

    // Paid the day after the due date: exactly one day is counted (the day of payment is included).
    // 500,000 × 240 × 1 = 120,000,000 ÷ 3,650,000 = 32.87 → 32 → under 1,000 → 0.
    [Fact]
    public void Calculate_PaidDayAfterDueDate_OneDayCounted()
    {
        var result = Calc(500_000, "2025-09-01", "2025-12-31", Pay("2025-09-02", 500_000));

        Assert.Equal([Seg("2025-09-02", "2025-09-02", 1, 500_000, 240, 32)], result.Segments);
        Assert.Equal(0, result.LateFee);
    }

    // 500,000 due 2025-09-01 paid 2026-03-15 (late fee 21,000, see the hand check), then 25,000 paid
    // 2026-03-25: 21,000 goes to the late fee and 4,000 is overpaid. The computation still ends 03-15.
    [Fact]
    public void Calculate_PaymentsBeyondPrincipal_LateFeePaid21000Overpaid4000()
    {
        var result = Calc(
            500_000, "2025-09-01", "2026-03-31",
            Pay("2026-03-15", 500_000),
            Pay("2026-03-25", 25_000));

        Assert.Equal(21_000, result.LateFee);
        Assert.Equal(D("2026-03-15"), result.ComputedTo);
        Assert.Equal(500_000, result.PrincipalPaid);
        Assert.Equal(21_000, result.LateFeePaid);
        Assert.Equal(4_000, result.Overpaid);
    }

    // One payment of 510,000 on 2026-03-15: 500,000 to principal, 10,000 to the late fee of 21,000
    // (10,000 still owed), nothing overpaid.
    [Fact]
    public void Calculate_SinglePaymentAbovePrincipal_ExcessToLateFee()
    {
        var result = Calc(500_000, "2025-09-01", "2026-03-31", Pay("2026-03-15", 510_000));

        Assert.Equal(21_000, result.LateFee);
        Assert.Equal(10_000, result.LateFeePaid);
        Assert.Equal(0, result.Overpaid);
    }

    // A payment after the as-of date is ignored: as of 2026-03-20, the 25,000 of 2026-03-25 is not seen.
    [Fact]
    public void Calculate_PaymentAfterAsOf_Ignored()
    {
        var result = Calc(
            500_000, "2025-09-01", "2026-03-20",
            Pay("2026-03-15", 500_000),
            Pay("2026-03-25", 25_000));

        Assert.Equal(21_000, result.LateFee);
        Assert.Equal(0, result.LateFeePaid);
        Assert.Equal(0, result.Overpaid);
    }

    // As of 2025-12-31 the 2026-03-15 payment has not happened: not final, computed to 12-31.
    // 986 (09-02..10-01) + 10,845 (10-02..12-31) = 11,831 → 11,800 (see the hand check).
    [Fact]
    public void Calculate_AsOfBeforeFullPayment_NotFinal()
    {
        var result = Calc(500_000, "2025-09-01", "2025-12-31", Pay("2026-03-15", 500_000));

        Assert.False(result.IsFinal);
        Assert.Equal(D("2025-12-31"), result.ComputedTo);
        Assert.Equal(
            [
                Seg("2025-09-02", "2025-10-01", 30, 500_000, 240, 986),
                Seg("2025-10-02", "2025-12-31", 91, 500_000, 870, 10_845),
            ],
            result.Segments);
        Assert.Equal(11_800, result.LateFee);
        Assert.Equal(0, result.PrincipalPaid);
        Assert.Equal(500_000, result.PrincipalUnpaid);
    }

    // As of a day before the due date: nothing yet.
    [Fact]
    public void Calculate_AsOfBeforeDueDate_Zero()
    {
        var result = Calc(500_000, "2025-09-01", "2025-08-20");

        Assert.Empty(result.Segments);
        Assert.Equal(0, result.LateFee);
        Assert.False(result.IsFinal);
        Assert.Equal(D("2025-08-20"), result.ComputedTo);
    }

    // Once chargeable, a balance of 1,500 still bears the fee on base 1,000. Principal 10,000, due
    // 2025-09-01, 8,500 paid 2025-09-11 (unpaid 1,500 → base 1,000), as of 2025-10-31.
    // 09-02..09-11: 10 days, 10,000 × 240 × 10 = 24,000,000 ÷ 3,650,000 = 6.57 → 6
    // 09-12..10-01: 20 days,  1,000 × 240 × 20 =  4,800,000 ÷ 3,650,000 = 1.31 → 1
    // 10-02..10-31: 30 days,  1,000 × 870 × 30 = 26,100,000 ÷ 3,650,000 = 7.15 → 7
    // Sum 14 → under 1,000 → 0.
    [Fact]
    public void Calculate_LaterBalance1500_BearsFeeOnBase1000()
    {
        var result = Calc(10_000, "2025-09-01", "2025-10-31", Pay("2025-09-11", 8_500));

        Assert.Equal(
            [
                Seg("2025-09-02", "2025-09-11", 10, 10_000, 240, 6),
                Seg("2025-09-12", "2025-10-01", 20, 1_000, 240, 1),
                Seg("2025-10-02", "2025-10-31", 30, 1_000, 870, 7),
            ],
            result.Segments);
        Assert.Equal(14, result.SegmentTotal);
        Assert.Equal(0, result.LateFee);
    }

    // A balance of 800 truncates to base 0: its segments are omitted. Same as above with 9,200 paid:
    // only 09-02..09-11 (6) remains.
    [Fact]
    public void Calculate_LaterBalance800_SegmentsOmitted()
    {
        var result = Calc(10_000, "2025-09-01", "2025-10-31", Pay("2025-09-11", 9_200));

        Assert.Equal([Seg("2025-09-02", "2025-09-11", 10, 10_000, 240, 6)], result.Segments);
        Assert.Equal(800, result.PrincipalUnpaid);
        Assert.False(result.IsFinal);
    }

    // Unpaid from 2026-11-30 into 2027, a year without a registered rate: the clerk is told.
    [Fact]
    public void Calculate_YearWithoutRate_ThrowsRateMissing()
    {
        var ex = Assert.Throws<DomainException>(() => Calc(500_000, "2026-11-30", "2027-01-10"));

        Assert.Equal("latefee.rate_missing", ex.Code);
        Assert.Contains("2027年", ex.Message);
        Assert.Contains("未登録", ex.Message);
    }

    [Fact]
    public void Calculate_NegativePayment_Throws()
    {
        var ex = Assert.Throws<DomainException>(() => Calc(500_000, "2025-09-01", "2025-12-31", Pay("2025-10-01", -1)));

        Assert.Equal("latefee.payment_invalid", ex.Code);
    }

    // Payments given out of order are applied in date order: 300,000 on 10-15 listed before 200,000
    // on 08-25 gives the same result as Calculate_PartialPaymentBeforeDueDate (1,500).
    [Fact]
    public void Calculate_PaymentsOutOfOrder_AppliedInDateOrder()
    {
        var result = Calc(
            500_000, "2025-09-01", "2025-10-31",
            Pay("2025-10-15", 300_000),
            Pay("2025-08-25", 200_000));

        Assert.Equal(1_592, result.SegmentTotal);
        Assert.Equal(1_500, result.LateFee);
    }
}
