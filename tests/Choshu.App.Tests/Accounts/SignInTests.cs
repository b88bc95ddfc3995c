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
        await using var db = h.Store.Open();
        Assert.Equal(0, await db.StaffSessions.CountAsync());
        // Each failure counted by the throttle (issue 18), for its pair (typed ID, source); the typed ID only as its hash.
        var failures = await db.SignInFailures.AsNoTracking().ToListAsync();
        Assert.Equal(3, failures.Count);
        Assert.All(failures, f => Assert.Equal(AccountsHarness.Terminal, f.Source));
        Assert.Equal(2, failures.Count(f => f.IdKey == SignInThrottle.IdKey("20484")));
        Assert.DoesNotContain(failures, f => f.IdKey.Contains("20484", StringComparison.Ordinal) || f.IdKey.Contains("99871", StringComparison.Ordinal));
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
        foreach (var source in new[] { "10.1.0.1", "10.1.0.1", "10.1.0.2", "10.1.0.2", "10.1.0.3" })
            await h.SignInFromAsync(source, p.StaffNo, "wrong password number", p.CodeAt(t0));

        var locked = await h.SignInFromAsync("10.1.0.4", p.StaffNo, "another wrong password", p.CodeAt(t0));
        var unknown = await h.SignInFromAsync("10.1.0.4", "20499", "another wrong password", p.CodeAt(t0));

        Assert.Equal(SignInOutcome.LockedOut, locked.Outcome); // audited as 1005; the person is not told
        Assert.Equal(unknown.Message, locked.Message);
        Assert.Equal("職員番号、パスワードまたは確認コードが違います。", locked.Message);
    }

    /// <summary>
    /// Issue 18 defect 8: failures from one source slow that source only. From 10.9.9.9 the first 3 failures are answered
    /// (10:00:30, :31, :32 JST); the 4th attempt is refused until 30 s after the 3rd (10:01:02), with the same answer and
    /// without checking the password — the right password and code too; at 10:01:02 it is heard (wrong again: the next
    /// is allowed 60 s later, 10:02:02), and at 10:02:02 the right password and code sign in.
    /// </summary>
    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task SignIn_ThreeFailuresFromOneSource_RefusedUntil30sThen60sRightPasswordIncluded(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("20490", [Role.CollectionClerk], Apr1);
        var t0 = h.Clock.GetUtcNow(); // 10:00:30 JST
        const string a = "10.9.9.9";

        var outcomes = new List<SignInOutcome>();
        for (var i = 0; i < 3; i++)
        {
            h.At(t0.AddSeconds(i));
            outcomes.Add((await h.SignInFromAsync(a, p.StaffNo, $"wrong password number {i}", "000000")).Outcome);
        }
        h.At(t0.AddSeconds(3));
        var early = await h.SignInFromAsync(a, p.StaffNo, "wrong password number 3", "000000");
        h.At(t0.AddSeconds(31));
        var rightButEarly = await h.SignInFromAsync(a, p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()));
        h.At(t0.AddSeconds(32));
        var fourth = await h.SignInFromAsync(a, p.StaffNo, "wrong password number 4", "000000");
        h.At(t0.AddSeconds(91));
        var beforeSixty = await h.SignInFromAsync(a, p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()));
        h.At(t0.AddSeconds(92));
        var right = await h.SignInFromAsync(a, p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()));

        Assert.Equal([SignInOutcome.Failed, SignInOutcome.Failed, SignInOutcome.Failed], outcomes);
        Assert.Equal(SignInOutcome.Throttled, early.Outcome);
        Assert.Equal(SignInOutcome.Throttled, rightButEarly.Outcome);
        Assert.Null(rightButEarly.SessionToken);
        Assert.Equal("職員番号、パスワードまたは確認コードが違います。", rightButEarly.Message);
        Assert.Equal(SignInOutcome.Failed, fourth.Outcome);
        Assert.Equal(SignInOutcome.Throttled, beforeSixty.Outcome);
        Assert.Equal(SignInOutcome.Succeeded, right.Outcome);
        var audit = await h.AuditAsync();
        var throttled = audit.Where(e => e.Kind == AuditEventKind.SignInThrottled).ToList();
        Assert.Equal(3, throttled.Count);
        Assert.All(throttled, e => Assert.Equal((AuditOutcome.Denied, a, "20490"), (e.Outcome, e.Terminal, e.ActorName)));
        Assert.Equal("ログイン試行の抑止: 送信元 10.9.9.9、同じ利用者IDと送信元からの失敗 3 回のため 2026-11-26 10:01:02 まで受け付けない（パスワードは確認せず）", throttled[0].Detail);
        Assert.Equal("ログイン試行の抑止: 送信元 10.9.9.9、同じ利用者IDと送信元からの失敗 4 回のため 2026-11-26 10:02:02 まで受け付けない（パスワードは確認せず）", throttled[2].Detail);
        Assert.DoesNotContain(audit, e => e.Kind == AuditEventKind.LockedOut);
        await using var db = h.Store.Open();
        Assert.Equal(0, await db.SignInFailures.CountAsync()); // the success cleared the pair
    }

    /// <summary>
    /// Issue 18 defect 8 (lockout as a weapon): a stranger's 20 failures from 10.66.6.6, spread over 3 h 15 min 32 s so that
    /// each is heard (3 free, then 30, 60, 120, 240, 480 s and twelve times the cap of 900 s: the delays the throttle asks), neither
    /// lock the ID nor stop the staff member signing in from her own desk (10.0.0.15) with the right password and code,
    /// while the stranger's source is still refused.
    /// </summary>
    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task SignIn_StrangersTwentyFailuresFromSourceA_StaffFromSourceBStillAdmitted(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("20491", [Role.CollectionClerk], Apr1);
        const string a = "10.66.6.6";
        var limits = new SignInThrottleLimits(3, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(900), 10, TimeSpan.FromDays(1), 3, 5);

        var failed = 0;
        var refusedOnTheWay = 0;
        while (failed < 20)
        {
            var r = await h.SignInFromAsync(a, p.StaffNo, $"guess number {failed}", "123456");
            if (r.Outcome == SignInOutcome.Failed)
            {
                failed++;
                // The next try one second early (refused), then one on time.
                h.Clock.Advance(failed < 3 ? TimeSpan.FromSeconds(1) : limits.DelayAfter(failed, 3) - TimeSpan.FromSeconds(1));
            }
            else
            {
                Assert.Equal(SignInOutcome.Throttled, r.Outcome);
                refusedOnTheWay++;
                h.Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }
        var strangerWithRight = await h.SignInFromAsync(a, p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()));
        var staff = await h.SignInFromAsync(AccountsHarness.Terminal, p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()));

        Assert.Equal(17, refusedOnTheWay); // each delay was tried a second early once
        Assert.Equal(SignInOutcome.Throttled, strangerWithRight.Outcome);
        Assert.Equal(SignInOutcome.Succeeded, staff.Outcome);
        Assert.Null((await h.AccountAsync("20491")).LockoutEnd);
        var audit = await h.AuditAsync();
        Assert.Equal(20, audit.Count(e => e.Kind == AuditEventKind.LoginFailed && e.Terminal == a));
        Assert.DoesNotContain(audit, e => e.Kind == AuditEventKind.LockedOut);
    }

    /// <summary>Unknown and known IDs are throttled alike: the same outcomes and answers, attempt for attempt.</summary>
    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task SignIn_UnknownAndKnownIds_AnsweredAlikeAttemptForAttempt(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("20492", [Role.CollectionClerk], Apr1);
        var t0 = h.Clock.GetUtcNow();
        var known = new List<(SignInOutcome, string)>();
        var unknown = new List<(SignInOutcome, string)>();
        foreach (var second in new[] { 0, 1, 2, 3, 31, 32, 33, 92 })
        {
            h.At(t0.AddSeconds(second));
            var k = await h.SignInFromAsync("10.7.0.1", p.StaffNo, "not her password", "123456");
            var u = await h.SignInFromAsync("10.7.0.2", "20493", "not her password", "123456");
            known.Add((k.Outcome, k.Message));
            unknown.Add((u.Outcome, u.Message));
        }

        Assert.Equal(unknown, known);
        Assert.Equal([SignInOutcome.Failed, SignInOutcome.Failed, SignInOutcome.Failed, SignInOutcome.Throttled, SignInOutcome.Throttled,
            SignInOutcome.Failed, SignInOutcome.Throttled, SignInOutcome.Failed], known.Select(x => x.Item1));
        Assert.Single(known.Select(x => x.Item2).Distinct());
    }

    /// <summary>A source trying many IDs is slowed: 10 failures from one source with 10 different IDs, the 11th ID is refused for 30 s.</summary>
    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task SignIn_OneSourceTenIds_EleventhIdRefusedThirtySeconds(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("20494", [Role.CollectionClerk], Apr1);
        var t0 = h.Clock.GetUtcNow();
        for (var i = 0; i < 10; i++)
            Assert.Equal(SignInOutcome.Failed, (await h.SignInFromAsync("10.8.0.1", $"3000{i}", "spray password", "123456")).Outcome);

        var eleventh = await h.SignInFromAsync("10.8.0.1", p.StaffNo, p.Password, p.CodeAt(t0));
        var otherSource = await h.SignInFromAsync("10.8.0.2", "30011", "spray password", "123456");
        h.At(t0.AddSeconds(30));
        var later = await h.SignInFromAsync("10.8.0.1", p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()));

        Assert.Equal(SignInOutcome.Throttled, eleventh.Outcome);
        Assert.Equal(SignInOutcome.Failed, otherSource.Outcome);
        Assert.Equal(SignInOutcome.Succeeded, later.Outcome);
        Assert.Contains(await h.AuditAsync(), e => e.Kind == AuditEventKind.SignInThrottled
            && e.Detail!.Contains("同じ送信元からの失敗 10 回（利用者IDを問わず）", StringComparison.Ordinal));
    }

    /// <summary>
    /// The hard lock needs failures from several sources: 2 from each of 10.5.0.1 and 10.5.0.2 and a 5th from 10.5.0.3
    /// lock the ID for 15 minutes (1005), so the right password from a fourth source is refused at 14:59 and admitted at 15:01.
    /// </summary>
    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task SignIn_FailuresFromThreeSources_LockedFifteenMinutesThenOpens(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("20485", [Role.CollectionClerk], Apr1);
        var t0 = h.Clock.GetUtcNow(); // 10:00:30 JST

        var outcomes = new List<SignInOutcome>();
        foreach (var source in new[] { "10.5.0.1", "10.5.0.1", "10.5.0.2", "10.5.0.2", "10.5.0.3" })
            outcomes.Add((await h.SignInFromAsync(source, p.StaffNo, "wrong password", p.CodeAt(t0))).Outcome);
        h.At(t0.AddMinutes(14).AddSeconds(59));
        var during = await h.SignInFromAsync("10.5.0.4", p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()));
        h.At(t0.AddMinutes(15).AddSeconds(1));
        var after = await h.SignInFromAsync("10.5.0.4", p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()));

        Assert.Equal([SignInOutcome.Failed, SignInOutcome.Failed, SignInOutcome.Failed, SignInOutcome.Failed, SignInOutcome.LockedOut], outcomes);
        Assert.Equal(SignInOutcome.LockedOut, during.Outcome);
        Assert.Equal(SignInOutcome.Succeeded, after.Outcome);
        var audit = await h.AuditAsync();
        Assert.Equal(4, audit.Count(e => e.Kind == AuditEventKind.LoginFailed));
        var locks = audit.Where(e => e.Kind == AuditEventKind.LockedOut).ToList();
        Assert.Equal(2, locks.Count);
        Assert.Equal("パスワード誤り（送信元 10.5.0.3）: 3 か所以上の送信元から計 5 回以上の失敗で 15 分間ロック", locks[0].Detail);
        Assert.Equal(t0.AddMinutes(15), (await h.AccountAsync("20485")).LockoutEnd);
    }

    [Fact]
    public async Task SignIn_TenWrongPasswordsInParallelFromTenSourcesOnPostgres_EveryFailureCountsAndTheIdLocks()
    {
        await using var h = await AccountsHarness.CreateAsync(StoreProvider.Postgres);
        var p = await h.EnrollAsync("20487", [Role.CollectionClerk], Apr1);
        var t0 = h.Clock.GetUtcNow();

        // A burst of guesses on one ID from ten sources; each failure must still count (attempts on one ID are serialised).
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(i => h.SignInFromAsync($"10.4.0.{i}", p.StaffNo, $"wrong password number {i}", p.CodeAt(t0))));
        var withRightPassword = await h.SignInFromAsync("10.4.1.1", p.StaffNo, p.Password, p.CodeAt(t0));

        Assert.Equal(SignInOutcome.LockedOut, withRightPassword.Outcome);
        Assert.DoesNotContain(outcomes, o => o.Outcome == SignInOutcome.Succeeded);
        Assert.Equal(4, outcomes.Count(o => o.Outcome == SignInOutcome.Failed)); // the 5th locks; the rest are refused by the lock
        Assert.Equal(6, outcomes.Count(o => o.Outcome == SignInOutcome.LockedOut));
        Assert.Equal(t0.AddMinutes(15), (await h.AccountAsync("20487")).LockoutEnd);
    }

    [Fact]
    public async Task SignIn_TenWrongPasswordsInParallelFromOneSourceOnPostgres_ThreeHeardRestThrottled()
    {
        await using var h = await AccountsHarness.CreateAsync(StoreProvider.Postgres);
        var p = await h.EnrollAsync("20486", [Role.CollectionClerk], Apr1);
        var t0 = h.Clock.GetUtcNow();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(i => h.SignInFromAsync("10.3.0.1", p.StaffNo, $"wrong password number {i}", p.CodeAt(t0))));

        Assert.Equal(3, outcomes.Count(o => o.Outcome == SignInOutcome.Failed));
        Assert.Equal(7, outcomes.Count(o => o.Outcome == SignInOutcome.Throttled));
        await using var db = h.Store.Open();
        Assert.Equal(3, await db.SignInFailures.CountAsync());
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task SignIn_WrongCodesFromThreeSourcesLock_NewAccountIncluded(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("20488", [Role.CollectionClerk], Apr1);
        var now = h.Clock.GetUtcNow();

        var outcomes = new List<SignInOutcome>();
        foreach (var source in new[] { "10.2.0.1", "10.2.0.2", "10.2.0.3", "10.2.0.1", "10.2.0.2" })
            outcomes.Add((await h.SignInFromAsync(source, p.StaffNo, p.Password, AccountsHarness.WrongCode(p.TotpKey, now))).Outcome);
        var withRightCode = await h.SignInFromAsync("10.2.0.4", p.StaffNo, p.Password, p.CodeAt(now));

        Assert.True((await h.AccountAsync("20488")).LockoutEnabled);
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
