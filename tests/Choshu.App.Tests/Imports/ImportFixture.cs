using System.Text;
using Choshu.App.Imports;
using Choshu.Data;
using Choshu.Domain.Identifiers;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.App.Tests.Imports;

/// <summary>A fresh store (PostgreSQL or SQLite), a frozen clock and a scratch directory for one import test.</summary>
internal sealed class ImportFixture : IAsyncDisposable
{
    public const string Actor = "test:importer";

    /// <summary>"Today" in every import test: 2026-04-01 in Japan (09:00 JST).</summary>
    public static readonly DateOnly Today = new(2026, 4, 1);

    public const string TaxpayerHeader = "宛名番号,氏名漢字,氏名かな,生年月日,性別,郵便番号,町名,番地,方書,個人番号,法人番号";
    public const string AssessmentHeader = "宛名番号,税目,調定年度,相当年度,通知書番号,期別,納期限,税額";

    /// <summary>The published example (domain.md §7) and a second number with its check digit computed.</summary>
    public static readonly string MyNumber1 = "621498320257";
    public static readonly string MyNumber2 = "12345678901" + MyNumber.ComputeCheckDigit("12345678901");
    public const string CorporateNumber1 = "5835678256246";

    private readonly string _dir;

    private ImportFixture(TestStore store)
    {
        Store = store;
        _dir = Directory.CreateTempSubdirectory("choshu-import-").FullName;
    }

    public TestStore Store { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(9)));

    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.Postgres };

    public static async Task<ImportFixture> CreateAsync(StoreProvider provider) => new(await TestStore.CreateAsync(provider));

    /// <summary>Writes <paramref name="lines"/> joined by CRLF as UTF-8 without BOM (or as <paramref name="encoding"/>, with its preamble if it has one).</summary>
    public string Write(string name, IEnumerable<string> lines, Encoding? encoding = null)
    {
        var path = Path.Combine(_dir, name);
        encoding ??= new UTF8Encoding(false);
        File.WriteAllBytes(path, [.. encoding.GetPreamble(), .. encoding.GetBytes(string.Join("\r\n", lines) + "\r\n")]);
        return path;
    }

    public Task<ImportResult> ImportTaxpayersAsync(string path, int batchSize = CsvImport<object>.DefaultBatchSize) =>
        new TaxpayerImport(Store.Store, Clock) { BatchSize = batchSize }.RunAsync(new ImportRequest(path, null, Actor));

    public Task<ImportResult> ImportAssessmentsAsync(string path, int batchSize = CsvImport<object>.DefaultBatchSize) =>
        new AssessmentImport(Store.Store, Clock) { BatchSize = batchSize }.RunAsync(new ImportRequest(path, null, Actor));

    /// <summary>Taxpayers 100001 (individual) and 100002 (corporation), for the assessment tests.</summary>
    public async Task SeedTaxpayersAsync()
    {
        var path = Write("seed-taxpayers.csv",
        [
            TaxpayerHeader,
            "100001,鹿児島　太郎,カゴシマ　タロウ,1980-04-01,男,892-0816,鹿児島県鹿児島市山下町,11-1,,,",
            $"100002,桜島商事株式会社,サクラジマショウジ,,,8920816,鹿児島県鹿児島市山下町,1-2,,,{CorporateNumber1}",
        ]);
        var r = await ImportTaxpayersAsync(path);
        Assert.Equal(2, r.Created);
    }

    /// <summary>The digits of a stored (sealed) My Number, opened with this store's key file.</summary>
    public string Reveal(Choshu.Data.Taxpayers.TaxpayerMyNumber row) => Choshu.App.Privacy.MyNumberVault.Open(Store.Store).Reveal(row).Reveal();

    public async Task<RowCounts> CountAsync()
    {
        await using var db = Store.Open();
        return new RowCounts(
            await db.Taxpayers.CountAsync(),
            await db.TaxpayerVersions.CountAsync(),
            await db.TaxpayerMyNumbers.CountAsync(),
            await db.Assessments.CountAsync(),
            await db.Installments.CountAsync(),
            await db.JournalEntries.CountAsync(),
            await db.QuarantinedRecords.CountAsync(),
            await db.ImportFiles.CountAsync(),
            await db.ImportRuns.CountAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}

internal sealed record RowCounts(
    int Taxpayers, int Versions, int MyNumbers, int Assessments, int Installments, int JournalEntries,
    int Quarantined, int ImportFiles, int ImportRuns);
