using Choshu.App.Claims;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;
using Choshu.Data;
using Choshu.Domain.Reconciliation;
using Choshu.App.Settings;
using Choshu.App.Stores;
using Choshu.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.DirectDebit;

/// <summary>
/// The debits of one date (振替日): every installment whose effective due date is that date, whose
/// taxpayer has a direct-debit registration for its tax kind in force on that date
/// (starts_on ≤ date, ends_on empty or after it) whose 開始期 (start fiscal year and period) is not after the installment's,
/// whose principal is not fully paid and whose right to collect has not
/// ended (<see cref="ClaimStatus"/>). The amount is
/// the principal still unpaid, folded from the journal (<see cref="InstallmentLedger"/>). A fixed
/// number of queries whatever the count: installments with registrations, their journal, their pending
/// store payments.
/// 再振替: where the city runs one (setting <c>debit.redebit</c> yes), the date that is the re-debit date
/// (<see cref="RedebitDate"/>) of an installment's first debit (on its due date) also takes that installment when the bank
/// reported the first debit failed for lack of funds or another reason (結果コード 1 or 9; not 2 取引なし, 3 預金者の都合による停止,
/// 4 依頼書なし, 8 委託者の都合: asking again would fail again). Only a failure on the due date counts, so a failed re-debit is
/// never asked a third time; what was paid meanwhile (a late success, a counter payment) is not debited again, as the balance
/// is folded from the journal on the date.
/// </summary>
public static class DueDebitsQuery
{
    /// <summary>The 振替結果コード after which a re-debit is asked: 1 資金不足, 9 その他.</summary>
    public static readonly IReadOnlyList<short> RedebitResultCodes = [1, 9];

    /// <summary>
    /// The re-debit date of a first debit on <paramref name="firstDebit"/>: the next day after it whose day of the month is
    /// <paramref name="redebitDay"/> (the same month when that day is still to come, else the next), moved to the next open day.
    /// First debit 2026-11-30, day 15 → 2026-12-15 (a Tuesday).
    /// </summary>
    public static DateOnly RedebitDate(DateOnly firstDebit, int redebitDay, HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var nominal = firstDebit.Day < redebitDay
            ? new DateOnly(firstDebit.Year, firstDebit.Month, redebitDay)
            : new DateOnly(firstDebit.Year, firstDebit.Month, 1).AddMonths(1).AddDays(redebitDay - 1);
        return calendar.EffectiveDueDate(nominal);
    }

    public static async Task<DueDebits> LoadAsync(ChoshuDbContext db, DateOnly date, string? bankCode = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var redebits = await RedebitsAsync(db, date, ct);
        var candidates = await (
                from i in db.Installments
                join a in db.Assessments on i.AssessmentId equals a.Id
                from acc in db.DirectDebitAccounts
                where (i.DueDate == date || redebits.Contains(i.Id))
                      && acc.TaxpayerId == a.TaxpayerId && acc.TaxKindCode == a.TaxKindCode
                      && acc.StartsOn <= date && (acc.EndsOn == null || acc.EndsOn > date)
                      && (acc.StartFiscalYear == null || a.FiscalYear > acc.StartFiscalYear
                          || (a.FiscalYear == acc.StartFiscalYear && (acc.StartPeriod == null || i.Period >= acc.StartPeriod)))
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
                c.AccountType, c.AccountNo, c.HolderKana, balance, Redebit: redebits.Contains(c.InstallmentId)));
        }
        var ordered = debits
            .OrderBy(d => d.BankCode, StringComparer.Ordinal).ThenBy(d => d.BranchCode, StringComparer.Ordinal)
            .ThenBy(d => d.AccountType).ThenBy(d => d.AccountNo, StringComparer.Ordinal).ThenBy(d => d.InstallmentId)
            .ToList();
        return new DueDebits(date, ordered, skippedPending);
    }

    /// <summary>The installments whose re-debit date is <paramref name="date"/> (none when the city runs no 再振替).</summary>
    private static async Task<List<long>> RedebitsAsync(ChoshuDbContext db, DateOnly date, CancellationToken ct)
    {
        if (await AppSettings.GetAsync(db, AppSettings.RedebitKey, ct) != "yes") return [];
        var day = int.Parse(await AppSettings.GetAsync(db, AppSettings.RedebitDayKey, ct), System.Globalization.CultureInfo.InvariantCulture);
        var since = date.AddMonths(-2);
        var codes = RedebitResultCodes.ToList();
        var failed = await (
                from f in db.DebitFailures
                join i in db.Installments on f.InstallmentId equals (long?)i.Id
                where f.DebitDate >= since && f.DebitDate < date && f.DebitDate == i.DueDate && codes.Contains(f.ResultCode)
                select new { i.Id, i.DueDate })
            .AsNoTracking()
            .Distinct()
            .ToListAsync(ct);
        if (failed.Count == 0) return [];
        var calendar = await ReferenceData.LoadCalendarAsync(db, ct);
        return failed.Where(x => RedebitDate(x.DueDate, day, calendar) == date).Select(x => x.Id).Distinct().ToList();
    }
}
