using Choshu.Data;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Refunds;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Refunds;

/// <summary>
/// One open overpayment (過誤納金) as appropriation and refund need it.
/// </summary>
/// <param name="Id">The journal entry that booked it (the <c>overpayments</c> view's id).</param>
/// <param name="InstallmentId">The installment whose overpayment account holds it.</param>
/// <param name="PaymentId">The payment the money came from; null for refund interest (<paramref name="IsInterest"/>).</param>
/// <param name="Amount">What arose.</param>
/// <param name="Balance">What is left of it (not yet appropriated or refunded), 1 yen or more.</param>
/// <param name="Reason">Why reconciliation or the assessment import booked it.</param>
/// <param name="Cause">The refund interest cause (17条の4第1項).</param>
/// <param name="AroseOn">The day it arose (納付日; for a reduction its 更正日).</param>
/// <param name="PaidOn">The 納付日 of the payment it came from.</param>
public sealed record OverpaymentFact(
    long Id,
    long TaxpayerId,
    long InstallmentId,
    long? PaymentId,
    long Amount,
    long Balance,
    OverpaymentReason Reason,
    RefundInterestCause Cause,
    DateOnly AroseOn,
    DateOnly PaidOn,
    DateOnly? RequestedOn,
    DateOnly? CorrectedOn,
    DateOnly? IncomeTaxNoticeOn,
    bool IsInterest = false)
{
    /// <summary>The dates the start of refund interest needs, with the 17条の4第2項 notice and claim when given.</summary>
    public RefundInterestDates InterestDates(DateOnly? notifiedOn = null, DateOnly? claimedOn = null) =>
        new(RequestedOn, CorrectedOn, IncomeTaxNoticeOn, notifiedOn, claimedOn);
}

/// <summary>
/// The one reader of open overpayments for appropriation and refund (App level): each live overpayment of the journal's
/// overpayment account (the <c>overpayments</c> view, not cancelled) with its cause and dates and what is left of it. An
/// installment's account is one balance; its overpayments are used in the order they arose (first arisen, first used): an
/// appropriation or refund taken from the account takes from the oldest open overpayment first, so each one's balance is
/// what the account's uses leave of it in that order. Refund interest on a part of one is <see cref="Interest"/>, the
/// one calculator. Refund interest recorded by an appropriation (<see cref="JournalEntryKind.RefundInterest"/>) is listed too
/// (<see cref="OverpaymentFact.IsInterest"/>, dated the day it was earned): it is appropriated or refunded like the rest, and
/// bears no interest itself.
/// </summary>
public static class OverpaymentFacts
{
    /// <summary>
    /// The open overpayments (balance ≥ 1 yen) of <paramref name="taxpayerId"/>, or of every taxpayer when null; by taxpayer,
    /// then in the order they are used (arose on, id).
    /// </summary>
    public static async Task<IReadOnlyList<OverpaymentFact>> OpenAsync(ChoshuDbContext db, long? taxpayerId, CancellationToken ct = default) =>
        await OpenOfAsync(db, taxpayerId is { } id ? new List<long> { id } : null, ct);

    /// <summary>The open overpayments of the taxpayers <paramref name="taxpayerIds"/> (every taxpayer when null), as above.</summary>
    public static async Task<IReadOnlyList<OverpaymentFact>> OpenOfAsync(ChoshuDbContext db, IReadOnlyCollection<long>? taxpayerIds, CancellationToken ct = default)
    {
        var all = await ArisenAsync(db, taxpayerIds, ct);
        if (all.Count == 0) return [];

        // Each installment's account balance (−Σ of its overpayment-account entries; a reversal cancels what it reverses).
        var entries = from j in db.JournalEntries.AsNoTracking()
                      join i in db.Installments on j.InstallmentId equals i.Id
                      join a in db.Assessments on i.AssessmentId equals a.Id
                      where j.Component == LedgerComponent.Overpayment
                      select new { j.InstallmentId, j.Amount, a.TaxpayerId };
        if (taxpayerIds is not null)
        {
            var ids = taxpayerIds as List<long> ?? taxpayerIds.ToList();
            entries = entries.Where(e => EF.Parameter(ids).Contains(e.TaxpayerId));
        }
        var balances = await entries.GroupBy(e => e.InstallmentId).Select(g => new { g.Key, Balance = -g.Sum(e => e.Amount) })
            .ToDictionaryAsync(x => x.Key, x => x.Balance, ct);
        return Open(all, balances);
    }

    /// <summary>
    /// The live money ever put into the overpayment accounts of the taxpayers (all when null): each overpayment of the
    /// <c>overpayments</c> view not cancelled, and each recorded refund interest not reversed, with <see cref="OverpaymentFact.Balance"/>
    /// equal to its amount (what is left is <see cref="Open"/>'s work).
    /// </summary>
    internal static async Task<List<OverpaymentFact>> ArisenAsync(ChoshuDbContext db, IReadOnlyCollection<long>? taxpayerIds, CancellationToken ct)
    {
        var ids = taxpayerIds is null ? null : taxpayerIds as List<long> ?? taxpayerIds.ToList();
        var overpayments = db.Overpayments.AsNoTracking().Where(o => o.CancelledAtUtc == null && o.InstallmentId != null);
        if (ids is not null) overpayments = overpayments.Where(o => EF.Parameter(ids).Contains(o.TaxpayerId));
        var rows = await (from o in overpayments
                          join p in db.Payments on o.PaymentId equals p.Id
                          select new { o.Id, o.TaxpayerId, InstallmentId = o.InstallmentId!.Value, o.PaymentId, o.Amount, o.Reason, o.Cause, o.AroseOn,
                              p.PaidOn, o.RequestedOn, o.CorrectedOn, o.IncomeTaxNoticeOn })
            .ToListAsync(ct);
        // Refund interest recorded when an appropriation earned it: money owed like an overpayment, bearing no interest itself.
        var interestQuery = from j in db.JournalEntries.AsNoTracking()
                            join i in db.Installments on j.InstallmentId equals i.Id
                            join a in db.Assessments on i.AssessmentId equals a.Id
                            where j.Kind == JournalEntryKind.RefundInterest && j.Component == LedgerComponent.Overpayment
                                  && !db.JournalEntries.Any(r => r.ReversesEntryId == j.Id)
                            select new { j.Id, a.TaxpayerId, j.InstallmentId, Amount = -j.Amount, j.ValueDate };
        if (ids is not null) interestQuery = interestQuery.Where(r => EF.Parameter(ids).Contains(r.TaxpayerId));
        var interest = await interestQuery.ToListAsync(ct);
        return rows.Select(r => new OverpaymentFact(r.Id, r.TaxpayerId, r.InstallmentId, r.PaymentId, r.Amount, r.Amount, r.Reason,
                OverpaymentReasonCodes.CauseOf(r.Reason, r.Cause), r.AroseOn, r.PaidOn, r.RequestedOn, r.CorrectedOn, r.IncomeTaxNoticeOn))
            .Concat(interest.Select(r => Earned(r.Id, r.TaxpayerId, r.InstallmentId, r.Amount, r.ValueDate)))
            .ToList();
    }

    /// <summary>Refund interest recorded by an appropriation (entry <paramref name="entryId"/>), as money owed from the day it was earned.</summary>
    internal static OverpaymentFact Earned(long entryId, long taxpayerId, long installmentId, long amount, DateOnly on) =>
        new(entryId, taxpayerId, installmentId, null, amount, amount, OverpaymentReason.Reduction, RefundInterestCause.Erroneous, on, on, null, null, null, IsInterest: true);

    /// <summary>
    /// The open ones of <paramref name="arisen"/> given each installment's account balance (−Σ of its overpayment-account
    /// entries), each with what is left of it (<see cref="LeftOf"/>); by taxpayer, then in the order they are used.
    /// </summary>
    internal static List<OverpaymentFact> Open(IReadOnlyList<OverpaymentFact> arisen, IReadOnlyDictionary<long, long> balances)
    {
        var left = LeftOf(arisen.Select(r => (r.Id, r.InstallmentId, r.Amount, r.AroseOn)), balances);
        return arisen.Where(r => left[r.Id] > 0).Select(r => r with { Balance = left[r.Id] })
            .OrderBy(f => f.TaxpayerId).ThenBy(f => f.AroseOn).ThenBy(f => f.Id).ToList();
    }

    /// <summary>
    /// What is left of each overpayment (or recorded refund interest) of installments' accounts, first arisen first used:
    /// <paramref name="arisen"/> the live money put into the accounts, <paramref name="accountBalance"/> each installment's
    /// account balance (−Σ of its entries). The one rule <see cref="OpenAsync"/> and the taxpayer page use.
    /// </summary>
    public static Dictionary<long, long> LeftOf(IEnumerable<(long Id, long InstallmentId, long Amount, DateOnly AroseOn)> arisen,
        IReadOnlyDictionary<long, long> accountBalance)
    {
        var left = new Dictionary<long, long>();
        foreach (var g in arisen.GroupBy(a => a.InstallmentId))
        {
            var ordered = g.OrderBy(a => a.AroseOn).ThenBy(a => a.Id).ToList();
            var used = ordered.Sum(a => a.Amount) - accountBalance.GetValueOrDefault(g.Key);
            foreach (var a in ordered)
            {
                var taken = Math.Clamp(used, 0, a.Amount);
                used -= taken;
                left[a.Id] = a.Amount - taken;
            }
        }
        return left;
    }

    /// <summary>
    /// The refund interest on <paramref name="amount"/> yen of the overpayment, to <paramref name="endDate"/> inclusive (the
    /// 支出決定日 of a refund, or the 充当適状日 of an appropriation), with the 17条の4第2項 exclusion when the taxpayer was
    /// notified (<paramref name="notifiedOn"/>) and claimed (<paramref name="claimedOn"/>) more than 30 days later.
    /// </summary>
    public static RefundInterestResult Interest(OverpaymentFact overpayment, long amount, DateOnly endDate, RefundInterestRateTable rates,
        DateOnly? notifiedOn = null, DateOnly? claimedOn = null)
    {
        ArgumentNullException.ThrowIfNull(overpayment);
        // Refund interest bears no interest of its own.
        return RefundInterestCalculator.Compute(overpayment.IsInterest ? 0 : amount, overpayment.Cause, overpayment.PaidOn, endDate, rates,
            overpayment.InterestDates(notifiedOn, claimedOn));
    }
}
