using Choshu.App.Accounts;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Account;

/// <summary>
/// 回復コードの再発行 for the signed-in person (no permission beyond being signed in: the codes are
/// their own). Password and a fresh TOTP code again (<see cref="TotpEnrollment.RenewRecoveryCodesAsync(string, string, string?, CancellationToken)"/>:
/// re-authentication audited 1006/1007/1004 and counted toward the lockout), then 10 new codes shown once,
/// in this POST's response only; every old code stops working (audit 1012). A lockout or an ended
/// session signs the person out.
/// </summary>
public sealed class RecoveryCodesModel(TotpEnrollment enrollment) : PageModel
{
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Code { get; set; }

    public IReadOnlyList<string> Codes { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var token = SessionCookie.Read(Request);
        if (token is null) return RedirectToPage("/Account/Login");
        if (string.IsNullOrEmpty(Password) || string.IsNullOrWhiteSpace(Code))
        {
            Error = "パスワードと確認コードを入力してください。";
            return Page();
        }
        var result = await enrollment.RenewRecoveryCodesAsync(token, Password, Code.Trim(), HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case RecoveryCodesOutcome.Renewed:
                Codes = result.RecoveryCodes;
                Message = result.Message;
                return Page();
            case RecoveryCodesOutcome.SessionEnded:
            case RecoveryCodesOutcome.LockedOut:
                SessionCookie.Delete(Response, Request);
                return RedirectToPage("/Account/Login", new { reason = "ended" });
            default:
                Error = result.Message;
                return Page();
        }
    }
}
