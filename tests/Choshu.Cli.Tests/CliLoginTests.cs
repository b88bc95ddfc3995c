using Choshu.App.Accounts;
using Choshu.Data;
using Choshu.Data.Security;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.Cli.Tests;

/// <summary>
/// Issue 18, defect 6: a person-bound command (<c>--operator</c>) proves who runs it. <c>choshu login</c> signs in with
/// password and TOTP code (piped here as two lines of standard input) through StaffSignIn, opens a CLI session bound to
/// this OS uid for <c>cli.session_minutes</c> (15) and writes only its token to a mode-0600 file. Taxpayer 1000000001;
/// staff 300001 承認者, 200001 滞納整理担当 (given the password and a TOTP key by <see cref="CliLogins.ProvisionAsync"/>).
/// Today 2026-11-26 12:00 JST.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CliLoginTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("choshu-cli-login-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly long Uid = CliTerminal.Piped("", "x").Uid;

    private sealed record Setup(TestStore Store, FakeTimeProvider Clock, string TokenFile) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Store.DisposeAsync();

        public string[] With(params string[] args) => [.. args, "--db", Store.Store.ConnectionString, "--keys", Store.KeysFile];

        public Task<(int ExitCode, string Out, string Err)> RunAsync(string input, params string[] args) =>
            CliRunner.RunAsync(Clock, CliTerminal.Piped(input, TokenFile), With(args));

        public Task<(int ExitCode, string Out, string Err)> RunAsUidAsync(long uid, params string[] args) =>
            CliRunner.RunAsync(Clock, CliTerminal.Piped("", TokenFile, uid), With(args));

        /// <summary>The password and the next usable code of <paramref name="staffNo"/>, as two lines.</summary>
        public async Task<string> CredentialsAsync(string staffNo) =>
            $"{CliLogins.Password}\n{await CliLogins.ProvisionAsync(Store.Store, Clock, staffNo)}\n";

        public async Task<(int ExitCode, string Out, string Err)> LoginAsync(string staffNo) =>
            await RunAsync(await CredentialsAsync(staffNo), "login", "--operator", staffNo);
    }

    private async Task<Setup> SeedAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using (var db = store.Open())
        {
            await LedgerSeed.TaxpayerAsync(db, "1000000001");
            await StaffSeed.AddAsync(db, "200001", "滞納 一郎", StaffSeed.Holds(Role.DelinquencyOfficer));
            await StaffSeed.AddAsync(db, "300001", "承認 三郎", StaffSeed.Holds(Role.Approver));
        }
        return new Setup(store, CliRunner.Clock(), Path.Combine(_dir, $"token-{provider}"));
    }

    private static async Task<List<AuditEvent>> AuditSinceAsync(TestStore store, long id)
    {
        await using var db = store.Open();
        return await db.AuditEvents.AsNoTracking().Where(e => e.Id > id).OrderBy(e => e.Id).ToListAsync();
    }

    private static async Task<long> LastAuditIdAsync(TestStore store)
    {
        await using var db = store.Open();
        return await db.AuditEvents.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    private static async Task<int> CaseCountAsync(TestStore store)
    {
        await using var db = store.Open();
        return await db.CollectionCases.CountAsync();
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task PersonBoundCommand_OnlyOperatorWithoutLogin_RefusedAndAudited(StoreProvider provider)
    {
        await using var s = await SeedAsync(provider);
        var before = await LastAuditIdAsync(s.Store);

        // Before issue 18 this opened the case in 300001's name for anyone with a shell.
        var r = await s.RunAsync("", "case", "open", "--taxpayer", "1000000001", "--operator", "300001");

        Assert.Equal(3, r.ExitCode);
        Assert.Contains("職員番号 300001 として操作するには本人の確認が必要です（ログインしていません）", r.Err);
        Assert.Contains("choshu login --operator 300001", r.Err);
        Assert.Equal(0, await CaseCountAsync(s.Store));
        var refusal = Assert.Single(await AuditSinceAsync(s.Store, before));
        Assert.Equal(AuditEventKind.CliOperatorRefused, refusal.Kind);
        Assert.Equal(AuditOutcome.Denied, refusal.Outcome);
        Assert.Equal("300001", refusal.ActorName);
        Assert.NotNull(refusal.AccountId);
        Assert.Equal($"cli:{Environment.MachineName} os:{Environment.UserName}(uid {Uid}) tty:なし", refusal.Terminal);
        Assert.Equal("choshu case open: ログインしていません", refusal.Detail);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task Login_ThenPersonBoundCommand_AuditNamesStaffOsUserAndTerminal_TokenRefusedByTheWeb(StoreProvider provider)
    {
        await using var s = await SeedAsync(provider);

        var login = await s.LoginAsync("300001");
        Assert.True(login.ExitCode == 0, login.Err);
        Assert.Contains("職員番号 300001 としてログインしました（2026-11-26 12:15 まで", login.Out);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(s.TokenFile));
        var token = File.ReadAllText(s.TokenFile).Trim();
        Assert.Equal(43, token.Length); // 32 random bytes, base64url: nothing else is in the file
        Assert.DoesNotContain("300001", File.ReadAllText(s.TokenFile));

        var who = await s.RunAsync("", "whoami");
        Assert.Equal(0, who.ExitCode);
        Assert.Contains("職員番号 300001 承認 三郎（2026-11-26 12:15 まで", who.Out);

        var before = await LastAuditIdAsync(s.Store);
        var open = await s.RunAsync("", "case", "open", "--taxpayer", "1000000001", "--operator", "300001");
        Assert.True(open.ExitCode == 0, open.Err);
        var opened = Assert.Single(await AuditSinceAsync(s.Store, before), e => e.Kind == AuditEventKind.CaseOpened);
        Assert.Equal("300001", opened.ActorName);
        Assert.Equal(ActorKind.Staff, opened.ActorKind);
        Assert.Equal($"cli:{Environment.MachineName} os:{Environment.UserName}(uid {Uid}) tty:なし", opened.Terminal);

        await using var db = s.Store.Open();
        var session = await db.StaffSessions.AsNoTracking().SingleAsync(x => x.TokenHash == StaffSignIn.HashToken(token));
        Assert.Equal((StaffSession.Cli, Uid, Environment.UserName), (session.Channel, session.OsUid!.Value, session.OsUser));
        Assert.Equal(new DateTime(2026, 11, 26, 3, 15, 0), session.ExpiresAtUtc!.Value, TimeSpan.FromSeconds(1));
        var signedIn = await db.AuditEvents.AsNoTracking().Where(e => e.Kind == AuditEventKind.LoginSucceeded).SingleAsync();
        Assert.Contains($"CLI（OS ユーザー {Environment.UserName}（uid {Uid}）、端末 なし、2026-11-26 12:15 まで）", signedIn.Detail);

        // The web's session check does not know a CLI token.
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(s.Clock);
        services.AddChoshuIdentity(s.Store.Store);
        await using var provider2 = services.BuildServiceProvider();
        await using var scope = provider2.CreateAsyncScope();
        var web = await scope.ServiceProvider.GetRequiredService<StaffSignIn>().ValidateAsync(token);
        Assert.Equal(SessionStatus.Unknown, web.Status);
        Assert.False(web.IsValid);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task LoginToken_WrongStaffOtherUidWideModeOrExpired_Refused(StoreProvider provider)
    {
        await using var s = await SeedAsync(provider);
        var login = await s.LoginAsync("300001");
        Assert.True(login.ExitCode == 0, login.Err);
        var before = await LastAuditIdAsync(s.Store);

        // 300001's login used for 200001.
        var other = await s.RunAsync("", "case", "open", "--taxpayer", "1000000001", "--operator", "200001");
        Assert.Equal(3, other.ExitCode);
        Assert.Contains("ログイン中の職員番号は 300001 です（--operator 200001 とは別の人）", other.Err);

        // The same file read by another OS user (the file is not theirs).
        var otherUid = await s.RunAsUidAsync(Uid + 1, "case", "open", "--taxpayer", "1000000001", "--operator", "300001");
        Assert.Equal(3, otherUid.ExitCode);
        Assert.Contains("別の OS ユーザー", otherUid.Err);

        // A token file others can read.
        File.SetUnixFileMode(s.TokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var wide = await s.RunAsync("", "case", "open", "--taxpayer", "1000000001", "--operator", "300001");
        Assert.Equal(3, wide.ExitCode);
        Assert.Contains("権限が所有者以外にも開かれています（0644）", wide.Err);
        File.SetUnixFileMode(s.TokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // 14 minutes on the login still holds; at 15 minutes it has ended.
        s.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(0, (await s.RunAsync("", "case", "open", "--taxpayer", "1000000001", "--operator", "300001")).ExitCode);
        s.Clock.Advance(TimeSpan.FromMinutes(1));
        var expired = await s.RunAsync("", "case", "assign", "--taxpayer", "1000000001", "--officer", "200001", "--operator", "300001");
        Assert.Equal(3, expired.ExitCode);
        Assert.Contains("ログインの有効期限が過ぎています", expired.Err);

        var written = await AuditSinceAsync(s.Store, before);
        Assert.Collection(written.Where(e => e.Kind == AuditEventKind.CliOperatorRefused).Select(e => e.Detail!),
            d => Assert.Equal("choshu case open: ログイン中の職員番号は 300001 です（--operator 200001 とは別の人）", d),
            d => Assert.StartsWith($"choshu case open: トークンファイル {s.TokenFile} の所有者が別の OS ユーザー（番号 {Uid}）です", d),
            d => Assert.StartsWith($"choshu case open: トークンファイル {s.TokenFile} の権限が所有者以外にも開かれています（0644）", d),
            d => Assert.Equal("choshu case assign: ログインの有効期限が過ぎています", d));
        Assert.Contains(written, e => e.Kind == AuditEventKind.SessionExpired && e.ActorName == "300001");
        Assert.Equal(1, await CaseCountAsync(s.Store));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task WrongCode_RefusedAndCountedTowardLockout_PromptedCredentialsServeOneCommand(StoreProvider provider)
    {
        await using var s = await SeedAsync(provider);
        await s.CredentialsAsync("300001");

        var wrongLogin = await s.RunAsync($"{CliLogins.Password}\n000000\n", "login", "--operator", "300001");
        Assert.Equal(3, wrongLogin.ExitCode);
        Assert.Contains("職員番号、パスワードまたは確認コードが違います。", wrongLogin.Err);
        Assert.False(File.Exists(s.TokenFile));

        var wrongPrompt = await s.RunAsync($"{CliLogins.Password}\n000000\n", "case", "open", "--taxpayer", "1000000001", "--operator", "300001", "--prompt-credentials");
        Assert.Equal(3, wrongPrompt.ExitCode);
        Assert.Contains("職員番号、パスワードまたは確認コードが違います。", wrongPrompt.Err);

        await using (var db = s.Store.Open())
        {
            // Both failures counted by the sign-in throttle (defect 8), from the CLI source cli:OSUSER.
            var failures = await db.SignInFailures.AsNoTracking().Where(f => f.IdKey == Choshu.App.Accounts.SignInThrottle.IdKey("300001")).Select(f => f.Source).ToListAsync();
            Assert.Equal(["cli:" + Environment.UserName, "cli:" + Environment.UserName], failures);
            Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Kind == AuditEventKind.LoginFailed && e.Detail == "確認コード誤り"));
        }

        // The right password and code, asked for this command only: it runs; the session ended as it opened.
        var right = await s.RunAsync(await s.CredentialsAsync("300001"), "case", "open", "--taxpayer", "1000000001", "--operator", "300001", "--prompt-credentials");
        Assert.True(right.ExitCode == 0, right.Err);
        await using (var db = s.Store.Open())
        {
            var session = await db.StaffSessions.AsNoTracking().SingleAsync();
            Assert.Equal(SessionEndReasons.SingleCommand, session.EndReason);
            Assert.Equal(0, (await db.StaffAccounts.AsNoTracking().SingleAsync(a => a.StaffNo == "300001")).AccessFailedCount);
            Assert.Equal("300001", (await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Kind == AuditEventKind.CaseOpened)).ActorName);
        }
        Assert.False(File.Exists(s.TokenFile));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task Logout_EndsTheSessionAndRemovesTheFile(StoreProvider provider)
    {
        await using var s = await SeedAsync(provider);
        var login = await s.LoginAsync("300001");
        Assert.True(login.ExitCode == 0, login.Err);
        var token = File.ReadAllText(s.TokenFile).Trim();

        var logout = await s.RunAsync("", "logout");
        Assert.Equal(0, logout.ExitCode);
        Assert.Contains("ログアウトしました", logout.Out);
        Assert.False(File.Exists(s.TokenFile));
        await using (var db = s.Store.Open())
        {
            var session = await db.StaffSessions.AsNoTracking().SingleAsync(x => x.TokenHash == StaffSignIn.HashToken(token));
            Assert.Equal(SessionEndReasons.Logout, session.EndReason);
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Kind == AuditEventKind.Logout && e.ActorName == "300001"));
        }

        // The old token put back is refused: its session has ended.
        File.WriteAllText(s.TokenFile, token);
        File.SetUnixFileMode(s.TokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var after = await s.RunAsync("", "case", "open", "--taxpayer", "1000000001", "--operator", "300001");
        Assert.Equal(3, after.ExitCode);
        Assert.Contains("ログインは終了しています", after.Err);
        Assert.Equal(1, (await s.RunAsync("", "whoami")).ExitCode);
    }
}
