using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Choshu.Web.Tests.Notices;

/// <summary>
/// A 督促状 run in Debian's Chromium, as a 収納担当 makes it (today 2026-11-26 JST): 鹿児島 梅子 owes 市民税 2026 第1期
/// 10,000 due 2026-06-30 (late fee to the deadline under 1,000 yen, so none; the reminder fee 100). With the env var
/// CHOSHU_SCREENSHOTS set to a folder, the preview and the run page are saved there as PNG to be looked at.
/// </summary>
public sealed class NoticeBrowserTests : BrowserHost
{
    protected override async Task SeedStoreAsync()
    {
        await using var db = Store.Open();
        await NoticeCity.PersonWithInstallmentAsync(db, "4200000001", "鹿児島 梅子", "2026016001", new DateOnly(2026, 6, 30), 10_000);
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("CHOSHU_SCREENSHOTS") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
        }
    }

    // From the menu: 基準日 2026-11-26, 納期限 2026-06-01〜06-30 → プレビュー: 1 通, 10,100円 (市民税 1通 本税 10,000円); 作成する →
    // the run page, 作成済; the PDF downloads (%PDF, her name in its text); 発付日 2026-11-26 → 発送 1 通, 督促手数料 100円, 発送済;
    // the letter recorded as returned from the 返戻 page puts her on the unresolved list.
    [Fact]
    public async Task ReminderRun_PreviewGenerateDownloadDispatch()
    {
        var (user, _) = await StaffUsers.CreateAsync(App.Services, Clock, "91301", "有村 一郎", [Role.CollectionClerk]);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"{m.Text} ({m.Location})"); };
        await page.GotoAsync(Url + "/Account/Login");
        await page.GetByLabel("職員番号", new() { Exact = true }).FillAsync(user.StaffNo);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(user.Password);
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffUsers.NextCode(Clock, user.TotpKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await page.GetByTestId("banner-name").WaitForAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = "督促状 一括作成" }).ClickAsync();
        Assert.Equal("督促状 一括作成", await page.Locator("h1").InnerTextAsync());
        await page.GetByLabel("基準日").FillAsync("2026-11-26");
        await page.GetByLabel("納期限（から）").FillAsync("2026-06-01");
        await page.GetByLabel("納期限（まで）").FillAsync("2026-06-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "プレビュー" }).ClickAsync();

        Assert.Equal("1 通", await page.GetByTestId("preview-letters").InnerTextAsync());
        Assert.Equal("10,100円", await page.GetByTestId("preview-amount").InnerTextAsync());
        Assert.Contains("市民税\t1\t1\t10,000円\t10,100円", await page.GetByTestId("preview-by-kind").InnerTextAsync());
        Assert.Contains("鹿児島 梅子", await page.GetByTestId("preview-letters-table").InnerTextAsync());
        await ShotAsync(page, "notice-preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "作成する" }).ClickAsync();
        Assert.StartsWith("督促状 一括作成 ", await page.Locator("h1").InnerTextAsync());
        Assert.StartsWith(Url + "/Notices/Run/CfDJ8", page.Url);
        Assert.Equal("作成済", await page.GetByTestId("run-state").InnerTextAsync());
        Assert.Equal("10,100円", await page.GetByTestId("run-amount").InnerTextAsync());
        await ShotAsync(page, "notice-run-generated");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "PDF（庁内印刷）" }).ClickAsync());
        var path = await download.PathAsync();
        var pdf = await File.ReadAllBytesAsync(path);
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        Assert.Matches(@"^reminder-run-\d+\.pdf$", download.SuggestedFilename);
        var text = await NoticeCity.PdfTextAsync(pdf);
        Assert.Contains("鹿児島 梅子", text);
        Assert.Contains("督促状", text);

        await page.GetByLabel("発付日").FillAsync("2026-11-26");
        await page.GetByRole(AriaRole.Button, new() { Name = "発送を記録する" }).ClickAsync();
        Assert.Contains("発送 1 通、抜き取り 0 通、事績 1 件、督促手数料 100円", await page.GetByTestId("dispatch-done").InnerTextAsync());
        Assert.Equal("発送済", await page.GetByTestId("run-state").InnerTextAsync());
        Assert.Contains("令和8年11月26日", await page.GetByTestId("run-dispatched-on").InnerTextAsync());
        await ShotAsync(page, "notice-run-dispatched");

        // The letter comes back (転居先不明): entered from the menu by its 発行番号, she is listed as unresolved.
        var document = (await page.GetByTestId("letters").Locator("tbody tr td").Nth(1).InnerTextAsync()).Trim();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = "返戻" }).ClickAsync();
        await page.GetByLabel("発行番号").FillAsync(document);
        await page.GetByLabel("返戻日").FillAsync("2026-11-26");
        await page.GetByLabel("返戻事由").SelectOptionAsync(new SelectOptionValue { Label = "転居先不明" });
        await page.GetByRole(AriaRole.Button, new() { Name = "返戻を登録する" }).ClickAsync();
        Assert.Contains($"（発行番号 {document}、転居先不明）を登録しました", await page.GetByTestId("returned-done").InnerTextAsync());
        Assert.Contains("鹿児島 梅子", await page.GetByTestId("unresolved").InnerTextAsync());
        await ShotAsync(page, "notice-returned");

        // Her page lists the letter: 督促状, 発送済, returned and unresolved, with 再印刷.
        await page.GetByTestId("unresolved").GetByRole(AriaRole.Link, new() { Name = "鹿児島 梅子" }).ClickAsync();
        var history = await page.GetByTestId("notices").InnerTextAsync();
        Assert.Contains($"{document}\t本人\t10,100円\t発送済\t2026-11-26（未解消）\t再印刷", history);
        await page.GetByTestId("notices").ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "notice-taxpayer-history");
        Assert.Empty(problems);
        await context.CloseAsync();

        await using var db = Store.Open();
        var kinds = await db.AuditEvents.AsNoTracking().Where(e => e.ActorName == "91301").Select(e => (int)e.Kind).ToListAsync();
        Assert.Contains(3030, kinds);
        Assert.Contains(4001, kinds);
        Assert.Contains(3031, kinds);
    }
}
