using System.Net;
using System.Security.Cryptography;
using System.Text;
using Choshu.Data.Privacy;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Web.Tests.Reports;

/// <summary>
/// 収納日計表 and 調定収納集計 over HTTP, figures by hand from <see cref="ReportsFixture"/>; the CSV download is an
/// export: only with ファイル出力担当, recorded in data_releases with the SHA-256 of the very bytes served.
/// </summary>
public sealed class ReportPagesTests(ReportsFixture f) : IClassFixture<ReportsFixture>
{
    private WebFixture Web => f.Web;

    private const string DailyHeader = "区分,収入区分,税目コード,税目,件数,金額,本税,督促手数料,延滞金,過誤納,滞納処分費";
    private const string CollectionHeader = "税目コード,税目,区分,調定件数,期別数,調定額,収入額,還付額,不納欠損額,未納額,うち滞納額,うち時効,収納率";

    private async Task<HttpClient> ClientAsync(string staffNo, string name, params Role[] roles) =>
        await Web.SignedInClientAsync((await Web.CreateUserAsync(staffNo, name, roles)).User);

    /// <summary>The CSV's lines after the UTF-8 byte-order mark, split at CR LF (the last, empty, dropped).</summary>
    private static string[] Lines(byte[] bytes)
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text);
        return text[..^2].Split("\r\n");
    }

    [Fact]
    public async Task Daily_CollectionClerk_FiguresByChannelAndTaxKindChartAndNoDownload()
    {
        var client = await ClientAsync("51203", "上村 裕子", Role.CollectionClerk);

        var r = await client.GetAsync("/Reports/Daily?date=2026-11-20");

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("<h1>収納日計表</h1>", html);
        Assert.Contains("収入日 令和8年11月20日（2026-11-20）", html);
        Assert.Contains("<td>金融機関</td><td>市民税</td><td class=\"num\">1</td><td class=\"num\">45,000</td>", Normalize(html));
        Assert.Contains("<td>金融機関</td><td>固定資産税</td><td class=\"num\">1</td><td class=\"num\">31,000</td><td class=\"num\">30,000</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">1,000</td>", Normalize(html));
        Assert.Contains("<td>eLTAX</td><td>市民税</td><td class=\"num\">1</td><td class=\"num\">20,000</td>", Normalize(html));
        Assert.Contains("<caption>消込済　3 件　96,000円</caption>", html);
        Assert.Contains("<td class=\"num\">3</td><td class=\"num\">96,000</td><td class=\"num\">95,000</td>", Normalize(html));
        Assert.Contains("<tr><td>コンビニ</td><td class=\"num\">1</td><td class=\"num\">12,000</td></tr>", html);
        Assert.Contains("<tr><td>金融機関</td><td class=\"num\">1</td><td class=\"num\">4,000</td></tr>", html);
        // The chart: one inline SVG image with every figure in its description; the largest bar spans the 410-unit area.
        Assert.Contains("role=\"img\"", html);
        Assert.Contains("aria-labelledby=\"daily-chart-title daily-chart-desc\"", html);
        Assert.Contains("<desc id=\"daily-chart-desc\">金融機関・市民税: 収納額 45,000円。金融機関・固定資産税: 収納額 31,000円。eLTAX・市民税: 収納額 20,000円。</desc>", html);
        Assert.Contains("<rect x=\"190\" y=\"40\" width=\"410\" height=\"16\" fill=\"#12355b\"></rect>", html);
        Assert.Contains("width=\"282.4\"", html); // 410 × 31,000 / 45,000
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("style=", html);
        // No export right: no download button.
        Assert.DoesNotContain("handler=Csv", html);
        Assert.Contains("ファイル出力担当の権限を持つ職員が行えます", html);
        // Totals name nobody: reading them writes nothing after the sign-in.
        Assert.Equal([AuditEventKind.LoginSucceeded],
            (await Web.AuditAsync()).Where(e => e.ActorName == "51203").Select(e => e.Kind).SkipWhile(k => k != AuditEventKind.LoginSucceeded));
    }

    [Fact]
    public async Task Daily_NoDate_TodayAndInvalidDate_JapaneseError()
    {
        var client = await ClientAsync("51314", "浜田 和夫", Role.Approver);

        var today = await (await client.GetAsync("/Reports/Daily")).Content.ReadAsStringAsync();
        var wrong = await client.GetAsync("/Reports/Daily?date=2026-13-40");

        Assert.Contains("収入日 令和8年11月26日（2026-11-26）", today);
        Assert.Contains("この日に消し込んだ収納はありません。", today);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var html = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("<div class=\"alert\" role=\"alert\"><p>収入日「2026-13-40」を読み取れません。日付は 2026-11-26 のように 年-月-日 で入力してください。</p></div>", html);
    }

    [Fact]
    public async Task DailyCsv_ClerkWithExportRight_BytesHashEqualsRecordedReleaseAndAudit4000()
    {
        var client = await ClientAsync("52425", "出水 直樹", Role.CollectionClerk, Role.Exporter);
        var page = await (await client.GetAsync("/Reports/Daily?date=2026-11-20")).Content.ReadAsStringAsync();
        Assert.Contains("action=\"/Reports/Daily?handler=Csv\"", page);

        var r = await Forms.PostAsync(client, "/Reports/Daily?date=2026-11-20", new() { ["Date"] = "2026-11-20" }, "/Reports/Daily?handler=Csv");

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", r.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment", r.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("shuno-nikkeihyo-2026-11-20.csv", r.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("no-store", string.Join(",", r.Headers.GetValues("Cache-Control")));
        var bytes = await r.Content.ReadAsByteArrayAsync();
        Assert.Equal(
        [
            DailyHeader,
            "消込済,金融機関,01,市民税,1,45000,45000,0,0,0,0",
            "消込済,金融機関,02,固定資産税,1,31000,30000,0,0,1000,0",
            "消込済,eLTAX,01,市民税,1,20000,20000,0,0,0,0",
            "速報,コンビニ,,,1,12000,,,,,",
            "未消込,金融機関,,,1,4000,,,,,",
            "合計（消込済）,,,,3,96000,95000,0,0,1000,0",
        ], Lines(bytes));
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        await using var db = Web.Store.Open();
        var release = await db.DataReleases.SingleAsync(x => x.ActorName == "52425");
        Assert.Equal((DataReleaseKind.Export, "daily-report:2026-11-20", "自課（課コード ZEIMU）", DailyHeader, 6, sha, "shuno-nikkeihyo-2026-11-20.csv", "収納日計表"),
            (release.Kind, release.Content, release.Recipient, release.Items, release.RowCount, release.Sha256, release.FileName, release.Purpose));
        var e = Assert.Single(await Web.AuditAsync(), a => a.ActorName == "52425" && a.Kind == AuditEventKind.DataExported);
        Assert.Equal(AuditOutcome.Succeeded, e.Outcome);
        Assert.Equal($"出力 {release.Id}: daily-report:2026-11-20 受領者=自課（課コード ZEIMU） ファイル=shuno-nikkeihyo-2026-11-20.csv 件数=6 SHA-256={sha}", e.Detail);
    }

    [Fact]
    public async Task DailyCsv_CollectionClerkWithoutExportRight_403AuditedNoRelease()
    {
        var client = await ClientAsync("53536", "有村 香織", Role.CollectionClerk);

        var r = await Forms.PostAsync(client, "/Reports/Daily?date=2026-11-20", new() { ["Date"] = "2026-11-20" }, "/Reports/Daily?handler=Csv");

        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains("<h1>この操作を行う権限がありません</h1>", html);
        Assert.DoesNotContain("45000", html);
        var e = Assert.Single(await Web.AuditAsync(), a => a.ActorName == "53536" && a.Outcome == AuditOutcome.Denied);
        Assert.Equal((AuditEventKind.AccessDenied, "ExportData: 出力 daily-report:2026-11-20 → 自課（課コード ZEIMU）"), (e.Kind, e.Detail));
        await using var db = Web.Store.Open();
        Assert.False(await db.DataReleases.AnyAsync(x => x.ActorName == "53536"));
    }

    [Fact]
    public async Task DailyCsv_Contractor_403AuditedByThePagePolicy()
    {
        var client = await ClientAsync("54647", "外園 一郎", Role.Contractor);

        var get = await client.GetAsync("/Reports/Daily?date=2026-11-20");
        var post = await Forms.PostAsync(client, "/", new() { ["Date"] = "2026-11-20" }, "/Reports/Daily?handler=Csv");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (get.StatusCode, post.StatusCode));
        Assert.DoesNotContain("45,000", await get.Content.ReadAsStringAsync());
        var denied = (await Web.AuditAsync()).Where(a => a.ActorName == "54647" && a.Outcome == AuditOutcome.Denied).ToList();
        Assert.Equal([(AuditEventKind.AccessDenied, "ViewReports: GET /Reports/Daily"), (AuditEventKind.AccessDenied, "ViewReports: POST /Reports/Daily")],
            denied.Select(d => (d.Kind, d.Detail)));
        await using var db = Web.Store.Open();
        Assert.False(await db.DataReleases.AnyAsync(x => x.ActorName == "54647"));
    }

    [Fact]
    public async Task Collection_Approver_AssessedCollectedBalanceAndRateByTaxKindAndYear()
    {
        var client = await ClientAsync("55758", "永田 昌子", Role.Approver);

        var r = await client.GetAsync("/Reports/Collection?year=2026");

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = Normalize(await r.Content.ReadAsStringAsync());
        Assert.Contains("<h2>令和8年度（2026年度）　令和8年11月26日（2026-11-26）現在</h2>", html);
        string Row(string kind, string bucket, params string[] cells) =>
            $"<td>{kind}</td><td>{bucket}</td>" + string.Join("", cells.Select(c => $"<td class=\"num\">{c}</td>"));
        Assert.Contains(Row("市民税", "現年度", "2", "95,000", "65,000", "0", "0", "30,000", "30,000", "0", "68.4%"), html);
        Assert.Contains(Row("市民税", "滞納繰越", "1", "20,000", "0", "0", "0", "20,000", "20,000", "0", "0.0%"), html);
        Assert.Contains(Row("固定資産税", "現年度", "2", "42,000", "30,000", "0", "0", "12,000", "0", "0", "71.4%"), html);
        Assert.Contains("<th scope=\"row\" colspan=\"2\">合計</th><td class=\"num\">5</td><td class=\"num\">157,000</td><td class=\"num\">95,000</td>", html);
        Assert.Contains("<td class=\"num\">62,000</td><td class=\"num\">50,000</td><td class=\"num\">0</td><td class=\"num\">60.5%</td>", html);
        Assert.Contains("<desc id=\"collection-chart-desc\">市民税・現年度: 調定額 95,000円、収入額 65,000円。市民税・滞納繰越: 調定額 20,000円、収入額 0円。固定資産税・現年度: 調定額 42,000円、収入額 30,000円。</desc>", html);
        Assert.Contains("<text x=\"360\" y=\"18\">収入額</text>", html); // legend of the second series
    }

    [Fact]
    public async Task Collection_AsOfBeforeTheYearStarts_JapaneseError()
    {
        var client = await ClientAsync("55869", "新留 大輔", Role.CollectionClerk);

        var html = await (await client.GetAsync("/Reports/Collection?year=2026&asOf=2026-03-31")).Content.ReadAsStringAsync();

        Assert.Contains("基準日 2026-03-31 は 2026 年度の始まり（2026-04-01）より前です。年度の始まり以降の日を指定してください。", html);
    }

    [Fact]
    public async Task CollectionCsv_DelinquencyOfficerWithExportRight_BytesHashEqualsRecordedRelease()
    {
        var client = await ClientAsync("56971", "川畑 雄一", Role.DelinquencyOfficer, Role.Exporter);

        var r = await Forms.PostAsync(client, "/Reports/Collection?year=2026", new() { ["Year"] = "2026", ["AsOf"] = "2026-11-26" }, "/Reports/Collection?handler=Csv");

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("chotei-shuno-shukei-2026-2026-11-26.csv", r.Content.Headers.ContentDisposition?.FileName);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        Assert.Equal(
        [
            CollectionHeader,
            "01,市民税,現年度,2,3,95000,65000,0,0,30000,30000,0,68.4",
            "01,市民税,滞納繰越,1,1,20000,0,0,0,20000,20000,0,0.0",
            "02,固定資産税,現年度,2,2,42000,30000,0,0,12000,0,0,71.4",
            ",合計,計,5,6,157000,95000,0,0,62000,50000,0,60.5",
        ], Lines(bytes));
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await using var db = Web.Store.Open();
        var release = await db.DataReleases.SingleAsync(x => x.ActorName == "56971");
        Assert.Equal(("collection-report:2026:2026-11-26", CollectionHeader, 4, sha, "調定収納集計"),
            (release.Content, release.Items, release.RowCount, release.Sha256, release.Purpose));
        Assert.Single(await Web.AuditAsync(), a => a.ActorName == "56971" && a.Kind == AuditEventKind.DataExported && a.Detail!.EndsWith($"件数=4 SHA-256={sha}", StringComparison.Ordinal));
    }

    // 還付充当一覧: the fixture has no appropriation or refund, so the range shows nothing and the total is 0; the
    // reversed range is refused in Japanese; the CSV is an export (header and total row, recorded with its hash).
    [Fact]
    public async Task Refunds_RangeWithoutRefundsReversedRangeAndCsv_EmptyJapaneseErrorAndRecordedRelease()
    {
        var client = await ClientAsync("57082", "西 久美子", Role.CollectionClerk, Role.Exporter);

        var html = await (await client.GetAsync("/Reports/Refunds?from=2026-11-01&to=2026-11-26")).Content.ReadAsStringAsync();
        var wrong = await (await client.GetAsync("/Reports/Refunds?from=2026-11-26&to=2026-11-01")).Content.ReadAsStringAsync();
        var r = await Forms.PostAsync(client, "/Reports/Refunds?from=2026-11-01&to=2026-11-26", new() { ["From"] = "2026-11-01", ["To"] = "2026-11-26" }, "/Reports/Refunds?handler=Csv");

        Assert.Contains("<h1>還付充当一覧</h1>", html);
        Assert.Contains("令和8年11月1日（2026-11-01）から 令和8年11月26日（2026-11-26）まで", html);
        Assert.Contains("この期間の充当・還付はありません。", html);
        Assert.Contains("action=\"/Reports/Refunds?handler=Csv\"", html);
        Assert.Contains("<div class=\"alert\" role=\"alert\"><p>最後の日 2026-11-01 が最初の日 2026-11-26 より前です。</p></div>", wrong);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("kanpu-juto-ichiran-2026-11-01-2026-11-26.csv", r.Content.Headers.ContentDisposition?.FileName);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        Assert.Equal([RefundHeader, ",,合計,0,0,0,0,0,0,0,0,0,0,0"], Lines(bytes));
        await using var db = Web.Store.Open();
        var release = await db.DataReleases.SingleAsync(x => x.ActorName == "57082");
        Assert.Equal(("refund-report:2026-11-01:2026-11-26", RefundHeader, 1, "還付充当一覧"), (release.Content, release.Items, release.RowCount, release.Purpose));
    }

    private const string RefundHeader = "日付,税目コード,税目,充当本税,充当督促手数料,充当延滞金,充当額,充当分還付加算金,還付金,還付加算金,還付加算金支払額,支払額,戻出,歳出";

    /// <summary>The HTML without the white space between tags, so table rows compare as one string.</summary>
    private static string Normalize(string html) => System.Text.RegularExpressions.Regex.Replace(html, @">\s+<", "><");
}
