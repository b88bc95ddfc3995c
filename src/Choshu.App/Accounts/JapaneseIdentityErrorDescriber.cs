using Microsoft.AspNetCore.Identity;

namespace Choshu.App.Accounts;

/// <summary>Identity's messages in Japanese, for staff. None of them repeats a password.</summary>
public sealed class JapaneseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => E(nameof(DefaultError), "処理できませんでした。");
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "同じ利用者IDが同時に更新されました。もう一度操作してください。");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "パスワードが違います。");
    public override IdentityError InvalidToken() => E(nameof(InvalidToken), "確認コードが正しくありません。");
    public override IdentityError RecoveryCodeRedemptionFailed() => E(nameof(RecoveryCodeRedemptionFailed), "回復コードが正しくないか、使用済みです。");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), "利用者IDは職員番号（半角数字）です。");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), $"職員番号 {userName} の利用者IDは既に登録されています（一人に一つのIDです）。");
    public override IdentityError UserAlreadyHasPassword() => E(nameof(UserAlreadyHasPassword), "パスワードは既に設定されています。");
    public override IdentityError UserLockoutNotEnabled() => E(nameof(UserLockoutNotEnabled), "この利用者IDにはロックアウトが設定されていません。");
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), $"パスワードは {length} 文字以上にしてください。");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), $"パスワードには {uniqueChars} 種類以上の文字を使ってください。");
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), "パスワードに記号を含めてください。");
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "パスワードに数字を含めてください。");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "パスワードに英小文字を含めてください。");
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "パスワードに英大文字を含めてください。");

    private static IdentityError E(string code, string description) => new() { Code = code, Description = description };
}
