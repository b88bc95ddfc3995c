using Choshu.App.Accounts;
using Choshu.App.Security;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Reports;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Admin;

/// <summary>
/// 利用者IDの棚卸し (yearly review, seed III-3 リスク2) as of a date: IDs unused for 90 days or more,
/// rights and IDs past their valid-to, passwords past their maximum age, and every ID with its rights
/// (<see cref="AccountReview.ReviewAsync"/>, audit 6004 with the counts, the signed-in person as the
/// actor). Running it is a POST because it is recorded; the GET shows only the date form.
/// </summary>
[RequirePermission(Permission.ManageAccounts)]
public sealed class AccountReviewModel(AccountReview review, OpaqueIds ids, TimeProvider clock) : PageModel
{
    /// <summary>基準日 "YYYY-MM-DD"; today when empty.</summary>
    [BindProperty] public string? AsOf { get; set; }

    public AccountReviewReport? Report { get; private set; }
    public string? Error { get; private set; }

    public string AccountLink(string staffNo) => AccountModel.Link(ids, staffNo, User.SessionIdOf());

    public void OnGet() => AsOf = Formatting.Display.Date(JapanTime.Today(clock));

    public async Task<IActionResult> OnPostAsync()
    {
        var day = string.IsNullOrWhiteSpace(AsOf) ? JapanTime.Today(clock) : ReportDates.Parse(AsOf);
        if (day is null)
        {
            Error = "基準日を 2026-11-26 のように 年-月-日 で入力してください。";
            return Page();
        }
        try
        {
            Report = await review.ReviewAsync(day.Value, HttpContext.Actor(), HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            HttpContext.Items[PermissionHandler.DeniedMessageKey] = ex.Message;
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        AsOf = Formatting.Display.Date(day.Value);
        return Page();
    }
}
