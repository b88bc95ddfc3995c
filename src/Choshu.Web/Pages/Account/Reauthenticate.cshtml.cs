using Choshu.App.Accounts;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Account;

/// <summary>
/// 本人確認（再認証）: password and a fresh TOTP code again, asked before a My Number reveal
/// (<see cref="StaffSignIn.ReauthenticateAsync"/>; valid for <see cref="AccountPolicy.ReauthenticationWindow"/>).
/// Returns to the page that asked (a local path only).
/// </summary>
public sealed class ReauthenticateModel(StaffSignIn signIn) : PageModel
{
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var token = SessionCookie.Read(Request);
        if (token is null) return RedirectToPage("/Account/Login");
        var result = await signIn.ReauthenticateAsync(token, Password ?? "", Code, HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case ReauthenticationOutcome.Succeeded:
                return LocalRedirect(LoginModel.SafeReturnUrl(ReturnUrl));
            case ReauthenticationOutcome.SessionEnded:
            case ReauthenticationOutcome.LockedOut:
                SessionCookie.Delete(Response, Request);
                return RedirectToPage("/Account/Login", new { reason = "ended" });
            default:
                Error = result.Message;
                return Page();
        }
    }
}
