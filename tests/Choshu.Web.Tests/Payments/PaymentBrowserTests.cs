using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Choshu.TestSupport.PaymentFiles;
using static Choshu.Web.Tests.Payments.PaymentPages;

namespace Choshu.Web.Tests.Payments;

/// <summary>The counter payment and the manual match in Chromium, as a clerk does them (today 2026-11-26 JST).</summary>
public sealed class PaymentBrowserTests : PaymentBrowser
{
    // Notice 2026060001 period 1: 12,300 due 2026-06-30. From the menu: look it up, see the name and 12,300円 due,
    // enter 12,300 paid on 2026-06-30, and get the 領収証書 (12,300 円, 令和8年6月30日) with a working print button;
    // printed, the menu and buttons disappear and the receipt stays. No console error (CSP) on the way.
    [Fact]
    public async Task CounterPayment_EnterAndSeeReceipt()
    {
        var ids = await SeedAsync(Store, "1000000501", "鹿児島 花子", "2026060001", new LedgerSeed.Inst(1, June30, 12_300));
        var (page, problems) = await SignedInPageAsync("91234", "田中 一郎");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = "窓口収納" }).ClickAsync();
        Assert.Equal("窓口収納", await page.Locator("h1").InnerTextAsync());
        await page.GetByLabel("通知書番号", new() { Exact = true }).FillAsync("2026060001");
        await page.GetByLabel("期別", new() { Exact = true }).FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "照会する" }).ClickAsync();

        Assert.Equal("鹿児島 花子", await page.GetByTestId("taxpayer-name").InnerTextAsync());
        Assert.Equal("12,300円", await page.GetByTestId("amount-due-total").InnerTextAsync());
        await page.GetByLabel("納付額（円）").FillAsync("12,300");
        await page.GetByLabel("納付日").FillAsync("2026-06-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "納付を記録する" }).ClickAsync();

        Assert.Equal("領収証書", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("12,300 円", await page.GetByTestId("receipt-amount").InnerTextAsync());
        Assert.Equal("令和8年6月30日", await page.GetByTestId("receipt-paid-on").InnerTextAsync());
        Assert.Equal("田中 一郎", await page.GetByTestId("receipt-staff").InnerTextAsync());
        Assert.Matches("^W261126-", await page.GetByTestId("receipt-no").InnerTextAsync());
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "印刷する" }).IsVisibleAsync(), "print.js shows the print button");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).IsVisibleAsync());
        Assert.False(await page.GetByRole(AriaRole.Link, new() { Name = "続けて窓口収納を入力する" }).IsVisibleAsync());
        Assert.True(await page.GetByTestId("receipt").IsVisibleAsync());
        Assert.Empty(problems);

        await using var db = Store.Open();
        Assert.Equal(12_300L, (await db.Payments.AsNoTracking().SingleAsync(p => p.InstallmentId == ids[0])).Amount);
    }

    // A bank payment of 20,000 whose key has a wrong check digit waits in 未消込一覧. With JavaScript off, the clerk
    // opens it, names notice 2026060002 period 1, checks the taxpayer on the confirm step and matches it.
    [Fact]
    public async Task UnmatchedPayment_MatchWithoutJavaScript()
    {
        var ids = await SeedAsync(Store, "1000000502", "出水 二郎", "2026060002", new LedgerSeed.Inst(1, Sep30, 20_000));
        await ImportAsync(Store, Clock, "bank", Bank([new BankLine("501", BadKey(ids[0]), 20_000, Sep30, new DateOnly(2026, 10, 2))]), "bank.csv");
        long paymentId;
        await using (var db = Store.Open())
            paymentId = (await db.Payments.AsNoTracking().SingleAsync()).Id;
        var (page, _) = await SignedInPageAsync("92345", "佐藤 美咲", javaScript: false);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = "未消込一覧" }).ClickAsync();
        Assert.Contains("未消込 1 件、合計 20,000円", await page.Locator("caption").InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = $"収納番号 {paymentId} の消込先を指定" }).ClickAsync();
        await page.GetByLabel("通知書番号", new() { Exact = true }).FillAsync("2026060002");
        await page.GetByLabel("期別", new() { Exact = true }).FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "消込先を確認する" }).ClickAsync();

        Assert.Equal("この期別に消し込みます。よろしいですか", await page.Locator("h2").InnerTextAsync());
        Assert.Equal("出水 二郎", await page.GetByTestId("taxpayer-name").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "消し込む", Exact = true }).ClickAsync();

        Assert.Equal($"収納番号 {paymentId} の 20,000円 を消し込みました。", await page.GetByTestId("match-done").InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "未消込一覧へ戻る" }).ClickAsync();
        Assert.Equal("未消込の収納はありません。", await page.GetByRole(AriaRole.Status).InnerTextAsync());
    }
}
