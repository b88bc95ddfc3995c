using Choshu.App.Accounts;
using Choshu.App.Security;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Reports;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Choshu.Domain.Labels;

namespace Choshu.Web.Pages.Admin;

/// <summary>
/// One user ID (<c>/Admin/Account/{handle}</c>, the staff number sealed for this session by <see cref="OpaqueIds"/>):
/// its 課・係, dates, rights with their dates and state, and the administrator's three actions, each
/// through <see cref="AccountAdministration"/> with the signed-in person as the actor (who demands
/// <see cref="Permission.ManageAccounts"/> again, changes the store and writes the audit record):
/// 権限の付与 with from/to dates (6001), 権限の取消 with a reason (6002), and 異動・退職 on a date (6003):
/// a transfer keeps the ID with a new 課・係, a retirement ends it. A refusal by a rule is shown in
/// Japanese with the form kept. An unknown handle, or one from another session, is 404.
/// </summary>
[RequirePermission(Permission.ManageAccounts)]
public sealed class AccountModel(AccountReview review, AccountAdministration admin, OpaqueIds ids, TimeProvider clock) : PageModel
{
    public const string HandleKind = "staff-account";

    public static string Link(OpaqueIds ids, string staffNo, long sessionId) =>
        "/Admin/Account/" + ids.Protect(HandleKind, staffNo, sessionId);

    [BindProperty(SupportsGet = true)] public string? Handle { get; set; }

    [BindProperty] public string? GrantRole { get; set; }
    [BindProperty] public string? GrantFrom { get; set; }
    [BindProperty] public string? GrantTo { get; set; }
    [BindProperty] public string? RevokeRole { get; set; }
    [BindProperty] public string? RevokeReason { get; set; }
    [BindProperty] public string? EffectiveOn { get; set; }
    /// <summary>"transfer" (異動: new 課・係, the ID stays) or "retire" (退職・転出: the ID ends).</summary>
    [BindProperty] public string? ExpiryKind { get; set; }
    [BindProperty] public string? NewDepartment { get; set; }
    [BindProperty] public string? NewSection { get; set; }

    public ReviewedAccount? Account { get; private set; }
    public DateOnly Today { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    /// <summary>Which form the error belongs to ("grant", "revoke", "expire"), so its fields are marked.</summary>
    public string? ErrorForm { get; private set; }

    /// <summary>Roles with a grant that is not revoked and not yet ended: what 取消 can act on.</summary>
    public IReadOnlyList<Role> RevocableRoles =>
        Account?.Grants.Where(g => g.State is GrantStates.Active or GrantStates.Future).Select(g => g.Role).Distinct().Order().ToList() ?? [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!TryStaffNo(out var staffNo) || !await LoadAsync(staffNo)) return NotFound();
        GrantFrom = Formatting.Display.Date(Today);
        return Page();
    }

    public async Task<IActionResult> OnPostGrantAsync()
    {
        if (!TryStaffNo(out var staffNo) || !await LoadAsync(staffNo)) return NotFound();
        var from = ReportDates.Parse(GrantFrom);
        var to = string.IsNullOrWhiteSpace(GrantTo) ? null : ReportDates.Parse(GrantTo);
        if (!Enum.TryParse<Role>(GrantRole, out var role) || !Enum.IsDefined(role))
            return Refuse("grant", "付与する権限を選んでください。");
        if (from is null)
            return Refuse("grant", "権限の開始日を 2026-11-26 のように 年-月-日 で入力してください。");
        if (!string.IsNullOrWhiteSpace(GrantTo) && to is null)
            return Refuse("grant", "権限の終了日を 年-月-日 で入力してください（期限なしなら空欄）。");
        return await RunAsync("grant", async () =>
        {
            var g = await admin.GrantAsync(staffNo, role, from.Value, to, HttpContext.Actor(), HttpContext.RequestAborted);
            return $"{JapaneseLabels.Of(role)}を {Formatting.Display.Date(g.ValidFrom)}〜{(g.ValidTo is { } t ? Formatting.Display.Date(t) : "期限なし")} で付与しました。";
        }, staffNo);
    }

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        if (!TryStaffNo(out var staffNo) || !await LoadAsync(staffNo)) return NotFound();
        if (!Enum.TryParse<Role>(RevokeRole, out var role) || !Enum.IsDefined(role))
            return Refuse("revoke", "取り消す権限を選んでください。");
        if (string.IsNullOrWhiteSpace(RevokeReason))
            return Refuse("revoke", "取消の理由を入力してください（例: 事務分担の変更）。理由は操作ログに残ります。");
        return await RunAsync("revoke", async () =>
        {
            var n = await admin.RevokeAsync(staffNo, role, RevokeReason, HttpContext.Actor(), HttpContext.RequestAborted);
            return $"{JapaneseLabels.Of(role)}を取り消しました（{n} 件）。本人の画面では次の操作から使えなくなります。";
        }, staffNo);
    }

    public async Task<IActionResult> OnPostExpireAsync()
    {
        if (!TryStaffNo(out var staffNo) || !await LoadAsync(staffNo)) return NotFound();
        var on = ReportDates.Parse(EffectiveOn);
        if (on is null)
            return Refuse("expire", "発令日を 2026-11-26 のように 年-月-日 で入力してください。");
        var transfer = ExpiryKind == "transfer";
        if (!transfer && ExpiryKind != "retire")
            return Refuse("expire", "異動か退職・転出かを選んでください。");
        if (transfer && (string.IsNullOrWhiteSpace(NewDepartment) || string.IsNullOrWhiteSpace(NewSection)))
            return Refuse("expire", "異動のときは、異動先の課コードと係コードの両方を入力してください。");
        return await RunAsync("expire", async () =>
        {
            var r = await admin.ExpireAsync(staffNo, on.Value, transfer ? NewDepartment : null, transfer ? NewSection : null,
                HttpContext.Actor(), HttpContext.RequestAborted);
            var last = Formatting.Display.Date(r.LastDay);
            return r.Transfer
                ? $"異動を登録しました。権限 {r.GrantsEnded} 件を {last} で終了し、開始前の権限 {r.GrantsWithdrawn} 件を失効させました。課・係は異動先に変わりました。"
                : $"退職・転出を登録しました。利用者IDと権限 {r.GrantsEnded} 件を {last} で終了し、開始前の権限 {r.GrantsWithdrawn} 件を失効させました。"
                  + (r.SessionsEnded > 0 ? $"開いていた画面 {r.SessionsEnded} 件をログアウトさせました。" : "");
        }, staffNo);
    }

    private async Task<IActionResult> RunAsync(string form, Func<Task<string>> action, string staffNo)
    {
        try
        {
            Message = await action();
        }
        catch (AccessDeniedException ex)
        {
            HttpContext.Items[PermissionHandler.DeniedMessageKey] = ex.Message;
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        catch (DomainException ex)
        {
            return Refuse(form, ex.Message);
        }
        await LoadAsync(staffNo);
        ClearForms();
        return Page();
    }

    private IActionResult Refuse(string form, string message)
    {
        Error = message;
        ErrorForm = form;
        return Page();
    }

    private void ClearForms()
    {
        GrantRole = GrantTo = RevokeRole = RevokeReason = EffectiveOn = ExpiryKind = NewDepartment = NewSection = null;
        GrantFrom = Formatting.Display.Date(Today);
    }

    private bool TryStaffNo(out string staffNo)
    {
        staffNo = "";
        if (!ids.TryUnprotect(HandleKind, Handle, User.SessionIdOf(), out string? key)) return false;
        staffNo = key;
        return true;
    }

    private async Task<bool> LoadAsync(string staffNo)
    {
        Today = JapanTime.Today(clock);
        var report = await review.ListAsync(Today, HttpContext.RequestAborted);
        Account = report.Accounts.SingleOrDefault(a => a.StaffNo == staffNo);
        return Account is not null;
    }
}
