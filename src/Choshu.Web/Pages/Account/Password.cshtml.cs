using Choshu.App.Accounts;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Account;

/// <summary>
/// パスワードの変更, with the current password and a TOTP code (<see cref="StaffSignIn.ChangePasswordAsync"/>);
/// no session needed, since it is also the way out of a password an administrator set. Every open
/// session of the account ends; the person signs in again with the new password.
/// </summary>
[AllowAnonymous]
public sealed class PasswordModel(StaffSignIn signIn) : PageModel
{
    [BindProperty] public string? StaffNo { get; set; }
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? NewPasswordConfirm { get; set; }
    [BindProperty] public string? Code { get; set; }

    public string? Error { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet()
    {
        if (User.IsSignedIn()) StaffNo = User.StaffNo();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(StaffNo) || string.IsNullOrEmpty(CurrentPassword) || string.IsNullOrEmpty(NewPassword))
        {
            Error = "職員番号、現在のパスワード、新しいパスワードを入力してください。";
            return Page();
        }
        if (!string.Equals(NewPassword, NewPasswordConfirm, StringComparison.Ordinal))
        {
            Error = "新しいパスワードが確認のための入力と一致しません。";
            return Page();
        }
        var result = await signIn.ChangePasswordAsync(StaffNo, CurrentPassword, NewPassword, Code,
            StaffClaims.Terminal(HttpContext), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Error = result.Message;
            Errors = result.Errors;
            return Page();
        }
        SessionCookie.Delete(Response, Request);
        return RedirectToPage("/Account/Login", new { reason = "changed" });
    }
}
