using Choshu.Data;
using Choshu.Domain.Calendar;
using Choshu.Domain.Ledger;
using Choshu.Domain.Taxpayers;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Reports;

/// <summary>
/// Builds <see cref="CitySummary"/> from the journal with set-based queries (one GROUP BY over
/// the journal per installment, then per tax kind), never by loading installments one by one.
/// </summary>
public static class CitySummaryQuery
{
    public static async Task<CitySummary> LoadAsync(ChoshuDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        var today = JapanTime.Today(clock);
        var fiscalYear = today.Month >= 4 ? today.Year : today.Year - 1;

        var people = await db.Taxpayers.GroupBy(t => t.Facts.PersonKind)
            .Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        var assessmentCounts = await db.Assessments.GroupBy(a => a.TaxKindCode)
            .Select(g => new { Code = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Code, x => x.Count, ct);
        var kinds = await db.TaxKinds.AsNoTracking().OrderBy(k => k.SortOrder).ToListAsync(ct);

        var perInstallment =
            from j in db.JournalEntries
            where j.Component == LedgerComponent.Principal
            group j by j.InstallmentId into g
            select new
            {
                InstallmentId = g.Key,
                Assessed = g.Sum(j => j.Kind == JournalEntryKind.Charge || j.Kind == JournalEntryKind.Amendment ? j.Amount : 0),
                Collected = -g.Sum(j => j.Kind == JournalEntryKind.Payment || j.Kind == JournalEntryKind.Appropriation ? j.Amount : 0),
                Balance = g.Sum(j => j.Amount),
            };
        var rows = await (
                from b in perInstallment
                join i in db.Installments on b.InstallmentId equals i.Id
                join a in db.Assessments on i.AssessmentId equals a.Id
                group new { b, i, a } by a.TaxKindCode into g
                select new
                {
                    Code = g.Key,
                    Installments = g.Count(),
                    Assessed = g.Sum(x => x.b.Assessed),
                    Collected = g.Sum(x => x.b.Collected),
                    Outstanding = g.Sum(x => x.b.Balance),
                    Overdue = g.Sum(x => x.i.DueDate < today && x.b.Balance > 0 ? x.b.Balance : 0),
                    CurrentAssessed = g.Sum(x => x.a.FiscalYear == fiscalYear ? x.b.Assessed : 0),
                    CurrentCollected = g.Sum(x => x.a.FiscalYear == fiscalYear ? x.b.Collected : 0),
                    ArrearsOutstanding = g.Sum(x => x.a.FiscalYear < fiscalYear ? x.b.Balance : 0),
                })
            .ToDictionaryAsync(x => x.Code, ct);

        var byKind = kinds
            .Where(k => rows.ContainsKey(k.Code) || assessmentCounts.ContainsKey(k.Code))
            .Select(k =>
            {
                var r = rows.GetValueOrDefault(k.Code);
                return new TaxKindSummary(k.Code, k.Name, assessmentCounts.GetValueOrDefault(k.Code),
                    r?.Installments ?? 0, r?.Assessed ?? 0, r?.Collected ?? 0, r?.Outstanding ?? 0, r?.Overdue ?? 0,
                    r?.CurrentAssessed ?? 0, r?.CurrentCollected ?? 0, r?.ArrearsOutstanding ?? 0);
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
