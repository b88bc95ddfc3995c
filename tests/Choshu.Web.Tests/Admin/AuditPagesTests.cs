using System.Net;
using System.Text.RegularExpressions;
using Choshu.App.Security;
using Choshu.Domain.Security;
using Choshu.TestSupport;

namespace Choshu.Web.Tests.Admin;

/// <summary>
/// 操作ログ (viewer, filters posted, paged) and 操作ログ月次点検 with 「ログの検証」, for the セキュリティ責任者 only;
/// each viewing, review and verification is itself recorded (7004, 7002, 7001).
/// </summary>
public sealed partial class AuditPagesTests(WebFixture web) : IClassFixture<WebFixture>
{
    [GeneratedRegex("<tr><td class=\"num\">[0-9]+</td>")]
    private static partial Regex AuditRow();

    private static string Compact(string html) => Regex.Replace(html, @">\s+<", "><");

    private async Task<HttpClient> OfficerAsync(string staffNo, string name) =>
        await web.SignedInClientAsync((await web.CreateUserAsync(staffNo, name, [Role.SecurityOfficer])).User);

    [Fact]
    public async Task AuditLog_CollectionClerk_403AndAudited5000()
    {
        var (clerk, _) = await web.CreateUserAsync("71203", "東 美穂", [Role.CollectionClerk]);
        var client = await web.SignedInClientAsync(clerk);

        var r = await client.GetAsync("/Admin/AuditLog");

        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Contains("<h1>この操作を行う権限がありません</h1>", await r.Content.ReadAsStringAsync());
        var e = Assert.Single(await web.AuditAsync(), a => a.ActorName == "71203" && a.Outcome == AuditOutcome.Denied);
        Assert.Equal((AuditEventKind.AccessDenied, "ReviewAudit: GET /Admin/AuditLog"), (e.Kind, e.Detail));
    }

    [Fact]
    public async Task AuditLog_FilterByKindAndStaffNumber_OnlyThatPersonsRecordsOfThatKindAndViewingAudited7004()
    {
        var (clerk, _) = await web.CreateUserAsync("72314", "南 健太", [Role.CollectionClerk]);
        var clerkClient = await web.SignedInClientAsync(clerk);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerkClient.GetAsync("/Admin/Users")).StatusCode);
        var officer = await OfficerAsync("72425", "北村 純子");
        var form = await (await officer.GetAsync("/Admin/AuditLog")).Content.ReadAsStringAsync();
        Assert.Contains("<option value=\"5000\">5000 権限のない操作の拒否</option>", form);
        Assert.DoesNotContain("検索結果", form);

        var denied = await Forms.PostAsync(officer, "/Admin/AuditLog", new() { ["StaffNo"] = "72314", ["Kind"] = "5000", ["PageNo"] = "1" });
        var logins = await Forms.PostAsync(officer, "/Admin/AuditLog", new() { ["StaffNo"] = "72314", ["Kind"] = "1000", ["PageNo"] = "1" });

        var html = Compact(await denied.Content.ReadAsStringAsync());
        Assert.Single(AuditRow().Matches(html));
        Assert.Contains("<td>72314</td><td>unknown</td><td>5000 権限のない操作の拒否</td><td>拒否</td><td></td><td></td><td>ManageAccounts: GET /Admin/Users</td>", html);
        Assert.Contains("<option value=\"5000\" selected=\"selected\">", html);
        Assert.Contains("1 件目から 1 件目まで（古い順）", html);
        var loginHtml = Compact(await logins.Content.ReadAsStringAsync());
        Assert.Single(AuditRow().Matches(loginHtml));
        Assert.Contains("<td>72314</td><td>unknown</td><td>1000 ログイン</td><td>成功</td>", loginHtml);
        Assert.DoesNotContain("<td>72425</td>", html + loginHtml);
        var views = (await web.AuditAsync()).Where(a => a.ActorName == "72425" && a.Kind == AuditEventKind.AuditLogViewed).Select(a => a.Detail).ToList();
        Assert.Equal(["user=72314 kind=5000: 1 件", "user=72314 kind=1000: 1 件"], views);
    }

    [Fact]
    public async Task AuditLog_SixtyRecordsOfOneActor_TwoPagesOfFiftyAndTen()
    {
        await using (var db = web.Store.Open())
            for (var i = 1; i <= 60; i++)
                await AuditLog.AppendAsync(db, Actor.SystemAs("batch", "host"), new AuditRecord(AuditEventKind.SettingChanged, Detail: $"設定 {i}"), web.Clock);
        var officer = await OfficerAsync("73203", "中原 徹");

        var first = Compact(await (await Forms.PostAsync(officer, "/Admin/AuditLog", new() { ["StaffNo"] = "system:cli:batch", ["PageNo"] = "1" })).Content.ReadAsStringAsync());
        var second = Compact(await (await Forms.PostAsync(officer, "/Admin/AuditLog", new() { ["StaffNo"] = "system:cli:batch", ["PageNo"] = "2" })).Content.ReadAsStringAsync());

        Assert.Equal(50, AuditRow().Matches(first).Count);
        Assert.Contains("1 件目から 50 件目まで（古い順）", first);
        Assert.Contains("<td>設定 1</td>", first);
        Assert.Contains("<td>設定 50</td>", first);
        Assert.Contains("<button type=\"submit\" name=\"PageNo\" value=\"2\" class=\"button button-secondary\">次の 50 件</button>", first);
        Assert.Contains("<input type=\"hidden\" name=\"StaffNo\" value=\"system:cli:batch\">", first);
        Assert.Equal(10, AuditRow().Matches(second).Count);
        Assert.Contains("51 件目から 60 件目まで（古い順）", second);
        Assert.Contains("<td>設定 60</td>", second);
        Assert.DoesNotContain("<td>設定 50</td>", second);
        Assert.Contains("前の 50 件", second);
        Assert.DoesNotContain("次の 50 件", second);
        Assert.Contains(await web.AuditAsync(), a => a.ActorName == "73203" && a.Detail == "user=system:cli:batch: 51 件目から 10 件");
    }

    [Fact]
    public async Task AuditLog_ByTaxpayerNumberPosted_ThatTaxpayersRecordsAndUnknownNumberExplained()
    {
        long taxpayerId;
        await using (var db = web.Store.Open())
        {
            taxpayerId = await LedgerSeed.TaxpayerAsync(db, "1000000777");
            await AuditLog.AppendAsync(db, Actor.Staff(1, "74999", "10.0.0.5"), new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: taxpayerId), web.Clock);
        }
        var officer = await OfficerAsync("74203", "坂口 洋");

        var found = Compact(await (await Forms.PostAsync(officer, "/Admin/AuditLog", new() { ["TaxpayerNo"] = "1000000777" })).Content.ReadAsStringAsync());
        var unknown = await (await Forms.PostAsync(officer, "/Admin/AuditLog", new() { ["TaxpayerNo"] = "1000000888" })).Content.ReadAsStringAsync();

        Assert.Single(AuditRow().Matches(found));
        Assert.Contains("<td>74999</td><td>10.0.0.5</td><td>2001 納税義務者情報の参照</td><td>成功</td><td>1000000777</td>", found);
        Assert.Contains("<div class=\"alert\" role=\"alert\"><p>宛名番号 1000000888 は登録されていません。</p></div>", unknown);
        Assert.Contains(await web.AuditAsync(), a => a.ActorName == "74203" && a.Detail == "taxpayer=1000000777: 1 件");
    }

    [Fact]
    public async Task AuditReview_VerifyIntactChain_CountAndLastHashAndAudited7001()
    {
        var officer = await OfficerAsync("75203", "丸山 弘");
        var before = await web.AuditAsync();

        var r = await Forms.PostAsync(officer, "/Admin/AuditReview", new() { ["Anchors"] = "" }, "/Admin/AuditReview?handler=Verify");

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        var last = before[^1];
        Assert.Contains($"<strong>操作ログは正常です</strong>: {before.Count:#,0} 件（1〜{last.Id} 番）、最終ハッシュ <span class=\"secret\">{last.Hash}</span>", html);
        var e = (await web.AuditAsync())[^1];
        Assert.Equal((AuditEventKind.AuditVerified, "75203", AuditOutcome.Succeeded, $"正常: {before.Count} 件、最終 {last.Id} 番 {last.Hash}"),
            (e.Kind, e.ActorName, e.Outcome, e.Detail));
    }

    [Fact]
    public async Task AuditReview_VerifyAgainstAChangedAnchor_FirstBrokenRecordShownAndAuditedFailed()
    {
        var officer = await OfficerAsync("76203", "柳田 亜希");

        var r = await Forms.PostAsync(officer, "/Admin/AuditReview", new() { ["Anchors"] = "1:" + new string('0', 64) }, "/Admin/AuditReview?handler=Verify");

        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("<strong>操作ログの破損を検出しました: 1 番</strong> — 1 番のハッシュがアンカーと一致しません（この番号までの記録が作り直されています）。", html);
        var e = (await web.AuditAsync())[^1];
        Assert.Equal((AuditEventKind.AuditVerified, AuditOutcome.Failed), (e.Kind, e.Outcome));
    }

    [Fact]
    public async Task AuditReview_MonthWithARefusal_SectionsListedAndAnchorOfItsOwnRecord()
    {
        var (clerk, _) = await web.CreateUserAsync("77314", "宮原 優", [Role.CollectionClerk]);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await web.SignedInClientAsync(clerk)).GetAsync("/Admin/AuditLog")).StatusCode);
        var officer = await OfficerAsync("77203", "今井 俊");
        Assert.Contains("value=\"2026-10\"", await (await officer.GetAsync("/Admin/AuditReview")).Content.ReadAsStringAsync());

        var r = await Forms.PostAsync(officer, "/Admin/AuditReview", new() { ["Month"] = "2026-11" }, "/Admin/AuditReview?handler=Review");

        var html = Compact(await r.Content.ReadAsStringAsync());
        Assert.Contains("<h2>2026-11 の点検結果</h2>", html);
        Assert.Contains("業務時間 08:00-19:00（平日。土日・祝日・年末年始は終日時間外）", html);
        Assert.Contains("<td>77314</td><td>unknown</td><td>5000 権限のない操作の拒否</td><td>拒否</td><td></td><td></td><td>ReviewAudit: GET /Admin/AuditLog</td>", html);
        var review = (await web.AuditAsync())[^1];
        Assert.Equal((AuditEventKind.AuditReviewed, "77203"), (review.Kind, review.ActorName));
        Assert.Contains($"台帳に「{review.Id}:{review.Hash}」を控えてください", html);
    }

    [Fact]
    public async Task AuditReview_BadMonth_JapaneseErrorNoReview()
    {
        var officer = await OfficerAsync("78203", "高橋 実");

        var html = await (await Forms.PostAsync(officer, "/Admin/AuditReview", new() { ["Month"] = "11月" }, "/Admin/AuditReview?handler=Review")).Content.ReadAsStringAsync();

        Assert.Contains("<div class=\"alert\" role=\"alert\"><p>月「11月」を読み取れません。2026-11 のように 年-月 で入力してください。</p></div>", html);
        Assert.DoesNotContain(await web.AuditAsync(), a => a.ActorName == "78203" && a.Kind == AuditEventKind.AuditReviewed);
    }
}
