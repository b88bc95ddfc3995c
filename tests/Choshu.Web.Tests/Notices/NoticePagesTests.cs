using System.Net;
using System.Text.RegularExpressions;
using Choshu.App.Notices;
using Choshu.App.Security;
using Choshu.Data.Documents;
using Choshu.Data.Notices;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Choshu.Web.Tests.Taxpayers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Web.Tests.Notices;

/// <summary>
/// The notice screens over HTTP (today 2026-11-26 JST), on one store: 2 people with 市民税 2026 第1期 due 2026-05-29
/// (返戻 太郎 10,000; 再印 花子 8,000), a 督促状 run as of 2026-11-26 for May's due dates made and dispatched that day by
/// the system, and a 催告書 run made the same day (not dispatched). A 収納担当 (有村 一郎) and a 滞納整理担当 (上村 二郎).
/// </summary>
public sealed partial class NoticePagesTests(NoticePagesTests.Fixture f) : IClassFixture<NoticePagesTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public WebFixture Web { get; } = new();
        public StaffUser Clerk { get; private set; } = null!;
        public StaffUser Officer { get; private set; } = null!;
        public long RunId { get; private set; }
        public long TaroDocument { get; private set; }
        public long HanakoDocument { get; private set; }
        public long DemandRunId { get; private set; }
        public long DemandDocument { get; private set; }

        public async Task InitializeAsync()
        {
            await Web.InitializeAsync();
            await using var db = Web.Store.Open();
            await NoticeCity.PersonWithInstallmentAsync(db, "4100000001", "返戻 太郎", "2026015001", new DateOnly(2026, 5, 29), 10_000);
            await NoticeCity.PersonWithInstallmentAsync(db, "4100000002", "再印 花子", "2026015002", new DateOnly(2026, 5, 29), 8_000);
            var request = new ReminderRequest(new DateOnly(2026, 11, 26), new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31));
            var runs = new NoticeRuns(db, Web.Clock);
            var run = await runs.GenerateAsync(Actor.System(), NoticeRunKinds.Reminder, (d, ct) => ReminderSelection.PlanAsync(d, request, ct));
            RunId = run!.Id;
            await runs.DispatchAsync(Actor.System(), RunId, new DateOnly(2026, 11, 26));
            var docs = await (from l in db.NoticeLetters join t in db.Taxpayers on l.TaxpayerId equals t.Id where l.RunId == RunId select new { t.TaxpayerNo, l.DocumentId }).ToListAsync();
            TaroDocument = docs.Single(d => d.TaxpayerNo == "4100000001").DocumentId;
            HanakoDocument = docs.Single(d => d.TaxpayerNo == "4100000002").DocumentId;
            var demand = await runs.GenerateAsync(Actor.System(), NoticeRunKinds.Demand,
                (d, ct) => DemandSelection.PlanAsync(d, new DemandRequest(NoticeRunKinds.Demand, new DateOnly(2026, 11, 26), new DemandConditions()), ct));
            DemandRunId = demand!.Id;
            DemandDocument = await db.NoticeLetters.Where(l => l.RunId == DemandRunId).OrderBy(l => l.Seq).Select(l => l.DocumentId).FirstAsync();
            Clerk = (await Web.CreateUserAsync("81101", "有村 一郎", [Role.CollectionClerk])).User;
            Officer = (await Web.CreateUserAsync("81202", "上村 二郎", [Role.DelinquencyOfficer])).User;
        }

        public Task DisposeAsync() => Web.DisposeAsync();
    }

    [GeneratedRegex("href=\"/Notices/Reprint/([^\"?]+)\"")]
    private static partial Regex ReprintLink();

    [GeneratedRegex("href=\"/Notices/Returned/([^\"?]+)\"")]
    private static partial Regex ResolveLink();

    // A 収納担当 makes 督促状 runs but not 催告書: the page and its preview answer 403 (one 5000 record each), and the menu
    // does not offer it; a 滞納整理担当 opens it.
    [Fact]
    public async Task DemandsPage_CollectionClerk_Forbidden403AndNotInMenu()
    {
        var clerk = await f.Web.SignedInClientAsync(f.Clerk);
        var home = await (await clerk.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("督促状 一括作成", home);
        Assert.DoesNotContain("催告書・差押予告書", home);

        var page = await clerk.GetAsync("/Notices/Demands");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("この操作を行う権限がありません", await page.Content.ReadAsStringAsync());
        var preview = await Forms.PostAsync(clerk, "/Notices/Reminders", new() { ["AsOf"] = "2026-11-26", ["Kind"] = "demand" }, "/Notices/Demands?handler=Preview");
        Assert.Equal(HttpStatusCode.Forbidden, preview.StatusCode);
        var denials = (await f.Web.AuditAsync()).Where(e => e.ActorName == "81101" && e.Kind == AuditEventKind.AccessDenied).Select(e => e.Detail).ToList();
        Assert.Contains("IssueDemands: GET /Notices/Demands", denials);
        Assert.Contains("IssueDemands: POST /Notices/Demands", denials);

        var officer = await f.Web.SignedInClientAsync(f.Officer);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/Notices/Demands")).StatusCode);
    }

    // The 催告書 run and its letters are a 滞納整理担当's: the 収納担当 sees the run listed without a link, and its page, PDF
    // and a letter's reprint answer 403 (recorded 5000, IssueDemands) though each handle is genuine; the officer opens it.
    [Fact]
    public async Task DemandRun_CollectionClerk_RunPageDownloadAndReprintRefused403()
    {
        var clerk = await f.Web.SignedInClientAsync(f.Clerk);
        var list = await (await clerk.GetAsync("/Notices/Runs")).Content.ReadAsStringAsync();
        Assert.Contains($"{f.DemandRunId} | 催告書 | 2026-11-26 |", string.Join("\n", TaxpayerPages.Rows(list)));
        Assert.DoesNotMatch($"<a href=\"/Notices/Run/[^\"]+\">{f.DemandRunId}</a>", list);
        var session = await SessionOfAsync(f.Clerk.StaffNo);
        var ids = f.Web.Factory.Services.GetRequiredService<OpaqueIds>();
        var run = ids.Protect(Choshu.Web.Pages.Notices.NoticeForms.RunHandle, f.DemandRunId, session);
        var letter = ids.Protect(Choshu.Web.Pages.Notices.NoticeForms.LetterHandle, f.DemandDocument, session);

        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync($"/Notices/Run/{run}")).StatusCode);
        var pdf = await Forms.PostAsync(clerk, "/Notices/Runs", [], $"/Notices/Run/{run}?handler=Pdf");
        Assert.Equal(HttpStatusCode.Forbidden, pdf.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync($"/Notices/Reprint/{letter}")).StatusCode);
        var reprint = await Forms.PostAsync(clerk, "/Notices/Runs", new() { ["Purpose"] = "確認" }, $"/Notices/Reprint/{letter}?handler=Print");
        Assert.Equal(HttpStatusCode.Forbidden, reprint.StatusCode);
        var denials = (await f.Web.AuditAsync()).Where(e => e.ActorName == f.Clerk.StaffNo && e.Kind == AuditEventKind.AccessDenied).Select(e => e.Detail ?? "").ToList();
        Assert.Contains($"IssueDemands: 催告書 一括作成 {f.DemandRunId} の表示", denials);
        Assert.Contains($"IssueDemands: 催告書 一括作成 {f.DemandRunId} の印刷（PDF）", denials);
        Assert.Contains($"IssueDemands: 催告書 発行番号 {f.DemandDocument} の再印刷", denials);
        await using (var db = f.Web.Store.Open())
            Assert.False(await db.IssuedDocuments.AnyAsync(d => d.ReprintOfId == f.DemandDocument));

        var officer = await f.Web.SignedInClientAsync(f.Officer);
        var officerSession = await SessionOfAsync(f.Officer.StaffNo);
        var page = await officer.GetAsync($"/Notices/Run/{ids.Protect(Choshu.Web.Pages.Notices.NoticeForms.RunHandle, f.DemandRunId, officerSession)}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"催告書 一括作成 {f.DemandRunId}", await page.Content.ReadAsStringAsync());
        // The letters listed on the page (names, addresses, amounts) are an audited read.
        await using (var db = f.Web.Store.Open())
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Kind == AuditEventKind.NoticeLettersViewed && a.ActorName == f.Officer.StaffNo
                && a.Detail!.Contains($"一括作成 {f.DemandRunId} の通知書")));
    }

    private async Task<long> SessionOfAsync(string staffNo)
    {
        await using var db = f.Web.Store.Open();
        return await (from s in db.StaffSessions join a in db.StaffAccounts on s.AccountId equals a.Id
                      where a.StaffNo == staffNo && s.EndedAtUtc == null orderby s.Id descending select s.Id).FirstAsync();
    }

    // 返戻 太郎's 督促状 (dispatched 2026-11-26) comes back the same day, 宛所不明: entered by 発行番号 it lists him among the
    // unresolved returns, a 催告書 preview leaves him out with the reason (and 再印 花子, whose 催告書 awaits dispatch), and resolving
    // it (その他) empties the list.
    [Fact]
    public async Task ReturnedMail_EnteredByDocumentNumber_UnresolvedListAndLeftOutOfDemands_ThenResolved()
    {
        var clerk = await f.Web.SignedInClientAsync(f.Clerk);
        var r = await Forms.PostAsync(clerk, "/Notices/Returned", new()
        {
            ["DocumentId"] = f.TaroDocument.ToString(), ["ReturnedOn"] = "2026-11-26", ["Reason"] = "1", ["Note"] = "転居の届出なし",
        }, "/Notices/Returned?handler=Record");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Contains($"（発行番号 {f.TaroDocument}、あて所に尋ねあたりません）を登録しました", html);
        var row = Assert.Single(TaxpayerPages.Rows(html), x => x.Contains("返戻 太郎", StringComparison.Ordinal));
        Assert.Contains($"2026-11-26 | 督促状 | {f.TaroDocument} | 4100000001 | 返戻 太郎 | あて所に尋ねあたりません | 転居の届出なし", row);

        var officer = await f.Web.SignedInClientAsync(f.Officer);
        var preview = await Forms.PostAsync(officer, "/Notices/Demands", new() { ["Kind"] = "demand", ["AsOf"] = "2026-11-26" }, "/Notices/Demands?handler=Preview");
        var rows = TaxpayerPages.Rows(await preview.Content.ReadAsStringAsync());
        Assert.Contains("4100000001 | 納税義務者のすべての期別 | 返戻が未解消です（送付先の確認が必要）。", rows);
        // 再印 花子 is on the fixture's demand run, made and not dispatched: not made twice.
        Assert.Contains($"4100000002 | 納税義務者のすべての期別 | 一括作成 {f.DemandRunId} の催告書が発送待ちです（発送または取消の後に再び対象になります）。", rows);

        var list = await (await clerk.GetAsync("/Notices/Returned")).Content.ReadAsStringAsync();
        var handle = Assert.Single(ResolveLink().Matches(list)).Groups[1].Value;
        var resolved = await Forms.PostAsync(clerk, $"/Notices/Returned/{handle}", new() { ["How"] = "3", ["On"] = "2026-11-26", ["Note"] = "本人来庁" },
            $"/Notices/Returned/{handle}?handler=Resolve");
        var after = await resolved.Content.ReadAsStringAsync();
        Assert.Contains("を解消しました（その他（所在判明・納付等） 2026-11-26）", after);
        Assert.Contains("未解消の返戻はありません。", after);
    }

    // 再印 花子's page lists her 督促状 (run, 発行番号, 8,000 + the 100 yen fee = 8,100 円, 発送済); 再印刷 with a purpose gives the same
    // letter as a PDF (her name, the 発行番号 and 8,100 in its text) and records a reprint issued document pointing at it,
    // with the purpose, audited 4001.
    [Fact]
    public async Task TaxpayerPage_NoticeHistory_ReprintGivesSameLetterAndRecordsIt()
    {
        var clerk = await f.Web.SignedInClientAsync(f.Clerk);
        var taxpayer = await TaxpayerPages.HandleAsync(clerk, "4100000002");
        var page = await (await clerk.GetAsync($"/Taxpayers/View/{taxpayer}")).Content.ReadAsStringAsync();
        Assert.Contains($"督促状 | {f.RunId}（通番 2） | 2026-11-26 | 2026-11-26 | {f.HanakoDocument} | 本人 | 8,100円 | 発送済 |  | 再印刷",
            TaxpayerPages.Rows(page));
        var letter = Assert.Single(ReprintLink().Matches(page)).Groups[1].Value;

        var empty = await Forms.PostAsync(clerk, $"/Notices/Reprint/{letter}", [], $"/Notices/Reprint/{letter}?handler=Print");
        Assert.Contains("再印刷の目的を入力してください", await empty.Content.ReadAsStringAsync());
        var r = await Forms.PostAsync(clerk, $"/Notices/Reprint/{letter}", new() { ["Purpose"] = "本人から再送付の依頼" }, $"/Notices/Reprint/{letter}?handler=Print");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/pdf", r.Content.Headers.ContentType?.MediaType);
        var pdf = await r.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        var text = await NoticeCity.PdfTextAsync(pdf);
        Assert.Contains("再印 花子", text);
        Assert.Contains(f.HanakoDocument.ToString(), text);
        Assert.Contains("8,100", text);

        await using var db = f.Web.Store.Open();
        var reprint = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.ReprintOfId == f.HanakoDocument);
        var original = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.Id == f.HanakoDocument);
        Assert.Equal((IssuedDocumentKinds.Reminder, "本人から再送付の依頼", original.DataSha256, "81101"), (reprint.Kind, reprint.Purpose, reprint.DataSha256, reprint.ActorName));
        Assert.Equal($"reminder-{f.HanakoDocument}-reprint-{reprint.Id}.pdf", r.Content.Headers.ContentDisposition?.FileNameStar);
        var audit = (await f.Web.AuditAsync()).Last(e => e.ActorName == "81101" && e.Kind == AuditEventKind.FormPrinted);
        Assert.Equal("本人から再送付の依頼", audit.Purpose);
        Assert.StartsWith($"再印刷 発行番号 {reprint.Id}（原本 {f.HanakoDocument}）", audit.Detail);

        page = await (await clerk.GetAsync($"/Taxpayers/View/{taxpayer}")).Content.ReadAsStringAsync();
        Assert.Contains(TaxpayerPages.Rows(page), x => x.Contains("発送済 再印刷 1 回", StringComparison.Ordinal));
    }
}
