using Choshu.App.Assessments;
using Choshu.App.Ledger;
using Choshu.App.Settings;
using Choshu.App.Stores;
using Choshu.Data;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Slips;

/// <summary>
/// <c>choshu slip</c>: finds the installment (<see cref="InstallmentFinder"/>), folds its journal into what it
/// owes, and computes the reissued slip (<see cref="ReissuedSlip.Compute"/>) with the store's settings,
/// holiday calendar and late-fee rates. Reads only; nothing is recorded.
/// </summary>
public static class ReissuedSlipQuery
{
    public static async Task<ReissuedSlip> IssueAsync(ChoshuDbContext db, ReissuedSlipRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var subject = await InstallmentFinder.FindAsync(db, request.NoticeNo, request.Period, request.TaxKindCode, request.FiscalYear, ct);
        var lines = await db.JournalEntries.AsNoTracking()
            .Where(j => j.InstallmentId == subject.InstallmentId)
            .Select(j => new LedgerLine(j.Id, j.Kind, j.Component, j.Amount, j.ValueDate, j.ReversesEntryId))
            .ToListAsync(ct);
        var ledger = InstallmentLedger.From(subject.DueDate, lines);

        var settings = await AppSettings.LoadAsync(db, ct);
        var calendar = await ReferenceData.LoadCalendarAsync(db, ct);
        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        return ReissuedSlip.Compute(subject, ledger, request.IssuedOn, settings.SlipValidDays, settings.StoreBillerCode, calendar, rates);
    }
}
