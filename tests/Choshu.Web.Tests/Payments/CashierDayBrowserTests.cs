using Choshu.TestSupport;
using Microsoft.Playwright;
using static Choshu.Web.Tests.Payments.PaymentPages;

namespace Choshu.Web.Tests.Payments;

/// <summary>A cashier's day in Chromium: one receipt for three installments of two notices with change, its PDF, the daily
/// report, the day close, and next morning a late entry for the closed day counted in the open day (today 2026-11-26 JST).</summary>
public sealed class CashierDayBrowserTests : PaymentBrowser
{
    private static readonly DateOnly Nov30 = new(2026, 11, 30);
    private static readonly DateOnly Dec28 = new(2026, 12, 28);

    // 2026070001 (鹿児島 一子) periods 4 and 5: 30,000 and 20,000; 2026070002 (霧島 二郎) period 4: 15,000, period 5: 8,000.
    // 2026-11-26: the first three on one receipt, 65,000, 70,000 handed over, おつり 5,000; the day's report 3 / 65,000; closed.
    // 2026-11-27: 8,000 for 2026070002 period 5 paid on the 26th is entered: 収入日 2026-11-27 (後日入力), listed in the 27th's
    // report; the 26th's report still 3 / 65,000.
    [Fact]
    public async Task CashierDay_ReceiptWithChangePdfReportCloseAndLateEntry()
    {
        await SeedAsync(Store, "1000000601", "鹿児島 一子", "2026070001", new LedgerSeed.Inst(4, Nov30, 30_000), new LedgerSeed.Inst(5, Dec28, 20_000));
        await SeedAsync(Store, "1000000602", "霧島 二郎", "2026070002", new LedgerSeed.Inst(4, Nov30, 15_000), new LedgerSeed.Inst(5, Dec28, 8_000));
        var (page, problems) = await SignedInPageAsync("93456", "山下 和子");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = "まとめて収納（領収証書）" }).ClickAsync();
        await FillLineAsync(page, 1, "2026070001", "4");
        await FillLineAsync(page, 2, "2026070001", "5");
        await FillLineAsync(page, 3, "2026070002", "4");
        await page.GetByLabel("お預かり（円）").FillAsync("70,000");
        await page.GetByRole(AriaRole.Button, new() { Name = "確認する" }).ClickAsync();
        Assert.Equal("65,000円", await page.GetByTestId("desk-total").InnerTextAsync());
        Assert.Equal("5,000円", await page.GetByTestId("desk-change").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "納付を記録する" }).ClickAsync();

        Assert.Equal("領収証書", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("65,000 円", await page.GetByTestId("receipt-amount").InnerTextAsync());
        Assert.Equal("70,000 円", await page.GetByTestId("receipt-tendered").InnerTextAsync());
        Assert.Equal("5,000 円", await page.GetByTestId("receipt-change").InnerTextAsync());
        Assert.Equal("令和8年11月26日", await page.GetByTestId("receipt-paid-on").InnerTextAsync());
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "PDF で印刷する" }).ClickAsync());
        var pdfPath = Path.Combine(Path.GetTempPath(), $"choshu-receipt-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(pdfPath);
        var text = Poppler.Text(await File.ReadAllBytesAsync(pdfPath));
        File.Delete(pdfPath);
        Assert.Contains("領収証書", text);
        Assert.Contains("65,000", text);
        Assert.Contains("70,000", text);
        Assert.Contains("令和8年11月26日", text);
        Assert.Contains("鹿児島市", text);

        await page.GotoAsync(Url + "/Reports/Daily?Date=2026-11-26");
        Assert.Contains("消込済　3 件　65,000円", await page.Locator("caption").First.InnerTextAsync());

        await page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = "日計締め" }).ClickAsync();
        Assert.Equal("65,000円", await page.GetByTestId("day-amount").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "この日の日計を締める" }).ClickAsync();
        Assert.StartsWith("収入日 令和8年11月26日", await page.GetByTestId("day-done").InnerTextAsync());
        Assert.StartsWith("締め済み", await page.GetByTestId("day-status").InnerTextAsync());
        Assert.Empty(problems);

        // Next morning: a payment made on the 26th, entered late.
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(9)));
        var (next, _) = await SignedInPageAsync("93457", "川内 三郎");
        await next.GotoAsync(Url + "/Payments/Desk");
        await FillLineAsync(next, 1, "2026070002", "5");
        await next.GetByLabel("納付日").FillAsync("2026-11-26");
        await next.GetByLabel("お預かり（円）").FillAsync("10000");
        await next.GetByRole(AriaRole.Button, new() { Name = "確認する" }).ClickAsync();
        Assert.Equal("2,000円", await next.GetByTestId("desk-change").InnerTextAsync());
        await next.GetByRole(AriaRole.Button, new() { Name = "納付を記録する" }).ClickAsync();
        Assert.Equal("令和8年11月26日", await next.GetByTestId("receipt-paid-on").InnerTextAsync());
        Assert.Equal("令和8年11月27日（後日入力）", await next.GetByTestId("receipt-received-on").InnerTextAsync());

        await next.GotoAsync(Url + "/Reports/Daily?Date=2026-11-27");
        Assert.Contains("消込済　1 件　8,000円", await next.Locator("caption").First.InnerTextAsync());
        var late = await next.GetByTestId("daily-late").InnerTextAsync();
        Assert.Contains("2026070002 第5期", late);
        Assert.Contains("令和8年11月26日", late);

        await next.GotoAsync(Url + "/Reports/Daily?Date=2026-11-26");
        Assert.Contains("消込済　3 件　65,000円", await next.Locator("caption").First.InnerTextAsync());
        Assert.StartsWith("日計締め済み", await next.GetByTestId("daily-closed").InnerTextAsync());
    }

    private static async Task FillLineAsync(IPage page, int row, string noticeNo, string period)
    {
        await page.GetByLabel($"{row} 行目の通知書番号").FillAsync(noticeNo);
        await page.GetByLabel($"{row} 行目の期別").FillAsync(period);
    }
}
