using Choshu.App.Privacy;
using Choshu.App.Seeding;
using Choshu.Data;
using Choshu.Domain.Identifiers;
using Choshu.TestSupport;

namespace Choshu.Cli.Tests;

/// <summary>
/// No My Number in what the CLI prints: a session end to end (seed 77 with 30 taxpayers, a taxpayer file
/// with My Numbers and a line refused for a wrong check digit, taxpayer show, keys rotate and status), its
/// stdout and stderr scanned for every number involved; and <c>choshu privacy scan</c> itself.
/// </summary>
public sealed class PlaintextScanTests : IDisposable
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.Postgres };

    private const long Seed = 77;
    private const int Taxpayers = 30;
    private static readonly MyNumber Imported1 = MyNumber.Parse("800000000112");
    private static readonly MyNumber Imported2 = MyNumber.Parse("800000000228");
    private const string WrongCheckDigit = "800000000334"; // 80000000033 has check digit 3

    private readonly string _dir = Directory.CreateTempSubdirectory("choshu-scan-").FullName;

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Session_SeedImportShowRotateStatus_NoMyNumberInStdoutOrStderr(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var printed = new List<(string Step, int Code, string Out, string Err)>();
        async Task<int> Run(string step, params string[] args)
        {
            var (code, output, error) = await CliRunner.RunAsync(CliRunner.Clock(), [.. args, "--db", store.Store.ConnectionString, "--keys", store.KeysFile]);
            printed.Add((step, code, output, error));
            return code;
        }
        var csv = Write("taxpayers.csv",
            "宛名番号,氏名漢字,氏名かな,生年月日,性別,郵便番号,町名,番地,方書,個人番号,法人番号",
            $"900001,番号　一郎,バンゴウ　イチロウ,1970-01-01,男,8920816,町,1,,{Imported1.Reveal()},",
            $"900002,番号　二郎,バンゴウ　ジロウ,1971-02-02,男,8920816,町,2,,{Imported2.Reveal()},",
            $"900003,番号　三郎,バンゴウ　サブロウ,1972-03-03,男,8920816,町,3,,{WrongCheckDigit},");

        Assert.Equal(0, await Run("seed", "seed", "--taxpayers", Taxpayers.ToString(), "--seed", Seed.ToString()));
        Assert.Equal(3, await Run("import", "import", "taxpayers", csv));
        Assert.Equal(3, await Run("import --json", "import", "taxpayers", csv, "--json"));
        Assert.Equal(0, await Run("show", "taxpayer", "show", "900001"));
        Assert.Equal(0, await Run("show --json", "taxpayer", "show", "900002", "--json"));
        string seededIndividual;
        await using (var db = store.Open())
            seededIndividual = (from t in db.Taxpayers join m in db.TaxpayerMyNumbers on t.Id equals m.TaxpayerId
                                where t.TaxpayerNo.Length == 10 orderby t.TaxpayerNo select t.TaxpayerNo).First();
        Assert.Equal(0, await Run("show seeded", "taxpayer", "show", seededIndividual));
        Assert.Equal(0, await Run("rotate", "keys", "rotate"));
        Assert.Equal(0, await Run("status", "keys", "status"));
        Assert.Equal(0, await Run("status --json", "keys", "status", "--json"));

        Assert.Contains("個人番号", printed.Single(p => p.Step == "import").Err); // the refused line names the column…
        Assert.Contains("鍵バージョン 2", printed.Single(p => p.Step == "rotate").Out);
        var scanner = new PlaintextScanner()
            .AddSeeds([Seed], Taxpayers)
            .Add([Imported1, Imported2], "取込ファイルの個人番号")
            .AddDigits([WrongCheckDigit], "チェックデジット誤りの番号");
        foreach (var p in printed)
        {
            Assert.Empty(scanner.ScanText(p.Out, $"{p.Step} (stdout)"));
            Assert.Empty(scanner.ScanText(p.Err, $"{p.Step} (stderr)")); // …but never its number
        }
        // The scan finds what is there: the seeded numbers do belong to the taxpayers shown.
        Assert.Single(scanner.ScanText("x" + SyntheticCityGenerator.SeededMyNumbers(Seed, 1).Single().Reveal(), "control"));
    }

    [Fact]
    public async Task PrivacyScan_SeededNumberInALog_Exit1NamingFileAndLineMasked()
    {
        var n = SyntheticCityGenerator.SeededMyNumbers(Seed, 3).Last().Reveal();
        var log = Write("run.log", "line one", "line two", $"leaked: {n[..4]}-{n[4..8]}-{n[8..]}", "line four");
        Write("clean.log", "nothing here 2026-11-26 12:00:00");

        var (code, output, error) = await CliRunner.RunAsync(CliRunner.Clock(), "privacy", "scan", "--seed", "70-80", "--taxpayers", "10", _dir);

        Assert.Equal(1, code);
        Assert.Equal($"{log}:3: 個人番号 ************ が平文で記録されています（シード 77 の合成個人番号、区切り文字入り）。\n", error.ReplaceLineEndings("\n"));
        Assert.Contains("個人番号 110 件を探しました: 平文の個人番号が 1 か所にあります。", output);
        Assert.False((output + error).Contains(n), "the scan printed the number");
    }

    [Fact]
    public async Task PrivacyScan_NumbersFromAFixture_FoundInAnotherFile()
    {
        var fixture = Write("fixture.cs", $"const string MyNumber = \"{Imported1.Reveal()}\";");
        var trx = Write("results.trx", "<UnitTestResult>", $"<Output>{Imported1.Reveal()}</Output>", "</UnitTestResult>");

        var (code, _, error) = await CliRunner.RunAsync(CliRunner.Clock(), "privacy", "scan", "--numbers-from", fixture, trx);

        Assert.Equal(1, code);
        Assert.StartsWith($"{trx}:2: 個人番号 ************", error);
    }

    [Fact]
    public async Task PrivacyScan_Clean_Exit0()
    {
        var log = Write("run.log", "Passed!  - Failed: 0, Passed: 53", "seed 77 taxpayers 30");

        var (code, output, error) = await CliRunner.RunAsync(CliRunner.Clock(), "privacy", "scan", "--seed", "77", "--taxpayers", "30", log);

        Assert.Equal((0, ""), (code, error));
        Assert.Contains("平文の個人番号はありません", output);
    }

    [Theory]
    [InlineData("7-")]
    [InlineData("x")]
    [InlineData("9-3")]
    public async Task PrivacyScan_BadSeed_Exit2(string seed)
    {
        var (code, _, error) = await CliRunner.RunAsync(CliRunner.Clock(), "privacy", "scan", "--seed", seed, _dir);

        Assert.Equal(2, code);
        Assert.Contains("--seed:", error);
    }

    [Fact]
    public async Task PrivacyScan_NothingToLookFor_Exit2()
    {
        var (code, _, error) = await CliRunner.RunAsync(CliRunner.Clock(), "privacy", "scan", _dir);

        Assert.Equal(2, code);
        Assert.Contains("--seed または --numbers-from", error);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
