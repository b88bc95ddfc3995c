using Choshu.App.Notices;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Notices;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Taxpayers;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Web.Pages.Notices;

/// <summary>
/// 返戻, as <c>choshu notices returned</c>: record a letter that came back by its 発行番号, with the 返戻事由 and the day
/// (<see cref="ReturnedMails.RecordAsync"/>, audited 3033: a returned 督促状's effects wait, and the taxpayer is left out of
/// demand runs), the list of unresolved returns (<see cref="ReturnedMails.UnresolvedAsync"/>), and the resolution of one
/// (<c>/Notices/Returned/{handle}</c>: 再送付, 公示送達 with its posting day, or その他; <see cref="ReturnedMails.ResolveAsync"/>,
/// audited 3034). Needs <see cref="Permission.IssueNotices"/>.
/// </summary>
[RequirePermission(Permission.IssueNotices)]
public sealed class ReturnedModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    public const int MaxNote = 500;

    [BindProperty] public string? DocumentId { get; set; }
    [BindProperty] public string? ReturnedOn { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? How { get; set; }
    [BindProperty] public string? On { get; set; }

    public sealed record Row(UnresolvedReturn Return, string Handle, string TaxpayerHandle);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    /// <summary>The return being resolved (opened by its handle).</summary>
    public Row? Resolving { get; private set; }
    public string? Done { get; private set; }
    public List<string> Errors { get; } = [];
    public DateOnly Today => JapanTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(string? handle)
    {
        ReturnedOn ??= Formatting.Display.Date(Today);
        On ??= Formatting.Display.Date(Today);
        return await LoadAsync(handle) ?? Page();
    }

    public async Task<IActionResult> OnPostRecordAsync()
    {
        var doc = NoticeForms.OptionalNumber(DocumentId, "発行番号", Errors);
        if (doc is null && Errors.Count == 0) Errors.Add("返戻された通知書の発行番号を入力してください。");
        var on = NoticeForms.RequiredDate(ReturnedOn, "返戻日", Errors);
        ReturnedMailReason? reason = short.TryParse(Reason, out var r) && Enum.IsDefined((ReturnedMailReason)r) ? (ReturnedMailReason)r : null;
        if (reason is null) Errors.Add("返戻事由を選んでください。");
        if (Note is { Length: > MaxNote }) Errors.Add($"備考は {MaxNote} 文字までで入力してください。");
        if (Errors.Count == 0)
        {
            try
            {
                var row = await new ReturnedMails(db, clock).RecordAsync(HttpContext.Actor(), doc!.Value, on!.Value, reason!.Value, Note, HttpContext.RequestAborted);
                Done = $"返戻 {row.Id}（発行番号 {doc}、{ReturnedMails.Label(reason.Value)}）を登録しました。送付先を確認し、再送付または公示送達で解消してください。";
                DocumentId = Note = Reason = null;
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
        On = Formatting.Display.Date(Today);
        return await LoadAsync(null) ?? Page();
    }

    public async Task<IActionResult> OnPostResolveAsync(string? handle)
    {
        if (!ids.TryUnprotect(NoticeForms.ReturnHandle, handle, User.SessionIdOf(), out long id)) return NotFound();
        ReturnedMailResolution? how = short.TryParse(How, out var h) && Enum.IsDefined((ReturnedMailResolution)h) ? (ReturnedMailResolution)h : null;
        if (how is null) Errors.Add("解消方法を選んでください。");
        var on = NoticeForms.RequiredDate(On, how == ReturnedMailResolution.PublicNotice ? "掲示の日" : "解消の日", Errors);
        if (Note is { Length: > MaxNote }) Errors.Add($"備考は {MaxNote} 文字までで入力してください。");
        if (Errors.Count == 0)
        {
            try
            {
                var row = await new ReturnedMails(db, clock).ResolveAsync(HttpContext.Actor(), id, how!.Value, on!.Value, Note, HttpContext.RequestAborted);
                Done = $"返戻 {row.Id} を解消しました（{ReturnedMails.Label(how.Value)} {Formatting.Display.Date(on)}）。";
                ReturnedOn = Formatting.Display.Date(Today);
                Note = null;
                return await LoadAsync(null) ?? Page();
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

    private async Task<IActionResult?> LoadAsync(string? handle)
    {
        long? resolving = null;
        if (handle is not null)
        {
            if (!ids.TryUnprotect(NoticeForms.ReturnHandle, handle, User.SessionIdOf(), out long id)) return NotFound();
            resolving = id;
        }
        var session = User.SessionIdOf();
        Rows = (await new ReturnedMails(db, clock).UnresolvedAsync(HttpContext.Actor(), HttpContext.RequestAborted))
            .Select(r => new Row(r, ids.Protect(NoticeForms.ReturnHandle, r.ReturnId, session), ids.Protect(TaxpayerText.HandleKind, r.TaxpayerNo, session)))
            .ToList();
        if (resolving is { } rid)
        {
            Resolving = Rows.FirstOrDefault(r => r.Return.ReturnId == rid);
            if (Resolving is null)
            {
                // Resolved already (or never a return): say so rather than show a form that cannot work.
                var resolved = await db.ReturnedMail.AsNoTracking().SingleOrDefaultAsync(m => m.Id == rid, HttpContext.RequestAborted);
                if (resolved is null) return NotFound();
                Errors.Add($"返戻 {rid} は {Formatting.Display.Date(resolved.ResolvedOn)} に解消済みです。");
            }
        }
        return null;
    }
}
