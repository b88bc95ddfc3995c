using System.ComponentModel.DataAnnotations;
using Choshu.App.Accounts;
using Choshu.Data;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Account;

/// <summary>
/// ログイン: staff number, password and the 6-digit code of the authenticator app (or a recovery
/// code). On success the session token goes into the cookie and nothing else does. A person who has
/// not enrolled TOTP yet gets the enrollment form at once (QR code), without retyping anything but
/// the password; one whose password was set by an administrator is sent to change it.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(StaffSignIn signIn, TotpEnrollment enrollment, ChoshuDbContext db) : PageModel
{
    [BindProperty]
    [Display(Name = "職員番号")]
    public string? StaffNo { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the person is here (from the query: timeout, lapsed, ended, logout, enrolled, changed), as a Japanese notice.</summary>
    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Set when the sign-in found TOTP not yet enrolled: the page shows the enrollment form instead.</summary>
    public EnrollmentForm? Enrollment { get; private set; }

    /// <summary>Set when the password was set by an administrator: link to the change of password.</summary>
    public bool PasswordChangeRequired { get; private set; }

    public void OnGet(string? reason)
    {
        Notice = reason switch
        {
            "timeout" => $"{AccountPolicy.IdleTimeout.TotalMinutes:0}分間操作がなかったため、ログアウトしました。もう一度ログインしてください。",
            "lapsed" => "利用者IDまたは権限の有効期間が終了したため、ログアウトしました。",
            "ended" => "セッションが終了しました（パスワードの変更など）。もう一度ログインしてください。",
            "logout" => "ログアウトしました。",
            "enrolled" => "二要素認証を登録しました。認証アプリの新しい確認コードでログインしてください。",
            "changed" => "パスワードを変更しました。新しいパスワードでログインしてください。",
            _ => null,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(StaffNo) || string.IsNullOrEmpty(Password))
        {
            Error = "職員番号とパスワードを入力してください。";
            return Page();
        }
        var terminal = StaffClaims.Terminal(HttpContext);
        var result = await signIn.SignInAsync(StaffNo, Password, Code, terminal, HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case SignInOutcome.Succeeded:
                SessionCookie.Write(Response, Request, result.SessionToken!);
                return LocalRedirect(SafeReturnUrl(ReturnUrl));
            case SignInOutcome.EnrollmentRequired:
                var start = await enrollment.BeginAsync(StaffNo, Password, terminal, HttpContext.RequestAborted);
                if (start.Outcome != EnrollmentOutcome.Started)
                {
                    Error = start.Message;
                    return Page();
                }
                Enrollment = await EnrollmentForm.StartedAsync(db, StaffNo, start, HttpContext.RequestAborted);
                return Page();
            case SignInOutcome.PasswordChangeRequired:
                PasswordChangeRequired = true;
                Error = result.Message;
                return Page();
            default:
                Error = result.Message;
                return Page();
        }
    }

    /// <summary>
    /// Only a path of this site (never another host: no open redirect), and never one holding a control character
    /// (CR, LF, TAB, U+0001 …: LocalRedirect would refuse it with a 500 after a successful sign-in); anything else is the home page.
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.Any(char.IsControl) && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.StartsWith("/Account/", StringComparison.OrdinalIgnoreCase)
            ? returnUrl : "/";
}
