using System.Net;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.Web.Tests.Payments.PaymentPages;

namespace Choshu.Web.Tests.Payments;

/// <summary>
/// Who may open the payment and import pages: 収納担当 all of them; 滞納整理担当 all but 収納取消; 承認者 only
/// 収納取消; 委託業者 and セキュリティ責任者 none — each refusal a 403 in Japanese and a 5000 audit record.
/// </summary>
public sealed class PaymentAuthorizationTests(WebFixture web) : IClassFixture<WebFixture>
{
    private static readonly (string Path, Permission Needs)[] Pages =
    [
        ("/Payments/Counter", Permission.RecordPayments),
        ("/Payments/Unmatched", Permission.RecordPayments),
        ("/Payments/Reverse", Permission.ReversePayments),
        ("/Imports/Payments", Permission.RecordPayments),
        ("/Imports/History", Permission.RecordPayments),
    ];

    [Theory]
    [InlineData(Role.Contractor, "71234", "藤原 剛")]
    [InlineData(Role.SecurityOfficer, "72345", "岡本 恵")]
    public async Task EveryPaymentPage_RoleWithoutPaymentRights_Denied403AndAudited5000(Role role, string staffNo, string name)
    {
        var (user, _) = await web.CreateUserAsync(staffNo, name, [role]);
        var client = await web.SignedInClientAsync(user);

        foreach (var (path, needs) in Pages)
        {
            var r = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
            var html = await r.Content.ReadAsStringAsync();
            Assert.Contains("<h1>この操作を行う権限がありません</h1>", html);
            Assert.DoesNotContain("<form method=\"post\" class=\"form\"", html);
            var denied = Assert.Single(await web.AuditAsync(), a => a.ActorName == staffNo && a.Detail == $"{needs}: GET {path}");
            Assert.Equal((AuditEventKind.AccessDenied, AuditOutcome.Denied), (denied.Kind, denied.Outcome));
        }
        var home = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("窓口収納", home);
        Assert.DoesNotContain("収納データ取込", home);
    }

    // 委託業者 sending a counter booking with a valid antiforgery token (from the home page): 403, audited, nothing booked.
    [Fact]
    public async Task CounterBook_Contractor_Denied403NothingBooked()
    {
        var ids = await SeedAsync(web, "1000000301", "国分 一郎", "2026040001", new LedgerSeed.Inst(1, June30, 12_300));
        var (user, _) = await web.CreateUserAsync("73456", "福田 次郎", [Role.Contractor]);
        var client = await web.SignedInClientAsync(user);

        var r = await Forms.PostAsync(client, "/", new()
        {
            ["NoticeNo"] = "2026040001", ["Period"] = "1", ["FormKey"] = "x", ["Amount"] = "12300", ["PaidOn"] = "2026-11-26",
        }, "/Payments/Counter?handler=Book");

        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Single(await web.AuditAsync(), a => a.ActorName == "73456" && a.Kind == AuditEventKind.AccessDenied
            && a.Detail == "RecordPayments: POST /Payments/Counter");
        await using var db = web.Store.Open();
        Assert.False(await db.Payments.AnyAsync(p => p.InstallmentId == ids[0]));
    }

    // 滞納整理担当 records payments but does not reverse them; 承認者 reverses but does not record. The menu follows.
    [Fact]
    public async Task Pages_DelinquencyOfficerAndApprover_EachOnlyTheirOwn()
    {
        var (officer, _) = await web.CreateUserAsync("74567", "前田 三郎", [Role.DelinquencyOfficer]);
        var (approver, _) = await web.CreateUserAsync("75678", "後藤 四郎", [Role.Approver]);
        var officerClient = await web.SignedInClientAsync(officer);
        var approverClient = await web.SignedInClientAsync(approver);

        Assert.Equal(HttpStatusCode.OK, (await officerClient.GetAsync("/Payments/Counter")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officerClient.GetAsync("/Payments/Reverse")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await approverClient.GetAsync("/Payments/Reverse")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await approverClient.GetAsync("/Payments/Counter")).StatusCode);
        Assert.Single(await web.AuditAsync(), a => a.ActorName == "74567" && a.Detail == "ReversePayments: GET /Payments/Reverse");
        Assert.Single(await web.AuditAsync(), a => a.ActorName == "75678" && a.Detail == "RecordPayments: GET /Payments/Counter");

        var officerMenu = await (await officerClient.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("href=\"/Payments/Counter\">窓口収納</a>", officerMenu);
        Assert.Contains("href=\"/Payments/Unmatched\">未消込一覧</a>", officerMenu);
        Assert.Contains("href=\"/Imports/Payments\">収納データ取込</a>", officerMenu);
        Assert.Contains("href=\"/Imports/History\">取込履歴</a>", officerMenu);
        Assert.DoesNotContain("href=\"/Payments/Reverse\"", officerMenu);
        var approverMenu = await (await approverClient.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("href=\"/Payments/Reverse\">収納取消</a>", approverMenu);
        Assert.DoesNotContain("href=\"/Payments/Counter\"", approverMenu);
    }
}
