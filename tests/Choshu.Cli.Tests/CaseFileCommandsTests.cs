using System.Text.Json;
using Choshu.Data;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Assessments;
using Choshu.Domain.Cases;
using Choshu.Domain.Security;
using Choshu.Domain.Taxpayers;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu case show N --json</c>, <c>case log</c> and the call centre's extract and result import, on one SQLite store.
/// Today 2026-11-26 (JST). Taxpayer 1300000001 (phone 099-000-0001): 市民税 2024 第1期 due 2024-07-01, 50,000 yen, reminder
/// 2024-07-20 with a 100-yen fee. Staff 200001 (the officer in charge), 200002 (another officer), 300001 承認者, 800001 出力担当.
/// </summary>
public sealed class CaseFileCommandsTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using var db = _store.Open();
        db.Taxpayers.Add(new Taxpayer
        {
            TaxpayerNo = "1300000001",
            Facts = new TaxpayerFacts { NameKanji = "鹿児島 花子", NameKana = "カゴシマ ハナコ", BirthDate = new DateOnly(1980, 4, 1), Sex = Sex.Female, PhoneNumber = "099-000-0001" },
            HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), CreatedAtUtc = LedgerSeed.NowUtc, UpdatedAtUtc = LedgerSeed.NowUtc,
        });
        await db.SaveChangesAsync();
        var t = await db.Taxpayers.Where(x => x.TaxpayerNo == "1300000001").Select(x => x.Id).SingleAsync();
        var ids = await LedgerSeed.AssessmentAsync(db, t, TaxKindCodes.InhabitantTax, 2024, "2024010001", new LedgerSeed.Inst(1, new DateOnly(2024, 7, 1), 50_000));
        await LedgerSeed.ReminderFeeAsync(db, ids[0], 100, new DateOnly(2024, 7, 20));
        await StaffSeed.AddAsync(db, "200001", "滞納 一郎", StaffSeed.Holds(Role.DelinquencyOfficer));
        await StaffSeed.AddAsync(db, "200002", "滞納 二郎", StaffSeed.Holds(Role.DelinquencyOfficer));
        await StaffSeed.AddAsync(db, "300001", "承認 三郎", StaffSeed.Holds(Role.Approver));
        await StaffSeed.AddAsync(db, "800001", "出力 太郎", StaffSeed.Holds(Role.Exporter));
        Assert.Equal(0, (await RunAsync("case", "open", "--taxpayer", "1300000001", "--operator", "300001")).ExitCode);
        Assert.Equal(0, (await RunAsync("case", "assign", "--taxpayer", "1300000001", "--officer", "200001", "--operator", "300001")).ExitCode);
    }

    public Task DisposeAsync() => _store.DisposeAsync().AsTask();

    private Task<(int ExitCode, string Out, string Err)> RunAsync(params string[] args) =>
        CliRunner.RunAsync(CliRunner.Clock(), [.. args, "--db", _store.Store.ConnectionString]);

    [Fact]
    public async Task Show_Json_EveryClaimWithItsAmountsLapseDayAndState_AndTheLog()
    {
        var log = await RunAsync("case", "log", "1300000001", "--method", "電話", "--text", "本人と通話。月末に納付予定。", "--counterpart", "本人",
            "--next-action", "納付確認", "--next-on", "2026-12-01", "--at", "10:30", "--operator", "200001");
        Assert.Equal((0, ""), (log.ExitCode, log.Err));
        Assert.Contains("2026-11-26 10:30 電話", log.Out);
        var refused = await RunAsync("case", "log", "1300000001", "--method", "電話", "--text", "x", "--operator", "200002");
        Assert.Equal(3, refused.ExitCode);
        var badMethod = await RunAsync("case", "log", "1300000001", "--method", "FAX", "--text", "x", "--operator", "200001");
        Assert.NotEqual(0, badMethod.ExitCode);
        Assert.Contains("来庁・電話・臨戸・文書・メール・その他", badMethod.Err);

        var show = await RunAsync("case", "show", "1300000001", "--json", "--operator", "200002");

        Assert.Equal((0, ""), (show.ExitCode, show.Err));
        using var json = JsonDocument.Parse(show.Out);
        var claim = Assert.Single(json.RootElement.GetProperty("claims").EnumerateArray());
        Assert.Equal((50_000L, 100L, "2029-07-31", "督促済", true),
            (claim.GetProperty("principal").GetInt64(), claim.GetProperty("reminderFee").GetInt64(), claim.GetProperty("limitationLapsesOn").GetString(),
             claim.GetProperty("state").GetString(), claim.GetProperty("carriedForward").GetBoolean()));
        Assert.True(claim.GetProperty("lateFee").GetInt64() > 0);
        Assert.Equal("2024-07-31", claim.GetProperty("seizableFrom").GetString());
        Assert.Equal("200001", json.RootElement.GetProperty("officer").GetString());
        var entry = json.RootElement.GetProperty("log").EnumerateArray().First(l => l.GetProperty("source").GetString() == "経過記録");
        Assert.Equal(("電話", "本人", "10:30", "2026-12-01"),
            (entry.GetProperty("method").GetString(), entry.GetProperty("counterpart").GetString(), entry.GetProperty("at").GetString(), entry.GetProperty("nextActionOn").GetString()));
    }

    [Fact]
    public async Task CallCentre_ExportRecordedAsTransfer_ImportTwiceAddsOnce_BadLinesQuarantined()
    {
        var dir = Directory.CreateTempSubdirectory("h13b-cc-");
        var extract = Path.Combine(dir.FullName, "calls.csv");
        var byOfficer = await RunAsync("case", "callcentre", "export", "--out", extract, "--operator", "200001");
        Assert.Equal(3, byOfficer.ExitCode);
        var export = await RunAsync("case", "callcentre", "export", "--out", extract, "--operator", "800001");
        Assert.Equal((0, ""), (export.ExitCode, export.Err));
        var lines = await File.ReadAllLinesAsync(extract);
        Assert.Equal("架電依頼番号,宛名番号,氏名,氏名カナ,電話番号,未納期別数,未納額合計,最古納期限,担当者職員番号,基準日", lines[0].TrimStart('\uFEFF'));
        Assert.StartsWith("20261126-1300000001,1300000001,鹿児島 花子,カゴシマ ハナコ,099-000-0001,1,", lines[1]);
        Assert.EndsWith(",2024-07-01,200001,2026-11-26", lines[1]);

        var results = Path.Combine(dir.FullName, "results.csv");
        await File.WriteAllTextAsync(results,
            "結果番号,宛名番号,架電日,架電時刻,結果,相手方,内容,次回予定,次回予定日\n" +
            "R-0001,1300000001,2026-11-25,14:05,通話,本人,12月中に納付予定,納付確認,2026-12-28\n" +
            "R-0002,1300000001,2026-11-25,25:00,不在,,,,\n" +
            "R-0003,1399999999,2026-11-25,15:00,留守電,,,,\n");
        var first = await RunAsync("case", "callcentre", "import", results, "--operator", "200001");
        Assert.Equal(3, first.ExitCode);
        Assert.Contains("読込 3 行: 新規 1、変更 0、変更なし 0、保留 2", first.Out);
        Assert.Contains("results.csv:3 架電時刻: 架電時刻「25:00」は HH:MM の時刻ではありません。", first.Err);
        Assert.Contains("results.csv:4 宛名番号: 宛名番号 1399999999 の滞納整理事案がありません。", first.Err);
        var again = await RunAsync("case", "callcentre", "import", results, "--operator", "200001");
        Assert.Contains("新規 0、変更 0、変更なし 1、保留 2", again.Out);

        await using var db = _store.Open();
        var imported = await db.CaseLogEntries.Where(e => e.Source == CaseLogSource.CallCentre).ToListAsync();
        var one = Assert.Single(imported);
        Assert.Equal(("R-0001", CaseLogMethod.Phone, new DateOnly(2026, 11, 25), new TimeOnly(14, 5), "[通話] 12月中に納付予定"),
            (one.ExternalKey, one.Method, one.ContactedOn, one.ContactedTime, one.Content));
        Assert.Equal(1, await db.DataReleases.CountAsync(r => r.Content == "call-centre:2026-11-26"));
        dir.Delete(true);
    }
}
