using System.Diagnostics;
using System.Text.Json;
using Choshu.Data;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu notices reprint</c> on SQLite, today 2026-11-26 (JST): 鹿児島 花子 at 鹿児島県鹿児島市山下町 owes 市民税 2026 第1期
/// 10,000 due 2026-06-30; a reminder run as of 2026-11-26 for June, dispatched that day; her letter reprinted into a folder.
/// </summary>
public sealed class NoticeReprintCommandTests
{
    [Fact]
    public async Task Reprint_DispatchedLetter_WritesSamePdfAndRecordsReprint()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using (var db = store.Open())
        {
            var id = await LedgerSeed.TaxpayerAsync(db, "1000000001", "鹿児島 花子");
            var t = await db.Taxpayers.SingleAsync(x => x.Id == id);
            t.Facts = t.Facts with { PostalCode = "8920816", TownName = "鹿児島県鹿児島市山下町", StreetNumber = "11番1号" };
            await db.SaveChangesAsync();
            await LedgerSeed.AssessmentAsync(db, id, "01", 2026, "2026010000123", new LedgerSeed.Inst(1, new DateOnly(2026, 6, 30), 10_000));
        }
        var dir = Directory.CreateTempSubdirectory("choshu-reprint-").FullName;
        var clock = CliRunner.Clock();
        string[] storeArgs = ["--db", store.Store.ConnectionString];
        var made = await CliRunner.RunAsync(clock, ["notices", "reminders", "--as-of", "2026-11-26", "--due-from", "2026-06-01", "--due-to", "2026-06-30", "--out", dir, "--json", .. storeArgs]);
        Assert.True(made.ExitCode == 0, made.Err);
        var runId = JsonDocument.Parse(made.Out).RootElement.GetProperty("runId").GetInt64();
        Assert.Equal(0, (await CliRunner.RunAsync(clock, ["notices", "dispatch", runId.ToString(), "--on", "2026-11-26", .. storeArgs])).ExitCode);
        long document;
        await using (var db = store.Open())
            document = await db.NoticeLetters.Where(l => l.RunId == runId).Select(l => l.DocumentId).SingleAsync();

        var r = await CliRunner.RunAsync(clock, ["notices", "reprint", document.ToString(), "--purpose", "本人から再送付の依頼", "--out", dir, "--json", .. storeArgs]);

        Assert.True(r.ExitCode == 0, r.Err);
        var json = JsonDocument.Parse(r.Out).RootElement;
        var reprintId = json.GetProperty("documentId").GetInt64();
        Assert.Equal((document, 1), (json.GetProperty("reprintOf").GetInt64(), json.GetProperty("pages").GetInt32()));
        var path = json.GetProperty("pdf").GetString()!;
        Assert.Equal(Path.Combine(dir, $"reminder-{document}-reprint-{reprintId}.pdf"), path);
        Assert.Equal("%PDF"u8.ToArray(), (await File.ReadAllBytesAsync(path))[..4]);
        var text = Poppler.Text(await File.ReadAllBytesAsync(path));
        Assert.Contains("鹿児島 花子", text);
        Assert.Contains(document.ToString(), text);
        Assert.DoesNotContain(Directory.GetFiles(dir), f => f.EndsWith(".part", StringComparison.Ordinal));
        await using (var db = store.Open())
        {
            var row = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.Id == reprintId);
            Assert.Equal(((long?)document, "本人から再送付の依頼"), (row.ReprintOfId, row.Purpose));
        }

        var unknown = await CliRunner.RunAsync(clock, ["notices", "reprint", "999999", "--out", dir, .. storeArgs]);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("発行番号 999999 の発行記録はありません。", unknown.Err);
        Assert.DoesNotContain(Directory.GetFiles(dir), f => f.EndsWith(".part", StringComparison.Ordinal));
        Directory.Delete(dir, recursive: true);
    }
}
