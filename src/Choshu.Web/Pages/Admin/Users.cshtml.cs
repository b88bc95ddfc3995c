using Choshu.App.Accounts;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Admin;

/// <summary>
/// 利用者ID一覧: every user ID with its 課・係, dates, rights and their state today, last sign-in; each
/// links to its own page (<see cref="AccountModel"/>: grant, revoke, transfer, retirement), and the page
/// links to 利用者IDの登録 (<see cref="NewUserModel"/>). Needs <see cref="Permission.ManageAccounts"/>
/// (システム管理者, セキュリティ責任者); a refusal is audited by the policy.
/// </summary>
[RequirePermission(Permission.ManageAccounts)]
public sealed class UsersModel(AccountReview review, OpaqueIds ids, TimeProvider clock) : PageModel
{
    public AccountReviewReport Report { get; private set; } = new(default, 0, []);

    /// <summary>The link to one user ID's page (rights, transfer, retirement): a handle valid in this session only.</summary>
    public string AccountLink(string staffNo) => AccountModel.Link(ids, staffNo, User.SessionIdOf());

    public async Task OnGetAsync() =>
        Report = await review.ListAsync(JapanTime.Today(clock), HttpContext.RequestAborted);
}
