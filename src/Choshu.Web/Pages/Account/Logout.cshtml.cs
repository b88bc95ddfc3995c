using Choshu.App.Accounts;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Account;

/// <summary>
/// ログアウト: POST only (with the antiforgery token, so no other site can log a person out); ends
/// the session in the store (audit 1002) and deletes the cookie. GET shows the button.
/// </summary>
[AllowAnonymous]
public sealed class LogoutModel(StaffSignIn signIn) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (SessionCookie.Read(Request) is { } token)
            await signIn.LogoutAsync(token, HttpContext.RequestAborted);
        SessionCookie.Delete(Response, Request);
        return RedirectToPage("/Account/Login", new { reason = "logout" });
    }
}
