using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.PaymentFiles;
using static Choshu.Web.Tests.Payments.PaymentPages;

namespace Choshu.Web.Tests.Imports;

/// <summary>
/// 収納データ取込, 取込履歴 and 取込の記録 over HTTP (multipart upload with the antiforgery token), on PostgreSQL,
/// today 2026-11-26 (JST).
/// </summary>
public sealed class PaymentUploadPageTests(WebFixture web) : IClassFixture<WebFixture>
{
    private static readonly DateOnly Oct2 = new(2026, 10, 2);

    /// <summary>Posts the upload form as a browser does: the page's token, the format, the file.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string format, byte[] file, string fileName, string tokenPage = "/Imports/Payments")
    {
        var page = await client.GetAsync(tokenPage);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = Forms.Token(await page.Content.ReadAsStringAsync());
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), Forms.TokenField },
            { new StringContent(format), "Format" },
            { new StringContent(""), "Encoding" },
        };
        var bytes = new ByteArrayContent(file);
        bytes.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(bytes, "Upload", fileName);
        return await client.PostAsync("/Imports/Payments", content);
    }

    private static byte[] Csv(IEnumerable<string> lines) => new UTF8Encoding(false).GetBytes(string.Join("\r\n", lines) + "\r\n");

    /// <summary>
    /// Upload directories still holding a file of this name (other test classes may be uploading at the same
    /// moment, so each test here sends a file name of its own).
    /// </summary>
    private static string[] UploadDirectories(string fileName) =>
        Directory.GetDirectories(Path.GetTempPath(), Pages.Imports.PaymentsModel.TempPrefix + "*")
            .Where(d => File.Exists(Path.Combine(d, fileName))).ToArray();

    // A bank file of three lines for notice 2026050001: line 2 pays period 1 in full (12,300, paid 2026-09-30), line 3
    // has 金額 0 (held back: 「金額: 1円以上で指定してください。」), line 4 carries a key with a wrong check digit
    // (4,000, unmatched). The result shows every count and line 3's reason; no upload is left on disk. The same file
    // again books nothing: both readable lines are duplicates. The history lists both runs, and a run's page repeats
    // the reason with the file name and line number.
    [Fact]
    public async Task Upload_BankFileWithBadLine_ResultThenReuploadDuplicateAndHistory()
    {
        var ids = await SeedAsync(web, "1000000401", "阿久根 一子", "2026050001",
            new LedgerSeed.Inst(1, Sep30, 12_300), new LedgerSeed.Inst(2, new DateOnly(2026, 10, 30), 12_300));
        var file = Csv(Bank(
        [
            new BankLine("401", Key(ids[0]), 12_300, Sep30, Oct2),
            new BankLine("402", Key(ids[1]), 0, Sep30, Oct2),
            new BankLine("403", BadKey(ids[1]), 4_000, Sep30, Oct2),
        ]));
        var (clerk, _) = await web.CreateUserAsync("81234", "松本 里美", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(clerk);

        var html = await HtmlAsync(await UploadAsync(client, "bank", file, "bank-401.csv"));

        Assert.Equal("3", TestId(html, "read"));
        Assert.Equal("1", TestId(html, "booked"));
        Assert.Equal("12,300円", TestId(html, "booked-amount"));
        Assert.Equal("0", TestId(html, "duplicate"));
        Assert.Equal("1", TestId(html, "unmatched"));
        Assert.Equal("1", TestId(html, "quarantined"));
        Assert.Equal("0", TestId(html, "overpaid"));
        Assert.Contains("<li>bank-401.csv:3 金額: 1円以上で指定してください。</li>", html);
        Assert.Contains("保留 1 行は消し込んでいません。", html);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file)), html);
        Assert.Empty(UploadDirectories("bank-401.csv"));
        await using (var db = web.Store.Open())
        {
            var p = await db.Payments.AsNoTracking().SingleAsync(x => x.InstallmentId == ids[0]);
            Assert.Equal((PaymentChannel.Bank, PaymentStatus.Booked, 12_300L, "81234"), (p.Channel, p.Status, p.Amount, p.Actor));
        }
        var imported = Assert.Single(await web.AuditAsync(), a => a.ActorName == "81234" && a.Kind == AuditEventKind.PaymentsImported);
        Assert.Contains("読込 3 消込 1 (12300円) 重複 0 未消込 1 (4000円)", imported.Detail);

        var again = await HtmlAsync(await UploadAsync(client, "bank", file, "bank-401.csv"));
        Assert.Equal(("3", "0", "2", "0", "1"),
            (TestId(again, "read"), TestId(again, "booked"), TestId(again, "duplicate"), TestId(again, "unmatched"), TestId(again, "quarantined")));
        await using (var db = web.Store.Open())
            Assert.Equal(2, await db.Payments.CountAsync(p => p.IdempotencyKey.StartsWith("bank:0123:456:40")));

        var history = await HtmlAsync(await client.GetAsync("/Imports/History"));
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(history, $"<td><span class=\"raw\">{sha[..12]}</span></td>").Count);
        Assert.Contains("<td>松本 里美（81234）</td>", history);
        Assert.Contains("<td>bank-401.csv</td>", history);

        var run = await HtmlAsync(await client.GetAsync("/Imports/Run/" + Handle(history, "/Imports/Run")));
        Assert.Contains("<li>bank-401.csv:3 金額: 1円以上で指定してください。</li>", run);
        Assert.Contains($"<span class=\"raw\">{sha}</span>", run);
        Assert.Contains("<tr><th scope=\"row\">消込済</th><td class=\"num\">1</td><td class=\"num\">12,300円</td></tr>", run);
        Assert.Contains("<tr><th scope=\"row\">未消込</th><td class=\"num\">1</td><td class=\"num\">4,000円</td></tr>", run);
    }

    // The trailer says 3 records for 2 lines: the whole file is refused with the reader's message, nothing is booked.
    [Fact]
    public async Task Upload_TrailerCountWrong_RefusedNothingBooked()
    {
        var ids = await SeedAsync(web, "1000000402", "垂水 二郎", "2026050002", new LedgerSeed.Inst(1, Sep30, 12_300));
        var file = Csv(Bank([new BankLine("411", Key(ids[0]), 12_300, Sep30, Oct2), new BankLine("412", Key(ids[0]), 100, Sep30, Oct2)], trailerCount: 3));
        var (clerk, _) = await web.CreateUserAsync("82345", "井上 彩", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(clerk);

        var html = await HtmlAsync(await UploadAsync(client, "bank", file, "refused.csv"));

        Assert.Contains("refused.csv: ファイル全体を受け付けませんでした。消込は行っていません。", html);
        Assert.Contains("<li>refused.csv:4 件数: トレーラの件数（3件）とデータ行の件数（2件）が一致しません。ファイル全体を取り込みません。</li>", html);
        Assert.DoesNotContain("data-testid=\"result\"", html);
        Assert.Empty(UploadDirectories("refused.csv"));
        await using var db = web.Store.Open();
        Assert.False(await db.Payments.AnyAsync(p => p.InstallmentId == ids[0]));
    }

    // Issue 18: line 3 carries a 20-digit key with a correct check digit beyond any installment (it used to end the upload in a
    // 500). The page answers normally: line 2 (12,300) booked, line 3 held back with its reason.
    [Fact]
    public async Task Upload_KeyBeyondAnyInstallment_LineHeldBackRestBooked()
    {
        var ids = await SeedAsync(web, "1000000409", "出水 三郎", "2026050009", new LedgerSeed.Inst(1, Sep30, 12_300));
        var huge = "9999999999999999999" + (char)('0' + MatchKey.ComputeCheckDigit("9999999999999999999"));
        var file = Csv(Bank([new BankLine("451", Key(ids[0]), 12_300, Sep30, Oct2), new BankLine("452", huge, 4_000, Sep30, Oct2)]));
        var (clerk, _) = await web.CreateUserAsync("83901", "前田 健", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(clerk);

        var response = await UploadAsync(client, "bank", file, "huge-451.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await HtmlAsync(response);
        Assert.Equal(("2", "1", "1"), (TestId(html, "read"), TestId(html, "booked"), TestId(html, "quarantined")));
        Assert.Contains("<li>huge-451.csv:3 消込番号: 番号が大きすぎます（どの期別の消込番号でもありません）。</li>", html);
        await using var db = web.Store.Open();
        Assert.Equal(12_300, (await db.Payments.AsNoTracking().SingleAsync(p => p.InstallmentId == ids[0])).Amount);
    }

    // No file, no format: what to do, nothing imported.
    [Fact]
    public async Task Upload_NoFileNoFormat_Errors()
    {
        var (clerk, _) = await web.CreateUserAsync("83456", "木下 浩", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(clerk);
        var page = await client.GetAsync("/Imports/Payments");
        var token = Forms.Token(await page.Content.ReadAsStringAsync());
        using var content = new MultipartFormDataContent { { new StringContent(token), Forms.TokenField }, { new StringContent(""), "Format" } };

        var html = await HtmlAsync(await client.PostAsync("/Imports/Payments", content));

        Assert.Contains("ファイルの形式を選んでください。", html);
        Assert.Contains("取り込むファイルを選んでください（空のファイルは取り込めません）。", html);
        Assert.DoesNotContain(await web.AuditAsync(), a => a.ActorName == "83456" && a.Kind == AuditEventKind.PaymentsImported);
    }

    // With the limit set to 1,024 bytes, a 2,000-byte file is refused with the sizes in the message; nothing imported.
    [Fact]
    public async Task Upload_LargerThanConfiguredLimit_RefusedWithSizes()
    {
        await using var small = web.Factory.WithWebHostBuilder(b => b.UseSetting(Pages.Imports.PaymentsModel.MaxUploadSetting, "1024"));
        var (clerk, _) = await web.CreateUserAsync("84567", "森 優子", [Role.CollectionClerk]);
        var client = small.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Forms.PostAsync(client, "/Account/Login", new()
        {
            ["StaffNo"] = clerk.StaffNo, ["Password"] = clerk.Password, ["Code"] = web.NextCode(clerk.TotpKey),
        });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var html = await HtmlAsync(await UploadAsync(client, "counter", new byte[2_000], "big.csv"));

        Assert.Contains("ファイルが大きすぎます（2,000 バイト）。1,024 バイトまでのファイルにしてください。", html);
        Assert.Contains("1,024 バイトまで。", html);
        Assert.DoesNotContain(await web.AuditAsync(), a => a.ActorName == "84567" && a.Kind == AuditEventKind.PaymentsImported);
    }

    // 委託業者 posting a file with a valid token (from the home page): 403, a 5000 record, nothing imported.
    [Fact]
    public async Task Upload_Contractor_Denied403NothingImported()
    {
        var ids = await SeedAsync(web, "1000000403", "鹿屋 三子", "2026050003", new LedgerSeed.Inst(1, Sep30, 12_300));
        var (user, _) = await web.CreateUserAsync("85678", "西村 保", [Role.Contractor]);
        var client = await web.SignedInClientAsync(user);

        var r = await UploadAsync(client, "bank", Csv(Bank([new BankLine("421", Key(ids[0]), 12_300, Sep30, Oct2)])), "bank-421.csv", tokenPage: "/");

        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Single(await web.AuditAsync(), a => a.ActorName == "85678" && a.Kind == AuditEventKind.AccessDenied && a.Detail == "RecordPayments: POST /Imports/Payments");
        await using var db = web.Store.Open();
        Assert.False(await db.Payments.AnyAsync(p => p.InstallmentId == ids[0]));
        Assert.Empty(UploadDirectories("bank-421.csv"));
    }

    // A run's handle from another session is not found.
    [Fact]
    public async Task Run_HandleFromAnotherSession_NotFound()
    {
        var ids = await SeedAsync(web, "1000000404", "志布志 四郎", "2026050004", new LedgerSeed.Inst(1, Sep30, 12_300));
        await ImportAsync(web, "bank", Bank([new BankLine("431", Key(ids[0]), 12_300, Sep30, Oct2)]), "bank-431.csv");
        var (clerk, _) = await web.CreateUserAsync("86789", "池田 誠", [Role.CollectionClerk]);
        var (other, _) = await web.CreateUserAsync("87190", "石井 愛", [Role.CollectionClerk]);
        var history = await HtmlAsync(await (await web.SignedInClientAsync(clerk)).GetAsync("/Imports/History"));
        Assert.Contains("<td>bank-431.csv</td>", history);
        Assert.Contains("<td>test:import</td>", history);

        var otherClient = await web.SignedInClientAsync(other);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync("/Imports/Run/" + Handle(history, "/Imports/Run"))).StatusCode);
    }
}
