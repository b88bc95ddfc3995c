using Choshu.App.Accounts;
using Choshu.Data;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Account;

/// <summary>
/// 二要素認証の登録 (mandatory before any sign-in). No session exists yet, so each step asks the
/// password again (<see cref="TotpEnrollment"/>): start (QR code of the otpauth URI, drawn
/// server-side), then confirm with the first code (and the new password when the current one was set
/// by an administrator). The recovery codes are shown once, on the confirm response itself (no-store,
/// never in a URL or a redirect).
/// </summary>
[AllowAnonymous]
public sealed class EnrollModel(TotpEnrollment enrollment, ChoshuDbContext db) : PageModel
{
    [BindProperty] public string? StaffNo { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? NewPasswordConfirm { get; set; }
    [BindProperty] public bool NeedsNewPassword { get; set; }

    public string? Error { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public EnrollmentForm? Form { get; private set; }
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostStartAsync()
    {
        if (string.IsNullOrWhiteSpace(StaffNo) || string.IsNullOrEmpty(Password))
        {
            Error = "職員番号とパスワードを入力してください。";
            return Page();
        }
        var start = await enrollment.BeginAsync(StaffNo, Password, StaffClaims.Terminal(HttpContext), HttpContext.RequestAborted);
        if (start.Outcome != EnrollmentOutcome.Started)
        {
            Error = start.Message;
            return Page();
        }
        Form = await EnrollmentForm.StartedAsync(db, StaffNo, start, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var retry = EnrollmentForm.Retry(StaffNo, NeedsNewPassword);
        if (string.IsNullOrWhiteSpace(StaffNo) || string.IsNullOrEmpty(Password))
        {
            Error = "パスワードを入力してください。";
            Form = retry;
            return Page();
        }
        if (NeedsNewPassword && !string.Equals(NewPassword, NewPasswordConfirm, StringComparison.Ordinal))
        {
            Error = "新しいパスワードが確認のための入力と一致しません。";
            Form = retry;
            return Page();
        }
        var result = await enrollment.ConfirmAsync(StaffNo, Password, Code, NeedsNewPassword ? NewPassword : null,
            StaffClaims.Terminal(HttpContext), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Error = result.Message;
            Errors = result.Errors;
            Form = result.Outcome is EnrollmentOutcome.AlreadyEnrolled or EnrollmentOutcome.LockedOut or EnrollmentOutcome.AccountNotValid ? null : retry;
            return Page();
        }
        RecoveryCodes = result.RecoveryCodes;
        return Page();
    }
}
