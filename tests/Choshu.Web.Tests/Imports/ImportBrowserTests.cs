using System.Text;
using Choshu.TestSupport;
using Choshu.Web.Tests.Payments;
using Microsoft.Playwright;
using static Choshu.TestSupport.PaymentFiles;
using static Choshu.Web.Tests.Payments.PaymentPages;

namespace Choshu.Web.Tests.Imports;

/// <summary>Uploading a payment file in Chromium and reading the result, then the history (today 2026-11-26 JST).</summary>
public sealed class ImportBrowserTests : PaymentBrowser
{
    // A bank file for notice 2026070001: line 2 pays period 1 (12,300), line 3 has 金額 0. The clerk picks the format
    // and the file, imports it and sees 2 lines read, 1 booked for 12,300円, 1 held with its line number and reason;
    // the run's page repeats the reason and the history names the clerk.
    [Fact]
    public async Task UploadFile_SeeResultAndHistory()
    {
        var ids = await SeedAsync(Store, "1000000601", "阿久根 一子", "2026070001", new LedgerSeed.Inst(1, Sep30, 12_300));
        var file = new UTF8Encoding(false).GetBytes(string.Join("\r\n", Bank(
        [
            new BankLine("601", Key(ids[0]), 12_300, Sep30, new DateOnly(2026, 10, 2)),
            new BankLine("602", Key(ids[0]), 0, Sep30, new DateOnly(2026, 10, 2)),
        ])) + "\r\n");
        var (page, problems) = await SignedInPageAsync("93456", "鈴木 健");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = "収納データ取込" }).ClickAsync();
        await page.GetByLabel("ファイルの形式").SelectOptionAsync("bank");
        await page.GetByLabel("ファイル", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "bank.csv", MimeType = "text/csv", Buffer = file });
        await page.GetByRole(AriaRole.Button, new() { Name = "取り込む" }).ClickAsync();

        await page.Locator("#result-heading, [role=alert]").First.WaitForAsync();
        Assert.Equal("", string.Join(" ", await page.Locator("[role=alert]").AllInnerTextsAsync()));
        Assert.Equal("取込結果", await page.Locator("#result-heading").InnerTextAsync());
        Assert.Equal("2", await page.GetByTestId("read").InnerTextAsync());
        Assert.Equal("1", await page.GetByTestId("booked").InnerTextAsync());
        Assert.Equal("12,300円", await page.GetByTestId("booked-amount").InnerTextAsync());
        Assert.Equal("1", await page.GetByTestId("quarantined").InnerTextAsync());
        Assert.Equal("bank.csv:3 金額: 1円以上で指定してください。", await page.GetByTestId("line-errors").Locator("li").InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "この取込の記録を開く" }).ClickAsync();
        Assert.StartsWith("取込の記録（取込番号 ", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("bank.csv:3 金額: 1円以上で指定してください。", await page.GetByTestId("run-errors").Locator("li").InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "取込履歴へ戻る" }).ClickAsync();
        Assert.Contains("鈴木 健（93456）", await page.GetByTestId("history").InnerTextAsync());
        Assert.Empty(problems);
    }
}
