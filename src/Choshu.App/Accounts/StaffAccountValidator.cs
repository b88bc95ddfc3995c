using Choshu.Data.Security;
using Microsoft.AspNetCore.Identity;

namespace Choshu.App.Accounts;

/// <summary>
/// Identity's user validator for Choshu: every account, whichever path creates or updates it
/// (CLI, web, tests), is one person's (see <see cref="IndividualIds"/> for why the model cannot
/// express a shared account). The user name must be the staff number itself; Identity's own
/// validator (registered too) checks that it is unique.
/// </summary>
public sealed class StaffAccountValidator : IUserValidator<StaffAccount>
{
    public Task<IdentityResult> ValidateAsync(UserManager<StaffAccount> manager, StaffAccount user)
    {
        var reasons = new List<string>();
        reasons.AddRange(IndividualIds.CheckStaffNumber(user.StaffNo));
        if (!string.Equals(user.UserName, user.StaffNo, StringComparison.Ordinal))
            reasons.Add("利用者IDは職員番号そのものです（別名のIDは作れません）。");
        if (!string.IsNullOrEmpty(user.Email))
            reasons.Add("利用者IDにメールアドレスは登録しません（職員番号でのみログインします）。");
        reasons.AddRange(IndividualIds.CheckFullName(user.FullName));
        reasons.AddRange(IndividualIds.CheckUnitCode(user.DepartmentCode, "課コード"));
        reasons.AddRange(IndividualIds.CheckUnitCode(user.SectionCode, "係コード"));
        if (user.ValidTo is { } to && to < user.ValidFrom)
            reasons.Add("有効期間の終了日が開始日より前です。");
        return Task.FromResult(reasons.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed(reasons.Select(r => new IdentityError { Code = "IndividualId", Description = r }).ToArray()));
    }
}
