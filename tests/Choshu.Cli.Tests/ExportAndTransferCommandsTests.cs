using System.Security.Cryptography;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu export arrears|list</c> and <c>choshu transfer payment-status|list</c>. Taxpayer 1000000001 鹿児島 花子:
/// 市民税 2026 notice 2026010000001, period 1 due 2026-06-30 60,000 unpaid; 固定資産税 2026 notice 2026020000001,
/// period 1 due 2026-04-30 100,000 unpaid. Staff 800001 ファイル出力担当, 100001 収納担当. Today 2026-11-26 12:00 JST.
/// </summary>
public sealed class ExportAndTransferCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("choshu-cli-release-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<TestStore> SeedAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        var t = await LedgerSeed.TaxpayerAsync(db, "1000000001");
        await LedgerSeed.AssessmentAsync(db, t, TaxKindCodes.InhabitantTax, 2026, "2026010000001", new LedgerSeed.Inst(1, new DateOnly(2026, 6, 30), 60_000));
        await LedgerSeed.AssessmentAsync(db, t, TaxKindCodes.FixedAssetTax, 2026, "2026020000001", new LedgerSeed.Inst(1, new DateOnly(2026, 4, 30), 100_000));
        await StaffSeed.AddAsync(db, "800001", "出力 太郎", StaffSeed.Holds(Role.Exporter));
        await StaffSeed.AddAsync(db, "100001", "収納 花子", StaffSeed.Holds(Role.CollectionClerk));
        return store;
    }

    private static Task<(int ExitCode, string Out, string Err)> RunAsync(TestStore store, params string[] args) =>
        CliRunner.RunAsync(CliRunner.Clock(), [.. args, "--db", store.Store.ConnectionString]);

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ExportArrears_Exporter_WritesFilePrintsHashAndListShowsIt(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);
        var path = Path.Combine(_dir, "arrears.csv");

        var r = await RunAsync(store, "export", "arrears", "--as-of", "2026-11-26", "--operator", "800001", "--out", path, "--purpose", "催告準備");

        Assert.Equal((0, ""), (r.ExitCode, r.Err));
        var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path)));
        Assert.Contains($"2 件、SHA-256 {sha}", r.Out);
        var lines = (await File.ReadAllTextAsync(path)).Split("\r\n");
        Assert.Equal("1000000001,鹿児島 花子,,01,市民税,2026,2026010000001,1,2026-06-30,60000", lines[1]);
        Assert.Equal("1000000001,鹿児島 花子,,02,固定資産税,2026,2026020000001,1,2026-04-30,100000", lines[2]);

        var list = await RunAsync(store, "export", "list");
        Assert.Contains("自課（課コード 0310）  arrears-list:2026-11-26  2 件  操作者 800001  arrears.csv", list.Out);
        Assert.Contains($"SHA-256 {sha}", list.Out);
        Assert.Contains("目的 催告準備", list.Out);
    }

    // Issue 18: --out naming a folder used to commit the release record and its audit entry for a file never written
    // (then end in an exception). Now: a Japanese error, exit 2, no release and no 4000 record.
    [Fact]
    public async Task ExportArrears_OutIsADirectory_JapaneseErrorNothingRecorded()
    {
        await using var store = await SeedAsync(StoreProvider.Sqlite);

        var r = await RunAsync(store, "export", "arrears", "--as-of", "2026-11-26", "--operator", "800001", "--out", _dir);

        Assert.True(r.ExitCode == 2, r.Err);
        Assert.Contains($"エラー: 出力先 {_dir} はフォルダです。出力するファイルの名前を指定してください。", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        await using var db = store.Open();
        Assert.Equal(0, await db.DataReleases.CountAsync());
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Kind == AuditEventKind.DataExported));
    }

    [Fact]
    public async Task ExportArrears_CollectionClerk_RefusedExit3NoFile()
    {
        await using var store = await SeedAsync(StoreProvider.Sqlite);
        var path = Path.Combine(_dir, "arrears.csv");

        var r = await RunAsync(store, "export", "arrears", "--as-of", "2026-11-26", "--operator", "100001", "--out", path);

        Assert.Equal(3, r.ExitCode);
        Assert.Contains("この操作を行う権限がありません", r.Err);
        Assert.False(File.Exists(path));
        await using var db = store.Open();
        // The clerk's choshu login (1000, made by CliRunner) aside.
        Assert.Equal(AuditEventKind.AccessDenied, (await db.AuditEvents.SingleAsync(e => e.Kind != AuditEventKind.LoginSucceeded)).Kind);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task TransferPaymentStatus_ToPropertyTaxDivision_OnlyFixedAssetTaxRecorded(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);
        var path = Path.Combine(_dir, "shisanzei.csv");

        var r = await RunAsync(store, "transfer", "payment-status", "--to", "資産税課", "--fiscal-year", "2026", "--operator", "800001", "--out", path);

        Assert.Equal((0, ""), (r.ExitCode, r.Err));
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(
            "宛名番号,調定年度,相当年度,通知書番号,期別,納期限,本税額,収納済額,未納額,完納日\r\n1000000001,2026,2026,2026020000001,1,2026-04-30,100000,0,100000,\r\n",
            System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.Contains("資産税課への収納状況情報（2026 年度）", r.Out);
        Assert.Contains("1 件", r.Out);

        var list = await RunAsync(store, "transfer", "list", "--json");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("\"recipient\": \"資産税課\"", list.Out);
        Assert.Contains("\"content\": \"payment-status:02:2026\"", list.Out);
        Assert.Contains("\"rowCount\": 1", list.Out);
        Assert.Contains("\"atJst\": \"2026-11-26 12:00:00\"", list.Out);
    }

    [Fact]
    public async Task TransferPaymentStatus_OtherDepartment_RefusedNothingWritten()
    {
        await using var store = await SeedAsync(StoreProvider.Sqlite);
        var path = Path.Combine(_dir, "x.csv");

        var r = await RunAsync(store, "transfer", "payment-status", "--to", "総務課", "--fiscal-year", "2026", "--operator", "800001", "--out", path);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("移転先「総務課」は認められていません", r.Err);
        Assert.False(File.Exists(path));
        await using var db = store.Open();
        Assert.Equal(0, await db.DataReleases.CountAsync());
    }
}
