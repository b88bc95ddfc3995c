using Choshu.Data;
using Choshu.Domain;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Assessments;

/// <summary>An installment as staff name it: the notice it is on and its period.</summary>
public sealed record InstallmentRef(
    long InstallmentId,
    long TaxpayerId,
    string TaxKindCode,
    string TaxKindName,
    int FiscalYear,
    string NoticeNo,
    short Period,
    DateOnly NominalDueDate,
    DateOnly DueDate)
{
    /// <summary>"通知書番号 2026010000123 第1期（市民税 2026年度）" (<see cref="InstallmentNames.Of"/>).</summary>
    public string Name => InstallmentNames.Of(TaxKindName, FiscalYear, NoticeNo, Period);
}

/// <summary>
/// How an installment is named wherever staff read it (screens, CLI, audit details): 税目, 年度, 通知書番号
/// and 期, never its internal row id.
/// </summary>
public static class InstallmentNames
{
    /// <summary>"通知書番号 2026010000123 第1期（市民税 2026年度）".</summary>
    public static string Of(string taxKindName, int fiscalYear, string noticeNo, int period) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"通知書番号 {noticeNo} 第{period}期（{taxKindName} {fiscalYear}年度）");

    /// <summary>The name of the installment with this id, for an audit detail; 「登録のない期別」 when there is none.</summary>
    public static async Task<string> OfIdAsync(ChoshuDbContext db, long? installmentId, CancellationToken ct = default)
    {
        if (installmentId is not { } id) return "期別なし";
        var found = await InstallmentFinder.ByIdsAsync(db, [id], ct);
        return found.TryGetValue(id, out var r) ? r.Name : "登録のない期別";
    }
}

/// <summary>
/// Finds the installment staff mean by 通知書番号 and 期 as printed on the notice, narrowed by 税目 and
/// 調定年度 when the notice number exists in several; refuses, in Japanese, when none or several match.
/// Used by counter payments, manual matching, reissued slips and claim events.
/// </summary>
public static class InstallmentFinder
{
    /// <summary>The installment with this id, named as staff name it; refuses, in Japanese, when there is none.</summary>
    public static async Task<InstallmentRef> FindByIdAsync(ChoshuDbContext db, long installmentId, CancellationToken ct = default) =>
        await (from i in db.Installments
               join a in db.Assessments on i.AssessmentId equals a.Id
               join k in db.TaxKinds on a.TaxKindCode equals k.Code
               where i.Id == installmentId
               select new InstallmentRef(i.Id, a.TaxpayerId, a.TaxKindCode, k.Name, a.FiscalYear, a.NoticeNo, i.Period, i.NominalDueDate, i.DueDate))
            .SingleOrDefaultAsync(ct)
        ?? throw new DomainException("installment.not_found", $"期別 {installmentId} は登録されていません。");

    /// <summary>The installments with these ids, named as staff name them (missing ids are left out). One query per 5,000 ids.</summary>
    public static async Task<Dictionary<long, InstallmentRef>> ByIdsAsync(ChoshuDbContext db, IReadOnlyCollection<long> installmentIds, CancellationToken ct = default)
    {
        var found = new Dictionary<long, InstallmentRef>(installmentIds.Count);
        foreach (var chunk in installmentIds.Distinct().Chunk(5000))
        {
            var ids = chunk.ToList();
            var rows = await (from i in db.Installments.AsNoTracking()
                              join a in db.Assessments on i.AssessmentId equals a.Id
                              join k in db.TaxKinds on a.TaxKindCode equals k.Code
                              where EF.Parameter(ids).Contains(i.Id)
                              select new { i.Id, a.TaxpayerId, a.TaxKindCode, k.Name, a.FiscalYear, a.NoticeNo, i.Period, i.NominalDueDate, i.DueDate })
                .ToListAsync(ct);
            foreach (var r in rows)
                found[r.Id] = new InstallmentRef(r.Id, r.TaxpayerId, r.TaxKindCode, r.Name, r.FiscalYear, r.NoticeNo, r.Period, r.NominalDueDate, r.DueDate);
        }
        return found;
    }

    public static async Task<InstallmentRef> FindAsync(ChoshuDbContext db, string noticeNo, short period, string? taxKindCode, int? fiscalYear, CancellationToken ct = default)
    {
        var q = from i in db.Installments
                join a in db.Assessments on i.AssessmentId equals a.Id
                join k in db.TaxKinds on a.TaxKindCode equals k.Code
                where a.NoticeNo == noticeNo && i.Period == period
                select new { i.Id, a.TaxpayerId, a.TaxKindCode, k.Name, a.FiscalYear, a.NoticeNo, i.Period, i.NominalDueDate, i.DueDate };
        // Filter on the anonymous projection (EF translates it; it cannot translate a filter on a record's constructor).
        if (taxKindCode is not null) q = q.Where(x => x.TaxKindCode == taxKindCode);
        if (fiscalYear is not null) q = q.Where(x => x.FiscalYear == fiscalYear);
        var found = await q.OrderBy(x => x.FiscalYear).ThenBy(x => x.TaxKindCode).Take(5).ToListAsync(ct);
        return found.Count switch
        {
            0 => throw new DomainException("installment.not_found", $"通知書番号 {noticeNo} の第{period}期は登録されていません。"),
            1 => new InstallmentRef(found[0].Id, found[0].TaxpayerId, found[0].TaxKindCode, found[0].Name, found[0].FiscalYear, found[0].NoticeNo,
                found[0].Period, found[0].NominalDueDate, found[0].DueDate),
            _ => throw new DomainException("installment.ambiguous",
                $"通知書番号 {noticeNo} の第{period}期が複数あります（{string.Join("、", found.Select(f => $"税目{f.TaxKindCode} {f.Name} {f.FiscalYear}年度"))}）。--tax-kind と --fiscal-year で指定してください。"),
        };
    }
}
