using Choshu.App.Notices;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Notices;
using Choshu.Domain;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Taxpayers;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Web.Pages.Notices;

/// <summary>
/// 再印刷 of one letter (<c>/Notices/Reprint/{handle}</c>, opened from the taxpayer page's notice history; the handle is the
/// letter's 発行番号 sealed to this session): what the letter is, a purpose to type, and the PDF drawn again identically from
/// its stored data record (<see cref="NoticeReprints.ReprintAsync"/>: a reprint issued document, audited 4001 with the taxpayer
/// and the purpose), as <c>choshu notices reprint</c>. The page needs <see cref="Permission.IssueNotices"/>; a 催告書 or
/// 差押予告書 needs <see cref="Permission.IssueDemands"/> as well.
/// </summary>
[RequirePermission(Permission.IssueNotices)]
public sealed class ReprintModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    [BindProperty] public string? Purpose { get; set; }

    public sealed record Letter(long DocumentId, long RunId, string Kind, int Seq, DateOnly AsOf, DateOnly? DispatchedOn, long Amount, string TaxpayerNo,
        string Name, string Addressee, string TaxpayerHandle);

    public Letter Shown { get; private set; } = null!;
    public string Handle { get; private set; } = "";
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(string handle) => await LoadAsync(handle) ?? Page();

    public async Task<IActionResult> OnPostPrintAsync(string handle)
    {
        if (!ids.TryUnprotect(NoticeForms.LetterHandle, handle, User.SessionIdOf(), out long documentId)) return NotFound();
        if (string.IsNullOrWhiteSpace(Purpose)) Errors.Add("再印刷の目的を入力してください（例: 本人から再送付の依頼）。目的は記録に残ります。");
        else if (Purpose.Trim().Length > NoticeReprints.PurposeMaxLength) Errors.Add($"目的は {NoticeReprints.PurposeMaxLength} 文字までで入力してください。");
        else
        {
            var buffer = new MemoryStream();
            try
            {
                var r = await new NoticeReprints(db, clock).ReprintAsync(HttpContext.Actor(), documentId, Purpose, buffer, HttpContext.RequestAborted);
                return File(buffer.ToArray(), "application/pdf", r.File.FileName.Replace("-reprint.pdf", $"-reprint-{r.DocumentId}.pdf", StringComparison.Ordinal));
            }
            catch (AccessDeniedException ex)
            {
                return NoticeForms.Forbidden(this, ex);
            }
            catch (DomainException ex)
            {
                Errors.Add(ex.Message);
            }
        }
        return await LoadAsync(handle) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(string handle)
    {
        if (!ids.TryUnprotect(NoticeForms.LetterHandle, handle, User.SessionIdOf(), out long documentId)) return NotFound();
        var row = await (from l in db.NoticeLetters.AsNoTracking()
                         join r in db.NoticeRuns on l.RunId equals r.Id
                         join t in db.Taxpayers on l.TaxpayerId equals t.Id
                         where l.DocumentId == documentId
                         select new { l.DocumentId, l.RunId, r.Kind, l.Seq, r.AsOf, r.DispatchedOn, l.Amount, t.TaxpayerNo, l.Data, l.TaxpayerId })
            .SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (row is null) return NotFound();
        var needs = NoticeRuns.PermissionFor(row.Kind);
        if (!User.Has(needs))
        {
            try
            {
                await AccessControl.DemandAsync(db, HttpContext.Actor(), needs, clock, row.TaxpayerId, $"{NoticeRuns.Label(row.Kind)} 発行番号 {documentId} の表示",
                    HttpContext.RequestAborted);
            }
            catch (AccessDeniedException ex)
            {
                return NoticeForms.Forbidden(this, ex);
            }
        }
        await new NoticeRuns(db, clock).AuditLetterViewAsync(HttpContext.Actor(), row.TaxpayerId, row.DocumentId, HttpContext.RequestAborted);
        var data = NoticeLetterData.FromJson(row.Data);
        var to = data.Recipient;
        Shown = new Letter(row.DocumentId, row.RunId, row.Kind, row.Seq, row.AsOf, row.DispatchedOn, row.Amount, row.TaxpayerNo,
            to.OnBehalfOf ?? to.Name, to.Attention is { } a ? $"{a} {to.Name}" : "本人",
            ids.Protect(TaxpayerText.HandleKind, row.TaxpayerNo, User.SessionIdOf()));
        Handle = handle;
        return null;
    }
}
