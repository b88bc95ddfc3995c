using Choshu.App.Assessments;
using Choshu.App.Claims;
using Choshu.Domain.Ledger;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Slips;

/// <summary>
/// <c>choshu slip</c>: finds the installment (<see cref="InstallmentFinder"/>), folds its journal into what it
/// owes, and computes the reissued slip (<see cref="ReissuedSlip.Compute"/>) with the store's settings,
/// holiday calendar and late-fee rates. A slip shows what a taxpayer owes: it needs
/// <see cref="Permission.ViewTaxpayer"/> and is recorded in the audit log (2005, the taxpayer and the
/// amount) in the same transaction as the reads.
/// </summary>
public static class ReissuedSlipQuery
{
    public static async Task<ReissuedSlip> IssueAsync(ChoshuDbContext db, Actor actor, ReissuedSlipRequest request, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, what: $"納付書の再発行 通知書番号 {request.NoticeNo} 第{request.Period}期", ct: ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var slip = await ComputeAsync(db, request, ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.SlipIssued, TaxpayerId: slip.Subject.TaxpayerId,
            Detail: $"通知書番号 {slip.Subject.NoticeNo} 第{slip.Subject.Period}期 {slip.Subject.FiscalYear}年度 {slip.Subject.TaxKindCode}: 合計 {slip.Amount}円 支払期限 {slip.Deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}"), clock, ct);
        await tx.CommitAsync(ct);
        return slip;
    }

    private static async Task<ReissuedSlip> ComputeAsync(ChoshuDbContext db, ReissuedSlipRequest request, CancellationToken ct)
    {
        var subject = await InstallmentFinder.FindAsync(db, request.NoticeNo, request.Period, request.TaxKindCode, request.FiscalYear, ct);
        var ledger = (await ClaimLedgers.LoadAsync(db, [subject.InstallmentId], ct))[subject.InstallmentId];

        var settings = await AppSettings.LoadAsync(db, ct);
        var calendar = await ReferenceData.LoadCalendarAsync(db, ct);
        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        return ReissuedSlip.Compute(subject, ledger, request.IssuedOn, settings.SlipValidDays, settings.StoreBillerCode, calendar, rates);
    }
}
