using Choshu.Data;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Refunds;

/// <summary>
/// The taxpayer's overpayment account (過誤納金): journal entries of component <see cref="LedgerComponent.Overpayment"/>
/// on the installments the money arose on. The balance is −Σ of them; the <c>overpayments</c> view projects the money
/// that arose (kind Payment), and <see cref="CheckAsync"/> checks the projection against the journal.
/// </summary>
public static class OverpaymentAccount
{
    /// <summary>What the city owes the taxpayer back now: overpayments not cancelled, less what was appropriated or refunded.</summary>
    public static async Task<long> BalanceAsync(ChoshuDbContext db, long taxpayerId, CancellationToken ct = default) =>
        -await (from j in db.JournalEntries
                join i in db.Installments on j.InstallmentId equals i.Id
                join a in db.Assessments on i.AssessmentId equals a.Id
                where a.TaxpayerId == taxpayerId && j.Component == LedgerComponent.Overpayment
                select j.Amount).SumAsync(ct);

    /// <summary>
    /// Compares the <c>overpayments</c> view with the journal: one row per overpayment-account entry of kind Payment, with
    /// its id, payment, installment, taxpayer, amount (the entry's, negated), reason (its code, <see cref="OverpaymentReasonCodes"/>),
    /// day, and cancelled exactly when a reversal reverses the entry (at that reversal's recording time); no other row.
    /// Also reports every overpayment-account entry with an unknown reason code and every installment whose account is
    /// below zero. Returns the differences, in Japanese for staff; empty when the two agree.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(ChoshuDbContext db, CancellationToken ct = default)
    {
        var account = await (from j in db.JournalEntries.AsNoTracking()
                             where j.Component == LedgerComponent.Overpayment
                             join i in db.Installments on j.InstallmentId equals i.Id
                             join a in db.Assessments on i.AssessmentId equals a.Id
                             select new { j.Id, j.Kind, j.InstallmentId, j.Amount, j.ValueDate, j.RecordedAtUtc, j.ReasonCode, j.PaymentId, j.ReversesEntryId, a.TaxpayerId })
            .ToListAsync(ct);
        var cancelledAt = account.Where(j => j.ReversesEntryId is not null)
            .GroupBy(j => j.ReversesEntryId!.Value).ToDictionary(g => g.Key, g => g.Min(j => j.RecordedAtUtc));
        var view = (await db.Overpayments.AsNoTracking().ToListAsync(ct)).ToDictionary(o => o.Id);
        var differences = new List<string>();

        var arisen = account.Where(j => j.Kind == JournalEntryKind.Payment && j.PaymentId is not null).ToList();
        foreach (var j in arisen)
        {
            var reason = OverpaymentReasonCodes.ReasonOf(j.ReasonCode);
            if (reason is null) differences.Add($"仕訳 {j.Id}: 過誤納の事由コード「{j.ReasonCode}」が不明です。");
            if (!view.TryGetValue(j.Id, out var o))
            {
                differences.Add($"仕訳 {j.Id}: 過誤納の一覧にありません。");
                continue;
            }
            var expected = (j.PaymentId!.Value, (long?)j.InstallmentId, j.TaxpayerId, -j.Amount, reason, j.ValueDate, j.RecordedAtUtc, cancelledAt.TryGetValue(j.Id, out var c) ? c : (DateTime?)null);
            var shown = (o.PaymentId, o.InstallmentId, o.TaxpayerId, o.Amount, (OverpaymentReason?)o.Reason, o.AroseOn, o.RecordedAtUtc, o.CancelledAtUtc);
            if (expected != shown) differences.Add($"仕訳 {j.Id}: 過誤納の一覧 {shown} が仕訳 {expected} と一致しません。");
        }
        var ids = arisen.Select(j => j.Id).ToHashSet();
        foreach (var id in view.Keys.Where(id => !ids.Contains(id)).Order())
            differences.Add($"過誤納 {id}: 対応する過誤納金の仕訳がありません。");
        foreach (var g in account.GroupBy(j => j.InstallmentId).Where(g => g.Sum(j => j.Amount) > 0).OrderBy(g => g.Key))
            differences.Add($"期別ID {g.Key}: 過誤納金の残高が負です（{-g.Sum(j => j.Amount)}円）。");
        return differences;
    }
}
