namespace Choshu.App.Privacy;

/// <summary>
/// A My Number reveal refused because the session has not re-authenticated within
/// <see cref="PersonalDataGate.ReauthenticationWindow"/>: the screen asks for the password and code again,
/// then retries. The refusal has already been written to the audit log.
/// </summary>
public sealed class ReauthenticationRequiredException()
    : Domain.DomainException("mynumber.reauthenticate", "個人番号を表示するには、もう一度パスワードと確認コードを入力してください（再認証から5分以内に限り表示できます）。");
