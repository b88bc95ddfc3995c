using Choshu.Data;

namespace Choshu.App.Refunds;

/// <summary>The refund interest (還付加算金) of an overpayment's refund to a day, and the first day bearing it.</summary>
public sealed record RefundInterestFigure(long Interest, DateOnly? StartDate);

/// <summary>Where the refund screens take the refund interest from (the one rule; see RefundInterestCalculator).</summary>
internal static class RefundInterestSeam
{
    // TEMPORARY until the interest branch lands: no interest. Replaced by the rule through OverpaymentFacts.
    public static Task<RefundInterestFigure> ComputeAsync(ChoshuDbContext db, long overpaymentId, long amount, DateOnly decidedOn,
        DateOnly? notifiedOn, DateOnly? claimedOn, CancellationToken ct) => Task.FromResult(new RefundInterestFigure(0, null));
}
