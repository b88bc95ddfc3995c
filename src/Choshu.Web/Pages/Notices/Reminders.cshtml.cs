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
/// 督促状 一括作成, as <c>choshu notices reminders</c>: 基準日, 納期限の範囲, 指定期限 and 用紙; プレビュー
/// (<see cref="ReminderSelection.PlanAsync"/>: counts and amounts by tax kind, the letters, the exclusions with their reasons;
/// nothing recorded), then 作成 (<see cref="NoticeRuns.GenerateAsync"/>, which plans again inside its transaction; audited 3030)
/// and on to the run's page. Needs <see cref="Permission.IssueNotices"/>.
/// </summary>
[RequirePermission(Permission.IssueNotices)]
public sealed class RemindersModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    [BindProperty] public string? AsOf { get; set; }
    [BindProperty] public string? DueFrom { get; set; }
    [BindProperty] public string? DueTo { get; set; }
    [BindProperty] public string? Deadline { get; set; }
    [BindProperty] public string? Layout { get; set; }

    public List<string> Errors { get; } = [];
    public NoticePlan? Plan { get; private set; }
    public bool Empty { get; private set; }
    public DateOnly Today => JapanTime.Today(clock);

    public void OnGet() => AsOf = Formatting.Display.Date(Today);

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (BuildRequest() is not { } request) return Page();
        try
        {
            Plan = await new NoticeRuns(db, clock).PreviewAsync(HttpContext.Actor(), NoticeRunKinds.Reminder,
                (d, ct) => ReminderSelection.PlanAsync(d, request, ct), HttpContext.RequestAborted);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostGenerateAsync()
    {
        if (BuildRequest() is not { } request) return Page();
        try
        {
            var run = await new NoticeRuns(db, clock).GenerateAsync(HttpContext.Actor(), NoticeRunKinds.Reminder,
                (d, ct) => ReminderSelection.PlanAsync(d, request, ct), HttpContext.RequestAborted);
            if (run is null)
            {
                Empty = true;
                return Page();
            }
            return RedirectToPage("/Notices/Run", new { handle = ids.Protect(NoticeForms.RunHandle, run.Id, User.SessionIdOf()) });
        }
        catch (AccessDeniedException ex)
        {
            return NoticeForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        return Page();
    }

    private ReminderRequest? BuildRequest()
    {
        var asOf = NoticeForms.RequiredDate(AsOf, "基準日", Errors);
        var from = NoticeForms.OptionalDate(DueFrom, "納期限の範囲（から）", Errors);
        var to = NoticeForms.OptionalDate(DueTo, "納期限の範囲（まで）", Errors);
        var deadline = NoticeForms.OptionalDate(Deadline, "指定期限", Errors);
        if (asOf is { } a && a > Today) Errors.Add($"基準日は本日（{Formatting.Display.Date(Today)}）以前の日にしてください。");
        if (Layout is { Length: > 0 } l && !NoticeLayouts.Names.Contains(l)) Errors.Add("用紙を選んでください。");
        return Errors.Count > 0 ? null : new ReminderRequest(asOf!.Value, from, to, deadline, string.IsNullOrEmpty(Layout) ? null : Layout);
    }
}
