using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.TestSupport;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu notices</c> end to end on a one-taxpayer SQLite city, today 2026-11-26 (JST), default settings (fee 100 yen, slips valid 14
/// days, store biller 912345). 市民税 2026 notice 2026010000777 period 1 (installment id 2345678, so 消込番号 00000000000023456783: the id and its check digit) due
/// 2026-06-30 (Tue), 60,000 unpaid. A reminder run as of 2026-07-10 asks for 60,000 + 100 = 60,100 by 2026-07-24 (Fri); the late fee for
/// under a month on 60,000 (60,000 × 2.8% × 24 / 365 = 110 yen) is under 1,000 yen: none. The files are read back as a person would:
/// pdftotext for the letter, the CSV as text.
/// </summary>
public sealed class NoticeCommandsTests : IAsyncLifetime
{
    private TestStore _store = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("choshu-notices-").FullName;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using var db = _store.Open();
        var now = new DateTime(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc);
        var t = new Taxpayer
        {
            TaxpayerNo = "1000000777",
            Facts = new TaxpayerFacts
            {
                NameKanji = "鹿児島　花子", NameKana = "カゴシマ　ハナコ", PostalCode = "8920816", TownName = "鹿児島県鹿児島市山下町", StreetNumber = "11番1号",
            },
            HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        db.Taxpayers.Add(t);
        await db.SaveChangesAsync();
        var due = new DateOnly(2026, 6, 30);
        db.Assessments.Add(new Assessment
        {
            TaxpayerId = t.Id, TaxKindCode = TaxKindCodes.InhabitantTax, FiscalYear = 2026, LiabilityYear = 2026, NoticeNo = "2026010000777", CreatedAtUtc = now,
            Installments = [new Installment { Id = 2_345_678, Period = 1, NominalDueDate = due, DueDate = due, StatutoryDueDate = due }],
        });
        await db.SaveChangesAsync();
        db.JournalEntries.Add(new JournalEntry
        {
            InstallmentId = 2_345_678, Kind = JournalEntryKind.Charge, Component = LedgerComponent.Principal, Amount = 60_000,
            ValueDate = new DateOnly(2026, 6, 10), RecordedAtUtc = now, Actor = "test",
        });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<(int ExitCode, string Out, string Err)> Run(params string[] args) =>
        CliRunner.RunAsync(CliRunner.Clock(), [.. args, "--db", _store.Store.ConnectionString]);

    private static string PdfText(string path) => Poppler.Text(File.ReadAllBytes(path), layout: true);

    [Fact]
    public async Task Reminders_PreviewGenerateRerunDispatch_FilesReadBackAndDatesSet()
    {
        var preview = await Run("notices", "reminders", "--as-of", "2026-07-10", "--dry-run", "--json");
        Assert.Equal(0, preview.ExitCode);
        var p = JsonDocument.Parse(preview.Out).RootElement;
        Assert.Equal((JsonValueKind.Null, 1, 60_100L, "2026-07-24"),
            (p.GetProperty("runId").ValueKind, p.GetProperty("letters").GetInt32(), p.GetProperty("totalAmount").GetInt64(), p.GetProperty("deadline").GetString()));

        var out1 = Path.Combine(_dir, "run");
        var made = await Run("notices", "reminders", "--as-of", "2026-07-10", "--out", out1, "--json");
        Assert.Equal(0, made.ExitCode);
        var m = JsonDocument.Parse(made.Out).RootElement;
        var runId = m.GetProperty("runId").GetInt64();
        var files = m.GetProperty("files");
        var pdf = files.GetProperty("pdf").GetString()!;
        Assert.Equal(1, files.GetProperty("pages").GetInt32());

        var text = PdfText(pdf).Replace('　', ' ');
        foreach (var expected in new[] { "督促状", "鹿児島 花子", "60,100円", "令和8年7月10日", "令和8年7月24日", "審査請求", "2026010000777", "0000 0000 0000 2345 6783" })
            Assert.True(text.Contains(expected, StringComparison.Ordinal), $"「{expected}」 is not in the letter's text:\n{text}");

        // Records end with CR LF; the body's paragraphs are LF inside a quoted field (no ASCII comma in this letter's text).
        var csv = File.ReadAllText(files.GetProperty("vendor").GetString()!, Encoding.UTF8).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, csv.Length);
        Assert.StartsWith("一括作成番号,通番,発行番号,種類,表題,作成日,作成日和暦,郵便番号", csv[0]);
        var row = csv[1].Split(',');
        var col = (string name) => row[Array.IndexOf(csv[0].Split(','), name)];
        Assert.Equal(("reminder", "8920816", "60000", "100", "0", "60100", "2026-07-24", "00000000000023456783"),
            (col("種類"), col("郵便番号"), col("本税"), col("督促手数料"), col("延滞金"), col("合計"), col("指定期限"), col("消込番号")));
        var barcode = col("コンビニバーコード");
        Assert.Equal(44, barcode.Length);

        // A rerun issues nothing.
        var rerun = JsonDocument.Parse((await Run("notices", "reminders", "--as-of", "2026-07-10", "--out", out1, "--json")).Out).RootElement;
        Assert.Equal((JsonValueKind.Null, 0), (rerun.GetProperty("runId").ValueKind, rerun.GetProperty("letters").GetInt32()));

        var sent = await Run("notices", "dispatch", runId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--on", "2026-07-15", "--json");
        Assert.Equal(0, sent.ExitCode);
        Assert.Equal(100, JsonDocument.Parse(sent.Out).RootElement.GetProperty("feesCharged").GetInt64());
        var twice = await Run("notices", "dispatch", runId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--on", "2026-07-16");
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("発送済み", twice.Err);

        // The slip of the same day and deadline now carries the charged fee: the same 44 digits as the letter's slip, and the
        // symbol printed on the letter decodes (ZXing, page rendered at 300 dpi) to them.
        var slip = JsonDocument.Parse((await Run("slip", "--notice-no", "2026010000777", "--period", "1", "--as-of", "2026-07-10", "--json")).Out).RootElement;
        Assert.Equal((60_100L, barcode), (slip.GetProperty("amount").GetInt64(), slip.GetProperty("barcode").GetString()));
        using (var page = Poppler.Page(await File.ReadAllBytesAsync(pdf), 1, 300))
        {
            var symbol = Assert.Single(Poppler.Decode(page, new SkiaSharp.SKRectI(0, page.Height * 2 / 3, page.Width, page.Height), ZXing.BarcodeFormat.CODE_128));
            Assert.Equal("]C1" + slip.GetProperty("barcode").GetString(), symbol.Text);
        }

        var show = JsonDocument.Parse((await Run("taxpayer", "show", "1000000777", "--json")).Out).RootElement;
        var inst = show.GetProperty("assessments")[0].GetProperty("installments")[0];
        Assert.Equal(("2026-07-15", "2026-07-26", "2031-07-26"),
            (inst.GetProperty("reminderSentOn").GetString(), inst.GetProperty("seizableFrom").GetString(), inst.GetProperty("limitationLapsesOn").GetString()));
    }

    [Fact]
    public async Task Reminders_FilesCannotBeWritten_RunKeptRerunIssuesNothingPrintWritesThem()
    {
        var blocked = Path.Combine(_dir, "not-a-folder");
        await File.WriteAllTextAsync(blocked, "x");
        var failed = await Run("notices", "reminders", "--as-of", "2026-07-10", "--out", blocked);
        Assert.Equal(2, failed.ExitCode);
        Assert.Contains("は記録しましたが、ファイルを書き出せませんでした", failed.Err);
        var runId = failed.Err.Split("一括作成番号 ")[1].Split(' ')[0];

        var rerun = await Run("notices", "reminders", "--as-of", "2026-07-10", "--dry-run", "--json");
        Assert.Equal(0, JsonDocument.Parse(rerun.Out).RootElement.GetProperty("letters").GetInt32());

        var printed = await Run("notices", "print", runId, "--out", Path.Combine(_dir, "again"));
        Assert.Equal(0, printed.ExitCode);
        Assert.Contains("鹿児島 花子", PdfText(Path.Combine(_dir, "again", $"reminder-run-{runId}.pdf")).Replace('　', ' '));
    }
}
