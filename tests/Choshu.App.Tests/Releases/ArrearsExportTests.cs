using System.Security.Cryptography;
using Choshu.App.Releases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Privacy;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Tests.Releases;

/// <summary>Exports only by holders of the export right, each recorded with the file's SHA-256 and row count (seed III-3 リスク4). Data: <see cref="ReleaseFixture"/>.</summary>
public class ArrearsExportTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Postgres, StoreProvider.Sqlite };

    private const string Header = "宛名番号,氏名,住所,税目コード,税目,調定年度,通知書番号,期別,納期限,未納本税額";

    [Theory, MemberData(nameof(Providers))]
    public async Task ExportAsync_Exporter_WritesArrearsCsvAndRecordsHashRowsAndAudit(StoreProvider provider)
    {
        await using var f = await ReleaseFixture.CreateAsync(provider);
        await using var db = f.Store.Open();
        var path = f.PathOf("arrears-20261120.csv");

        var receipt = await ArrearsList.ExportAsync(db, f.Exporter, new DateOnly(2026, 11, 20), "催告書の発送準備", path, ReleaseFixture.Clock());

        // As of 2026-11-20: period 3 of 2026010000001 was paid on 2026-11-24, after the day, so it is still in arrears.
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(
        [
            Header,
            "1000000001,鹿児島 花子,鹿児島県鹿児島市山下町 11-1,01,市民税,2026,2026010000001,1,2026-06-30,45000",
            "1000000001,鹿児島 花子,鹿児島県鹿児島市山下町 11-1,01,市民税,2026,2026010000001,3,2026-10-30,45000",
            "1000000002,谷山 次郎,鹿児島県鹿児島市谷山中央 1-2-3 コーポ谷山101,01,市民税,2025,2025010000002,1,2025-06-30,20000",
        ], ReleaseFixture.Lines(bytes));
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal((3, sha, (long)bytes.Length), (receipt.RowCount, receipt.Sha256, receipt.Bytes));

        var r = await db.DataReleases.SingleAsync();
        Assert.Equal((DataReleaseKind.Export, "arrears-list:2026-11-20", "自課（課コード 0310）", Header, 3, sha, "arrears-20261120.csv", "催告書の発送準備"),
            (r.Kind, r.Content, r.Recipient, r.Items, r.RowCount, r.Sha256, r.FileName, r.Purpose));
        Assert.Equal((f.Exporter.AccountId, "800001", new DateTime(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc)), (r.AccountId, r.ActorName, r.AtUtc));
        var e = await db.AuditEvents.SingleAsync();
        Assert.Equal((AuditEventKind.DataExported, AuditOutcome.Succeeded, f.Exporter.AccountId, "催告書の発送準備"), (e.Kind, e.Outcome, e.AccountId, e.Purpose));
        Assert.Equal($"出力 {r.Id}: arrears-list:2026-11-20 受領者=自課（課コード 0310） ファイル=arrears-20261120.csv 件数=3 SHA-256={sha}", e.Detail);
        Assert.Equal(["arrears-20261120.csv"], Directory.GetFiles(f.Dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ExportAsync_AsOfToday_PeriodPaidOn1124NotListed()
    {
        await using var f = await ReleaseFixture.CreateAsync(StoreProvider.Postgres);
        await using var db = f.Store.Open();

        var table = await ArrearsList.ReadAsync(db, new DateOnly(2026, 11, 26));

        Assert.Equal([("1000000001", "1", "45000"), ("1000000002", "1", "20000")], table.Rows.Select(r => (r[0], r[7], r[9])));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ExportAsync_CollectionClerkWithoutExportRight_RefusedAuditedNoFileNoRecord(StoreProvider provider)
    {
        await using var f = await ReleaseFixture.CreateAsync(provider);
        await using var db = f.Store.Open();
        var path = f.PathOf("arrears.csv");

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => ArrearsList.ExportAsync(db, f.Clerk, new DateOnly(2026, 11, 20), null, path, ReleaseFixture.Clock()));

        Assert.False(ex.RightsLapsed);
        Assert.Empty(Directory.GetFiles(f.Dir));
        Assert.Equal(0, await db.DataReleases.CountAsync());
        var e = await db.AuditEvents.SingleAsync();
        Assert.Equal((AuditEventKind.AccessDenied, AuditOutcome.Denied, "100001"), (e.Kind, e.Outcome, e.ActorName));
        Assert.Equal("ExportData: 出力 arrears-list:2026-11-20 → 自課（課コード 0310）", e.Detail);
    }

    [Fact]
    public async Task ExportAsync_ExporterWhoseRightLapsedYesterday_RefusedAsLapsed()
    {
        await using var f = await ReleaseFixture.CreateAsync(StoreProvider.Postgres);
        await using var db = f.Store.Open();

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => ArrearsList.ExportAsync(db, f.LapsedExporter, new DateOnly(2026, 11, 20), null, f.PathOf("a.csv"), ReleaseFixture.Clock()));

        Assert.True(ex.RightsLapsed);
        Assert.Equal(AuditEventKind.AccessDeniedLapsedRights, (await db.AuditEvents.SingleAsync()).Kind);
        Assert.Empty(Directory.GetFiles(f.Dir));
    }

    [Fact]
    public async Task ExportAsync_SystemActor_RefusedANamedPersonIsNeeded()
    {
        await using var f = await ReleaseFixture.CreateAsync(StoreProvider.Postgres);
        await using var db = f.Store.Open();

        await Assert.ThrowsAsync<AccessDeniedException>(() => ArrearsList.ExportAsync(db, Actor.SystemAs("batch", "srv01"), new DateOnly(2026, 11, 20), null, f.PathOf("a.csv"), ReleaseFixture.Clock()));

        var e = await db.AuditEvents.SingleAsync();
        Assert.Equal((AuditEventKind.AccessDenied, "system:cli:batch"), (e.Kind, e.ActorName));
        Assert.Equal(0, await db.DataReleases.CountAsync());
    }

    [Fact]
    public async Task ReleaseToStreamAsync_ReportDownload_SameBytesAsRecordedHash()
    {
        await using var f = await ReleaseFixture.CreateAsync(StoreProvider.Postgres);
        await using var db = f.Store.Open();
        var table = new ReleaseTable(["税目", "収入額"], [["市民税", "135000"], ["固定資産税", "100000"]]);
        using var download = new MemoryStream();

        var receipt = await new DataReleases(db, ReleaseFixture.Clock()).ReleaseToStreamAsync(f.Exporter,
            new ReleaseSpec(DataReleaseKind.Export, "report:collection:2026", "自課", "調定収納集計のダウンロード"), _ => Task.FromResult(table), "collection-2026.csv", download);

        var bytes = download.ToArray();
        Assert.Equal(["税目,収入額", "市民税,135000", "固定資産税,100000"], ReleaseFixture.Lines(bytes));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), receipt.Sha256);
        var r = await db.DataReleases.SingleAsync();
        Assert.Equal(("report:collection:2026", 2, receipt.Sha256, "collection-2026.csv"), (r.Content, r.RowCount, r.Sha256, r.FileName));
    }

    [Theory]
    [InlineData("鹿児島 花子", "鹿児島 花子")]
    [InlineData("谷山, 次郎", "\"谷山, 次郎\"")]
    [InlineData("コーポ\"谷山\"", "\"コーポ\"\"谷山\"\"\"")]
    [InlineData("1行目\n2行目", "\"1行目\n2行目\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-15000", "-15000")]
    [InlineData("+81-99-216", "'+81-99-216")]
    [InlineData("", "")]
    public void Field_QuotesSeparatorsAndDefusesFormulas(string value, string written) =>
        Assert.Equal(written, ReleaseCsv.Field(value));
}
