using Choshu.Data;
using Choshu.Domain;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Reconciliation;

/// <summary>
/// Finds the installment staff mean by notice number and period (as printed on the notice), narrowed
/// by tax kind and fiscal year when the same notice number exists in several.
/// </summary>
public static class InstallmentFinder
{
    public sealed record Found(long InstallmentId, long TaxpayerId, string TaxKindCode, int FiscalYear, string NoticeNo, short Period, DateOnly DueDate);

    public static async Task<Found> FindAsync(ChoshuDbContext db, string noticeNo, short period, string? taxKind, int? fiscalYear, CancellationToken ct)
    {
        var q = from i in db.Installments
                join a in db.Assessments on i.AssessmentId equals a.Id
                where a.NoticeNo == noticeNo && i.Period == period
                select new Found(i.Id, a.TaxpayerId, a.TaxKindCode, a.FiscalYear, a.NoticeNo, i.Period, i.DueDate);
        if (taxKind is not null) q = q.Where(f => f.TaxKindCode == taxKind);
        if (fiscalYear is not null) q = q.Where(f => f.FiscalYear == fiscalYear);
        var found = await q.Take(5).ToListAsync(ct);
        return found.Count switch
        {
            0 => throw new DomainException("installment.not_found", $"通知書番号 {noticeNo} の第{period}期は登録されていません。"),
            1 => found[0],
            _ => throw new DomainException("installment.ambiguous",
                $"通知書番号 {noticeNo} の第{period}期が複数あります（{string.Join("、", found.Select(f => $"税目{f.TaxKindCode} {f.FiscalYear}年度"))}）。--tax-kind と --fiscal-year で指定してください。"),
        };
    }
}
