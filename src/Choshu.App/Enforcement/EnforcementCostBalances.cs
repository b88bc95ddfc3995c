using Choshu.Data;
using Choshu.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Enforcement;

/// <summary>One taxpayer's 滞納処分費: charged, paid (by distribution receipts and by ordinary payments), unpaid.</summary>
public sealed record EnforcementCostBalance(long Charged, long PaidByDistribution, long PaidByPayments)
{
    public long Paid => PaidByDistribution + PaidByPayments;
    public long Unpaid => Math.Max(0, Charged - Paid);
}

/// <summary>
/// The unpaid 滞納処分費 of taxpayers (国税徴収法137条: paid before the taxes): what <c>enforcement_costs</c> charged, less what
/// distribution receipts paid of it (<c>distribution_receipts.to_costs</c>) and what ordinary payments paid of it
/// (<c>enforcement_cost_payments</c> of payments still booked). Read by the payment booker (costs first out of every payment), the
/// distribution booking, the case file and the taxpayer's balance.
/// </summary>
public static class EnforcementCostBalances
{
    /// <summary>The balances of the taxpayers given that were ever charged a cost (others are absent).</summary>
    public static async Task<Dictionary<long, EnforcementCostBalance>> OfAsync(ChoshuDbContext db, IReadOnlyCollection<long> taxpayerIds, CancellationToken ct)
    {
        if (taxpayerIds.Count == 0) return [];
        var ids = taxpayerIds.Distinct().ToList();
        var charged = await db.EnforcementCosts.AsNoTracking().Where(c => ids.Contains(c.TaxpayerId))
            .GroupBy(c => c.TaxpayerId).Select(g => new { g.Key, Sum = g.Sum(x => x.Amount) }).ToListAsync(ct);
        if (charged.Count == 0) return [];
        var with = charged.Select(c => c.Key).ToList();
        var byReceipts = await db.DistributionReceipts.AsNoTracking().Where(r => with.Contains(r.TaxpayerId))
            .GroupBy(r => r.TaxpayerId).Select(g => new { g.Key, Sum = g.Sum(x => x.ToCosts) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var byPayments = await (from x in db.EnforcementCostPayments.AsNoTracking()
                                join p in db.Payments on x.PaymentId equals p.Id
                                where with.Contains(x.TaxpayerId) && p.Status == PaymentStatus.Booked
                                group x by x.TaxpayerId into g
                                select new { g.Key, Sum = g.Sum(x => x.Amount) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        return charged.ToDictionary(c => c.Key, c => new EnforcementCostBalance(c.Sum, byReceipts.GetValueOrDefault(c.Key), byPayments.GetValueOrDefault(c.Key)));
    }

    /// <summary>One taxpayer's balance (all zero when never charged).</summary>
    public static async Task<EnforcementCostBalance> OfAsync(ChoshuDbContext db, long taxpayerId, CancellationToken ct) =>
        (await OfAsync(db, [taxpayerId], ct)).GetValueOrDefault(taxpayerId) ?? new EnforcementCostBalance(0, 0, 0);
}
