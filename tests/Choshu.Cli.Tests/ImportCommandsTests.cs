using System.Text.Json;
using Choshu.Data;
using Choshu.TestSupport;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu import taxpayers|assessments</c>: output and exit codes (0 all landed, 3 some quarantined,
/// 2 refused). Today is 2026-11-26 (JST). The import rules themselves are tested in Choshu.App.Tests.
/// </summary>
public sealed class ImportCommandsTests : IDisposable
{
    private const string TaxpayerHeader = "宛名番号,氏名漢字,氏名かな,生年月日,性別,郵便番号,町名,番地,方書,個人番号,法人番号";
    private readonly string _dir = Directory.CreateTempSubdirectory("choshu-cli-import-").FullName;

    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.Postgres };

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ImportTaxpayers_BadLine_Exit3WithSummaryAndOneStderrLinePerField(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = Write("tp.csv",
            TaxpayerHeader + ",備考",
            "100001,山田　太郎,ヤマダ　タロウ,1980-04-01,男,8920816,町,1,,,,",
            "100002,山田　花子,ヤマダ　ハナコ,1980-13-01,F,8920816,町,1,,,,");

        var (code, output, error) = await CliRunner.RunAsync(CliRunner.Clock(), "import", "taxpayers", path, "--db", store.Store.ConnectionString, "--keys", store.KeysFile);

        Assert.Equal(3, code);
        Assert.Contains("読込 2 行: 新規 1、変更 0、変更なし 0、保留 1", output);
        Assert.Contains("無視した列 備考", output);
        Assert.Equal(
            "tp.csv:3 生年月日: 日付として読めません（YYYY-MM-DD または YYYYMMDD）。\n" +
            "tp.csv:3 性別: 男・女 または 1・2 で指定してください。\n",
            error.ReplaceLineEndings("\n"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ImportAssessments_Json_OneObjectAndExit0(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var db = store.Store.ConnectionString;
        await CliRunner.RunAsync(CliRunner.Clock(), "import", "taxpayers", Write("tp.csv", TaxpayerHeader, "100001,山田　太郎,ヤマダ　タロウ,1980-04-01,男,8920816,町,1,,,"), "--db", db, "--keys", store.KeysFile);
        var path = Write("as.csv",
            "宛名番号,税目,調定年度,相当年度,通知書番号,期別,納期限,税額",
            "100001,市民税,2026,2026,0000123,1,2026-06-30,12300");

        var (code, output, error) = await CliRunner.RunAsync(CliRunner.Clock(), "import", "assessments", path, "--json", "--db", db);

        Assert.Equal((0, ""), (code, error));
        using var json = JsonDocument.Parse(output);
        var r = json.RootElement;
        Assert.Equal((1, 1, 0, 0, 0), (r.GetProperty("read").GetInt32(), r.GetProperty("created").GetInt32(),
            r.GetProperty("changed").GetInt32(), r.GetProperty("unchanged").GetInt32(), r.GetProperty("quarantined").GetInt32()));
        Assert.Equal(("as.csv", "utf-8", 64), (r.GetProperty("file").GetString(), r.GetProperty("encoding").GetString(), r.GetProperty("sha256").GetString()!.Length));
        Assert.Equal(0, r.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task ImportTaxpayers_MissingColumn_Exit2NamingFileAndColumn()
    {
        await using var store = await TestStore.CreateSqliteAsync();
        var path = Write("tp.csv", "宛名番号,氏名漢字", "100001,山田　太郎");

        var (code, _, error) = await CliRunner.RunAsync(CliRunner.Clock(), "import", "taxpayers", path, "--db", store.Store.ConnectionString);

        Assert.Equal(2, code);
        Assert.StartsWith("エラー: tp.csv: 必須の列「氏名かな」「生年月日」「性別」「郵便番号」「町名」「番地」「方書」「個人番号」「法人番号」がヘッダー行にありません。", error);
    }

    [Fact]
    public async Task ImportTaxpayers_StoreNotInitialised_Exit2TellingToRunDbInit()
    {
        var path = Write("tp.csv", TaxpayerHeader);
        var dbPath = Path.Combine(_dir, "empty.db");

        var (code, _, error) = await CliRunner.RunAsync(CliRunner.Clock(), "import", "taxpayers", path, "--db", $"Data Source={dbPath}");

        Assert.Equal(2, code);
        Assert.Contains("choshu db init", error);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
