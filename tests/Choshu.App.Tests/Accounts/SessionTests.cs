using Choshu.App.Accounts;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Choshu.App.Tests.Accounts;

/// <summary>Sessions: 15 idle minutes end one, re-authentication before a My Number reveal, logout, lapsed rights end one.</summary>
public sealed class SessionTests
{
    private static readonly DateOnly Apr1 = new(2026, 4, 1);

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task Validate_IdleFourteen59StillValid_Idle15m01Ended(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("30001", [Role.CollectionClerk], Apr1);
        var t0 = h.Clock.GetUtcNow(); // 2026-11-26 10:00:30 JST
        var token = (await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(t0))).SessionToken!;

        h.At(t0.AddMinutes(14).AddSeconds(59)); // 10:15:29: idle 14:59
        var still = await h.ValidateAsync(token);
        var seen = t0.AddMinutes(14).AddSeconds(59);
        h.At(seen.AddMinutes(15).AddSeconds(1)); // 10:30:30: idle 15:01 since the last request
        var ended = await h.ValidateAsync(token);
        var afterwards = await h.ValidateAsync(token);

        Assert.Equal(SessionStatus.Valid, still.Status);
        Assert.Equal(Actor.Staff(p.AccountId, "30001", AccountsHarness.Terminal, still.Session!.Id), still.Actor! with { KnownRoles = null });
        Assert.Equal([Role.CollectionClerk], still.Roles);
        Assert.Equal(new DateOnly(2026, 11, 26), still.Actor!.KnownRoles!.Day);
        Assert.Equal([Role.CollectionClerk], still.Actor.KnownRoles.Roles);
        Assert.Equal(SessionStatus.Ended, ended.Status);
        Assert.Equal(SessionEndReasons.Idle, ended.EndReason);
        Assert.Equal(SessionStatus.Ended, afterwards.Status);
        var expired = Assert.Single(await h.AuditAsync(), e => e.Kind == AuditEventKind.SessionExpired);
        Assert.Equal(p.AccountId, expired.AccountId);
        Assert.Equal("2026-11-26T10:30:30.000000+09:00", expired.OccurredAtJst);
        await using var db = h.Store.Open();
        var session = await db.StaffSessions.SingleAsync();
        Assert.Equal(seen.UtcDateTime, session.LastSeenAtUtc);
        Assert.Equal(seen.AddMinutes(15).AddSeconds(1).UtcDateTime, session.EndedAtUtc);
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task Validate_WithinThirtySecondsOfLastRecord_NotRewritten_LaterRequestRestartsIdleClock(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("30002", [Role.CollectionClerk], Apr1);
        var t0 = h.Clock.GetUtcNow(); // 2026-11-26 10:00:30 JST
        var token = (await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(t0))).SessionToken!;

        h.At(t0.AddSeconds(29)); // 10:00:59: the recorded 10:00:30 is fresh enough
        var early = await h.ValidateAsync(token);
        DateTime afterEarly;
        await using (var db = h.Store.Open()) afterEarly = (await db.StaffSessions.SingleAsync()).LastSeenAtUtc;
        h.At(t0.AddSeconds(30)); // 10:01:00: 30 s old, recorded again
        var later = await h.ValidateAsync(token);
        DateTime afterLater;
        await using (var db = h.Store.Open()) afterLater = (await db.StaffSessions.SingleAsync()).LastSeenAtUtc;
        h.At(t0.AddSeconds(30).AddMinutes(14).AddSeconds(59)); // 10:15:59: idle 14:59 since 10:01:00
        var still = await h.ValidateAsync(token);

        Assert.Equal(SessionStatus.Valid, early.Status);
        Assert.Equal(t0.UtcDateTime, afterEarly);
        Assert.Equal(SessionStatus.Valid, later.Status);
        Assert.Equal(t0.AddSeconds(30).UtcDateTime, afterLater);
        Assert.Equal(SessionStatus.Valid, still.Status);
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task Reauthenticate_RightPasswordAndFreshCode_RecentForFiveMinutes(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("30002", [Role.MyNumberClerk], Apr1);
        var t0 = h.Clock.GetUtcNow();
        var token = (await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(t0))).SessionToken!;

        h.At(t0.AddSeconds(20)); // same step as the sign-in
        var reused = await h.RunAsync(sp => sp.GetRequiredService<StaffSignIn>().ReauthenticateAsync(token, p.Password, p.CodeAt(t0)));
        h.At(t0.AddSeconds(30));
        var wrong = await h.RunAsync(sp => sp.GetRequiredService<StaffSignIn>().ReauthenticateAsync(token, "not my password at all", p.CodeAt(h.Clock.GetUtcNow())));
        h.At(t0.AddMinutes(1)); // 10:01:30
        var ok = await h.RunAsync(sp => sp.GetRequiredService<StaffSignIn>().ReauthenticateAsync(token, p.Password, p.CodeAt(h.Clock.GetUtcNow())));
        h.At(t0.AddMinutes(6));
        var within = await h.ValidateAsync(token);
        var recentAt6 = StaffSignIn.HasRecentReauthentication(within.Session!, h.Clock);
        h.At(t0.AddMinutes(6).AddSeconds(1));
        var later = await h.ValidateAsync(token);
        var recentAt6m01 = StaffSignIn.HasRecentReauthentication(later.Session!, h.Clock);

        Assert.Equal(ReauthenticationOutcome.ReplayRefused, reused.Outcome); // the sign-in's own code
        Assert.Equal(ReauthenticationOutcome.Failed, wrong.Outcome);
        Assert.Equal(ReauthenticationOutcome.Succeeded, ok.Outcome);
        Assert.True(recentAt6);    // re-authenticated at 10:01:30, checked at 10:06:30: 5 minutes
        Assert.False(recentAt6m01); // 5 minutes 1 second
        var audit = await h.AuditAsync();
        Assert.Single(audit, e => e.Kind == AuditEventKind.Reauthenticated);
        Assert.Single(audit, e => e.Kind == AuditEventKind.ReauthenticationFailed);
        Assert.Single(audit, e => e.Kind == AuditEventKind.TotpReplayRefused);
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task Logout_EndsSessionAndAudits(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("30003", [Role.CollectionClerk], Apr1);
        var token = (await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()))).SessionToken!;

        var loggedOut = await h.RunAsync(sp => sp.GetRequiredService<StaffSignIn>().LogoutAsync(token));
        var check = await h.ValidateAsync(token);

        Assert.True(loggedOut);
        Assert.Equal(SessionStatus.Ended, check.Status);
        Assert.Equal(SessionEndReasons.Logout, check.EndReason);
        Assert.Single(await h.AuditAsync(), e => e.Kind == AuditEventKind.Logout && e.AccountId == p.AccountId);
        Assert.Equal(SessionStatus.Unknown, (await h.ValidateAsync("not-a-token")).Status);
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task ChangePassword_WithCurrentPasswordAndCode_NewOneWorksOldOneNot(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("30004", [Role.CollectionClerk], Apr1);
        var t0 = h.Clock.GetUtcNow();
        var token = (await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(t0))).SessionToken!;
        h.At(t0.AddSeconds(30));

        var tooShort = await h.RunAsync(sp => sp.GetRequiredService<StaffSignIn>()
            .ChangePasswordAsync(p.StaffNo, p.Password, "short one", p.CodeAt(h.Clock.GetUtcNow()), AccountsHarness.Terminal));
        h.At(t0.AddSeconds(60)); // the refused change used its code (the second factor is checked first)
        var changed = await h.RunAsync(sp => sp.GetRequiredService<StaffSignIn>()
            .ChangePasswordAsync(p.StaffNo, p.Password, "seven quiet herons at dawn", p.CodeAt(h.Clock.GetUtcNow()), AccountsHarness.Terminal));
        h.At(t0.AddSeconds(90));
        var withOld = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()));
        var withNew = await h.SignInAsync(p.StaffNo, "seven quiet herons at dawn", p.CodeAt(h.Clock.GetUtcNow()));

        Assert.Equal(PasswordChangeOutcome.Refused, tooShort.Outcome);
        Assert.Contains("パスワードは 12 文字以上にしてください。", tooShort.Errors);
        Assert.Equal(PasswordChangeOutcome.Succeeded, changed.Outcome);
        Assert.Equal(SignInOutcome.Failed, withOld.Outcome);
        Assert.Equal(SignInOutcome.Succeeded, withNew.Outcome);
        Assert.Equal(SessionEndReasons.CredentialsChanged, (await h.ValidateAsync(token)).EndReason);
    }

    /// <summary>
    /// Issue 18 defect 10: the password change answers nothing about the current password before the second
    /// factor. With a wrong code, a weak new password or one equal to the current password gets the same
    /// answer as a wrong current password (no "refused" with reasons, which would tell the password was right).
    /// </summary>
    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task ChangePassword_RightPasswordWrongCode_SameAnswerAsWrongPasswordNoReasons(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("30005", [Role.CollectionClerk], Apr1);
        h.At(h.Clock.GetUtcNow().AddSeconds(30));
        var wrongCode = p.CodeAt(h.Clock.GetUtcNow().AddMinutes(10));

        var weak = await h.RunAsync(sp => sp.GetRequiredService<StaffSignIn>()
            .ChangePasswordAsync(p.StaffNo, p.Password, "short one", wrongCode, AccountsHarness.Terminal));
        var same = await h.RunAsync(sp => sp.GetRequiredService<StaffSignIn>()
            .ChangePasswordAsync(p.StaffNo, p.Password, p.Password, wrongCode, AccountsHarness.Terminal));
        var wrongPassword = await h.RunAsync(sp => sp.GetRequiredService<StaffSignIn>()
            .ChangePasswordAsync(p.StaffNo, "not the password at all", "short one", wrongCode, AccountsHarness.Terminal));

        Assert.Equal((PasswordChangeOutcome.Failed, wrongPassword.Message, 0), (weak.Outcome, weak.Message, weak.Errors.Count));
        Assert.Equal((PasswordChangeOutcome.Failed, wrongPassword.Message, 0), (same.Outcome, same.Message, same.Errors.Count));
        Assert.Equal(PasswordChangeOutcome.Failed, wrongPassword.Outcome);
    }
}
