using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Documents;
using Choshu.Domain;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Documents;

/// <summary>
/// What a caller issues: the kind (<see cref="IssuedDocumentKinds"/>), the template and its version, whom it
/// concerns, the data record it was drawn from, and optionally a short text for the audit record
/// (<paramref name="Summary"/>: e.g. notice, amount and deadline; never a My Number), the written file's
/// SHA-256, the batch run and the purpose.
/// </summary>
public sealed record DocumentIssue(
    string Kind,
    string Template,
    int TemplateVersion,
    long? TaxpayerId,
    long? InstallmentId,
    DocumentData Data,
    string? Summary = null,
    string? FileSha256 = null,
    long? RunId = null,
    string? Purpose = null);

/// <summary>A document drawn again for a reprint: its data record, the audit text and the new file's hash.</summary>
public sealed record DocumentRedraw(DocumentData Data, string? Summary = null, string? FileSha256 = null);

/// <summary>
/// 発行記録: the one place that records an issued document (a slip today; reminders, demand letters and receipts
/// when the form engine writes them). <see cref="RecordAsync"/> adds the <c>issued_documents</c> row and its audit
/// record (2005 納付書の発行 for a slip, 4001 帳票印刷 for any other form) inside the caller's transaction (its own
/// when there is none), so both commit or neither. The audit detail names the document number, kind,
/// template@version and the data hash (<see cref="DocumentData.Sha256"/>), never a My Number. A reprint
/// (<see cref="ReprintAsync"/>) is a new row pointing at the original with the original's template version and data
/// hash; the caller draws the document again from the data as it is now, and a different hash means the data
/// changed: that is a new issue, not a reprint, and is refused. The caller checks the right to issue
/// (e.g. <see cref="Permission.ViewTaxpayer"/> for a slip) before calling.
/// </summary>
public sealed class IssuedDocuments(ChoshuDbContext db, TimeProvider clock)
{
    /// <summary>Records <paramref name="issue"/> and its audit record; returns the stored row (detached).</summary>
    public Task<IssuedDocument> RecordAsync(Actor actor, DocumentIssue issue, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(issue);
        ArgumentException.ThrowIfNullOrWhiteSpace(issue.Kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(issue.Template);
        ArgumentOutOfRangeException.ThrowIfLessThan(issue.TemplateVersion, 1);
        var row = new IssuedDocument
        {
            Kind = issue.Kind, Template = issue.Template, TemplateVersion = issue.TemplateVersion,
            TaxpayerId = issue.TaxpayerId, InstallmentId = issue.InstallmentId,
            DataSha256 = issue.Data.Sha256(), FileSha256 = issue.FileSha256, RunId = issue.RunId, Purpose = issue.Purpose,
        };
        return SaveAsync(actor, row, issue.Summary, ct);
    }

    /// <summary>
    /// Reprints document <paramref name="documentId"/>; a reprint of a reprint reprints the first original, which is
    /// what <paramref name="redraw"/> receives and draws again from the data as it is now (so a slip keeps the
    /// original's issue day). When the hash differs from the original's
    /// the reprint is refused ("document.data_changed") and nothing is recorded.
    /// </summary>
    public async Task<IssuedDocument> ReprintAsync(Actor actor, long documentId, string? purpose,
        Func<IssuedDocument, CancellationToken, Task<DocumentRedraw>> redraw, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(redraw);
        var given = await FindAsync(documentId, ct);
        var original = given.ReprintOfId is { } first ? await FindAsync(first, ct) : given;
        var again = await redraw(original, ct);
        var sha = again.Data.Sha256();
        if (sha != original.DataSha256)
            throw new DomainException("document.data_changed",
                $"発行番号 {documentId} の帳票の元データが発行後に変わっています（納付・調定の変更など。データSHA-256 が一致しません）。" +
                "同じ内容の再印刷はできません。新たに発行してください。");
        var row = new IssuedDocument
        {
            Kind = original.Kind, Template = original.Template, TemplateVersion = original.TemplateVersion,
            TaxpayerId = original.TaxpayerId, InstallmentId = original.InstallmentId,
            DataSha256 = sha, FileSha256 = again.FileSha256, RunId = null, Purpose = purpose,
            ReprintOfId = original.Id,
        };
        return await SaveAsync(actor, row, again.Summary, ct);
    }

    /// <summary>
    /// Records the documents of one batch run (a notice run) in the caller's transaction, with ONE audit record for the
    /// run (<paramref name="auditKind"/>, the run id, the count and the first and last document numbers, and
    /// <paramref name="summary"/>) instead of one per document; returns the stored rows (ids set) in the order given.
    /// </summary>
    public async Task<IReadOnlyList<IssuedDocument>> RecordBatchAsync(Actor actor, long runId, IReadOnlyList<DocumentIssue> issues,
        AuditEventKind auditKind, string summary, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(issues);
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("RecordBatchAsync runs inside the run's transaction.");
        var at = AuditChain.Normalize(clock.GetUtcNow().UtcDateTime);
        var rows = issues.Select(issue => new IssuedDocument
        {
            Kind = issue.Kind, Template = issue.Template, TemplateVersion = issue.TemplateVersion,
            TaxpayerId = issue.TaxpayerId, InstallmentId = issue.InstallmentId,
            DataSha256 = issue.Data.Sha256(), FileSha256 = issue.FileSha256, RunId = runId, Purpose = issue.Purpose,
            ActorName = actor.Name, AccountId = actor.AccountId, IssuedAtUtc = at,
        }).ToList();
        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var chunk in rows.Chunk(2000))
            {
                db.IssuedDocuments.AddRange(chunk);
                await db.SaveChangesAsync(ct);
                foreach (var r in chunk) db.Entry(r).State = EntityState.Detached;
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
        }
        var range = rows.Count == 0 ? "なし" : $"発行番号 {rows[0].Id}〜{rows[^1].Id}";
        await AuditLog.AppendAsync(db, actor, new AuditRecord(auditKind,
            Detail: $"一括作成 {runId}: {rows.Count}件 {range}: {summary}"), clock, ct);
        return rows;
    }

    /// <summary>The recorded document <paramref name="documentId"/>; refused in Japanese when there is none.</summary>
    public async Task<IssuedDocument> FindAsync(long documentId, CancellationToken ct = default) =>
        await db.IssuedDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId, ct)
        ?? throw new DomainException("document.not_found", $"発行番号 {documentId} の発行記録はありません。");

    /// <summary>Every document issued for a taxpayer, reprints included, newest first (for the case file).</summary>
    public async Task<IReadOnlyList<IssuedDocument>> ListForTaxpayerAsync(long taxpayerId, CancellationToken ct = default) =>
        (await db.IssuedDocuments.AsNoTracking().Where(d => d.TaxpayerId == taxpayerId).ToListAsync(ct))
        .OrderByDescending(d => d.IssuedAtUtc).ThenByDescending(d => d.Id).ToList();

    /// <summary>The audit kind of an issued document: 2005 for a slip, 4020 for a tax certificate, 4001 for any other form.</summary>
    public static AuditEventKind EventKind(string kind) => kind switch
    {
        IssuedDocumentKinds.Slip => AuditEventKind.SlipIssued,
        IssuedDocumentKinds.Certificate => AuditEventKind.CertificateIssued,
        _ => AuditEventKind.FormPrinted,
    };

    private async Task<IssuedDocument> SaveAsync(Actor actor, IssuedDocument row, string? summary, CancellationToken ct)
    {
        row.ActorName = actor.Name;
        row.AccountId = actor.AccountId;
        row.IssuedAtUtc = AuditChain.Normalize(clock.GetUtcNow().UtcDateTime);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            db.IssuedDocuments.Add(row);
            await db.SaveChangesAsync(ct);
            var what = row.ReprintOfId is { } of ? $"再印刷 発行番号 {row.Id}（原本 {of}）" : $"発行番号 {row.Id}";
            await AuditLog.AppendAsync(db, actor, new AuditRecord(EventKind(row.Kind), TaxpayerId: row.TaxpayerId, Purpose: row.Purpose,
                Detail: $"{what} 種類={row.Kind} 様式={row.Template}@{row.TemplateVersion} データSHA-256={row.DataSha256}"
                    + (row.FileSha256 is null ? "" : $" ファイルSHA-256={row.FileSha256}")
                    + (string.IsNullOrWhiteSpace(summary) ? "" : ": " + summary)), clock, ct);
            if (own is not null) await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
        db.Entry(row).State = EntityState.Detached;
        return row;
    }
}
