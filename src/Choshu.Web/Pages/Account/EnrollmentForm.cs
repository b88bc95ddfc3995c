using Choshu.App.Accounts;
using Choshu.Data;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Web.Pages.Account;

/// <summary>What the enrollment form shows after <see cref="TotpEnrollment.BeginAsync"/>: the QR code, the key for typing by hand, and whether a new password is owed.</summary>
public sealed record EnrollmentForm(string StaffNo, string Message, string? SharedKey, IHtmlContent? Qr, bool NeedsNewPassword)
{
    /// <summary>
    /// The form after a successful start (the password was right). Whether the password was set by
    /// an administrator, and so must be replaced in the same step, is the account's own flag.
    /// </summary>
    public static async Task<EnrollmentForm> StartedAsync(ChoshuDbContext db, string staffNo, EnrollmentStart start, CancellationToken ct)
    {
        var no = staffNo.Trim();
        var mustChange = await db.StaffAccounts.AsNoTracking().Where(a => a.StaffNo == no)
            .Select(a => a.MustChangePassword).FirstOrDefaultAsync(ct);
        return new EnrollmentForm(no, start.Message, start.SharedKey,
            start.OtpauthUri is { } uri ? QrSvg.Render(uri, "認証アプリに登録するための QR コード") : null,
            mustChange);
    }

    /// <summary>The form again after a refused confirmation: no QR code (the key stays as it was), the same fields.</summary>
    public static EnrollmentForm Retry(string? staffNo, bool needsNewPassword) =>
        new(staffNo?.Trim() ?? "", "登録は完了していません。", null, null, needsNewPassword);
}
