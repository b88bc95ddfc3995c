using Choshu.App.Notices;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Notices;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Notices;

/// <summary>
/// One run (<c>/Notices/Run/{handle}</c>, a handle valid in this session only): its state (作成済・発送済・取消), conditions,
/// counts and total, its letters 100 to a page (<c>?p=2</c>), and what can be done with it, as the CLI does: download the PDF
/// and the 印刷委託データ (<see cref="NoticeFiles.PdfAsync"/> and <see cref="NoticeFiles.VendorFileAsync"/>, audited 4001 and
/// 4004), record the 発送 on a day (<see cref="NoticeRuns.DispatchAsync"/>: sent, pulled with reasons, events, fees), or cancel
/// it before dispatch with a reason (<see cref="NoticeRuns.CancelAsync"/>). The page needs <see cref="Permission.IssueNotices"/>;
/// a 催告書 or 差押予告書 run needs <see cref="Permission.IssueDemands"/> as well (checked and audited on opening).
/// </summary>
[RequirePermission(Permission.IssueNotices)]
public sealed class RunModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    public const int MaxReason = 500;

    [BindProperty] public string? DispatchOn { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public NoticeRun Run { get; private set; } = null!;
    public string Handle { get; private set; } = "";
    public IReadOnlyList<(NoticeLetter Letter, NoticeLetterData Data)> Letters { get; private set; } = [];
    public int LetterTotal { get; private set; }
    public int PageNo { get; private set; } = 1;
    public int Pages => Math.Max(1, (LetterTotal + NoticeForms.LettersPerPage - 1) / NoticeForms.LettersPerPage);
    public DispatchResult? Dispatched { get; private set; }
    public bool Cancelled { get; private set; }
    public List<string> DispatchErrors { get; } = [];
    public List<string> CancelErrors { get; } = [];
    public List<string> FileErrors { get; } = [];
    public DateOnly Today => JapanTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(string handle, int? p)
    {
        PageNo = Math.Max(1, p ?? 1);
        return await LoadAsync(handle) ?? Page();
    }

    public async Task<IActionResult> OnPostDispatchAsync(string handle)
    {
        if (!TryRun(handle, out var id)) return NotFound();
        var on = NoticeForms.RequiredDate(DispatchOn, "発付日", DispatchErrors);
        if (on is { } day)
        {
            try
            {
                Dispatched = await new NoticeRuns(db, clock).DispatchAsync(HttpContext.Actor(), id, day, HttpContext.RequestAborted);
            }
            catch (AccessDeniedException ex)
            {
                return NoticeForms.Forbidden(this, ex);
            }
            catch (DomainException ex)
            {
                DispatchErrors.Add(ex.Message);
            }
        }
        return await LoadAsync(handle) ?? Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(string handle)
    {
        if (!TryRun(handle, out var id)) return NotFound();
        if (string.IsNullOrWhiteSpace(Reason)) CancelErrors.Add("取消の理由を入力してください（例: 基準日の誤り）。理由は記録に残ります。");
        else if (Reason.Trim().Length > MaxReason) CancelErrors.Add($"取消の理由は {MaxReason} 文字までで入力してください。");
        else
        {
            try
            {
                await new NoticeRuns(db, clock).CancelAsync(HttpContext.Actor(), id, Reason.Trim(), HttpContext.RequestAborted);
                Cancelled = true;
            }
            catch (AccessDeniedException ex)
            {
                return NoticeForms.Forbidden(this, ex);
            }
            catch (DomainException ex)
            {
                CancelErrors.Add(ex.Message);
            }
        }
        return await LoadAsync(handle) ?? Page();
    }

    /// <summary>The run's PDF, drawn into a temporary file (deleted when sent) and recorded before it is sent.</summary>
    public async Task<IActionResult> OnPostPdfAsync(string handle)
    {
        if (!TryRun(handle, out var id)) return NotFound();
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"choshu-notice-{Guid.NewGuid():N}.pdf"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            var pdf = await new NoticeFiles(db, clock).PdfAsync(HttpContext.Actor(), id, file, ct: HttpContext.RequestAborted);
            file.Position = 0;
            return File(file, "application/pdf", pdf.FileName);
        }
        catch (AccessDeniedException ex)
        {
            await file.DisposeAsync();
            return NoticeForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            await file.DisposeAsync();
            FileErrors.Add(ex.Message);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
        return await LoadAsync(handle) ?? Page();
    }

    /// <summary>The run's 印刷委託データ (docs/formats.md), recorded before it is sent.</summary>
    public async Task<IActionResult> OnPostCsvAsync(string handle)
    {
        if (!TryRun(handle, out var id)) return NotFound();
        using var buffer = new MemoryStream();
        try
        {
            var csv = await new NoticeFiles(db, clock).VendorFileAsync(HttpContext.Actor(), id, buffer, HttpContext.RequestAborted);
            return File(buffer.ToArray(), "text/csv; charset=utf-8", csv.FileName);
        }
        catch (AccessDeniedException ex)
        {
            return NoticeForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            FileErrors.Add(ex.Message);
        }
        return await LoadAsync(handle) ?? Page();
    }

    private bool TryRun(string? handle, out long id) => ids.TryUnprotect(NoticeForms.RunHandle, handle, User.SessionIdOf(), out id);

    private async Task<IActionResult?> LoadAsync(string handle)
    {
        if (!TryRun(handle, out var id)) return NotFound();
        var runs = new NoticeRuns(db, clock);
        NoticeRun run;
        try
        {
            run = await runs.FindAsync(id, HttpContext.RequestAborted);
        }
        catch (DomainException)
        {
            return NotFound();
        }
        var needs = NoticeRuns.PermissionFor(run.Kind);
        if (!User.Has(needs))
        {
            try
            {
                await AccessControl.DemandAsync(db, HttpContext.Actor(), needs, clock, what: $"{NoticeRuns.Label(run.Kind)} 一括作成 {id} の表示", ct: HttpContext.RequestAborted);
            }
            catch (AccessDeniedException ex)
            {
                return NoticeForms.Forbidden(this, ex);
            }
        }
        Run = run;
        Handle = handle;
        (Letters, LetterTotal) = await runs.LetterPageAsync(HttpContext.Actor(), id, PageNo, NoticeForms.LettersPerPage, HttpContext.RequestAborted);
        DispatchOn ??= Formatting.Display.Date(Today);
        return null;
    }
}
