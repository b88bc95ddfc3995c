using Choshu.Domain.LateFees;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using static Choshu.Domain.Tests.TestData;

namespace Choshu.Domain.Tests.Reconciliation;

public sealed class PaymentAllocatorTests
{
    /// <summary>滞納処分費 first (国税徴収法137条): unpaid costs 3,000, payment 10,000 → 3,000 to the costs, 7,000 left for the claim;
    /// a payment of 2,000 all to the costs; no unpaid costs → all to the claim.</summary>
    [Fact]
    public void CostsFirst_3000OutOf10000_Leaves7000()
    {
        Assert.Equal((3_000L, 7_000L), PaymentAllocator.CostsFirst(10_000, 3_000));
        Assert.Equal((2_000L, 0L), PaymentAllocator.CostsFirst(2_000, 3_000));
        Assert.Equal((0L, 10_000L), PaymentAllocator.CostsFirst(10_000, 0));
        Assert.Equal((0L, 10_000L), PaymentAllocator.CostsFirst(10_000, -5));
        Assert.Equal("allocation.amount_invalid", Assert.Throws<DomainException>(() => PaymentAllocator.CostsFirst(-1, 3_000)).Code);
    }

    [Fact]
    public void Allocate_PartialPrincipal_AllToPrincipalNoLateFeeYet()
    {
        var position = new InstallmentPosition(100_000, D("2025-07-31"), [], ReminderFeeOutstanding: 100, LateFeeCharged: 0, LateFeePaid: 0);

        var a = PaymentAllocator.Allocate(40_000, D("2025-09-30"), position, AllocationOrder.Default, Rates);

        Assert.Equal((40_000L, 0L, 0L, 0L, 0L), (a.ToPrincipal, a.ToReminderFee, a.ToLateFee, a.Overpaid, a.LateFeeFinalised));
    }

    [Fact]
    public void Allocate_CompletesPrincipal_FinalisesLateFeeThenPaysFeeAndLateFeeInOrder()
    {
        // 100,000 due 2025-07-31; 40,000 paid 2025-09-30; now 62,000 paid 2025-12-31, reminder fee 100 owed.
        // Late fee, final on 2025-12-31:
        //   08-01..08-31  31 days, base 100,000, 2.4% → 100,000×0.024×31/365 =   203.8 →   203
        //   09-01..09-30  30 days, base 100,000, 8.7% → 100,000×0.087×30/365 =   715.0 →   715
        //   10-01..12-31  92 days, base  60,000, 8.7% →  60,000×0.087×92/365 = 1,315.7 → 1,315
        //   2,233 → 2,200
        // 62,000 → principal 60,000, reminder fee 100, late fee 1,900 (of 2,200), overpaid 0.
        var position = new InstallmentPosition(100_000, D("2025-07-31"), [new PaymentEvent(D("2025-09-30"), 40_000)], 100, 0, 0);

        var a = PaymentAllocator.Allocate(62_000, D("2025-12-31"), position, AllocationOrder.Default, Rates);

        Assert.Equal(2_200, a.LateFeeFinalised);
        Assert.Equal([203L, 715L, 1_315L], a.LateFee!.Segments.Select(s => s.Amount));
        Assert.Equal((60_000L, 100L, 1_900L, 0L), (a.ToPrincipal, a.ToReminderFee, a.ToLateFee, a.Overpaid));
    }

    [Fact]
    public void Allocate_MoreThanOwedOnDueDate_RestIsOverpaid()
    {
        // 10,000 due 2026-04-30 paid with 15,000 on the due date: no late fee, 5,000 overpaid.
        var position = new InstallmentPosition(10_000, D("2026-04-30"), [], 0, 0, 0);

        var a = PaymentAllocator.Allocate(15_000, D("2026-04-30"), position, AllocationOrder.Default, Rates);

        Assert.Equal((10_000L, 0L, 0L, 5_000L, 0L), (a.ToPrincipal, a.ToReminderFee, a.ToLateFee, a.Overpaid, a.LateFeeFinalised));
    }

    [Fact]
    public void Allocate_LateFeeAlreadyFinal_PaysRemainingLateFee()
    {
        // Principal paid earlier, late fee 2,200 booked, 1,900 paid: a 500 payment pays 300 and overpays 200.
        var position = new InstallmentPosition(100_000, D("2025-07-31"),
            [new PaymentEvent(D("2025-09-30"), 40_000), new PaymentEvent(D("2025-12-31"), 60_000)], 0, 2_200, 1_900);

        var a = PaymentAllocator.Allocate(500, D("2026-01-15"), position, AllocationOrder.Default, Rates);

        Assert.Equal((0L, 0L, 300L, 200L, 0L), (a.ToPrincipal, a.ToReminderFee, a.ToLateFee, a.Overpaid, a.LateFeeFinalised));
    }

    [Fact]
    public void Allocate_ReminderFeeFirstOrder_TakesFeeBeforePrincipal()
    {
        var position = new InstallmentPosition(100_000, D("2025-07-31"), [], 100, 0, 0);

        var a = PaymentAllocator.Allocate(100_000, D("2025-08-10"), position, AllocationOrder.Parse("reminder-fee,principal,late-fee"), Rates);

        Assert.Equal((99_900L, 100L, 0L, 0L, 0L), (a.ToPrincipal, a.ToReminderFee, a.ToLateFee, a.Overpaid, a.LateFeeFinalised));
    }

    [Theory]
    [InlineData("late-fee,principal,reminder-fee")]
    [InlineData("principal,principal,late-fee")]
    [InlineData("principal,late-fee")]
    [InlineData("principal,fees,late-fee")]
    public void AllocationOrder_LateFeeBeforePrincipalOrMalformed_IsRefused(string text)
    {
        var ex = Assert.Throws<DomainException>(() => AllocationOrder.Parse(text));
        Assert.Equal("allocation.order_invalid", ex.Code);
    }

    [Fact]
    public void Allocate_ManyRandomCases_PartsSumToPaymentAndNeverExceedWhatIsOwed()
    {
        var random = new Random(20261126);
        var orders = new[] { AllocationOrder.Default, AllocationOrder.Parse("reminder-fee,principal,late-fee"), AllocationOrder.Parse("principal,late-fee,reminder-fee") };
        for (var i = 0; i < 2_000; i++)
        {
            var principal = random.Next(0, 500_000);
            var due = D("2024-04-30").AddDays(random.Next(0, 300)); // paid by 2026-03 at the latest: rates exist
            var paidBefore = principal == 0 ? 0 : random.Next(0, principal + 1);
            var prior = paidBefore == 0 ? new List<PaymentEvent>() : [new PaymentEvent(due.AddDays(random.Next(-10, 200)), paidBefore)];
            var fee = random.Next(0, 2) * 100;
            var position = new InstallmentPosition(principal, due, prior, fee, 0, 0);
            var amount = random.Next(1, 700_000);
            var paidOn = due.AddDays(random.Next(201, 400));
            var order = orders[i % orders.Length];

            var a = PaymentAllocator.Allocate(amount, paidOn, position, order, Rates);

            Assert.Equal(amount, a.ToPrincipal + a.ToReminderFee + a.ToLateFee + a.Overpaid);
            Assert.InRange(a.ToPrincipal, 0, principal - paidBefore);
            Assert.InRange(a.ToReminderFee, 0, fee);
            Assert.InRange(a.ToLateFee, 0, a.LateFeeFinalised);
            Assert.True(a.Overpaid >= 0);
            if (a.ToPrincipal < principal - paidBefore) Assert.Equal(0, a.LateFeeFinalised);
        }
    }
}
