using System.Net;
using System.Text.RegularExpressions;
using Choshu.App.Accounts;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu demo</c>, the README's run command: a small synthetic city (40 taxpayers), the eight demo
/// accounts (20101–20108, one per role) with their one-time passwords on stdout, and the staff web
/// application on the address it prints. The clock is 2026-11-26 12:00 in Japan.
/// </summary>
public sealed class DemoCommandTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Postgres, StoreProvider.Sqlite };

    private static readonly (string StaffNo, Role[] Roles)[] Expected =
    [
        ("20101", [Role.CollectionClerk]),
        ("20102", [Role.DelinquencyOfficer]),
        ("20103", [Role.MyNumberClerk]),
        ("20104", [Role.Approver]),
        ("20105", [Role.SystemAdministrator]),
        ("20106", [Role.SecurityOfficer]),
        ("20107", [Role.Contractor]),
        ("20108", [Role.CollectionClerk, Role.Exporter]),
    ];

    private static string[] Args(TestStore store, params string[] args) =>
        ["demo", "--taxpayers", "40", .. args, "--db", store.Store.ConnectionString, "--keys", store.KeysFile];

    /// <summary>The initial password printed on the account's row of the table (16 characters without look-alikes).</summary>
    private static Dictionary<string, string> PrintedPasswords(string stdout) =>
        Regex.Matches(stdout, @"^\s*(20\d{3})\s.*\s([a-km-zA-HJ-NP-Z2-9]{16})\s*$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Demo_NoServe_CreatesOneAccountPerRoleEachOpeningEnrollmentWithItsPrintedPassword(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var clock = CliRunner.Clock();

        var (code, stdout, stderr) = await CliRunner.RunAsync(clock, Args(store, "--no-serve"));

        Assert.True(code == 0, stderr);
        Assert.Contains("納税義務者 41 人", stdout); // the 40 of the city and 日本年金機構, the pension payer of its pensioners (docs/seeding.md)
        Assert.Contains("デモ用の利用者IDを 8 件作成しました", stdout);
        Assert.DoesNotContain("ブラウザーで", stdout); // --no-serve: nothing started
        var passwords = PrintedPasswords(stdout);
        Assert.Equal(Expected.Select(e => e.StaffNo), passwords.Keys.Order());
        Assert.Equal(8, passwords.Values.Distinct().Count());
        foreach (var p in passwords.Values)
            Assert.DoesNotContain(p, stderr);

        await using (var db = store.Open())
        {
            var accounts = await db.StaffAccounts.AsNoTracking().OrderBy(a => a.StaffNo).ToListAsync();
            var grants = await db.RoleGrants.AsNoTracking().ToListAsync();
            Assert.Equal(Expected.Select(e => e.StaffNo), accounts.Select(a => a.StaffNo));
            foreach (var (staffNo, roles) in Expected)
            {
                var a = accounts.Single(x => x.StaffNo == staffNo);
                Assert.Equal(roles.Order(), grants.Where(g => g.AccountId == a.Id).Select(g => g.Role).Order());
                Assert.All(grants.Where(g => g.AccountId == a.Id), g => Assert.Equal((new DateOnly(2026, 11, 26), (DateOnly?)null, (DateTime?)null), (g.ValidFrom, g.ValidTo, g.RevokedAtUtc)));
                Assert.True(a.MustChangePassword);
                Assert.Null(a.TotpEnrolledAtUtc);
                Assert.Equal(new DateOnly(2026, 11, 26), a.ValidFrom);
            }
            var audit = await db.AuditEvents.AsNoTracking().Where(e => e.Kind == AuditEventKind.AccountCreated || e.Kind == AuditEventKind.RoleGranted).ToListAsync();
            Assert.Equal(8, audit.Count(e => e.Kind == AuditEventKind.AccountCreated));
            Assert.Equal(9, audit.Count(e => e.Kind == AuditEventKind.RoleGranted));
            Assert.All(audit, e => Assert.DoesNotContain(passwords["20101"], e.Detail));
        }

        // Each printed password is the account's: the first sign-in with it leads to TOTP enrollment, nothing else.
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddChoshuIdentity(store.Store);
        await using var sp = services.BuildServiceProvider();
        foreach (var (staffNo, password) in passwords)
        {
            await using var scope = sp.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<StaffSignIn>().SignInAsync(staffNo, password, null, "127.0.0.1");
            Assert.Equal((staffNo, SignInOutcome.EnrollmentRequired), (staffNo, result.Outcome));
        }
    }

    [Fact]
    public async Task Demo_SecondRun_CreatesNoAccountSaysTheyExistAndHowToReset()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var clock = CliRunner.Clock();
        var first = await CliRunner.RunAsync(clock, Args(store, "--no-serve"));
        Assert.True(first.ExitCode == 0, first.Err);
        var firstPasswords = PrintedPasswords(first.Out);

        var (code, stdout, stderr) = await CliRunner.RunAsync(clock, Args(store, "--no-serve"));

        Assert.True(code == 0, stderr);
        Assert.Contains("デモ用の利用者IDは作成済みです", stdout);
        Assert.Contains("./choshu users password 20101", stdout);
        Assert.DoesNotContain("件作成しました", stdout);
        Assert.Empty(PrintedPasswords(stdout));
        Assert.All(firstPasswords.Values, p => Assert.DoesNotContain(p, stdout));
        Assert.Contains("20107", stdout);
        await using var db = store.Open();
        Assert.Equal(8, await db.StaffAccounts.CountAsync());
        Assert.Equal(9, await db.RoleGrants.CountAsync());
        Assert.Equal(40, await db.Taxpayers.CountAsync(t => t.TaxpayerNo != Choshu.App.Seeding.WithholdingDemo.PensionPayerNo)); // the city is not seeded twice
        Assert.True(await db.Taxpayers.CountAsync(t => t.TaxpayerNo == Choshu.App.Seeding.WithholdingDemo.PensionPayerNo) <= 1); // nor its pension payer
        Assert.Equal(8, await db.AuditEvents.CountAsync(e => e.Kind == AuditEventKind.AccountCreated));
    }

    [Fact]
    public async Task Demo_StoreWithARealAccount_CreatesNoDemoAccount()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var clock = CliRunner.Clock();
        var add = await CliRunner.RunAsync(clock, "users", "add", "--staff-no", "81001", "--name", "山田 太郎", "--department", "NZ01", "--section", "SY01",
            "--db", store.Store.ConnectionString);
        Assert.True(add.ExitCode == 0, add.Err);

        var (code, stdout, stderr) = await CliRunner.RunAsync(clock, Args(store, "--no-serve"));

        Assert.True(code == 0, stderr);
        Assert.Contains("デモ用以外の利用者IDが 1 件登録されているため、デモ用の利用者IDは作成しませんでした", stdout);
        Assert.Empty(PrintedPasswords(stdout));
        await using var db = store.Open();
        Assert.Equal(["81001"], await db.StaffAccounts.Select(a => a.StaffNo).ToListAsync());
    }

    [Fact]
    public async Task Demo_Serve_PrintsUrlAndHowToLogIn_FirstLoginShowsEnrollmentQr()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var output = new StringWriter();
        var synced = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var run = CliApp.RunAsync(Args(store, "--urls", "http://127.0.0.1:0"), synced, TextWriter.Synchronized(new StringWriter()), CliRunner.Clock(), stop.Token);

        // The instructions are written line by line after the server starts: wait for their last line, then read them whole.
        const string lastLine = "終了するには Ctrl+C を押してください。";
        string text = "";
        for (var i = 0; i < 1200 && !text.Contains(lastLine, StringComparison.Ordinal) && !run.IsCompleted; i++)
        {
            await Task.Delay(100);
            lock (synced) text = output.ToString();
        }
        var url = Regex.Match(text, @"ブラウザーで (http://127\.0\.0\.1:\d+)/ を開いてください。").Groups[1].Value is { Length: > 0 } u ? u : null;
        Assert.True(url is not null, "demo printed no URL: " + (run.IsCompleted ? $"exit {await run} " : "") + text);
        Assert.Contains("職員番号と初期パスワードを入力し、確認コードは空欄のまま「ログイン」を押します", text);
        Assert.Contains("QR コードが表示されます", text);
        Assert.Contains(lastLine, text);
        var password = PrintedPasswords(text)["20101"];

        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        var login = await http.GetAsync(url + "/Account/Login");
        var page = await login.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("<h1>ログイン</h1>", page);

        // First login: staff number and the printed password, no code → the enrollment form with its QR code in the same response.
        var token = Regex.Match(page, "name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(token.Success, "no antiforgery field on the login page");
        var af = WebUtility.HtmlDecode(token.Groups[1].Value);
        var posted = await http.PostAsync(url + "/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = af, ["StaffNo"] = "20101", ["Password"] = password, ["Code"] = "",
        }));
        var enrollment = await posted.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("二要素認証の登録", enrollment);
        Assert.Contains("<svg", enrollment); // the QR code, inline

        await stop.CancelAsync();
        Assert.Equal(0, await run);
    }
}
