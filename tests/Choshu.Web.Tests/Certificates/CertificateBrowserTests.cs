using System.Text.RegularExpressions;
using Choshu.Domain.Security;
using Choshu.Web.Tests.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Choshu.Web.Tests.Certificates;

/// <summary>
/// A 納税証明書 at the counter in Debian's Chromium, as a 収納担当 issues it (today 2026-11-26 JST): 鹿児島 桜 owes 市民税 2026
/// 第1期 10,000 due 2026-06-30. 完納 is refused; 納税額 shows 10,000 unpaid, downloads as a PDF with her name and the 和暦
/// date, appears in her history, and its verification number is found on the verify page.
/// </summary>
public sealed partial class CertificateBrowserTests : BrowserHost
{
    protected override async Task SeedStoreAsync()
    {
        await using var db = Store.Open();
        await NoticeCity.PersonWithInstallmentAsync(db, "4200000002", "鹿児島 桜", "2026016002", new DateOnly(2026, 6, 30), 10_000);
    }

    [GeneratedRegex(@"照合番号\s+(\d{4}-\d{4}-\d{4}-\d{4})")]
    private static partial Regex NumberPattern();

    [Fact]
    public async Task CounterCertificate_RefusedNoArrearsThenAmountsIssuedListedAndVerified()
    {
        var (user, _) = await StaffUsers.CreateAsync(App.Services, Clock, "91401", "有村 二郎", [Role.CollectionClerk]);
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

        // Find her through the search, open her page, then the certificate page.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = "納税義務者検索" }).ClickAsync();
        await page.GetByLabel("宛名番号").FillAsync("4200000002");
        await page.GetByRole(AriaRole.Button, new() { Name = "検索する" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "鹿児島 桜" }).ClickAsync();
        Assert.Contains("この方に発行した納税証明書はありません。", await page.GetByTestId("certificates-none").InnerTextAsync());
        await page.GetByTestId("issue-certificate").ClickAsync();
        Assert.Equal("納税証明書の発行", await page.Locator("h1").InnerTextAsync());

        // 完納: refused, in Japanese.
        await page.GetByLabel("証明書の種類").SelectOptionAsync(new SelectOptionValue { Label = "納税証明書（完納）" });
        await page.GetByLabel("証明する年度（西暦。複数は空白で区切る）").FillAsync("2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "内容を確認" }).ClickAsync();
        Assert.Contains("未納の税額があるため、完納証明書は発行できません（市民税 2026年度 第1期）", await page.GetByRole(AriaRole.Alert).InnerTextAsync());

        // 納税額: 10,000 fixed, nothing paid, 10,000 unpaid; fee 300円.
        await page.GetByLabel("証明書の種類").SelectOptionAsync(new SelectOptionValue { Label = "納税証明書（納税額）" });
        await page.GetByRole(AriaRole.Button, new() { Name = "内容を確認" }).ClickAsync();
        var preview = await page.GetByTestId("certificate-preview").InnerTextAsync();
        Assert.Contains("市民税\t令和8年度\t10,000円\t0円\t10,000円", preview);
        Assert.Equal("300円", await page.GetByTestId("certificate-fee").InnerTextAsync());

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "発行して印刷" }).ClickAsync());
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        var text = await NoticeCity.PdfTextAsync(pdf);
        Assert.Contains("鹿児島 桜", text);
        Assert.Contains("令和8年11月26日", text);
        Assert.Contains("10,000円", text);
        var number = NumberPattern().Match(text).Groups[1].Value;
        Assert.Matches(@"^\d{4}-\d{4}-\d{4}-\d{4}$", number);

        // Her history lists it.
        await page.GetByRole(AriaRole.Link, new() { Name = "鹿児島 桜" }).ClickAsync();
        Assert.Contains("納税証明書（納税額）\t2026", await page.GetByTestId("certificates").InnerTextAsync());

        // The verify page finds it by its number.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = "納税証明書の照合" }).ClickAsync();
        await page.GetByLabel("照合番号").FillAsync(number);
        await page.GetByRole(AriaRole.Button, new() { Name = "照合する" }).ClickAsync();
        var found = await page.GetByTestId("verify-found").InnerTextAsync();
        Assert.Contains("4200000002 鹿児島 桜", found);
        Assert.Contains("市民税\t令和8年度\t10,000円\t0円\t10,000円", found);
        Assert.Empty(problems);
        await context.CloseAsync();

        await using var db = Store.Open();
        var kinds = await db.AuditEvents.AsNoTracking().Where(e => e.ActorName == "91401").Select(e => (int)e.Kind).ToListAsync();
        Assert.Contains(2021, kinds);
        Assert.Contains(4020, kinds);
        Assert.Contains(2020, kinds);
    }
}
