using System.Globalization;
using Choshu.App.Audit;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Admin;

/// <summary>
/// 操作ログの月次点検 for the security officer (<see cref="Permission.ReviewAudit"/>): a month's review
/// (<see cref="AuditReview.RunAsync"/>: outside working hours, heavy lookups, lookups without activity,
/// My Number access, failed logins, lapsed and other refusals; recorded 7002, whose id and hash the page
/// shows as the anchor to write down), and 「ログの検証」 (<see cref="AuditVerifier.VerifyAndRecordAsync"/>,
/// recorded 7001): intact with the count and last hash, or the first broken record, optionally checked
/// against anchors written down earlier. Both are POSTs since both are recorded.
/// </summary>
[RequirePermission(Permission.ReviewAudit)]
public sealed class AuditReviewModel(ChoshuDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>"YYYY-MM"; the previous month by default (the review is done in the first days of the next).</summary>
    [BindProperty] public string? Month { get; set; }

    /// <summary>Anchors "番号:ハッシュ", one per line, optional.</summary>
    [BindProperty] public string? Anchors { get; set; }

    public AuditReviewReport? Report { get; private set; }
    public AuditVerification? Verification { get; private set; }
    public string? Error { get; private set; }

    public void OnGet() => Month = DefaultMonth();

    public async Task<IActionResult> OnPostReviewAsync()
    {
        AuditPeriod period;
        try
        {
            period = AuditPeriod.Month(string.IsNullOrWhiteSpace(Month) ? DefaultMonth() : Month);
        }
        catch (DomainException)
        {
            Error = $"月「{Month}」を読み取れません。2026-11 のように 年-月 で入力してください。";
            return Page();
        }
        return await GuardAsync(async () =>
        {
            Report = await AuditReview.RunAsync(db, HttpContext.Actor(), period, clock, HttpContext.RequestAborted);
            Month = Report.Month;
        });
    }

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        var anchors = new List<AuditAnchor>();
        foreach (var line in (Anchors ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                anchors.Add(AuditAnchor.Parse(line));
            }
            catch (DomainException ex)
            {
                Error = ex.Message;
                Month ??= DefaultMonth();
                return Page();
            }
        }
        Month ??= DefaultMonth();
        return await GuardAsync(async () =>
            Verification = await AuditVerifier.VerifyAndRecordAsync(db, HttpContext.Actor(), anchors, clock, HttpContext.RequestAborted));
    }

    private async Task<IActionResult> GuardAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (AccessDeniedException ex)
        {
            HttpContext.Items[PermissionHandler.DeniedMessageKey] = ex.Message;
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        return Page();
    }

    private string DefaultMonth() =>
        JapanTime.Today(clock).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Count(int n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
