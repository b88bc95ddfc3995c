using Choshu.App.Claims;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;
using Choshu.Data;
using Choshu.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.DirectDebit;

/// <summary>
/// The debits of one date (振替日): every installment whose effective due date is that date, whose
/// taxpayer has a direct-debit registration for its tax kind in force on that date
/// (starts_on ≤ date, ends_on empty or after it), whose principal is not fully paid and whose right to collect has not
/// ended (<see cref="ClaimStatus"/>). The amount is
/// the principal still unpaid, folded from the journal (<see cref="InstallmentLedger"/>). A fixed
/// number of queries whatever the count: installments with registrations, their journal, their pending
/// store payments.
/// </summary>
public static class DueDebitsQuery
{
    public static async Task<DueDebits> LoadAsync(ChoshuDbContext db, DateOnly date, string? bankCode = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var candidates = await (
                from i in db.Installments
                join a in db.Assessments on i.AssessmentId equals a.Id
                from acc in db.DirectDebitAccounts
                where i.DueDate == date
                      && acc.TaxpayerId == a.TaxpayerId && acc.TaxKindCode == a.TaxKindCode
                      && acc.StartsOn <= date && (acc.EndsOn == null || acc.EndsOn > date)
                select new
                {
                    InstallmentId = i.Id, a.TaxpayerId, a.TaxKindCode, AccountId = acc.Id, acc.BankCode, acc.BranchCode,
                    acc.AccountType, acc.AccountNo, acc.HolderKana, acc.StartsOn,
                })
            .AsNoTracking()
            .ToListAsync(ct);
        // One registration per installment: should two overlap (a change recorded without ending the old
        // one), the later one applies, and the installment is debited once, from one bank only.
        var chosen = candidates
            .GroupBy(c => c.InstallmentId)
            .Select(g => g.OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.AccountId).First())
            .Where(c => bankCode is null || c.BankCode == bankCode)
            .ToList();
        if (chosen.Count == 0) return new DueDebits(date, [], 0);

        var ids = chosen.Select(c => c.InstallmentId).ToList();
        var ledgers = await ClaimLedgers.LoadAsync(db, ids, ct);
        var pending = (await db.Payments.AsNoTracking()
                .Where(p => p.Status == PaymentStatus.Pending && p.InstallmentId != null && ids.Contains(p.InstallmentId.Value))
                .Select(p => p.InstallmentId!.Value)
                .Distinct()
                .ToListAsync(ct))
            .ToHashSet();

        var debits = new List<DueDebit>(chosen.Count);
        var skippedPending = 0;
        foreach (var c in chosen)
        {
            var ledger = ledgers[c.InstallmentId];
            var balance = ledger.PrincipalBalance;
            // Nothing is debited on a claim whose right to collect has ended (money for it would be an overpayment).
            if (balance <= 0 || ClaimStatus.Of(ledger, date).Extinguished) continue;
            if (pending.Contains(c.InstallmentId))
            {
                skippedPending++;
                continue;
            }
            debits.Add(new DueDebit(c.InstallmentId, c.TaxpayerId, c.TaxKindCode, c.AccountId, c.BankCode, c.BranchCode,
                c.AccountType, c.AccountNo, c.HolderKana, balance));
        }
        var ordered = debits
            .OrderBy(d => d.BankCode, StringComparer.Ordinal).ThenBy(d => d.BranchCode, StringComparer.Ordinal)
            .ThenBy(d => d.AccountType).ThenBy(d => d.AccountNo, StringComparer.Ordinal).ThenBy(d => d.InstallmentId)
            .ToList();
        return new DueDebits(date, ordered, skippedPending);
    }
}
