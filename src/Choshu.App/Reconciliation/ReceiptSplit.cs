using Choshu.App.Assessments;
using Choshu.Data;

namespace Choshu.App.Reconciliation;

/// <summary>
/// Money received for several claims at once (差押の取立, 配当金・交付金): split over the claims in the order given, each up to its cap or,
/// without one, what it owes on the day (<see cref="PaymentDesk.QuoteOfAsync"/>); anything beyond them all is put on the last claim, where
/// the booker records it as an overpayment (過誤納・残余金) to refund. The parts are then booked as payments by the caller.
/// </summary>
internal static class ReceiptSplit
{
    public static async Task<List<(InstallmentRef Ref, long Amount)>> SplitAsync(ChoshuDbContext db, IReadOnlyList<(InstallmentRef Ref, long? Cap)> claims,
        long amount, DateOnly day, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var parts = new List<(InstallmentRef Ref, long Amount)>();
        var left = amount;
        foreach (var (claim, cap) in claims)
        {
            if (left <= 0) break;
            var owed = cap ?? (await PaymentDesk.QuoteOfAsync(db, claim, day, ct)).Total;
            var part = Math.Min(left, Math.Max(0, owed));
            if (part <= 0) continue;
            parts.Add((claim, part));
            left -= part;
        }
        if (left > 0 && claims.Count > 0)
        {
            var last = claims[^1].Ref;
            var i = parts.FindIndex(p => p.Ref.InstallmentId == last.InstallmentId);
            if (i >= 0) parts[i] = (last, parts[i].Amount + left);
            else parts.Add((last, left));
        }
        return parts;
    }
}
