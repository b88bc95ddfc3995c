using Choshu.App.Assessments;
using Choshu.App.Claims;
using Choshu.App.Documents;
using Choshu.Domain.Ledger;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Documents;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Slips;

/// <summary>
/// <c>choshu slip</c>: finds the installment (<see cref="InstallmentFinder"/>), folds its journal into what it
/// owes, and computes the reissued slip (<see cref="ReissuedSlip.Compute"/>) with the store's settings,
/// holiday calendar and late-fee rates. A slip shows what a taxpayer owes: it needs
/// <see cref="Permission.ViewTaxpayer"/>, and is recorded as an issued document (<see cref="IssuedDocuments"/>:
/// kind slip, template <see cref="Template"/>@<see cref="TemplateVersion"/>, the data record
/// <see cref="DataRecord"/>) with its audit record (2005, the taxpayer, the document number and data hash, the
/// amount) in the same transaction as the reads.
/// </summary>
public static class ReissuedSlipQuery
{
    /// <summary>The template name recorded for a reissued slip.</summary>
    public const string Template = "reissued-slip";

    /// <summary>The version of the slip's data record and layout; raise it when either changes.</summary>
    public const int TemplateVersion = 1;

    public static async Task<IssuedSlip> IssueAsync(ChoshuDbContext db, Actor actor, ReissuedSlipRequest request, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, what: $"納付書の再発行 通知書番号 {request.NoticeNo} 第{request.Period}期", ct: ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var slip = await ComputeAsync(db, request, ct);
        var document = await new IssuedDocuments(db, clock).RecordAsync(actor, new DocumentIssue(IssuedDocumentKinds.Slip, Template, TemplateVersion,
            slip.Subject.TaxpayerId, slip.Subject.InstallmentId, DataRecord(slip), Summary(slip)), ct);
        await tx.CommitAsync(ct);
        return new IssuedSlip(slip, document.Id, document.DataSha256, document.ReprintOfId);
    }

    /// <summary>
    /// <c>choshu slip --reprint ID</c>: the slip of issued document <paramref name="documentId"/> computed again for
    /// the same installment and 発行日 (<paramref name="issuedOn"/>, default the original's issue day in Japan time)
    /// from the journal as it is now; recorded as a reprint when its data record is the same, refused
    /// ("document.data_changed") when a payment, amendment or fee has changed it since.
    /// </summary>
    public static async Task<IssuedSlip> ReprintAsync(ChoshuDbContext db, Actor actor, long documentId, string? purpose, DateOnly? issuedOn, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, what: $"納付書の再印刷 発行番号 {documentId}", ct: ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        ReissuedSlip? slip = null;
        var document = await new IssuedDocuments(db, clock).ReprintAsync(actor, documentId, purpose, async (original, ct) =>
        {
            if (original.Kind != IssuedDocumentKinds.Slip || original.Template != Template || original.InstallmentId is not { } installmentId)
                throw new DomainException("slip.not_a_slip", $"発行番号 {documentId} は再発行納付書ではありません。");
            if (original.TemplateVersion != TemplateVersion)
                throw new DomainException("slip.template_changed",
                    $"発行番号 {documentId} は納付書の様式 第{original.TemplateVersion}版で発行されました（現在は第{TemplateVersion}版）。再印刷はできません。新たに発行してください。");
            var on = issuedOn ?? DateOnly.FromDateTime(new DateTimeOffset(original.IssuedAtUtc, TimeSpan.Zero).ToOffset(JapanTime.Offset).DateTime);
            var key = await db.Installments.AsNoTracking().Where(i => i.Id == installmentId)
                .Join(db.Assessments, i => i.AssessmentId, a => a.Id, (i, a) => new { a.NoticeNo, i.Period, a.TaxKindCode, a.FiscalYear })
                .SingleAsync(ct);
            slip = await ComputeAsync(db, new ReissuedSlipRequest(key.NoticeNo, key.Period, key.TaxKindCode, key.FiscalYear, on), ct);
            return new DocumentRedraw(DataRecord(slip), Summary(slip));
        }, ct);
        await tx.CommitAsync(ct);
        return new IssuedSlip(slip!, document.Id, document.DataSha256, document.ReprintOfId);
    }

    /// <summary>
    /// The data record a reissued slip is drawn from, hashed as <c>issued_documents.data_sha256</c>: exactly the
    /// fields of <c>choshu slip --json</c> other than <c>documentId</c>, <c>dataSha256</c> and <c>reprintOf</c>
    /// (docs/formats.md).
    /// </summary>
    public static DocumentData DataRecord(ReissuedSlip s) => new DocumentData()
        .Add("taxKindCode", s.Subject.TaxKindCode)
        .Add("taxKindName", s.Subject.TaxKindName)
        .Add("fiscalYear", s.Subject.FiscalYear)
        .Add("noticeNo", s.Subject.NoticeNo)
        .Add("period", s.Subject.Period)
        .Add("dueDate", s.Subject.DueDate)
        .Add("issuedOn", s.IssuedOn)
        .Add("deadline", s.Deadline)
        .Add("principal", s.Principal)
        .Add("reminderFee", s.ReminderFee)
        .Add("lateFee", s.LateFee)
        .Add("lateFeeFinal", s.LateFeeFinal)
        .Add("lateFeeComputedTo", s.LateFeeDetail?.ComputedTo)
        .Add("amount", s.Amount)
        .Add("matchKey", s.MatchKey.Value)
        .Add("elNumber", s.ElNumber)
        .Add("barcode", s.Barcode)
        .Add("reissueCount", ReissuedSlip.ReissueCount);

    private static string Summary(ReissuedSlip slip) =>
        $"通知書番号 {slip.Subject.NoticeNo} 第{slip.Subject.Period}期 {slip.Subject.FiscalYear}年度 {slip.Subject.TaxKindCode}: 合計 {slip.Amount}円 支払期限 {slip.Deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";

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

/// <summary>A slip as issued: the slip, its document number (発行番号), data hash, and the original it reprints.</summary>
public sealed record IssuedSlip(ReissuedSlip Slip, long DocumentId, string DataSha256, long? ReprintOfId);
