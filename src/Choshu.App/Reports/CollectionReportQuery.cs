using Choshu.Data;
using Choshu.Domain.Calendar;
using Choshu.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Reports;

/// <summary>
/// Builds <see cref="CollectionReport"/> straight from the journal (entries valued on or before the
/// as-of day) with one set-based query: GROUP BY installment, then by tax kind and fiscal-year bucket.
/// The year is split by the one rule <see cref="FiscalYears"/> (出納整理期間): 調定額 = what was owed at the year's first day for the
/// claim (1 April for the year's own claims, 1 June for earlier years' claims, whose 1 April – 31 May movements still belonged to
/// the year just ended) plus what was assessed or amended since; 収入額, 還付額 and 不納欠損額 count only movements from that first
/// day to the year's closing day (31 May after it) and the as-of day, whichever is earlier; 未納額 likewise stops at the closing day. For the current
/// year's assessments nothing is carried in, so this is the usual 現年度 figure; for arrears it is the
/// usual 滞納繰越分 (the balance brought into the year, and what was collected of it this year).
/// A reversal counts with the kind of the entry it reverses, so a reversed payment nets to zero.
/// Overpayments (過誤納, issue 14): 収入額 counts the principal entries only, so an appropriation (充当) raises the 収入額
/// of the claim it pays by its principal part (<see cref="CollectionLine.Appropriated"/>, うち充当) and an overpayment
/// leaves it; 還付額 is what was paid back of overpaid money, the refund entries on the overpayment account
/// (reason refund.decided), under the tax kind and year the overpayment arose on, by 支出決定日; the refund interest
/// paid with it is not tax and is not counted (see <see cref="RefundReportQuery"/>). A refund on the overpayment account
/// does not move the claim's principal, so 未納額 is the principal journal alone.
/// </summary>
public static class CollectionReportQuery
{
    public static async Task<CollectionReport> LoadAsync(ChoshuDbContext db, int fiscalYear, DateOnly asOf, CancellationToken ct = default)
    {
        if (!Domain.Calendar.DateBounds.ContainsFiscalYear(fiscalYear))
            throw new Domain.DomainException("report.fiscal_year_invalid", Domain.Calendar.DateBounds.FiscalYearMessage);
        var kinds = await db.TaxKinds.AsNoTracking().OrderBy(k => k.SortOrder).ToListAsync(ct);
        // 出納整理期間 (the one rule, Domain.Calendar.FiscalYears): a movement belongs to the year when it is valued from the year's
        // first day for its claim (1 April for a claim of the year, 1 June for an earlier year's claim: 1 April – 31 May still
        // belonged to the year before) up to the year's closing day (31 May after it). Before that first day it is carried in.
        var currentStart = FiscalYears.FirstDay(fiscalYear, fiscalYear);
        var arrearsStart = FiscalYears.FirstDay(fiscalYear, fiscalYear - 1);
        var closing = FiscalYears.ClosingDay(fiscalYear);
        var entries =
            from j in db.JournalEntries
            where (j.Component == LedgerComponent.Principal || j.Component == LedgerComponent.Overpayment) && j.ValueDate <= asOf && j.ValueDate <= closing
            join i in db.Installments on j.InstallmentId equals i.Id
            join a in db.Assessments on i.AssessmentId equals a.Id
            where a.FiscalYear <= fiscalYear
            join r in db.JournalEntries on j.ReversesEntryId equals r.Id into rs
            from reversed in rs.DefaultIfEmpty()
            select new
            {
                j.InstallmentId, j.Amount, j.ValueDate, Principal = j.Component == LedgerComponent.Principal,
                Kind = reversed == null ? j.Kind : reversed.Kind, Reason = reversed == null ? j.ReasonCode : reversed.ReasonCode,
                InYear = j.ValueDate >= (a.FiscalYear < fiscalYear ? arrearsStart : currentStart),
            };
        var perInstallment =
            from e in entries
            group e by e.InstallmentId into g
            select new
            {
                InstallmentId = g.Key,
                CarriedIn = g.Sum(e => e.Principal && !e.InYear ? e.Amount : 0),
                Assessed = g.Sum(e => e.Principal && e.InYear && (e.Kind == JournalEntryKind.Charge || e.Kind == JournalEntryKind.Amendment) ? e.Amount : 0),
                Collected = -g.Sum(e => e.Principal && e.InYear && (e.Kind == JournalEntryKind.Payment || e.Kind == JournalEntryKind.Appropriation) ? e.Amount : 0),
                Appropriated = -g.Sum(e => e.Principal && e.InYear && e.Kind == JournalEntryKind.Appropriation ? e.Amount : 0),
                // The overpaid money paid back: the refund entries on the overpayment account (refund.decided), not the
                // refund interest paid with them (refund.interest, an expenditure, not tax).
                Refunded = g.Sum(e => e.InYear && e.Kind == JournalEntryKind.Refund
                    && (e.Principal || e.Reason == Refunds.RefundDesk.RefundReason) ? e.Amount : 0),
                WrittenOff = -g.Sum(e => e.Principal && e.InYear && e.Kind == JournalEntryKind.WriteOff ? e.Amount : 0),
                Balance = g.Sum(e => e.Principal ? e.Amount : 0),
            };
        var rows = await (
                from b in perInstallment
                join i in db.Installments on b.InstallmentId equals i.Id
                join a in db.Assessments on i.AssessmentId equals a.Id
                // Arrears that were settled before the year and did not move in it are not part of the year's figures.
                where a.FiscalYear == fiscalYear
                    || (a.FiscalYear < fiscalYear && (b.CarriedIn != 0 || b.Assessed != 0 || b.Collected != 0 || b.Refunded != 0 || b.WrittenOff != 0))
                group new { b, i, a } by new { a.TaxKindCode, Current = a.FiscalYear == fiscalYear } into g
                select new
                {
                    g.Key.TaxKindCode,
                    g.Key.Current,
                    Assessments = g.Select(x => x.a.Id).Distinct().Count(),
                    Installments = g.Count(),
                    Assessed = g.Sum(x => x.b.CarriedIn + x.b.Assessed),
                    Collected = g.Sum(x => x.b.Collected),
                    Appropriated = g.Sum(x => x.b.Appropriated),
                    Refunded = g.Sum(x => x.b.Refunded),
                    WrittenOff = g.Sum(x => x.b.WrittenOff),
                    Balance = g.Sum(x => x.b.Balance),
                    Overdue = g.Sum(x => x.i.DueDate < asOf && x.b.Balance > 0 ? x.b.Balance : 0),
                })
            .ToListAsync(ct);

        // うち時効（未欠損）: the balance of claims whose right to collect has ended (時効, extinction under a stay) and that are
        // not written off yet, by the one status rule: what the write-off decisions of the year have to deal with.
        var open = await (
                from b in perInstallment
                where b.Balance > 0
                join i in db.Installments on b.InstallmentId equals i.Id
                join a in db.Assessments on i.AssessmentId equals a.Id
                where a.FiscalYear <= fiscalYear
                select new { i.Id, a.TaxKindCode, Current = a.FiscalYear == fiscalYear, b.Balance })
            .ToListAsync(ct);
        var ended = await Claims.EndedClaims.OfAsync(db, open.Select(o => o.Id).ToList(), asOf, ct);
        var lapsed = open.Where(o => ended.Contains(o.Id)).GroupBy(o => (o.TaxKindCode, o.Current)).ToDictionary(g => g.Key, g => g.Sum(o => o.Balance));

        var lines = new List<CollectionLine>();
        foreach (var k in kinds)
            foreach (var current in new[] { true, false })
            {
                var r = rows.SingleOrDefault(x => x.TaxKindCode == k.Code && x.Current == current);
                if (r is null) continue;
                lines.Add(new CollectionLine(k.Code, k.Name, current ? "current" : "arrears", r.Assessments, r.Installments,
                    r.Assessed, r.Collected, r.Refunded, r.WrittenOff, r.Balance, r.Overdue)
                { Lapsed = lapsed.GetValueOrDefault((k.Code, current)), Appropriated = r.Appropriated });
            }
        var total = new CollectionLine("", "合計", "all", lines.Sum(l => l.Assessments), lines.Sum(l => l.Installments),
            lines.Sum(l => l.Assessed), lines.Sum(l => l.Collected), lines.Sum(l => l.Refunded), lines.Sum(l => l.WrittenOff),
            lines.Sum(l => l.Balance), lines.Sum(l => l.Overdue))
        { Lapsed = lines.Sum(l => l.Lapsed), Appropriated = lines.Sum(l => l.Appropriated) };
        return new CollectionReport(fiscalYear, asOf, lines, total);
    }

    /// <summary>The fiscal year (April–March) a business date falls in (<see cref="FiscalYears.CalendarYearOf"/>).</summary>
    public static int FiscalYearOf(DateOnly date) => FiscalYears.CalendarYearOf(date);
}
