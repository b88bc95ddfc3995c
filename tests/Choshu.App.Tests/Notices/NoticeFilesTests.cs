using Choshu.App.Notices;
using Choshu.App.Tests.Cases;
using Choshu.Data;
using Choshu.Data.Notices;
using Choshu.Domain;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Choshu.App.Tests.Notices.NoticeTestCity;

namespace Choshu.App.Tests.Notices;

/// <summary>
/// The files of a run drawn by one path, into a folder (the CLI) or into streams (the web's downloads), each drawing audited;
/// a letter reprinted from its stored record; a taxpayer's notice history. On both stores; today 2026-11-26 (JST), the clerk
/// 100001 (収納担当). 印刷 一郎 owes 20,000 and 印刷 二子 15,000, both due 2026-01-30; a reminder run as of 2026-02-10
/// (letters 20,100 and 15,100 with the 100 yen fee; no late fee under 1,000 yen), dispatched 2026-02-12.
/// </summary>
public sealed class NoticeFilesTests(CaseStaffStores stores) : IClassFixture<CaseStaffStores>
{
    public static TheoryData<StoreProvider> Providers => CaseStaffStores.Providers;

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static async Task<List<(AuditEventKind Kind, string? Detail)>> AuditSinceAsync(ChoshuDbContext db, long after) =>
        (await db.AuditEvents.AsNoTracking().Where(e => e.Id > after).OrderBy(e => e.Id).Select(e => new { e.Kind, e.Detail }).ToListAsync())
        .Select(e => (e.Kind, e.Detail)).ToList();

    [Theory, MemberData(nameof(Providers))]
    public async Task RunFiles_FolderAndStreamsOnePath_ReprintRecorded_HistoryListsLetters(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var a = await PersonAsync(db, "印刷 一郎", "P1");
        await InstallmentAsync(db, a.Id, D(2026, 1, 30), 20_000);
        var b = await PersonAsync(db, "印刷 二子", "P1");
        await InstallmentAsync(db, b.Id, D(2026, 1, 30), 15_000);
        var runs = new NoticeRuns(db, Clock());
        var request = new ReminderRequest(D(2026, 2, 10), D(2026, 1, 1), D(2026, 1, 31));
        var run = (await runs.GenerateAsync(stores.Clerk, NoticeRunKinds.Reminder, (x, ct) => ReminderSelection.PlanAsync(x, request, ct)))!;
        Assert.Equal(35_200L, run.TotalAmount);
        var files = new NoticeFiles(db, Clock());
        var before = await db.AuditEvents.MaxAsync(e => e.Id);

        // The folder (as the CLI writes it), then the vendor file and the PDF as downloads: the same vendor bytes, the same pages.
        var dir = Directory.CreateTempSubdirectory("choshu-notice-files-").FullName;
        var written = await files.WriteAsync(stores.Clerk, run.Id, dir);
        using var csv = new MemoryStream();
        var vendor = await files.VendorFileAsync(stores.Clerk, run.Id, csv);
        Assert.Equal(await File.ReadAllBytesAsync(written.VendorPath), csv.ToArray());
        Assert.Equal((written.VendorSha256, 2, $"reminder-run-{run.Id}.csv"), (vendor.Sha256, vendor.Count, vendor.FileName));
        using var pdf = new MemoryStream();
        var drawn = await files.PdfAsync(stores.Clerk, run.Id, pdf);
        Assert.Equal("%PDF"u8.ToArray(), pdf.ToArray()[..4]);
        Assert.Equal((written.Pages, pdf.Length, $"reminder-run-{run.Id}.pdf"), (drawn.Count, drawn.Bytes, drawn.FileName));
        Assert.Equal(Path.Combine(dir, $"reminder-run-{run.Id}.pdf"), written.PdfPath);
        Directory.Delete(dir, recursive: true);
        var audit = await AuditSinceAsync(db, before);
        Assert.Equal([AuditEventKind.FormPrinted, AuditEventKind.NoticeVendorFileWritten, AuditEventKind.NoticeVendorFileWritten, AuditEventKind.FormPrinted],
            audit.Select(x => x.Kind));
        Assert.StartsWith($"督促状 一括作成 {run.Id} 印刷: 2通", audit[0].Detail);
        Assert.StartsWith($"督促状 一括作成 {run.Id} 印刷委託データ（再出力）: 2行 SHA-256={written.VendorSha256}", audit[2].Detail);
        Assert.StartsWith($"督促状 一括作成 {run.Id} 再印刷: 2通", audit[3].Detail);
        Assert.Equal(written.VendorSha256, (await runs.FindAsync(run.Id)).VendorFileSha256);

        // Dispatched; 印刷 一郎's letter reprinted with a purpose, then its reprint reprinted: both point at the original.
        await runs.DispatchAsync(stores.Clerk, run.Id, D(2026, 2, 12));
        var docA = await db.NoticeLetters.Where(l => l.RunId == run.Id && l.TaxpayerId == a.Id).Select(l => l.DocumentId).SingleAsync();
        var reprints = new NoticeReprints(db, Clock());
        using var one = new MemoryStream();
        var r1 = await reprints.ReprintAsync(stores.Clerk, docA, "本人から再送付の依頼", one);
        Assert.Equal("%PDF"u8.ToArray(), one.ToArray()[..4]);
        Assert.Equal((docA, run.Id, NoticeRunKinds.Reminder, 1), (r1.OriginalId, r1.RunId, r1.Kind, r1.File.Count));
        var row = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.Id == r1.DocumentId);
        var original = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.Id == docA);
        Assert.Equal(((long?)docA, "本人から再送付の依頼", original.DataSha256, r1.File.Sha256, a.Id), (row.ReprintOfId, row.Purpose, row.DataSha256, row.FileSha256, row.TaxpayerId!.Value));
        var printed = (await AuditSinceAsync(db, before)).Last();
        Assert.Equal(AuditEventKind.FormPrinted, printed.Kind);
        Assert.StartsWith($"再印刷 発行番号 {r1.DocumentId}（原本 {docA}）", printed.Detail);
        var r2 = await reprints.ReprintAsync(stores.Clerk, r1.DocumentId, null, Stream.Null);
        Assert.Equal(docA, r2.OriginalId);

        // 印刷 一郎's history: the one letter, dispatched, reprinted twice; after a return, the return unresolved.
        var line = Assert.Single(await NoticeHistory.ForTaxpayerAsync(db, a.Id));
        Assert.Equal((docA, run.Id, 1, 20_100L, "発送済", 2, (DateOnly?)null), (line.DocumentId, line.RunId, line.Seq, line.Amount, line.State, line.Reprints, line.ReturnedOn));
        await new ReturnedMails(db, Clock()).RecordAsync(stores.Clerk, docA, D(2026, 2, 20), ReturnedMailReason.AddressUnknown, null);
        line = Assert.Single(await NoticeHistory.ForTaxpayerAsync(db, a.Id));
        Assert.Equal(((DateOnly?)D(2026, 2, 20), (ReturnedMailResolution?)null), (line.ReturnedOn, line.ReturnResolution));

        // A cancelled run is neither printed nor reprinted.
        var c = await PersonAsync(db, "取消 三郎", "P1");
        await InstallmentAsync(db, c.Id, D(2025, 12, 25), 9_000);
        var december = new ReminderRequest(D(2026, 1, 10), D(2025, 12, 1), D(2025, 12, 31));
        var cancelled = (await runs.GenerateAsync(stores.Clerk, NoticeRunKinds.Reminder, (x, ct) => ReminderSelection.PlanAsync(x, december, ct)))!;
        await runs.CancelAsync(stores.Clerk, cancelled.Id, "基準日の誤り");
        var docC = await db.NoticeLetters.Where(l => l.RunId == cancelled.Id).Select(l => l.DocumentId).SingleAsync();
        Assert.Equal("notice.run_cancelled", (await Assert.ThrowsAsync<DomainException>(() => files.PdfAsync(stores.Clerk, cancelled.Id, Stream.Null))).Code);
        Assert.Equal("notice.run_cancelled", (await Assert.ThrowsAsync<DomainException>(() => reprints.ReprintAsync(stores.Clerk, docC, null, Stream.Null))).Code);
        Assert.Equal("取消", Assert.Single(await NoticeHistory.ForTaxpayerAsync(db, c.Id)).State);
    }
}
