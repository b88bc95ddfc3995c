using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Security;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;

namespace Choshu.App.Accounts;

public enum EnrollmentOutcome
{
    /// <summary>A new authenticator key was made: show <see cref="EnrollmentStart.OtpauthUri"/> (QR code) to the person.</summary>
    Started,
    /// <summary>The first code matched: two-factor authentication is on, recovery codes issued.</summary>
    Enrolled,
    Failed,
    LockedOut,
    ReplayRefused,
    AlreadyEnrolled,
    /// <summary>The new password (owed after an administrator-set one) is missing or not acceptable.</summary>
    Refused,
    /// <summary>The account itself has lapsed or not begun: nothing to enroll.</summary>
    AccountNotValid,
}

/// <summary>The start of enrollment. <see cref="SharedKey"/> and <see cref="OtpauthUri"/> carry the TOTP secret: show them once to the person, never log them.</summary>
public sealed record EnrollmentStart(EnrollmentOutcome Outcome, string Message, string? SharedKey = null, string? OtpauthUri = null);

/// <summary>The end of enrollment. <see cref="RecoveryCodes"/> are shown once and stored only as hashes.</summary>
public sealed record EnrollmentResult(EnrollmentOutcome Outcome, string Message, IReadOnlyList<string> RecoveryCodes, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Outcome == EnrollmentOutcome.Enrolled;
}

public enum RecoveryCodesOutcome
{
    /// <summary>New codes made, the old ones no longer work: show <see cref="RecoveryCodesResult.RecoveryCodes"/> once.</summary>
    Renewed,
    /// <summary>The session is unknown or has ended: sign in again.</summary>
    SessionEnded,
    /// <summary>No re-authentication (password and a fresh code) within the last 5 minutes: ask for it first.</summary>
    ReauthenticationRequired,
    /// <summary>The password or code given for the re-authentication was wrong.</summary>
    Failed,
    ReplayRefused,
    /// <summary>The failure locked the account; the session has ended.</summary>
    LockedOut,
}

/// <summary>The outcome of making new recovery codes. <see cref="RecoveryCodes"/> are shown once and stored only as hashes; empty unless renewed.</summary>
public sealed record RecoveryCodesResult(RecoveryCodesOutcome Outcome, string Message, IReadOnlyList<string> RecoveryCodes)
{
    public bool Succeeded => Outcome == RecoveryCodesOutcome.Renewed;
}

/// <summary>
/// Two-factor enrollment, mandatory before any sign-in (an account not enrolled only gets
/// <see cref="SignInOutcome.EnrollmentRequired"/>). Both steps ask the password again (no session
/// exists yet); failures count toward the lockout and are audited like sign-in failures.
/// <list type="number">
/// <item><see cref="BeginAsync"/>: a new random key (160 bits) in Identity's token table; the
/// otpauth:// URI with issuer "Choshu" and the staff number for the authenticator app.</item>
/// <item><see cref="ConfirmAsync"/>: the first code from the app proves the key was read; its time
/// step is recorded (so it cannot be replayed at sign-in); an administrator-set password must be
/// replaced in the same step; 10 recovery codes are returned once (audit 1008, and 1010 when the
/// password changed).</item>
/// </list>
/// The key is stored sealed with the store's key ring (<see cref="ChoshuUserStore"/>); it exists in
/// plaintext only in <see cref="EnrollmentStart"/>, for the person to read once.
/// A signed-in person can also make new recovery codes (<see cref="RenewRecoveryCodesAsync(string, CancellationToken)"/>).
/// </summary>
public sealed class TotpEnrollment(ChoshuDbContext db, ChoshuUserManager users, StaffSignIn signIn, TimeProvider clock)
{
    private readonly Credentials _credentials = new(db, users);
    private readonly SignInThrottle _throttle = new(db, clock);

    public async Task<EnrollmentStart> BeginAsync(string staffNo, string password, string terminal, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (user, refusal) = await CheckAsync(staffNo, password, terminal, "二要素認証の登録開始", ct);
        EnrollmentStart result;
        if (refusal is not null) result = new EnrollmentStart(refusal.Value.Outcome, refusal.Value.Message);
        else
        {
            Credentials.Ensure(await users.ResetAuthenticatorKeyAsync(user!));
            var key = await users.GetAuthenticatorKeyAsync(user!)
                ?? throw new InvalidOperationException("Identity made no authenticator key.");
            result = new EnrollmentStart(EnrollmentOutcome.Started,
                "認証アプリで QR コードを読み取り、表示された 6 桁の確認コードを入力してください。",
                FormatKey(key), TotpCodes.OtpauthUri(user!.StaffNo, key));
        }
        await tx.CommitAsync(ct);
        return result;
    }

    public async Task<EnrollmentResult> ConfirmAsync(string staffNo, string password, string? code, string? newPassword, string terminal, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await ConfirmInTransactionAsync(staffNo, password, code, newPassword, terminal, ct);
        await tx.CommitAsync(ct);
        return result;
    }

    private async Task<EnrollmentResult> ConfirmInTransactionAsync(string staffNo, string password, string? code, string? newPassword, string terminal, CancellationToken ct)
    {
        var (user, refusal) = await CheckAsync(staffNo, password, terminal, "二要素認証の登録確認", ct);
        if (refusal is not null) return new EnrollmentResult(refusal.Value.Outcome, refusal.Value.Message, [], []);
        var actor = Actor.Staff(user!.Id, user.StaffNo, terminal);

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (key is null)
            return new EnrollmentResult(EnrollmentOutcome.Failed, "先に登録を開始して QR コードを読み取ってください。", [], []);
        if (user.MustChangePassword && string.IsNullOrEmpty(newPassword))
            return new EnrollmentResult(EnrollmentOutcome.Refused, "初期パスワードのままです。新しいパスワードを指定してください。", [], ["新しいパスワードを入力してください。"]);
        if (!string.IsNullOrEmpty(newPassword))
        {
            var errors = await signIn.PasswordErrorsAsync(user, newPassword, password);
            if (errors.Count > 0) return new EnrollmentResult(EnrollmentOutcome.Refused, "新しいパスワードは使えません。", [], errors);
        }

        var second = await _credentials.CheckSecondFactorAsync(user, code, allowRecovery: false, clock.GetUtcNow(), countOnAccount: false);
        var lockedByCode = second is SecondFactorCheck.Replayed or SecondFactorCheck.Wrong
            && await _throttle.RecordFailureAsync(SignInThrottle.IdKey(staffNo), SignInThrottle.Source(terminal), user, ct);
        switch (second)
        {
            case SecondFactorCheck.Replayed:
                await AuditAsync(actor, AuditEventKind.TotpReplayRefused, AuditOutcome.Denied, "二要素認証の登録確認: 使用済みの確認コード", ct);
                return new EnrollmentResult(EnrollmentOutcome.ReplayRefused, "この確認コードは既に使われています。次のコードを入力してください。", [], []);
            case SecondFactorCheck.Wrong:
                var locked = lockedByCode;
                await AuditAsync(actor, locked ? AuditEventKind.LockedOut : AuditEventKind.LoginFailed, locked ? AuditOutcome.Denied : AuditOutcome.Failed,
                    "二要素認証の登録確認: 確認コード誤り", ct);
                return new EnrollmentResult(locked ? EnrollmentOutcome.LockedOut : EnrollmentOutcome.Failed,
                    locked ? "ログインの失敗が続いたため、この利用者IDは 15 分間ロックされています。" : "確認コードが違います。認証アプリの現在のコードを入力してください。", [], []);
        }

        var changed = false;
        if (!string.IsNullOrEmpty(newPassword))
        {
            Credentials.Ensure(await users.ChangePasswordAsync(user, password, newPassword));
            changed = true;
        }
        user.MustChangePassword = false;
        user.TotpEnrolledAtUtc = clock.GetUtcNow().UtcDateTime;
        user.TwoFactorEnabled = true;
        Credentials.Ensure(await users.ResetAccessFailedCountAsync(user));
        Credentials.Ensure(await users.UpdateAsync(user));
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, AccountPolicy.RecoveryCodeCount))?.ToList()
            ?? throw new InvalidOperationException("Identity made no recovery codes.");
        if (changed)
            await AuditAsync(actor, AuditEventKind.PasswordChanged, AuditOutcome.Succeeded, "本人が変更（二要素認証の登録時）", ct);
        await AuditAsync(actor, AuditEventKind.TotpEnrolled, AuditOutcome.Succeeded, $"回復コード {codes.Count} 個を発行", ct);
        return new EnrollmentResult(EnrollmentOutcome.Enrolled,
            "二要素認証を登録しました。回復コードは今だけ表示されます。印刷するか書き写して、認証アプリとは別の場所に保管してください。", codes, []);
    }

    /// <summary>
    /// Makes 10 new recovery codes for the signed-in person of <paramref name="sessionToken"/> and
    /// invalidates every old one (used or not), e.g. when the printed codes were lost or mostly used.
    /// Asks for a re-authentication within the last 5 minutes (<see cref="StaffSignIn.ReauthenticateAsync"/>,
    /// <see cref="StaffSignIn.HasRecentReauthentication"/>), as a My Number reveal does: a session
    /// left open on a desk is not enough. The replacement and its audit record (1012) commit together;
    /// the codes are returned once and stored only as hashes.
    /// </summary>
    public async Task<RecoveryCodesResult> RenewRecoveryCodesAsync(string sessionToken, CancellationToken ct = default)
    {
        var check = await signIn.ValidateAsync(sessionToken, ct);
        if (!check.IsValid)
            return new RecoveryCodesResult(RecoveryCodesOutcome.SessionEnded, "セッションが終了しています。もう一度ログインしてください。", []);
        if (!StaffSignIn.HasRecentReauthentication(check.Session!, clock))
            return new RecoveryCodesResult(RecoveryCodesOutcome.ReauthenticationRequired,
                "回復コードを作り直すには、パスワードと確認コードをもう一度入力してください。", []);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await users.FindByIdAsync(check.Session!.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            ?? throw new InvalidOperationException("The session's account is missing.");
        var old = await users.CountRecoveryCodesAsync(user);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, AccountPolicy.RecoveryCodeCount))?.ToList()
            ?? throw new InvalidOperationException("Identity made no recovery codes.");
        await AuditAsync(check.Actor!, AuditEventKind.RecoveryCodesRenewed, AuditOutcome.Succeeded,
            $"回復コード {codes.Count} 個を再発行（未使用だった {old} 個は無効、セッション {check.Session.Id}）", ct);
        await tx.CommitAsync(ct);
        return new RecoveryCodesResult(RecoveryCodesOutcome.Renewed,
            "新しい回復コードを発行しました。以前の回復コードは使えません。新しいコードは今だけ表示されます。印刷するか書き写して、認証アプリとは別の場所に保管してください。",
            codes);
    }

    /// <summary>
    /// Re-authenticates (password and a fresh TOTP code, <see cref="StaffSignIn.ReauthenticateAsync"/>:
    /// audited 1006/1007/1004, failures count toward the lockout) and then makes new recovery codes
    /// (<see cref="RenewRecoveryCodesAsync(string, CancellationToken)"/>): one form on a page.
    /// </summary>
    public async Task<RecoveryCodesResult> RenewRecoveryCodesAsync(string sessionToken, string password, string? code, CancellationToken ct = default)
    {
        var reauth = await signIn.ReauthenticateAsync(sessionToken, password, code, ct);
        return reauth.Outcome switch
        {
            ReauthenticationOutcome.Succeeded => await RenewRecoveryCodesAsync(sessionToken, ct),
            ReauthenticationOutcome.SessionEnded => new RecoveryCodesResult(RecoveryCodesOutcome.SessionEnded, reauth.Message, []),
            ReauthenticationOutcome.LockedOut => new RecoveryCodesResult(RecoveryCodesOutcome.LockedOut, reauth.Message, []),
            ReauthenticationOutcome.ReplayRefused => new RecoveryCodesResult(RecoveryCodesOutcome.ReplayRefused, reauth.Message, []),
            _ => new RecoveryCodesResult(RecoveryCodesOutcome.Failed, reauth.Message, []),
        };
    }

    /// <summary>Finds the account and checks lockout, password, enrollment state and validity; audits a refusal.</summary>
    private async Task<(StaffAccount? User, (EnrollmentOutcome Outcome, string Message)? Refusal)> CheckAsync(
        string staffNo, string password, string terminal, string step, CancellationToken ct)
    {
        // The sign-in throttle (SignInThrottle) by the terminal as source: enrollment is another way to try a password.
        var source = SignInThrottle.Source(terminal);
        var idKey = SignInThrottle.IdKey(staffNo);
        await _throttle.SerializeAsync(idKey, source, ct);
        var user = await _credentials.FindAsync(staffNo);
        var actor = user is null ? new Actor(ActorKind.Staff, null, IndividualIds.Printable(staffNo), terminal) : Actor.Staff(user.Id, user.StaffNo, terminal);
        if (await _throttle.RefusedAsync(idKey, source, ct) is { } refusal)
        {
            await AuditAsync(actor, AuditEventKind.SignInThrottled, AuditOutcome.Denied, $"{step}: " + SignInThrottle.Describe(refusal, source), ct);
            return (null, (EnrollmentOutcome.Failed, "職員番号またはパスワードが違います。"));
        }
        if (user is null)
        {
            _credentials.SpendPasswordCheck(password);
            await _throttle.RecordFailureAsync(idKey, source, null, ct);
            await AuditAsync(actor, AuditEventKind.LoginFailed, AuditOutcome.Failed, $"{step}: 利用者IDが登録されていない", ct);
            return (null, (EnrollmentOutcome.Failed, "職員番号またはパスワードが違います。"));
        }
        var pw = await _credentials.CheckPasswordAsync(user, password, countOnAccount: false);
        var lockedNow = pw == PasswordCheck.Wrong && await _throttle.RecordFailureAsync(idKey, source, user, ct);
        if (pw == PasswordCheck.LockedOut || lockedNow)
        {
            await AuditAsync(actor, AuditEventKind.LockedOut, AuditOutcome.Denied, $"{step}: {(lockedNow ? "パスワード誤りでロック" : "ロック中")}", ct);
            // The answer of an unknown ID or a wrong password: locking an ID does not tell a stranger it exists (issue 18).
            return (null, (EnrollmentOutcome.LockedOut, "職員番号またはパスワードが違います。"));
        }
        if (pw == PasswordCheck.Wrong)
        {
            await AuditAsync(actor, AuditEventKind.LoginFailed, AuditOutcome.Failed, $"{step}: パスワード誤り", ct);
            return (null, (EnrollmentOutcome.Failed, "職員番号またはパスワードが違います。"));
        }
        if (user.TotpEnrolledAtUtc is not null)
            return (null, (EnrollmentOutcome.AlreadyEnrolled, "二要素認証は登録済みです。認証アプリを替えるときは管理者に再登録を依頼してください。"));
        var today = JapanTime.Today(clock);
        if (today < user.ValidFrom || user.ValidTo is { } to && today > to)
        {
            var lapsed = user.ValidTo is { } t && today > t;
            await AuditAsync(actor, lapsed ? AuditEventKind.AccessDeniedLapsedRights : AuditEventKind.AccessDenied, AuditOutcome.Denied,
                $"{step}: {AccountStanding.Describe(lapsed ? Standing.AccountLapsed : Standing.NotYetValid)}（{today:yyyy-MM-dd}）", ct);
            return (null, (EnrollmentOutcome.AccountNotValid, "この利用者IDは有効期間外です。"));
        }
        return (user, null);
    }

    /// <summary>The key in groups of four for typing by hand when the QR code cannot be read.</summary>
    private static string FormatKey(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4))));

    private Task AuditAsync(Actor actor, AuditEventKind kind, AuditOutcome outcome, string detail, CancellationToken ct) =>
        AuditLog.AppendAsync(db, actor, new AuditRecord(kind, outcome, Detail: detail), clock, ct);
}
