using Choshu.App.Accounts;
using Choshu.Data;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Choshu.App.Tests.Accounts;

/// <summary>
/// Sign-in with password and TOTP: replayed codes refused (Identity alone accepts a code again
/// within its window), wrong password and code, lockout after 5 failures and its end after 15
/// minutes, enrollment before anything else, every outcome in the audit log.
/// </summary>
public sealed class SignInTests
{
    private static readonly DateOnly Apr1 = new(2026, 4, 1);

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task SignIn_SameCodeTwiceInItsWindow_SecondRefusedAsReplayAndAudited(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("20481", [Role.CollectionClerk], Apr1);
        var t0 = h.Clock.GetUtcNow(); // 2026-11-26 10:00:30 JST, the start of a step
        var code = p.CodeAt(t0);

        var first = await h.SignInAsync(p.StaffNo, p.Password, code);
        h.At(t0.AddSeconds(10)); // same step
        var sameStep = await h.SignInAsync(p.StaffNo, p.Password, code);
        h.At(t0.AddSeconds(40)); // next step: the code is still inside the ±1 window
        var nextStep = await h.SignInAsync(p.StaffNo, p.Password, code);

        Assert.Equal(SignInOutcome.Succeeded, first.Outcome);
        Assert.Equal(SignInOutcome.ReplayRefused, sameStep.Outcome);
        Assert.Null(sameStep.SessionToken);
        Assert.Equal(SignInOutcome.ReplayRefused, nextStep.Outcome);
        var audit = await h.AuditAsync();
        Assert.Equal(2, audit.Count(e => e.Kind == AuditEventKind.TotpReplayRefused && e.ActorName == "20481" && e.Terminal == AccountsHarness.Terminal));
        Assert.Single(audit, e => e.Kind == AuditEventKind.LoginSucceeded);
        var account = await h.AccountAsync("20481");
        Assert.Equal(t0.ToUnixTimeSeconds() / 30, account.LastTotpTimeStep);
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task SignIn_OlderStepAfterNewerOne_RefusedAsReplay(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("20482", [Role.CollectionClerk], Apr1);
        var t0 = h.Clock.GetUtcNow();
        h.At(t0.AddSeconds(30));
        var newer = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(t0.AddSeconds(30)));
        h.At(t0.AddSeconds(35));
        // The code of the previous step is still inside the ±1 window, but its step is older than the one accepted.
        var older = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(t0));

        Assert.Equal(SignInOutcome.Succeeded, newer.Outcome);
        Assert.Equal(SignInOutcome.ReplayRefused, older.Outcome);
        Assert.Contains(await h.AuditAsync(), e => e.Kind == AuditEventKind.TotpReplayRefused);
    }

    [Fact]
    public async Task SignIn_TwoConcurrentUsesOfOneCode_ExactlyOneSucceeds()
    {
        await using var h = await AccountsHarness.CreateAsync(StoreProvider.Postgres);
        var p = await h.EnrollAsync("20483", [Role.CollectionClerk], Apr1);
        var code = p.CodeAt(h.Clock.GetUtcNow());

        var results = await Task.WhenAll(
            Task.Run(() => h.SignInAsync(p.StaffNo, p.Password, code)),
            Task.Run(() => h.SignInAsync(p.StaffNo, p.Password, code)));

        Assert.Single(results, r => r.Outcome == SignInOutcome.Succeeded);
        Assert.Single(results, r => r.Outcome == SignInOutcome.ReplayRefused);
        await using var db = h.Store.Open();
        Assert.Equal(1, await db.StaffSessions.CountAsync());
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task SignIn_WrongPasswordOrWrongCode_FailedAuditedAndNoSession(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("20484", [Role.CollectionClerk], Apr1);
        var now = h.Clock.GetUtcNow();

        var wrongPassword = await h.SignInAsync(p.StaffNo, "not the password at all", p.CodeAt(now));
        var wrongCode = await h.SignInAsync(p.StaffNo, p.Password, AccountsHarness.WrongCode(p.TotpKey, now));
        var unknown = await h.SignInAsync("99871", p.Password, p.CodeAt(now));

        Assert.All([wrongPassword, wrongCode, unknown], r => Assert.Equal(SignInOutcome.Failed, r.Outcome));
        Assert.All([wrongPassword, wrongCode, unknown], r => Assert.Null(r.SessionToken));
        var failed = (await h.AuditAsync()).Where(e => e.Kind == AuditEventKind.LoginFailed).ToList();
        Assert.Equal(["パスワード誤り", "確認コード誤り", "利用者IDが登録されていない"], failed.Select(e => e.Detail));
        Assert.Null(failed[2].AccountId);
        Assert.Equal("99871", failed[2].ActorName);
        Assert.Equal(2, (await h.AccountAsync("20484")).AccessFailedCount);
        await using var db = h.Store.Open();
        Assert.Equal(0, await db.StaffSessions.CountAsync());
    }

    /// <summary>
    /// Issue 18 defect 8 (the oracle half): the answer shown for a locked ID is the answer for an unknown ID
    /// and for a wrong password, so a stranger cannot tell a real staff number by locking it.
    /// </summary>
    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task SignIn_LockedIdAndUnknownId_SameAnswer(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("20489", [Role.CollectionClerk], Apr1);
        var t0 = h.Clock.GetUtcNow();
        for (var i = 0; i < 5; i++)
            await h.SignInAsync(p.StaffNo, $"wrong password number {i}", p.CodeAt(t0));

        var locked = await h.SignInAsync(p.StaffNo, "another wrong password", p.CodeAt(t0));
        var unknown = await h.SignInAsync("20499", "another wrong password", p.CodeAt(t0));

        Assert.Equal(SignInOutcome.LockedOut, locked.Outcome); // audited as 1005; the person is not told
        Assert.Equal(unknown.Message, locked.Message);
        Assert.Equal("職員番号、パスワードまたは確認コードが違います。", locked.Message);
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task SignIn_FiveFailures_LockedFifteenMinutesThenOpens(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("20485", [Role.CollectionClerk], Apr1);
        var t0 = h.Clock.GetUtcNow(); // 10:00:30 JST

        var outcomes = new List<SignInOutcome>();
        for (var i = 0; i < 5; i++)
            outcomes.Add((await h.SignInAsync(p.StaffNo, $"wrong password number {i}", p.CodeAt(t0))).Outcome);
        h.At(t0.AddMinutes(14).AddSeconds(59));
        var during = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()));
        h.At(t0.AddMinutes(15).AddSeconds(1));
        var after = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()));

        Assert.Equal([SignInOutcome.Failed, SignInOutcome.Failed, SignInOutcome.Failed, SignInOutcome.Failed, SignInOutcome.LockedOut], outcomes);
        Assert.Equal(SignInOutcome.LockedOut, during.Outcome);
        Assert.Equal(SignInOutcome.Succeeded, after.Outcome);
        var audit = await h.AuditAsync();
        Assert.Equal(4, audit.Count(e => e.Kind == AuditEventKind.LoginFailed));
        Assert.Equal(2, audit.Count(e => e.Kind == AuditEventKind.LockedOut));
        var account = await h.AccountAsync("20485");
        Assert.Equal(0, account.AccessFailedCount);
        Assert.Equal(t0.AddMinutes(15), account.LockoutEnd);
    }

    [Fact]
    public async Task SignIn_TenWrongPasswordsInParallelOnPostgres_EveryFailureCountsAndTheIdLocks()
    {
        await using var h = await AccountsHarness.CreateAsync(StoreProvider.Postgres);
        var p = await h.EnrollAsync("20487", [Role.CollectionClerk], Apr1);
        var t0 = h.Clock.GetUtcNow();

        // A burst of guesses read the same account row; each failure must still count (no lost updates).
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(i => h.SignInAsync(p.StaffNo, $"wrong password number {i}", p.CodeAt(t0))));
        var withRightPassword = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(t0));

        Assert.Equal(SignInOutcome.LockedOut, withRightPassword.Outcome);
        Assert.DoesNotContain(outcomes, o => o.Outcome == SignInOutcome.Succeeded);
        var account = await h.AccountAsync("20487");
        Assert.Equal(t0.AddMinutes(15), account.LockoutEnd);
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task SignIn_WrongCodesCountTowardLockout_NewAccountIncluded(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("20486", [Role.CollectionClerk], Apr1);
        var now = h.Clock.GetUtcNow();

        var outcomes = new List<SignInOutcome>();
        for (var i = 0; i < 5; i++)
            outcomes.Add((await h.SignInAsync(p.StaffNo, p.Password, AccountsHarness.WrongCode(p.TotpKey, now))).Outcome);
        var withRightCode = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(now));

        Assert.True((await h.AccountAsync("20486")).LockoutEnabled);
        Assert.Equal(SignInOutcome.LockedOut, outcomes[4]);
        Assert.Equal(SignInOutcome.LockedOut, withRightCode.Outcome);
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task SignIn_BeforeEnrollment_OnlyEnrollmentRequired(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var created = await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>()
            .CreateAsync(new NewAccount("20487", "佐藤 一郎", "NZ01", "SY01", Apr1), AccountsHarness.Admin));
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().GrantAsync("20487", Role.CollectionClerk, Apr1, null, AccountsHarness.Admin));

        var withoutCode = await h.SignInAsync("20487", created.InitialPassword, null);
        var withAnyCode = await h.SignInAsync("20487", created.InitialPassword, "123456");

        Assert.Equal(SignInOutcome.EnrollmentRequired, withoutCode.Outcome);
        Assert.Equal(SignInOutcome.EnrollmentRequired, withAnyCode.Outcome);
        Assert.Null(withoutCode.SessionToken);
        await using var db = h.Store.Open();
        Assert.Equal(0, await db.StaffSessions.CountAsync());
        Assert.Equal(2, (await h.AuditAsync()).Count(e => e.Kind == AuditEventKind.LoginFailed && e.Detail!.Contains("未登録")));
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task Enrollment_UriNamesIssuerAndStaffNo_InitialPasswordMustBeReplaced(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var created = await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>()
            .CreateAsync(new NewAccount("20488", "鈴木 次郎", "NZ01", "SY01", Apr1), AccountsHarness.Admin));

        var start = await h.RunAsync(sp => sp.GetRequiredService<TotpEnrollment>().BeginAsync("20488", created.InitialPassword, AccountsHarness.Terminal));
        var key = start.SharedKey!.Replace(" ", "", StringComparison.Ordinal);
        var code = AccountsHarness.Code(key, h.Clock.GetUtcNow());
        var keepingInitial = await h.RunAsync(sp => sp.GetRequiredService<TotpEnrollment>()
            .ConfirmAsync("20488", created.InitialPassword, code, null, AccountsHarness.Terminal));
        var withNew = await h.RunAsync(sp => sp.GetRequiredService<TotpEnrollment>()
            .ConfirmAsync("20488", created.InitialPassword, code, "a pale lantern by the sea", AccountsHarness.Terminal));

        Assert.Equal($"otpauth://totp/Choshu:20488?secret={key}&issuer=Choshu&algorithm=SHA1&digits=6&period=30", start.OtpauthUri);
        Assert.Equal(32, key.Length); // 160-bit key in base 32
        Assert.Equal(EnrollmentOutcome.Refused, keepingInitial.Outcome);
        Assert.Equal(EnrollmentOutcome.Enrolled, withNew.Outcome);
        Assert.Equal(10, withNew.RecoveryCodes.Count);
        var account = await h.AccountAsync("20488");
        Assert.False(account.MustChangePassword);
        Assert.True(account.TwoFactorEnabled);
        Assert.Equal(h.Clock.GetUtcNow().UtcDateTime, account.TotpEnrolledAtUtc);
        Assert.Equal(h.Clock.GetUtcNow().ToUnixTimeSeconds() / 30, account.LastTotpTimeStep);
        var audit = await h.AuditAsync();
        Assert.Contains(audit, e => e.Kind == AuditEventKind.TotpEnrolled && e.ActorName == "20488");
        Assert.Contains(audit, e => e.Kind == AuditEventKind.PasswordChanged && e.ActorName == "20488");
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task Enrollment_ConfirmingCode_CannotBeReplayedAtSignIn(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var created = await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>()
            .CreateAsync(new NewAccount("20489", "高橋 三郎", "NZ01", "SY01", Apr1), AccountsHarness.Admin));
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().GrantAsync("20489", Role.CollectionClerk, Apr1, null, AccountsHarness.Admin));
        var start = await h.RunAsync(sp => sp.GetRequiredService<TotpEnrollment>().BeginAsync("20489", created.InitialPassword, AccountsHarness.Terminal));
        var key = start.SharedKey!.Replace(" ", "", StringComparison.Ordinal);
        var code = AccountsHarness.Code(key, h.Clock.GetUtcNow());
        await h.RunAsync(sp => sp.GetRequiredService<TotpEnrollment>()
            .ConfirmAsync("20489", created.InitialPassword, code, "a pale lantern by the sea", AccountsHarness.Terminal));

        var replay = await h.SignInAsync("20489", "a pale lantern by the sea", code);

        Assert.Equal(SignInOutcome.ReplayRefused, replay.Outcome);
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task SignIn_Succeeded_SessionTokenHashedAndLastLoginRecorded(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("20490", [Role.CollectionClerk, Role.Approver], Apr1);
        var now = h.Clock.GetUtcNow();

        var r = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(now));

        Assert.Equal(SignInOutcome.Succeeded, r.Outcome);
        Assert.Equal(43, r.SessionToken!.Length); // 32 random bytes in base64url without padding
        await using var db = h.Store.Open();
        var session = await db.StaffSessions.SingleAsync();
        Assert.Equal(StaffSignIn.HashToken(r.SessionToken), session.TokenHash);
        Assert.NotEqual(r.SessionToken, session.TokenHash);
        Assert.Equal(AccountsHarness.Terminal, session.Terminal);
        Assert.Equal(now.UtcDateTime, (await h.AccountAsync("20490")).LastLoginAtUtc);
        var login = Assert.Single(await h.AuditAsync(), e => e.Kind == AuditEventKind.LoginSucceeded);
        Assert.Equal(p.AccountId, login.AccountId);
        Assert.Equal("セッション " + session.Id + "、権限 収納担当・承認者", login.Detail);
    }
}
