using Choshu.App.Claims;
using Choshu.Data;
using Choshu.Domain.Certificates;
using Choshu.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Certificates;

/// <summary>
/// Loads claims as <see cref="CertificateRule"/> reads them: every installment of the taxpayers' assessments with its
/// ledger (<see cref="ClaimLedgers"/>: journal and events), its tax kind's name, the assessment's vehicle number, and the
/// convenience-store payments reported (速報, <see cref="PaymentStatus.Pending"/>) but not yet booked.
/// </summary>
public static class CertificateClaims
{
    public static async Task<Dictionary<long, List<CertificateClaim>>> LoadAsync(ChoshuDbContext db, IReadOnlyCollection<long> taxpayerIds,
        CancellationToken ct = default)
    {
        var result = new Dictionary<long, List<CertificateClaim>>();
        foreach (var chunk in taxpayerIds.Distinct().Chunk(2000))
        {
            var ids = chunk.ToList();
            var rows = await (from i in db.Installments.AsNoTracking()
                              join a in db.Assessments on i.AssessmentId equals a.Id
                              join k in db.TaxKinds on a.TaxKindCode equals k.Code
                              where EF.Parameter(ids).Contains(a.TaxpayerId)
                              select new { i.Id, a.TaxpayerId, a.TaxKindCode, k.Name, a.FiscalYear, a.NoticeNo, i.Period, a.VehicleNo })
                .ToListAsync(ct);
            var installmentIds = rows.Select(r => r.Id).ToList();
            var ledgers = await ClaimLedgers.LoadAsync(db, installmentIds, ct);
            var pending = (await db.Payments.AsNoTracking()
                    .Where(p => p.Status == PaymentStatus.Pending && p.InstallmentId != null && EF.Parameter(installmentIds).Contains(p.InstallmentId!.Value))
                    .Select(p => new { p.InstallmentId, p.Amount })
                    .ToListAsync(ct))
                .GroupBy(p => p.InstallmentId!.Value).ToDictionary(g => g.Key, g => g.Sum(p => p.Amount));
            foreach (var r in rows.OrderBy(r => r.FiscalYear).ThenBy(r => r.TaxKindCode, StringComparer.Ordinal).ThenBy(r => r.NoticeNo, StringComparer.Ordinal).ThenBy(r => r.Period))
            {
                if (!result.TryGetValue(r.TaxpayerId, out var list)) result[r.TaxpayerId] = list = [];
                list.Add(new CertificateClaim(r.Id, r.TaxKindCode, r.Name, r.FiscalYear, r.NoticeNo, r.Period, r.VehicleNo, ledgers[r.Id],
                    pending.GetValueOrDefault(r.Id)));
            }
        }
        return result;
    }

    public static async Task<List<CertificateClaim>> LoadAsync(ChoshuDbContext db, long taxpayerId, CancellationToken ct = default) =>
        (await LoadAsync(db, [taxpayerId], ct)).GetValueOrDefault(taxpayerId) ?? [];
}
