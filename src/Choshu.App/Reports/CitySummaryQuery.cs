using Choshu.Data;
using Choshu.Domain.Calendar;
using Choshu.Domain.Taxpayers;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Reports;

/// <summary>
/// Builds <see cref="CitySummary"/>: taxpayer counts, and per tax kind the figures of the collection
/// report for the current fiscal year (<see cref="CollectionReportQuery"/>, the one query over the journal).
/// </summary>
public static class CitySummaryQuery
{
    public static async Task<CitySummary> LoadAsync(ChoshuDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        var today = JapanTime.Today(clock);
        var fiscalYear = CollectionReportQuery.FiscalYearOf(today);
        var people = await db.Taxpayers.GroupBy(t => t.Facts.PersonKind)
            .Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        var report = await CollectionReportQuery.LoadAsync(db, fiscalYear, today, ct);

        var byKind = report.Lines
            .GroupBy(l => (l.TaxKindCode, l.TaxKindName))
            .Select(g =>
            {
                var current = g.SingleOrDefault(l => l.Bucket == "current");
                var arrears = g.SingleOrDefault(l => l.Bucket == "arrears");
                return new TaxKindSummary(g.Key.TaxKindCode, g.Key.TaxKindName,
                    g.Sum(l => l.Assessments), g.Sum(l => l.Installments), g.Sum(l => l.Assessed), g.Sum(l => l.Collected),
                    g.Sum(l => l.Balance), g.Sum(l => l.Overdue),
                    current?.Assessed ?? 0, current?.Collected ?? 0, arrears?.Balance ?? 0);
            })
            .ToList();
        var total = new TaxKindSummary("", "合計",
            byKind.Sum(k => k.Assessments), byKind.Sum(k => k.Installments), byKind.Sum(k => k.Assessed),
            byKind.Sum(k => k.Collected), byKind.Sum(k => k.Outstanding), byKind.Sum(k => k.Overdue),
            byKind.Sum(k => k.CurrentYearAssessed), byKind.Sum(k => k.CurrentYearCollected), byKind.Sum(k => k.ArrearsOutstanding));

        int Count(PersonKind k) => people.Where(p => p.Kind == k).Sum(p => p.Count);
        return new CitySummary(today, fiscalYear, people.Sum(p => p.Count),
            Count(PersonKind.Individual), Count(PersonKind.Corporation), byKind, total);
    }
}
