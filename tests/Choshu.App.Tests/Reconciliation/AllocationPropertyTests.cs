using Choshu.Domain.LateFees;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Calendar;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Choshu.App.Tests.Reconciliation;

/// <summary>
/// Property-based tests of <see cref="PaymentAllocator"/> over random positions, amounts, dates and
/// allocation orders (1,000 cases each): the parts and the overpayment sum to the payment, no part
/// exceeds what is owed on it, money goes to a component only when every earlier one in the order is
/// covered, and the late fee is finalised exactly when the principal is completed.
/// </summary>
public sealed class AllocationPropertyTests
{
    private static readonly LateFeeRateTable Rates = new(BundledCalendarData.LateFeeRates());

    /// <summary>The last day the bundled rate table covers (2026): no date of a case goes beyond it.</summary>
    private static readonly DateOnly LastRateDay = new(2026, 12, 31);

    public static readonly AllocationOrder[] Orders =
    [
        AllocationOrder.Default,
        AllocationOrder.Parse("principal,late-fee,reminder-fee"),
        AllocationOrder.Parse("reminder-fee,principal,late-fee"),
    ];

    public sealed record Case(InstallmentPosition Position, long Amount, DateOnly PaidOn, AllocationOrder Order)
    {
        public override string ToString() =>
            $"principal {Position.Principal} due {Position.DueDate:yyyy-MM-dd} prior [{string.Join(", ", Position.PrincipalPayments.Select(p => $"{p.PaidOn:yyyy-MM-dd} {p.Amount}"))}] "
            + $"reminder {Position.ReminderFeeOutstanding} lateFee {Position.LateFeeCharged}/{Position.LateFeePaid} pay {Amount} on {PaidOn:yyyy-MM-dd} order {Order}";
    }

    private static DateOnly Day(DateOnly from, int offset)
    {
        var d = from.AddDays(offset);
        return d > LastRateDay ? LastRateDay : d;
    }

    /// <summary>
    /// A consistent position: prior principal payments (0–3, possibly completing the principal) on days
    /// around and after the due date; a late fee charged only once the principal is complete (as the
    /// booker does), part of it possibly paid; a reminder fee of 0–500 outstanding.
    /// </summary>
    private static Gen<Case> Cases() =>
        from principal in Gen.Choose(1, 2_000_000)
        from dueOffset in Gen.Choose(0, 1_400)
        from shares in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 700), n))
        from priorDays in Gen.ArrayOf(Gen.Choose(-30, 500), 3)
        from reminder in Gen.Elements(0, 0, 100, 100, 500)
        from lateFeeCharged in Gen.Choose(0, 60_000)
        from lateFeePaidShare in Gen.Choose(0, 100)
        from paidOffset in Gen.Choose(-30, 900)
        from amount in Gen.Choose(1, principal + 80_000)
        from order in Gen.Elements(Orders)
        select Build(principal, new DateOnly(2022, 5, 31).AddDays(dueOffset), shares, priorDays, reminder, lateFeeCharged, lateFeePaidShare, paidOffset, amount, order);

    private static Case Build(long principal, DateOnly due, int[] shares, int[] priorDays, long reminder, long lateFeeCharged, int lateFeePaidShare,
        int paidOffset, long amount, AllocationOrder order)
    {
        var prior = new List<PaymentEvent>();
        var left = principal;
        for (var i = 0; i < shares.Length && left > 0; i++)
        {
            // A share of 500 or more pays the rest; otherwise share/500 of the principal.
            var a = shares[i] >= 500 ? left : Math.Min(left, principal * shares[i] / 500);
            if (a <= 0) continue;
            prior.Add(new PaymentEvent(Day(due, priorDays[i]), a));
            left -= a;
        }
        var charged = left == 0 ? lateFeeCharged / 100 * 100 : 0;
        var paid = charged * lateFeePaidShare / 100;
        return new Case(new InstallmentPosition(principal, due, prior, reminder, charged, paid), amount, Day(due, paidOffset), order);
    }

    [Property(MaxTest = 1_000)]
    public Property Allocate_AnyPosition_PartsAndOverpaidSumToPayment() =>
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var a = PaymentAllocator.Allocate(c.Amount, c.PaidOn, c.Position, c.Order, Rates);
            Assert.Equal(c.Amount, a.ToPrincipal + a.ToReminderFee + a.ToLateFee + a.Overpaid);
            Assert.Equal(c.Amount, a.Amount);
            Assert.True(a.ToPrincipal >= 0 && a.ToReminderFee >= 0 && a.ToLateFee >= 0 && a.Overpaid >= 0 && a.LateFeeFinalised >= 0, c.ToString());
        });

    [Property(MaxTest = 1_000)]
    public Property Allocate_AnyPosition_NoPartExceedsWhatIsOwed() =>
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var p = c.Position;
            var a = PaymentAllocator.Allocate(c.Amount, c.PaidOn, p, c.Order, Rates);
            var principalOwed = p.PrincipalOutstanding;
            var lateFeeOwed = p.LateFeeCharged + a.LateFeeFinalised - p.LateFeePaid;
            Assert.True(a.ToPrincipal <= principalOwed, c.ToString());
            Assert.True(a.ToReminderFee <= p.ReminderFeeOutstanding, c.ToString());
            Assert.True(a.ToLateFee <= lateFeeOwed, c.ToString());
            // Nothing is overpaid while anything is still owed.
            if (a.Overpaid > 0)
                Assert.Equal((principalOwed, p.ReminderFeeOutstanding, lateFeeOwed), (a.ToPrincipal, a.ToReminderFee, a.ToLateFee));
        });

    [Property(MaxTest = 1_000)]
    public Property Allocate_AnyOrder_LaterComponentOnlyAfterEarlierCovered() =>
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var p = c.Position;
            var a = PaymentAllocator.Allocate(c.Amount, c.PaidOn, p, c.Order, Rates);
            long Owed(LedgerComponent k) => k switch
            {
                LedgerComponent.Principal => p.PrincipalOutstanding,
                LedgerComponent.ReminderFee => p.ReminderFeeOutstanding,
                _ => p.LateFeeCharged + a.LateFeeFinalised - p.LateFeePaid,
            };
            var components = c.Order.Components;
            for (var i = 0; i < components.Count; i++)
                for (var j = i + 1; j < components.Count; j++)
                    if (a.Part(components[j]) > 0)
                        Assert.True(a.Part(components[i]) == Owed(components[i]), $"{components[j]} got money before {components[i]} was covered: {c}");
        });

    [Property(MaxTest = 1_000)]
    public Property Allocate_CompletingPrincipal_FinalisesLateFeeOfCalculator() =>
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var p = c.Position;
            var a = PaymentAllocator.Allocate(c.Amount, c.PaidOn, p, c.Order, Rates);
            var completes = p.PrincipalOutstanding > 0 && a.ToPrincipal == p.PrincipalOutstanding;
            if (!completes)
            {
                Assert.Equal(0, a.LateFeeFinalised);
                return;
            }
            Assert.NotNull(a.LateFee);
            Assert.True(a.LateFee!.IsFinal, c.ToString());
            Assert.Equal(a.LateFee.LateFee, a.LateFeeFinalised);
            // Final means independent of the day it is computed to: the same as computed to the end of the rate table,
            // over every principal payment (earlier ones may be dated after this one).
            var all = p.PrincipalPayments.Append(new PaymentEvent(c.PaidOn, a.ToPrincipal)).ToList();
            Assert.Equal(LateFeeCalculator.Calculate(p.Principal, p.DueDate, all, LastRateDay, Rates).LateFee, a.LateFeeFinalised);
            // The statutory rounding: a multiple of 100 yen, and nothing under 1,000 yen.
            Assert.True(a.LateFeeFinalised % 100 == 0 && (a.LateFeeFinalised == 0 || a.LateFeeFinalised >= 1_000), c.ToString());
            Assert.True(p.Principal >= 2_000 || a.LateFeeFinalised == 0, c.ToString());
        });
}
