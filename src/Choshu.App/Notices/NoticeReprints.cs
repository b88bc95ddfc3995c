using System.Globalization;
using Choshu.App.Documents;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Notices;
using Choshu.Domain;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Notices;

/// <summary>A letter reprinted: the new issued document, the original it reprints, and the PDF drawn (name, size, SHA-256, pages).</summary>
public sealed record NoticeReprint(long DocumentId, long OriginalId, long RunId, string Kind, NoticeFileDrawn File);

/// <summary>
/// 再印刷: one letter of a run drawn again from its stored data record (<see cref="NoticeLetter.Data"/>), identically (the same
/// 発行番号, text, amounts and slips), and recorded as a reprint issued document (<see cref="IssuedDocuments.ReprintAsync"/>,
/// audited 4001 with the taxpayer and the purpose). A reprint of a reprint reprints the original. Needs the run kind's permission
/// (<see cref="NoticeRuns.PermissionFor"/>); refused for a letter of a cancelled run, a letter pulled at dispatch, or a letter
/// drawn with another template version. The PDF is written into the caller's stream before the record commits: a caller
/// sends or keeps it only when this returns.
/// </summary>
public sealed class NoticeReprints(ChoshuDbContext db, TimeProvider clock)
{
    public const int PurposeMaxLength = 500;

    public async Task<NoticeReprint> ReprintAsync(Actor actor, long documentId, string? purpose, Stream output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        purpose = string.IsNullOrWhiteSpace(purpose) ? null : purpose.Trim();
        if (purpose is { Length: > PurposeMaxLength })
            throw new DomainException("notice.purpose_too_long", $"再印刷の目的は{PurposeMaxLength}文字以内にしてください（{purpose.Length}文字）。");
        var documents = new IssuedDocuments(db, clock);
        var given = await documents.FindAsync(documentId, ct);
        var originalId = given.ReprintOfId ?? given.Id;
        var letter = await db.NoticeLetters.AsNoTracking().SingleOrDefaultAsync(l => l.DocumentId == originalId, ct)
            ?? throw new DomainException("notice.not_a_letter", $"発行番号 {documentId} は通知書（督促状・催告書・差押予告書など）ではありません。");
        var run = await db.NoticeRuns.AsNoTracking().SingleAsync(r => r.Id == letter.RunId, ct);
        var label = NoticeRuns.Label(run.Kind);
        await AccessControl.DemandAsync(db, actor, NoticeRuns.PermissionFor(run.Kind), clock, letter.TaxpayerId, $"{label} 発行番号 {documentId} の再印刷", ct);
        if (run.CancelledAtUtc is not null)
            throw new DomainException("notice.run_cancelled", $"発行番号 {documentId} の{label}は一括作成 {run.Id} ごと取り消されています。再印刷はできません。");
        if (letter.Pulled)
            throw new DomainException("notice.letter_pulled", $"発行番号 {documentId} の{label}は発送時に抜き取られています（{letter.PulledReason}）。再印刷はできません。");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        NoticeFileDrawn? drawn = null;
        var document = await documents.ReprintAsync(actor, documentId, purpose, (original, _) =>
        {
            if (original.TemplateVersion != NoticeRuns.TemplateVersion)
                throw new DomainException("notice.template_changed",
                    $"発行番号 {originalId} は通知書の様式 第{original.TemplateVersion}版で発行されました（現在は第{NoticeRuns.TemplateVersion}版）。同じ内容の再印刷はできません。");
            var data = NoticeLetterData.FromJson(letter.Data);
            drawn = NoticeFiles.DrawLetter(letter, data, output, $"{run.Kind.Replace('_', '-')}-{originalId}-reprint.pdf");
            return Task.FromResult(new DocumentRedraw(data.ToDocumentData(),
                $"{label} 一括作成 {run.Id} 通番 {letter.Seq} 合計 {letter.Amount.ToString(CultureInfo.InvariantCulture)}円 {drawn.Count}頁", drawn.Sha256));
        }, ct);
        await tx.CommitAsync(ct);
        return new NoticeReprint(document.Id, originalId, run.Id, run.Kind, drawn!);
    }
}

/// <summary>A letter as a taxpayer's notice history lists it: the letter, its run and state, and its return, when it came back.</summary>
public sealed record NoticeHistoryLine(
    long LetterId, long DocumentId, long RunId, string Kind, int Seq, DateOnly AsOf, DateOnly? DispatchedOn, bool Cancelled, bool Pulled,
    string? PulledReason, long Amount, short AddresseeKind, DateOnly? ReturnedOn, ReturnedMailResolution? ReturnResolution, int Reprints)
{
    /// <summary>作成済・発送済・抜き取り・取消.</summary>
    public string State => Cancelled ? "取消" : Pulled ? "抜き取り" : DispatchedOn is not null ? "発送済" : "作成済（未発送）";

    /// <summary>Whether the letter may be drawn again (not cancelled, not pulled).</summary>
    public bool Reprintable => !Cancelled && !Pulled;
}

/// <summary>通知書の発行履歴: every letter issued about a taxpayer, newest first (read after the taxpayer page's own gate).</summary>
public static class NoticeHistory
{
    public static async Task<IReadOnlyList<NoticeHistoryLine>> ForTaxpayerAsync(ChoshuDbContext db, long taxpayerId, CancellationToken ct = default)
    {
        var letters = await (from l in db.NoticeLetters.AsNoTracking()
                             join r in db.NoticeRuns on l.RunId equals r.Id
                             where l.TaxpayerId == taxpayerId
                             orderby l.DocumentId descending
                             select new
                             {
                                 l.Id, l.DocumentId, l.RunId, r.Kind, l.Seq, r.AsOf, r.DispatchedOn, Cancelled = r.CancelledAtUtc != null, l.Pulled, l.PulledReason,
                                 l.Amount, l.AddresseeKind,
                                 Reprints = db.IssuedDocuments.Count(d => d.ReprintOfId == l.DocumentId),
                             }).ToListAsync(ct);
        if (letters.Count == 0) return [];
        var ids = letters.Select(l => l.Id).ToList();
        var returns = (await db.ReturnedMail.AsNoTracking().Where(m => ids.Contains(m.LetterId)).OrderBy(m => m.Id).ToListAsync(ct))
            .GroupBy(m => m.LetterId).ToDictionary(g => g.Key, g => g.Last());
        return letters.Select(l =>
        {
            var back = returns.GetValueOrDefault(l.Id);
            return new NoticeHistoryLine(l.Id, l.DocumentId, l.RunId, l.Kind, l.Seq, l.AsOf, l.DispatchedOn, l.Cancelled, l.Pulled, l.PulledReason, l.Amount,
                l.AddresseeKind, back?.ReturnedOn, back?.Resolution, l.Reprints);
        }).ToList();
    }
}
