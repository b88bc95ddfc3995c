using System.Text.Json;
using Choshu.App.Seeding;
using Choshu.Data;
using Choshu.TestSupport;

namespace Choshu.Cli.Tests;

/// <summary><c>choshu keys init|rotate|status</c> and the key file's location. Today 2026-11-26 (JST).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeysCommandsTests : IDisposable
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.Postgres };

    private readonly string _dir = Directory.CreateTempSubdirectory("choshu-keyscli-").FullName;

    private static Task<(int ExitCode, string Out, string Err)> Run(TestStore store, params string[] args) =>
        CliRunner.RunAsync(CliRunner.Clock(), [.. args, "--db", store.Store.ConnectionString, "--keys", store.KeysFile]);

    [Fact]
    public async Task KeysInit_Out_CreatesFileMode0600AndRefusesToOverwrite()
    {
        var path = Path.Combine(_dir, "prod.keys");

        var (code, output, _) = await CliRunner.RunAsync(CliRunner.Clock(), "keys", "init", "--out", path);

        Assert.Equal(0, code);
        Assert.Contains($"鍵ファイル {path} を作成しました（鍵バージョン 1、権限 0600）", output);
        Assert.Contains("CHOSHU_KEYS_FILE", output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var before = await File.ReadAllBytesAsync(path);

        var again = await CliRunner.RunAsync(CliRunner.Clock(), "keys", "init", "--out", path);

        Assert.Equal(2, again.ExitCode);
        Assert.StartsWith($"エラー: 鍵ファイル {path} は既にあります。", again.Err);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task DbInit_Sqlite_CreatesTheKeyFileBesideTheDatabaseOnce()
    {
        var db = Path.Combine(_dir, "city.db");
        var keys = Path.Combine(_dir, "city.keys");

        var (code, output, _) = await CliRunner.RunAsync(CliRunner.Clock(), "db", "init", "--db", $"Data Source={db}");
        var key = await File.ReadAllBytesAsync(keys);
        var again = await CliRunner.RunAsync(CliRunner.Clock(), "db", "init", "--db", $"Data Source={db}");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        Assert.Equal(0, code);
        Assert.Contains($"個人番号の暗号鍵ファイル {keys} を作成しました", output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keys));
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("暗号鍵ファイル", again.Out);
        Assert.Equal(key, await File.ReadAllBytesAsync(keys));
    }

    [Fact]
    public async Task Seed_PostgresWithoutKeyFile_Exit2TellingToRunKeysInit()
    {
        if (Environment.GetEnvironmentVariable(Store.KeysEnvironmentVariable) is { Length: > 0 })
            Assert.Fail($"{Store.KeysEnvironmentVariable} is set in the test environment; this test needs it unset.");
        await using var store = await TestStore.CreatePostgresAsync();

        var (code, _, error) = await CliRunner.RunAsync(CliRunner.Clock(), "seed", "--taxpayers", "5", "--db", store.Store.ConnectionString);

        Assert.Equal(2, code);
        Assert.Contains("choshu keys init --out", error);
        Assert.Contains("CHOSHU_KEYS_FILE", error);
        await using var db = store.Open();
        Assert.Equal(0, db.Taxpayers.Count());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RotateThenStatus_EveryRowUnderVersion2_NoKeyMaterialPrinted(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await SyntheticCitySeeder.SeedAsync(store.Store, new SeedOptions(30, 78), CliRunner.Clock());
        int rows;
        await using (var db = store.Open()) rows = db.TaxpayerMyNumbers.Count();

        var rotate = await Run(store, "keys", "rotate");
        var status = await Run(store, "keys", "status");
        var json = await Run(store, "keys", "status", "--json");

        Assert.Equal((0, 0, 0), (rotate.ExitCode, status.ExitCode, json.ExitCode));
        Assert.Contains("鍵バージョン 2 を鍵ファイルに追加しました。", rotate.Out);
        Assert.Contains($"個人番号 {rows:#,0} 件を鍵バージョン 2 で暗号化し直しました（旧い鍵から {rows:#,0} 件、平文から 0 件）。", rotate.Out);
        Assert.Contains($"鍵ファイル: {store.KeysFile}（現在の鍵バージョン 2）", status.Out);
        Assert.Contains("旧い鍵（復号用）", status.Out);
        Assert.Contains("現在の鍵", status.Out);
        using var doc = JsonDocument.Parse(json.Out);
        var versions = doc.RootElement.GetProperty("versions").EnumerateArray()
            .Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("current").GetBoolean(), v.GetProperty("rows").GetInt64())).ToList();
        Assert.Equal([(1, false, 0L), (2, true, (long)rows)], versions);
        Assert.Equal(0, doc.RootElement.GetProperty("rowsToRotate").GetInt64());

        // No key (base64 from the key file) in anything printed.
        using var keyFile = JsonDocument.Parse(await File.ReadAllTextAsync(store.KeysFile));
        var secrets = keyFile.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("key").GetString()!)
            .Append(keyFile.RootElement.GetProperty("indexKey").GetString()!).ToList();
        var printed = string.Concat(rotate.Out, rotate.Err, status.Out, status.Err, json.Out, json.Err);
        Assert.Equal(3, secrets.Count);
        Assert.All(secrets, s => Assert.False(printed.Contains(s, StringComparison.Ordinal), "key material printed"));
    }

    [Fact]
    public async Task Rotate_StoreNotInitialised_Exit2TellingToRunDbInit()
    {
        var db = Path.Combine(_dir, "none.db");

        var (code, _, error) = await CliRunner.RunAsync(CliRunner.Clock(), "keys", "rotate", "--db", $"Data Source={db}");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        Assert.Equal(2, code);
        Assert.Contains("choshu db init", error);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
