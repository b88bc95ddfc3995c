using Choshu.App.Accounts;
using Choshu.App.Security;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Reports;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Admin;

/// <summary>
/// 利用者IDの登録 (<see cref="AccountAdministration.CreateAsync"/>, audit 6000, the signed-in
/// administrator as the actor): one person's staff number, name, 課・係 and first valid day. The
/// one-time initial password is shown once, in this POST's response only (never stored in plain, never
/// logged, gone on reload); the person replaces it and registers TOTP at the first sign-in. Rights are
/// granted next, on the ID's own page (<see cref="AccountModel"/>), which the response links to.
/// </summary>
[RequirePermission(Permission.ManageAccounts)]
public sealed class NewUserModel(AccountAdministration admin, OpaqueIds ids, TimeProvider clock) : PageModel
{
    [BindProperty] public string? StaffNo { get; set; }
    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public string? DepartmentCode { get; set; }
    [BindProperty] public string? SectionCode { get; set; }
    [BindProperty] public string? ValidFrom { get; set; }

    public CreatedAccount? Created { get; private set; }
    public string? AccountLink { get; private set; }
    public string? Error { get; private set; }

    public void OnGet() => ValidFrom = Formatting.Display.Date(JapanTime.Today(clock));

    public async Task<IActionResult> OnPostAsync()
    {
        var from = string.IsNullOrWhiteSpace(ValidFrom) ? JapanTime.Today(clock) : ReportDates.Parse(ValidFrom);
        if (from is null)
        {
            Error = "有効開始日を 2026-11-26 のように 年-月-日 で入力してください。";
            return Page();
        }
        try
        {
            Created = await admin.CreateAsync(new NewAccount(StaffNo ?? "", FullName ?? "", DepartmentCode ?? "", SectionCode ?? "", from),
                HttpContext.Actor(), HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            HttpContext.Items[PermissionHandler.DeniedMessageKey] = ex.Message;
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        catch (DomainException ex)
        {
            Error = ex.Message;
            return Page();
        }
        AccountLink = AccountModel.Link(ids, Created.StaffNo, User.SessionIdOf());
        return Page();
    }
}
