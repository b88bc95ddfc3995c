using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Choshu.Web.Tests.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Choshu.Web.Tests.Cases;

/// <summary>
/// 公売 and the 配当計算書 from the case file in Debian's Chromium (today 2026-11-26 JST). 公売 太郎 owes 市民税 2026 第1期 60,000 (法定納期限
/// 2026-10-31). His officer 91801 records the sale of his land (見積価額 1,000,000), its notice (公告 2026-11-02, 公売 2026-11-13, 保証金
/// 100,000) and an appeal filed 2026-11-10: the sale decision is refused while it is pending; after the appeal is decided (棄却) the sale is
/// decided at 1,500,000 (2026-11-16), paid 2026-11-19, and the 配当計算書 sent 2026-11-19 is downloaded: a mortgage registered 2020-01-10
/// for 700,000 comes before the city's 60,000 (法定納期限 2026-10-31); no costs; surplus 1,500,000 − 700,000 − 60,000 = 740,000.
/// </summary>
public sealed class PublicSaleBrowserTests : BrowserHost
{
    private long caseId;

    protected override async Task SeedStoreAsync()
    {
        await using var db = Store.Open();
        await NoticeCity.PersonWithInstallmentAsync(db, "4600000001", "公売 太郎", "2026017301", new DateOnly(2026, 10, 31), 60_000);
    }

    private async Task<IPage> SignInAsync(StaffUser user)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url + "/Account/Login");
        await page.GetByLabel("職員番号", new() { Exact = true }).FillAsync(user.StaffNo);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(user.Password);
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffUsers.NextCode(Clock, user.TotpKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await page.GetByTestId("banner-name").WaitForAsync();
        return page;
    }

    [Fact]
    public async Task Sale_RecordedNoticed_AppealBlocksDecision_DecidedPaid_StatementDownloaded()
    {
        var (officer, _) = await StaffUsers.CreateAsync(App.Services, Clock, "91801", "島津 一郎", [Role.DelinquencyOfficer]);
        await StaffUsers.CreateAsync(App.Services, Clock, "91802", "大久保 二郎", [Role.Approver]);
        await using (var db = Store.Open())
        {
            var ids = await db.StaffAccounts.Where(a => a.StaffNo == "91801" || a.StaffNo == "91802").ToDictionaryAsync(a => a.StaffNo, a => a.Id);
            var approver = Actor.Staff(ids["91802"], "91802", "test");
            var cases = new CaseUpdates(db, Clock);
            var c = await cases.OpenAsync(approver, "4600000001");
            await cases.AssignAsync(approver, c.Id, "91801");
            caseId = c.Id;
        }

        var page = await SignInAsync(officer);
        var file = "";
        await using (var db = Store.Open())
        {
            var session = await (from s in db.StaffSessions join a in db.StaffAccounts on s.AccountId equals a.Id
                                 where a.StaffNo == "91801" && s.EndedAtUtc == null orderby s.Id descending select s.Id).FirstAsync();
            var handle = App.Services.GetRequiredService<OpaqueIds>().Protect(Choshu.Web.Pages.Cases.CaseForms.CaseHandle, caseId, session);
            file = Url + "/Cases/File/" + handle;
            await page.GotoAsync(file);
        }
        Assert.Equal("滞納者カルテ", await page.Locator("h1").InnerTextAsync());

        await page.Locator("#sale-property").FillAsync("土地 鹿児島市山下町11番 宅地 150㎡");
        await page.Locator("#sale-estimate").FillAsync("1000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "公売を記録する" }).ClickAsync();
        Assert.Equal("公売 1: 土地 鹿児島市山下町11番 宅地 150㎡ 見積価額 1,000,000円を記録しました。", await page.GetByTestId("done").InnerTextAsync());

        await page.Locator("#sale-notice-on").FillAsync("2026-11-02");
        await page.Locator("#sale-on").FillAsync("2026-11-13");
        await page.Locator("#sale-deposit").FillAsync("100000");
        await page.GetByRole(AriaRole.Button, new() { Name = "公告を記録する" }).ClickAsync();
        Assert.Equal("公売 1: 公告 2026-11-02、公売の日 2026-11-13 を記録しました。", await page.GetByTestId("done").InnerTextAsync());

        await page.Locator("#appeal-subject").FillAsync("差押処分");
        await page.Locator("#appeal-filed").FillAsync("2026-11-10");
        await page.GetByRole(AriaRole.Button, new() { Name = "不服申立てを記録する" }).ClickAsync();
        Assert.StartsWith("不服申立て 1（差押処分）を記録しました。", await page.GetByTestId("done").InnerTextAsync());

        async Task DecideAsync()
        {
            await page.Locator("#sale-date").FillAsync("2026-11-16");
            await page.Locator("#sale-buyer").FillAsync("買受 花子");
            await page.Locator("#sale-price").FillAsync("1500000");
            await page.Locator("#sale-deadline").FillAsync("2026-11-20");
            await page.GetByRole(AriaRole.Button, new() { Name = "売却決定を記録する" }).ClickAsync();
        }
        await DecideAsync();
        Assert.Contains("不服申立て", await page.Locator(".error").First.InnerTextAsync());

        await page.Locator("#appeal-date").FillAsync("2026-11-16");
        await page.Locator("#appeal-outcome").FillAsync("棄却");
        await page.GetByRole(AriaRole.Button, new() { Name = "裁決・決定を記録する" }).ClickAsync();
        Assert.Equal("不服申立て 1: 2026-11-16 棄却 を記録しました。", await page.GetByTestId("done").InnerTextAsync());

        await DecideAsync();
        Assert.Equal("公売 1: 売却決定（買受人 買受 花子、1,500,000円、納付期限 2026-11-20）を記録しました。", await page.GetByTestId("done").InnerTextAsync());
        await page.Locator("#sale-date").FillAsync("2026-11-19");
        await page.GetByRole(AriaRole.Button, new() { Name = "代金納付を記録する" }).ClickAsync();
        Assert.Equal("公売 1: 代金納付 2026-11-19 を記録しました。", await page.GetByTestId("done").InnerTextAsync());
        Assert.Contains("代金納付済", await page.GetByTestId("public-sales").InnerTextAsync());

        await page.Locator("#statement-sent").FillAsync("2026-11-19");
        await page.Locator("#statement-parties").FillAsync("担保権:鹿児島銀行:抵当権:700000:2020-01-10");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "配当計算書を作成する（PDF）" }).ClickAsync());
        var text = await NoticeCity.PdfTextAsync(await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Contains("配当計算書", text);
        Assert.Contains("鹿児島銀行", text);
        Assert.Contains("1,500,000", text);
        Assert.Contains("700,000", text);
        Assert.Contains("740,000", text);

        await page.GotoAsync(file);
        Assert.Contains("残余金 740,000円", await page.GetByTestId("distribution").InnerTextAsync());
        await page.Context.CloseAsync();
    }
}
