using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Security;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;
using Choshu.Domain.Labels;

namespace Choshu.App.Accounts;

/// <summary>
/// Sign-in and sessions without HTTP (the web application puts its pages on top). Every outcome of a
/// sign-in is written to the 操作ログ in the same transaction as what it changed: 1000 success,
/// 1001 failure (unknown ID, wrong password or code, enrollment or password change still owed: set by
/// an administrator, or older than <see cref="PasswordAge"/>'s maximum),
/// 1005 locked out, 1004 replayed code, 1009 recovery code used, 5001/5000 rights lapsed or none.
/// <para>
/// Order of checks: lockout (a locked account is not even asked its password), password (a failure
/// counts toward the lockout), enrollment and forced change (administrator-set or past its maximum
/// age: nothing but those is opened), second
/// factor (wrong and replayed codes count too), then the account's rights on today's Japan date.
/// </para>
/// </summary>
public sealed class StaffSignIn(ChoshuDbContext db, ChoshuUserManager users, TimeProvider clock)
{
    private readonly Credentials _credentials = new(db, users);
    private readonly SignInThrottle _throttle = new(db, clock);

    private const string FailedMessage = "職員番号、パスワードまたは確認コードが違います。";
    /// <summary>
    /// What a locked ID is told where the person is not yet known (sign-in, password change): the same answer
    /// as an unknown ID or a wrong password, so that locking an ID does not tell a stranger it exists (issue 18).
    /// The lockout itself is in the 操作ログ (1005).
    /// </summary>
    private const string LockedMessage = FailedMessage;

    /// <summary>What a signed-in person is told when their re-authentication failures lock the ID (their session ends).</summary>
    private const string SessionLockedMessage = "ログインの失敗が続いたため、この利用者IDは 15 分間ロックされています。";

    /// <summary>
    /// Signs a person in with staff number, password and a code from the authenticator app (or one
    /// recovery code). <paramref name="terminal"/> is the client's IP address or host name; it is also the
    /// source the throttle counts failures by (<see cref="SignInThrottle"/>).
    /// </summary>
    public Task<SignInResult> SignInAsync(string staffNo, string password, string? code, string terminal, CancellationToken ct = default) =>
        SignInAsync(staffNo, password, code, terminal, terminal, cli: null, ct);

    /// <summary>
    /// Signs a person in, <paramref name="source"/> naming where the attempt comes from for the throttle
    /// (<see cref="SignInThrottle"/>): the web passes the client's address.
    /// Before anything else an attempt of a throttled pair (typed ID, source) or source is refused with the answer of a
    /// wrong password, the password not checked (audit 1040).
    /// </summary>
    public Task<SignInResult> SignInAsync(string staffNo, string password, string? code, string terminal, string source, CancellationToken ct = default) =>
        SignInAsync(staffNo, password, code, terminal, source, cli: null, ct);

    /// <summary>
    /// The same sign-in for the command line (<c>choshu login</c>, or a person-bound command that asked for the password and
    /// code itself): the same checks, lockout counting and records, but the session opened is a CLI session
    /// (<see cref="StaffSession.Channel"/> "cli") bound to <paramref name="cli"/>'s OS user id, ending at a fixed time
    /// (setting <c>cli.session_minutes</c>), or at once when it serves one command; the web's <see cref="ValidateAsync"/> refuses it.
    /// The throttle's source is <c>cli:OSUSER</c>.
    /// </summary>
    public Task<SignInResult> SignInAsync(string staffNo, string password, string? code, string terminal, CliBinding? cli, CancellationToken ct = default) =>
        SignInAsync(staffNo, password, code, terminal, cli is null ? terminal : "cli:" + cli.OsUser, cli, ct);

    private async Task<SignInResult> SignInAsync(string staffNo, string password, string? code, string terminal, string source, CliBinding? cli, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await SignInInTransactionAsync(staffNo, password, code, terminal, SignInThrottle.Source(source), cli, ct);
        await tx.CommitAsync(ct);
        return result;
    }

    private async Task<SignInResult> SignInInTransactionAsync(string staffNo, string password, string? code, string terminal, string source, CliBinding? cli, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var idKey = SignInThrottle.IdKey(staffNo);
        await _throttle.SerializeAsync(idKey, source, ct);
        var user = await _credentials.FindAsync(staffNo);
        var actor = user is null ? new Actor(ActorKind.Staff, null, IndividualIds.Printable(staffNo), terminal) : Actor.Staff(user.Id, user.StaffNo, terminal);
        if (await _throttle.RefusedAsync(idKey, source, ct) is { } refusal)
        {
            await AuditAsync(actor, AuditEventKind.SignInThrottled, AuditOutcome.Denied, SignInThrottle.Describe(refusal, source), ct);
            return new SignInResult(SignInOutcome.Throttled, FailedMessage);
        }
        if (user is null)
        {
            _credentials.SpendPasswordCheck(password);
            await _throttle.RecordFailureAsync(idKey, source, null, ct);
            await AuditAsync(actor, AuditEventKind.LoginFailed, AuditOutcome.Failed, "利用者IDが登録されていない", ct);
            return new SignInResult(SignInOutcome.Failed, FailedMessage);
        }

        switch (await _credentials.CheckPasswordAsync(user, password, countOnAccount: false))
        {
            case PasswordCheck.LockedOut:
                await AuditAsync(actor, AuditEventKind.LockedOut, AuditOutcome.Denied, "ロック中のためパスワードを確認せず拒否", ct);
                return new SignInResult(SignInOutcome.LockedOut, LockedMessage);
            case PasswordCheck.Wrong:
                return await FailedAsync(user, actor, idKey, source, "パスワード誤り", ct);
        }

        if (user.TotpEnrolledAtUtc is null)
        {
            await AuditAsync(actor, AuditEventKind.LoginFailed, AuditOutcome.Denied, "二要素認証が未登録（登録のみ可能）", ct);
            return new SignInResult(SignInOutcome.EnrollmentRequired,
                "二要素認証（認証アプリ）の登録が必要です。登録を済ませるまでログインできません。", AccountId: user.Id);
        }
        if (user.MustChangePassword)
        {
            await AuditAsync(actor, AuditEventKind.LoginFailed, AuditOutcome.Denied, "管理者が設定したパスワードのため変更が必要", ct);
            return new SignInResult(SignInOutcome.PasswordChangeRequired,
                "管理者が設定したパスワードです。パスワードを変更してからログインしてください。", AccountId: user.Id);
        }
        var maxAge = await PasswordAge.MaxAgeDaysAsync(db, ct);
        if (PasswordAge.IsPastMaxAge(user.PasswordChangedAtUtc, maxAge, JapanTime.Today(clock)))
        {
            await AuditAsync(actor, AuditEventKind.LoginFailed, AuditOutcome.Denied,
                $"{PasswordAge.Reason(maxAge)}（最終変更 {PasswordAge.ChangedOn(user.PasswordChangedAtUtc):yyyy-MM-dd}、変更が必要）", ct);
            return new SignInResult(SignInOutcome.PasswordChangeRequired,
                $"{PasswordAge.Reason(maxAge)}。パスワードを変更してからログインしてください。", AccountId: user.Id);
        }

        var second = await _credentials.CheckSecondFactorAsync(user, code, allowRecovery: true, now, countOnAccount: false);
        switch (second)
        {
            case SecondFactorCheck.Replayed:
                if (await _throttle.RecordFailureAsync(idKey, source, user, ct))
                    await AuditLockAsync(actor, source, "ログイン: 使用済みの確認コード", ct);
                await AuditAsync(actor, AuditEventKind.TotpReplayRefused, AuditOutcome.Denied, "ログイン: 使用済みの確認コード", ct);
                return new SignInResult(SignInOutcome.ReplayRefused,
                    "この確認コードは既に使われています。認証アプリに次のコードが表示されてから入力してください。");
            case SecondFactorCheck.Wrong:
                return await FailedAsync(user, actor, idKey, source, "確認コード誤り", ct);
            case SecondFactorCheck.Recovery:
                await AuditAsync(actor, AuditEventKind.RecoveryCodeUsed, AuditOutcome.Succeeded,
                    $"残り {await users.CountRecoveryCodesAsync(user)} 個", ct);
                break;
        }

        var (standing, roles) = await AccountStanding.OnAsync(db, user, JapanTime.Today(clock), ct);
        if (standing != Standing.Active)
        {
            await AuditAsync(actor, AccountStanding.RefusalKind(standing), AuditOutcome.Denied,
                $"ログイン: {AccountStanding.Describe(standing)}（{JapanTime.Today(clock):yyyy-MM-dd}）", ct);
            return standing is Standing.AccountLapsed or Standing.RightsLapsed
                ? new SignInResult(SignInOutcome.RightsLapsed, "この利用者IDの権限は有効期間が終了しています（異動・退職または権限の取消）。")
                : new SignInResult(SignInOutcome.NoRights, "この利用者IDには本日有効な権限がありません。");
        }

        Credentials.Ensure(await users.ResetAccessFailedCountAsync(user));
        await _throttle.ClearAsync(idKey, source, ct);
        user.LastLoginAtUtc = now.UtcDateTime;
        Credentials.Ensure(await users.UpdateAsync(user));

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var session = new StaffSession
        {
            AccountId = user.Id,
            TokenHash = HashToken(token),
            Terminal = Truncate(terminal, 100),
            CreatedAtUtc = now.UtcDateTime,
            LastSeenAtUtc = now.UtcDateTime,
        };
        var where = "";
        if (cli is not null)
        {
            session.Channel = StaffSession.Cli;
            session.OsUid = cli.Uid;
            session.OsUser = Truncate(cli.OsUser, 100);
            if (cli.SingleCommand)
            {
                session.ExpiresAtUtc = session.EndedAtUtc = now.UtcDateTime;
                session.EndReason = SessionEndReasons.SingleCommand;
                where = $"、CLI（このコマンドのみ。OS ユーザー {cli.OsUser}（uid {cli.Uid}）、端末 {cli.Tty}）";
            }
            else
            {
                session.ExpiresAtUtc = now.UtcDateTime + await Settings.AppSettings.CliSessionLifetimeAsync(db, ct);
                where = $"、CLI（OS ユーザー {cli.OsUser}（uid {cli.Uid}）、端末 {cli.Tty}、{InJapan(session.ExpiresAtUtc.Value):yyyy-MM-dd HH:mm} まで）";
            }
        }
        db.StaffSessions.Add(session);
        await db.SaveChangesAsync(ct);
        await AuditAsync(actor with { SessionId = session.Id }, AuditEventKind.LoginSucceeded, AuditOutcome.Succeeded,
            $"セッション {session.Id}、権限 {string.Join("・", roles.Select(JapaneseLabels.Of))}{where}", ct);
        return new SignInResult(SignInOutcome.Succeeded, "ログインしました。", token, session.Id, user.Id);
    }

    /// <summary>A failure before a session: recorded for the throttle; when it locks the ID, audited 1005, else 1001.</summary>
    private async Task<SignInResult> FailedAsync(StaffAccount user, Actor actor, string idKey, string source, string why, CancellationToken ct)
    {
        if (await _throttle.RecordFailureAsync(idKey, source, user, ct))
        {
            await AuditLockAsync(actor, source, why, ct);
            return new SignInResult(SignInOutcome.LockedOut, LockedMessage);
        }
        await AuditAsync(actor, AuditEventKind.LoginFailed, AuditOutcome.Failed, why, ct);
        return new SignInResult(SignInOutcome.Failed, FailedMessage);
    }

    private async Task AuditLockAsync(Actor actor, string source, string why, CancellationToken ct)
    {
        var limits = await SignInThrottle.LoadAsync(db, ct);
        await AuditAsync(actor, AuditEventKind.LockedOut, AuditOutcome.Denied,
            $"{why}（送信元 {source}）: {limits.LockSources} か所以上の送信元から計 {limits.LockFailures} 回以上の失敗で {AccountPolicy.LockoutDuration.TotalMinutes:0} 分間ロック", ct);
    }

    /// <summary>
    /// Checks a session at a request. It ends (and says so) when idle for
    /// <see cref="AccountPolicy.IdleTimeout"/> (audit 1003) or when the account's rights have lapsed
    /// on today's Japan date (audit 5001/5000); otherwise its idle clock restarts.
    /// </summary>
    public async Task<SessionCheck> ValidateAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token)) return new SessionCheck(SessionStatus.Unknown, null, null, [], null);
        var hash = HashToken(token);
        // One round trip at every request: the session, its account and all the account's grants, read
        // without tracking; the session is attached to the context only when it is changed.
        var row = await (from s in db.StaffSessions.AsNoTracking()
                         join a in db.StaffAccounts on s.AccountId equals a.Id
                         where s.TokenHash == hash
                         select new { Session = s, Account = a, Grants = db.RoleGrants.Where(g => g.AccountId == a.Id).ToList() })
            .FirstOrDefaultAsync(ct);
        if (row is null) return new SessionCheck(SessionStatus.Unknown, null, null, [], null);
        var session = row.Session;
        // A CLI session (choshu login) is not a browser's: its token never opens a page (issue 18, defect 6).
        if (session.Channel != StaffSession.Web) return new SessionCheck(SessionStatus.Unknown, null, null, [], null);
        if (session.EndedAtUtc is not null) return new SessionCheck(SessionStatus.Ended, session, null, [], session.EndReason);

        var account = row.Account;
        var actor = Actor.Staff(account.Id, account.StaffNo, session.Terminal, session.Id);
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - session.LastSeenAtUtc >= AccountPolicy.IdleTimeout)
        {
            session = Tracked(session);
            await EndAsync(session, actor, SessionEndReasons.Idle, AuditEventKind.SessionExpired, AuditOutcome.Succeeded,
                $"セッション {session.Id}: 最終操作の記録 {InJapan(session.LastSeenAtUtc):yyyy-MM-dd HH:mm:ss}（30秒ごとに記録）から {AccountPolicy.IdleTimeout.TotalMinutes:0} 分無操作", ct);
            return new SessionCheck(SessionStatus.Ended, session, null, [], SessionEndReasons.Idle);
        }
        var today = JapanTime.Today(clock);
        var (standing, roles) = AccountStanding.On(account, row.Grants, today);
        if (standing != Standing.Active)
        {
            session = Tracked(session);
            await EndAsync(session, actor, SessionEndReasons.RightsLapsed, AccountStanding.RefusalKind(standing), AuditOutcome.Denied,
                $"セッション {session.Id} を終了: {AccountStanding.Describe(standing)}（{JapanTime.Today(clock):yyyy-MM-dd}）", ct);
            return new SessionCheck(SessionStatus.Ended, session, null, [], SessionEndReasons.RightsLapsed);
        }
        if (now - session.LastSeenAtUtc >= TouchInterval) await TouchAsync(session, now, ct);
        return new SessionCheck(SessionStatus.Valid, session, actor with { KnownRoles = new ActiveRoleSnapshot(today, roles) }, roles, null, account);
    }

    /// <summary>
    /// How stale the recorded last activity may be before a request records it again. A person
    /// clicking through pages writes it at most twice a minute instead of at every request; the
    /// price is that a session may end up to this much before <see cref="AccountPolicy.IdleTimeout"/>
    /// after the last request (never later).
    /// </summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Restarts the idle clock. On PostgreSQL the update commits without waiting for the WAL to reach
    /// the disk (<c>synchronous_commit = off</c> for this transaction only): it is written on every
    /// request, and a crash can lose at most the last fraction of a second of these times, which only
    /// makes a session look idle for longer (it ends sooner, never later). Everything else, the audit
    /// log above all, still commits synchronously.
    /// </summary>
    private async Task TouchAsync(StaffSession session, DateTime now, CancellationToken ct)
    {
        if (db.Provider != StoreProvider.Postgres || db.Database.CurrentTransaction is not null)
        {
            session = Tracked(session);
            session.LastSeenAtUtc = now;
            await db.SaveChangesAsync(ct);
            return;
        }
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"SET LOCAL synchronous_commit TO OFF; UPDATE staff_sessions SET last_seen_at_utc = {now} WHERE id = {session.Id}", ct);
            await tx.CommitAsync(ct);
        }
        session.LastSeenAtUtc = now;
        if (db.StaffSessions.Local.FirstOrDefault(s => s.Id == session.Id) is { } local && !ReferenceEquals(local, session))
        {
            local.LastSeenAtUtc = now;
            db.Entry(local).Property(s => s.LastSeenAtUtc).IsModified = false;
        }
    }

    /// <summary>The context's tracked instance of the session, attaching this one when there is none (so that a change to it is saved).</summary>
    private StaffSession Tracked(StaffSession session)
    {
        if (db.StaffSessions.Local.FirstOrDefault(s => s.Id == session.Id) is { } local) return local;
        db.StaffSessions.Attach(session);
        return session;
    }

    /// <summary>
    /// Asks the signed-in person for password and code again (before a My Number reveal). Success
    /// sets <see cref="StaffSession.ReauthenticatedAtUtc"/> (audit 1006); a failure is audited 1007
    /// (1004 for a replayed code) and counts toward the lockout; a lockout ends the session.
    /// </summary>
    public async Task<ReauthenticationResult> ReauthenticateAsync(string token, string password, string? code, CancellationToken ct = default)
    {
        var check = await ValidateAsync(token, ct);
        if (!check.IsValid)
            return new ReauthenticationResult(ReauthenticationOutcome.SessionEnded, "セッションが終了しています。もう一度ログインしてください。");
        var actor = check.Actor!;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var session = await db.StaffSessions.FirstAsync(s => s.Id == check.Session!.Id, ct);
        var user = await users.FindByIdAsync(session.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            ?? throw new InvalidOperationException("The session's account is missing.");

        ReauthenticationResult result;
        var pw = await _credentials.CheckPasswordAsync(user, password);
        var second = pw == PasswordCheck.Ok ? await _credentials.CheckSecondFactorAsync(user, code, allowRecovery: false, clock.GetUtcNow()) : SecondFactorCheck.Wrong;
        if (pw == PasswordCheck.Ok && second == SecondFactorCheck.Totp)
        {
            session.ReauthenticatedAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            await AuditAsync(actor, AuditEventKind.Reauthenticated, AuditOutcome.Succeeded, $"セッション {session.Id}", ct);
            result = new ReauthenticationResult(ReauthenticationOutcome.Succeeded, "本人確認ができました。");
        }
        else if (pw == PasswordCheck.LockedOut || await _credentials.IsLockedOutAsync(user))
        {
            await EndInTransactionAsync(session, SessionEndReasons.LockedOut, ct);
            await AuditAsync(actor, AuditEventKind.LockedOut, AuditOutcome.Denied, $"再認証の失敗でロック、セッション {session.Id} を終了", ct);
            result = new ReauthenticationResult(ReauthenticationOutcome.LockedOut, SessionLockedMessage);
        }
        else if (second == SecondFactorCheck.Replayed)
        {
            await AuditAsync(actor, AuditEventKind.TotpReplayRefused, AuditOutcome.Denied, $"再認証: 使用済みの確認コード（セッション {session.Id}）", ct);
            result = new ReauthenticationResult(ReauthenticationOutcome.ReplayRefused, "この確認コードは既に使われています。次のコードを入力してください。");
        }
        else
        {
            await AuditAsync(actor, AuditEventKind.ReauthenticationFailed, AuditOutcome.Failed,
                $"{(pw == PasswordCheck.Wrong ? "パスワード誤り" : "確認コード誤り")}（セッション {session.Id}）", ct);
            result = new ReauthenticationResult(ReauthenticationOutcome.Failed, "パスワードまたは確認コードが違います。");
        }
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>Whether the session re-authenticated within <see cref="AccountPolicy.ReauthenticationWindow"/> (5 minutes): what a My Number reveal asks.</summary>
    public static bool HasRecentReauthentication(StaffSession session, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.EndedAtUtc is not null || session.ReauthenticatedAtUtc is not { } at) return false;
        var age = clock.GetUtcNow().UtcDateTime - at;
        return age >= TimeSpan.Zero && age <= AccountPolicy.ReauthenticationWindow;
    }

    /// <summary>Ends the session at the person's request (audit 1002). An unknown or ended token does nothing.</summary>
    public async Task<bool> LogoutAsync(string token, CancellationToken ct = default)
    {
        var hash = HashToken(token);
        var session = await db.StaffSessions.FirstOrDefaultAsync(s => s.TokenHash == hash && s.EndedAtUtc == null, ct);
        if (session is null) return false;
        var account = await db.StaffAccounts.AsNoTracking().FirstAsync(a => a.Id == session.AccountId, ct);
        await EndAsync(session, Actor.Staff(account.Id, account.StaffNo, session.Terminal, session.Id),
            SessionEndReasons.Logout, AuditEventKind.Logout, AuditOutcome.Succeeded, $"セッション {session.Id}", ct);
        return true;
    }

    /// <summary>
    /// The person changes their own password with the current one and a TOTP code (no session
    /// needed: this is also the way out of an administrator-set password and of one past its maximum
    /// age). The new password must differ from the current one (checked against the stored hash by
    /// <see cref="ChoshuPasswordValidator"/>); the change is dated now (<see cref="ChoshuUserManager"/>).
    /// Audit 1010; the account's other open sessions end.
    /// </summary>
    public async Task<PasswordChangeResult> ChangePasswordAsync(string staffNo, string currentPassword, string newPassword, string? code, string terminal, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await ChangePasswordInTransactionAsync(staffNo, currentPassword, newPassword, code, terminal, ct);
        await tx.CommitAsync(ct);
        return result;
    }

    private async Task<PasswordChangeResult> ChangePasswordInTransactionAsync(string staffNo, string currentPassword, string newPassword, string? code, string terminal, CancellationToken ct)
    {
        // The same throttle as sign-in, by the terminal as source: the change is another way to try a password.
        var source = SignInThrottle.Source(terminal);
        var idKey = SignInThrottle.IdKey(staffNo);
        await _throttle.SerializeAsync(idKey, source, ct);
        var user = await _credentials.FindAsync(staffNo);
        var actor = user is null ? new Actor(ActorKind.Staff, null, IndividualIds.Printable(staffNo), terminal) : Actor.Staff(user.Id, user.StaffNo, terminal);
        if (await _throttle.RefusedAsync(idKey, source, ct) is { } refusal)
        {
            await AuditAsync(actor, AuditEventKind.SignInThrottled, AuditOutcome.Denied, "パスワード変更: " + SignInThrottle.Describe(refusal, source), ct);
            return new PasswordChangeResult(PasswordChangeOutcome.Failed, FailedMessage, []);
        }
        if (user is null)
        {
            _credentials.SpendPasswordCheck(currentPassword);
            await _throttle.RecordFailureAsync(idKey, source, null, ct);
            await AuditAsync(actor, AuditEventKind.LoginFailed, AuditOutcome.Failed, "パスワード変更: 利用者IDが登録されていない", ct);
            return new PasswordChangeResult(PasswordChangeOutcome.Failed, FailedMessage, []);
        }
        var pw = await _credentials.CheckPasswordAsync(user, currentPassword, countOnAccount: false);
        if (pw == PasswordCheck.LockedOut)
        {
            await AuditAsync(actor, AuditEventKind.LockedOut, AuditOutcome.Denied, "パスワード変更: ロック中", ct);
            return new PasswordChangeResult(PasswordChangeOutcome.LockedOut, LockedMessage, []);
        }
        if (pw == PasswordCheck.Wrong)
        {
            var r = await FailedAsync(user, actor, idKey, source, "パスワード変更: 現在のパスワード誤り", ct);
            return new PasswordChangeResult(r.Outcome == SignInOutcome.LockedOut ? PasswordChangeOutcome.LockedOut : PasswordChangeOutcome.Failed, r.Message, []);
        }
        if (user.TotpEnrolledAtUtc is null)
            return new PasswordChangeResult(PasswordChangeOutcome.EnrollmentRequired,
                "二要素認証の登録が済んでいません。登録の手続きでパスワードも変更してください。", []);

        // The second factor before anything is said about the new password: the reasons for refusing one (too
        // short, equal to the current password) would otherwise tell whoever typed it that the current password
        // was right, without the code (issue 18). A refused new password therefore uses the code's time step.
        switch (await _credentials.CheckSecondFactorAsync(user, code, allowRecovery: false, clock.GetUtcNow(), countOnAccount: false))
        {
            case SecondFactorCheck.Replayed:
                if (await _throttle.RecordFailureAsync(idKey, source, user, ct))
                    await AuditLockAsync(actor, source, "パスワード変更: 使用済みの確認コード", ct);
                await AuditAsync(actor, AuditEventKind.TotpReplayRefused, AuditOutcome.Denied, "パスワード変更: 使用済みの確認コード", ct);
                return new PasswordChangeResult(PasswordChangeOutcome.ReplayRefused, "この確認コードは既に使われています。", []);
            case SecondFactorCheck.Wrong:
                var r = await FailedAsync(user, actor, idKey, source, "パスワード変更: 確認コード誤り", ct);
                return new PasswordChangeResult(r.Outcome == SignInOutcome.LockedOut ? PasswordChangeOutcome.LockedOut : PasswordChangeOutcome.Failed, r.Message, []);
        }

        var errors = await PasswordErrorsAsync(user, newPassword, currentPassword);
        if (errors.Count > 0) return new PasswordChangeResult(PasswordChangeOutcome.Refused, "新しいパスワードは使えません。", errors);

        Credentials.Ensure(await users.ChangePasswordAsync(user, currentPassword, newPassword));
        user.MustChangePassword = false;
        Credentials.Ensure(await users.ResetAccessFailedCountAsync(user));
        await _throttle.ClearAsync(idKey, source, ct);
        Credentials.Ensure(await users.UpdateAsync(user));
        var ended = await EndOpenSessionsAsync(db, user.Id, SessionEndReasons.CredentialsChanged, clock, ct);
        await AuditAsync(actor, AuditEventKind.PasswordChanged, AuditOutcome.Succeeded, $"本人が変更（終了したセッション {ended} 件）", ct);
        return new PasswordChangeResult(PasswordChangeOutcome.Succeeded, "パスワードを変更しました。", []);
    }

    /// <summary>Why a new password is refused (Identity's validators and ours), in Japanese; empty when it is acceptable.</summary>
    internal async Task<IReadOnlyList<string>> PasswordErrorsAsync(StaffAccount user, string? newPassword, string? currentPassword = null)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(newPassword))
            return ["新しいパスワードを入力してください。"];
        if (currentPassword is not null && string.Equals(newPassword, currentPassword, StringComparison.Ordinal))
            errors.Add("新しいパスワードは現在のものと別にしてください。");
        foreach (var v in users.PasswordValidators)
        {
            var r = await v.ValidateAsync(users, user, newPassword);
            if (!r.Succeeded) errors.AddRange(r.Errors.Select(e => e.Description));
        }
        return errors.Distinct().ToList();
    }

    /// <summary>Ends every open session of an account (password or two-factor reset, expiry). Returns how many.</summary>
    internal static async Task<int> EndOpenSessionsAsync(ChoshuDbContext db, long accountId, string reason, TimeProvider clock, CancellationToken ct)
    {
        var open = await db.StaffSessions.Where(s => s.AccountId == accountId && s.EndedAtUtc == null).ToListAsync(ct);
        foreach (var s in open)
        {
            s.EndedAtUtc = clock.GetUtcNow().UtcDateTime;
            s.EndReason = reason;
        }
        await db.SaveChangesAsync(ct);
        return open.Count;
    }

    public static string HashToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private async Task EndAsync(StaffSession session, Actor actor, string reason, AuditEventKind kind, AuditOutcome outcome, string detail, CancellationToken ct)
    {
        // Joins the caller's transaction when there is one (the end and its record commit together either way).
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await EndInTransactionAsync(session, reason, ct);
        await AuditAsync(actor, kind, outcome, detail, ct);
        if (tx is not null) await tx.CommitAsync(ct);
    }

    private async Task EndInTransactionAsync(StaffSession session, string reason, CancellationToken ct)
    {
        session.EndedAtUtc = clock.GetUtcNow().UtcDateTime;
        session.EndReason = reason;
        await db.SaveChangesAsync(ct);
    }

    private Task AuditAsync(Actor actor, AuditEventKind kind, AuditOutcome outcome, string detail, CancellationToken ct) =>
        AuditLog.AppendAsync(db, actor, new AuditRecord(kind, outcome, Detail: detail), clock, ct);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    internal static DateTimeOffset InJapan(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(JapanTime.Offset);
}
