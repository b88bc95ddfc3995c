using Choshu.Data;
using Choshu.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Reports;

/// <summary>
/// Builds <see cref="CollectionReport"/> straight from the journal (entries valued on or before the
/// as-of day) with one set-based query: GROUP BY installment, then by tax kind and fiscal-year bucket.
/// A reversal counts with the kind of the entry it reverses, so a reversed payment nets to zero.
/// </summary>
public static class CollectionReportQuery
{
    public static async Task<CollectionReport> LoadAsync(ChoshuDbContext db, int fiscalYear, DateOnly asOf, CancellationToken ct = default)
    {
        var kinds = await db.TaxKinds.AsNoTracking().OrderBy(k => k.SortOrder).ToListAsync(ct);
        var entries =
            from j in db.JournalEntries
            where j.Component == LedgerComponent.Principal && j.ValueDate <= asOf
            join r in db.JournalEntries on j.ReversesEntryId equals r.Id into rs
            from reversed in rs.DefaultIfEmpty()
            select new { j.InstallmentId, j.Amount, Kind = reversed == null ? j.Kind : reversed.Kind };
        var perInstallment =
            from e in entries
            group e by e.InstallmentId into g
            select new
            {
                InstallmentId = g.Key,
                Assessed = g.Sum(e => e.Kind == JournalEntryKind.Charge || e.Kind == JournalEntryKind.Amendment ? e.Amount : 0),
                Collected = -g.Sum(e => e.Kind == JournalEntryKind.Payment || e.Kind == JournalEntryKind.Appropriation ? e.Amount : 0),
                Refunded = g.Sum(e => e.Kind == JournalEntryKind.Refund ? e.Amount : 0),
                WrittenOff = -g.Sum(e => e.Kind == JournalEntryKind.WriteOff ? e.Amount : 0),
                Balance = g.Sum(e => e.Amount),
            };
        var rows = await (
                from b in perInstallment
                join i in db.Installments on b.InstallmentId equals i.Id
                join a in db.Assessments on i.AssessmentId equals a.Id
                where a.FiscalYear <= fiscalYear
                group new { b, i, a } by new { a.TaxKindCode, Current = a.FiscalYear == fiscalYear } into g
                select new
                {
                    g.Key.TaxKindCode,
                    g.Key.Current,
                    Assessments = g.Select(x => x.a.Id).Distinct().Count(),
                    Installments = g.Count(),
                    Assessed = g.Sum(x => x.b.Assessed),
                    Collected = g.Sum(x => x.b.Collected),
                    Refunded = g.Sum(x => x.b.Refunded),
                    WrittenOff = g.Sum(x => x.b.WrittenOff),
                    Balance = g.Sum(x => x.b.Balance),
                    Overdue = g.Sum(x => x.i.DueDate < asOf && x.b.Balance > 0 ? x.b.Balance : 0),
                })
            .ToListAsync(ct);

        var lines = new List<CollectionLine>();
        foreach (var k in kinds)
            foreach (var current in new[] { true, false })
            {
                var r = rows.SingleOrDefault(x => x.TaxKindCode == k.Code && x.Current == current);
                if (r is null) continue;
                lines.Add(new CollectionLine(k.Code, k.Name, current ? "current" : "arrears", r.Assessments, r.Installments,
                    r.Assessed, r.Collected, r.Refunded, r.WrittenOff, r.Balance, r.Overdue));
            }
        var total = new CollectionLine("", "合計", "all", lines.Sum(l => l.Assessments), lines.Sum(l => l.Installments),
            lines.Sum(l => l.Assessed), lines.Sum(l => l.Collected), lines.Sum(l => l.Refunded), lines.Sum(l => l.WrittenOff),
            lines.Sum(l => l.Balance), lines.Sum(l => l.Overdue));
        return new CollectionReport(fiscalYear, asOf, lines, total);
    }

    /// <summary>The fiscal year (April–March) a business date falls in.</summary>
    public static int FiscalYearOf(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;
}
