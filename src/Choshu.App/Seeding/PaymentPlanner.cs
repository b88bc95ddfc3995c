namespace Choshu.App.Seeding;

/// <summary>
/// The payments of one assessment under a <see cref="PaymentHabit"/>. Guarantees: no payment is dated
/// after <c>today</c> or before the notice date, no installment is paid more than its charge, and a
/// payment that would fall after today is simply not (yet) there.
/// </summary>
public static class PaymentPlanner
{
    public static void Plan(
        TaxSchedule schedule,
        IReadOnlyList<long> amounts,
        PaymentHabit habit,
        bool directDebit,
        bool lumpSum,
        DateOnly today,
        SeedRandom rng,
        List<PlannedPayment> into)
    {
        var periods = amounts.Count;
        var due = schedule.DueDates;
        switch (habit)
        {
            case PaymentHabit.OnTime when lumpSum && periods > 1 && !directDebit:
            {
                // 全期前納: the whole year with the first installment.
                var paidOn = BeforeDue(due[0], rng);
                for (var p = 0; p < periods; p++) Add(p, paidOn, amounts[p]);
                break;
            }
            case PaymentHabit.OnTime:
                for (var p = 0; p < periods; p++) Add(p, OnTime(p), amounts[p]);
                break;
            case PaymentHabit.Late:
            {
                var late = 0;
                for (var p = 0; p < periods; p++)
                    if (rng.Chance(0.5)) late |= 1 << p;
                if (late == 0) late = 1 << rng.Next(periods);
                for (var p = 0; p < periods; p++)
                    Add(p, (late & (1 << p)) != 0 ? due[p].AddDays(LateDays(rng)) : OnTime(p), amounts[p]);
                break;
            }
            case PaymentHabit.Partial:
            {
                var full = rng.Next(periods);
                for (var p = 0; p < full; p++) Add(p, OnTime(p), amounts[p]);
                var part = amounts[full] * rng.Between(20, 80) / 100 / 1000 * 1000;
                // A bank debits all or nothing: a debit payer's part payment is made by slip after the debit failed.
                if (part > 0 && part < amounts[full])
                    Add(full, !directDebit && rng.Chance(0.5) ? OnTime(full) : due[full].AddDays(LateDays(rng)), part);
                break;
            }
            case PaymentHabit.CollectedLate:
                for (var p = 0; p < periods; p++)
                {
                    var first = due[p].AddDays(rng.Between(60, 540));
                    var parts = amounts[p] >= 10_000 ? rng.Between(1, 4) : 1;
                    var split = InstallmentAmounts.Split(amounts[p], parts);
                    for (var k = 0; k < parts; k++) Add(p, first.AddMonths(k), split[k]);
                }
                break;
            case PaymentHabit.Delinquent:
                break;
        }

        DateOnly OnTime(int p) => directDebit ? due[p] : BeforeDue(due[p], rng);

        void Add(int p, DateOnly paidOn, long amount)
        {
            if (paidOn < schedule.NoticeDate) paidOn = schedule.NoticeDate;
            if (paidOn <= today && amount > 0) into.Add(new PlannedPayment(p, paidOn, amount));
        }
    }

    /// <summary>On the due date (a third) or up to two weeks before it.</summary>
    private static DateOnly BeforeDue(DateOnly due, SeedRandom rng) =>
        rng.Chance(0.35) ? due : due.AddDays(-rng.Between(1, 14));

    /// <summary>Days after the due date of a late payment: mostly within a month, some within four, a few within a year.</summary>
    private static int LateDays(SeedRandom rng)
    {
        var x = rng.NextDouble();
        return x < 0.65 ? rng.Between(1, 30) : x < 0.92 ? rng.Between(31, 120) : rng.Between(121, 400);
    }
}
