using Choshu.Data.Security;
using Microsoft.AspNetCore.Identity;

namespace Choshu.App.Accounts;

/// <summary>
/// What Identity's own validator (length ≥ 12, no composition rules) does not check: a password on
/// the list of common passwords (<see cref="CommonPasswords"/>, case-insensitive), one that contains
/// the person's staff number, one made of a single repeated character, one longer than
/// <see cref="AccountPolicy.MaxPasswordLength"/>, and the account's current password (checked against
/// the stored hash with Identity's <see cref="IPasswordHasher{TUser}.VerifyHashedPassword"/>, so it holds
/// for an administrator's reset too, who does not know the current one: a password past its maximum
/// age cannot be "changed" to itself). Messages never repeat the password.
/// </summary>
public sealed class ChoshuPasswordValidator : IPasswordValidator<StaffAccount>
{
    public Task<IdentityResult> ValidateAsync(UserManager<StaffAccount> manager, StaffAccount user, string? password)
    {
        var errors = new List<IdentityError>();
        var p = password ?? "";
        if (p.Length > AccountPolicy.MaxPasswordLength)
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = $"パスワードは {AccountPolicy.MaxPasswordLength} 文字以内にしてください。" });
        if (p.Length > 0 && p.All(c => c == p[0]))
            errors.Add(new IdentityError { Code = "PasswordRepeated", Description = "同じ文字の繰り返しだけのパスワードは使えません。" });
        if (!string.IsNullOrEmpty(user.StaffNo) && p.Contains(user.StaffNo, StringComparison.OrdinalIgnoreCase))
            errors.Add(new IdentityError { Code = "PasswordContainsStaffNo", Description = "職員番号を含むパスワードは使えません。" });
        if (p.Length >= AccountPolicy.MinPasswordLength && CommonPasswords.Contains(p))
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = "よく使われるパスワードの一覧にあるため使えません。推測されにくい長い語句にしてください。" });
        if (p.Length > 0 && !string.IsNullOrEmpty(user.PasswordHash)
            && manager.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, p) != PasswordVerificationResult.Failed)
            errors.Add(new IdentityError { Code = "PasswordUnchanged", Description = "新しいパスワードは現在のものと別にしてください。" });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed(errors.ToArray()));
    }
}
