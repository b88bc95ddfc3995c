using Choshu.App.Cases;
using Choshu.App.Enforcement;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Formats.Payments;
using Choshu.Web.Security;
using Choshu.Web.Tests.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Choshu.Web.Tests.Cases;

/// <summary>
/// 滞納処分費 shown where balances are listed (today 2026-11-26 JST). 費用 三郎 owes 市民税 2026 第1期 20,000 due 2026-10-31; his officer
/// 91901 charged 滞納処分費 5,000; a counter payment of 3,000 on 2026-11-26 went wholly to the costs (2,000 still unpaid, the claim
/// untouched). The case file shows 「滞納処分費（未納）2,000円」 and 計 5,000・充当済 3,000・未納 2,000; the taxpayer page the same at the head
/// of 現在の未納, with the claim's 20,000 still owed.
/// </summary>
public sealed class EnforcementCostBrowserTests : BrowserHost
{
    protected override async Task SeedStoreAsync()
    {
        await using var db = Store.Open();
        await NoticeCity.PersonWithInstallmentAsync(db, "4500000001", "費用 三郎", "2026019601", new DateOnly(2026, 10, 31), 20_000);
    }

    [Fact]
    public async Task UnpaidCosts_OnTheCaseFileAndTheTaxpayerPage_AfterAPaymentWhollyToTheCosts()
    {
        var (officer, _) = await StaffUsers.CreateAsync(App.Services, Clock, "91901", "桐野 一郎", [Role.DelinquencyOfficer]);
        await StaffUsers.CreateAsync(App.Services, Clock, "91902", "村田 二郎", [Role.Approver]);
        long caseId;
        await using (var db = Store.Open())
        {
            var ids = await db.StaffAccounts.Where(a => a.StaffNo == "91901" || a.StaffNo == "91902").ToDictionaryAsync(a => a.StaffNo, a => a.Id);
            var me = Actor.Staff(ids["91901"], "91901", "test");
            var cases = new CaseUpdates(db, Clock);
            var c = await cases.OpenAsync(Actor.Staff(ids["91902"], "91902", "test"), "4500000001");
            await cases.AssignAsync(Actor.Staff(ids["91902"], "91902", "test"), c.Id, "91901");
            caseId = c.Id;
            await new EnforcementRecords(db, Clock).ChargeCostAsync(me, "4500000001", 5_000, "差押物の運搬費", new DateOnly(2026, 11, 20));
            var inst = await db.Installments.Where(i => i.Assessment!.NoticeNo == "2026019601").Select(i => i.Id).SingleAsync();
            var key = new MatchKey(inst);
            var paid = await SinglePaymentBooking.BookAsync(Store.Store, new PaymentRecord(0, PaymentRecordKind.Payment, PaymentChannel.Counter, key.Value, key, 3_000,
                new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 26), "窓口", PaymentDetails.CounterKeyPrefix + "K-1", "窓口: テスト 3000円"), me, Clock, CancellationToken.None);
            Assert.Equal(BookingOutcome.Booked, paid.Outcome);
        }

        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url + "/Account/Login");
        await page.GetByLabel("職員番号", new() { Exact = true }).FillAsync(officer.StaffNo);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(officer.Password);
        await page.GetByLabel("確認コード（6桁）").FillAsync(StaffUsers.NextCode(Clock, officer.TotpKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await page.GetByTestId("banner-name").WaitForAsync();
        string caseHandle, taxpayerHandle;
        await using (var db = Store.Open())
        {
            var session = await (from s in db.StaffSessions join a in db.StaffAccounts on s.AccountId equals a.Id
                                 where a.StaffNo == "91901" && s.EndedAtUtc == null orderby s.Id descending select s.Id).FirstAsync();
            var opaque = App.Services.GetRequiredService<OpaqueIds>();
            caseHandle = opaque.Protect(Choshu.Web.Pages.Cases.CaseForms.CaseHandle, caseId, session);
            taxpayerHandle = opaque.Protect(Choshu.Web.Pages.Taxpayers.TaxpayerText.HandleKind, "4500000001", session);
        }

        await page.GotoAsync(Url + "/Cases/File/" + caseHandle);
        Assert.Contains("計 20,000円", await page.GetByTestId("grand-total").InnerTextAsync());
        Assert.StartsWith("滞納処分費（未納）2,000円", await page.GetByTestId("costs-unpaid").InnerTextAsync());
        Assert.StartsWith("滞納処分費: 計 5,000円、充当済 3,000円、未納 2,000円", await page.GetByTestId("enforcement-costs").InnerTextAsync());

        await page.GotoAsync(Url + "/Taxpayers/View/" + taxpayerHandle);
        Assert.StartsWith("滞納処分費: 計 5,000円、充当済 3,000円、未納 2,000円", await page.GetByTestId("owed-costs").InnerTextAsync());
        Assert.Contains("20,000", await page.GetByTestId("owed-total").InnerTextAsync());
        await context.CloseAsync();
    }
}
