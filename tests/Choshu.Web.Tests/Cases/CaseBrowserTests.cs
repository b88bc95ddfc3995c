using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Domain.Security;
using Choshu.Web.Tests.Taxpayers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Choshu.Web.Tests.Cases;

/// <summary>
/// An officer's day in Debian's Chromium (Playwright, a real Kestrel port, <see cref="TaxpayerCity"/>): 鹿児島 花子's case is
/// opened and given to the officer 64101 by the approver 64109; the officer signs in, opens 担当事案一覧 from the menu, opens the
/// case file (an opaque handle in the address), and logs a call. (The pledge part of the walk is added with pledges.)
/// </summary>
public sealed class CaseBrowserTests : BrowserHost
{
    protected override Task SeedStoreAsync() => TaxpayerCity.SeedAsync(Store, Clock);

    [Fact]
    public async Task Worklist_OpenCaseFile_LogACall()
    {
        var (officer, _) = await StaffUsers.CreateAsync(App.Services, Clock, "64101", "新納 正人", [Role.DelinquencyOfficer]);
        await StaffUsers.CreateAsync(App.Services, Clock, "64109", "島津 義久", [Role.Approver]);
        await using (var db = Store.Open())
        {
            var approverId = await db.StaffAccounts.Where(a => a.StaffNo == "64109").Select(a => a.Id).SingleAsync();
            var approver = Actor.Staff(approverId, "64109", "test");
            var cases = new CaseUpdates(db, Clock);
            var c = await cases.OpenAsync(approver, TaxpayerCity.HanakoNo);
            await cases.AssignAsync(approver, c.Id, "64101");
        }
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"{m.Text} ({m.Location})"); };

        await page.GotoAsync(Url + "/Account/Login");
        await page.GetByLabel("職員番号", new() { Exact = true }).FillAsync(officer.StaffNo);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(officer.Password);
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffUsers.NextCode(Clock, officer.TotpKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "業務メニュー" }).GetByRole(AriaRole.Link, new() { Name = "担当事案一覧" }).ClickAsync();
        Assert.Equal("担当事案一覧", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("64101 新納 正人 の事案 1 件", await page.GetByTestId("worklist-head").InnerTextAsync());

        await page.GetByTestId("worklist").GetByRole(AriaRole.Link, new() { Name = TaxpayerCity.HanakoNo }).ClickAsync();
        Assert.Equal("滞納者カルテ", await page.Locator("h1").InnerTextAsync());
        Assert.StartsWith(Url + "/Cases/File/CfDJ8", page.Url);
        Assert.Contains("鹿児島 花子", await page.GetByTestId("case-head").InnerTextAsync());
        Assert.Equal("64101 新納 正人", await page.GetByTestId("officer").InnerTextAsync());

        var logForm = page.GetByTestId("log-form");
        await logForm.GetByLabel("方法").SelectOptionAsync(new SelectOptionValue { Label = "電話" });
        await logForm.GetByLabel("相手方").FillAsync("本人");
        await logForm.GetByLabel("内容").FillAsync("本人と通話。12月25日までに納付すると。");
        await logForm.GetByLabel("次回の予定").FillAsync("納付確認");
        await logForm.GetByRole(AriaRole.Button, new() { Name = "記録する" }).ClickAsync();

        Assert.StartsWith("経過記録", await page.GetByTestId("done").InnerTextAsync());
        var row = page.GetByTestId("log").Locator("tbody tr").First;
        Assert.Contains("本人と通話。12月25日までに納付すると。", await row.InnerTextAsync());
        Assert.Contains("電話", await row.InnerTextAsync());
        Assert.Empty(problems);
        await context.CloseAsync();
    }
}
