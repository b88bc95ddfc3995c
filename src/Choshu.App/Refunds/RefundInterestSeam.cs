using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Refunds;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Refunds;

/// <summary>The refund interest (還付加算金) of an overpayment's refund to a day, and the first day bearing it.</summary>
public sealed record RefundInterestFigure(long Interest, DateOnly? StartDate);

/// <summary>Where the refund desk takes the refund interest from: the one rule (<see cref="RefundInterestCalculator"/>).</summary>
internal static class RefundInterestSeam
{
    // Interim: the cause from the overpayment's reason (a payment after a reduction: cause 1 from the payment day;
    // anything else 誤納, cause 4). Replaced by OverpaymentFacts (the cause each overpayment carries) when that lands.
    public static async Task<RefundInterestFigure> ComputeAsync(ChoshuDbContext db, long overpaymentId, long amount, DateOnly decidedOn,
        DateOnly? notifiedOn, DateOnly? claimedOn, CancellationToken ct)
    {
        var o = await (from x in db.Overpayments.AsNoTracking()
                       where x.Id == overpaymentId
                       join p in db.Payments on x.PaymentId equals p.Id
                       select new { x.Reason, p.PaidOn }).SingleAsync(ct);
        var cause = o.Reason == OverpaymentReason.PaidAfterReduction ? RefundInterestCause.Reduction : RefundInterestCause.Erroneous;
        var rates = await ReferenceData.LoadRefundInterestRatesAsync(db, ct);
        var r = RefundInterestCalculator.Compute(amount, cause, o.PaidOn, decidedOn, rates, new RefundInterestDates(NotifiedOn: notifiedOn, ClaimedOn: claimedOn));
        return new RefundInterestFigure(r.Interest, r.StartDate);
    }
}
