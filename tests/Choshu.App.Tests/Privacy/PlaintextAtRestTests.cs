using System.Diagnostics;
using System.Text;
using Choshu.App.Imports;
using Choshu.App.Privacy;
using Choshu.App.Seeding;
using Choshu.Data;
using Choshu.Domain.Identifiers;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Choshu.App.Tests.Privacy;

/// <summary>
/// The proof of issue 4 item 3 at rest: a city of 300 taxpayers seeded from seed 61 plus a taxpayer
/// file carrying My Numbers (one line refused for a wrong check digit, one taxpayer's number changed
/// by a second file); then the whole PostgreSQL database as <c>pg_dump</c> writes it, and the SQLite
/// database files byte for byte, hold none of those numbers as 12 digits, contiguous or separated.
/// </summary>
public sealed class PlaintextAtRestTests : IDisposable
{
    public const long Seed = 61;
    public const int Taxpayers = 300;
    private const string PgDump = "/usr/lib/postgresql/15/bin/pg_dump";

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(9)));

    private readonly string _dir = Directory.CreateTempSubdirectory("choshu-atrest-").FullName;

    // Imported numbers (check digits computed) and one with a wrong check digit.
    private static readonly MyNumber First = MyNumber.Parse("700000000118");
    private static readonly MyNumber Second = MyNumber.Parse("700000000223");
    private static readonly MyNumber Replaced = MyNumber.Parse("700000000339");
    private static readonly string WrongCheckDigit = "700000000445";

    private const string Header = "宛名番号,氏名漢字,氏名かな,生年月日,性別,郵便番号,町名,番地,方書,個人番号,法人番号";

    /// <summary>Seeds the city, imports two files, and returns the scanner loaded with every number involved.</summary>
    private async Task<PlaintextScanner> PopulateAsync(TestStore store)
    {
        await SyntheticCitySeeder.SeedAsync(store.Store, new SeedOptions(Taxpayers, Seed), Clock());
        var first = Write("taxpayers-1.csv",
            Header,
            $"900001,個人　一郎,コジン　イチロウ,1970-01-01,男,8920816,町,1,,{First.Reveal()},",
            $"900002,個人　二郎,コジン　ジロウ,1971-02-02,男,8920816,町,2,,{Second.Reveal()},",
            $"900003,個人　三郎,コジン　サブロウ,1972-03-03,男,8920816,町,3,,{WrongCheckDigit},");
        var r1 = await new TaxpayerImport(store.Store, Clock()).RunAsync(new ImportRequest(first, null, "test:privacy"));
        Assert.Equal((2, 1), (r1.Created, r1.Quarantined));
        var second = Write("taxpayers-2.csv",
            Header,
            $"900002,個人　二郎,コジン　ジロウ,1971-02-02,男,8920816,町,2,,{Replaced.Reveal()},");
        var r2 = await new TaxpayerImport(store.Store, Clock()).RunAsync(new ImportRequest(second, null, "test:privacy"));
        Assert.Equal(1, r2.Changed);

        await using (var db = store.Open())
        {
            var rows = await db.TaxpayerMyNumbers.AsNoTracking().ToListAsync();
            var individuals = await db.Taxpayers.CountAsync(t => t.Facts.PersonKind == Domain.Taxpayers.PersonKind.Individual);
            Assert.Equal(individuals, rows.Count);
            Assert.True(rows.Count > 250, $"{rows.Count} My Numbers");
            Assert.All(rows, m => Assert.Equal(1, m.KeyVersion));
            Assert.All(rows, m => Assert.False(MyNumber.IsValid(m.Value)));
            var vault = MyNumberVault.Open(store.Store);
            var id2 = await db.Taxpayers.Where(t => t.TaxpayerNo == "900002").Select(t => t.Id).SingleAsync();
            Assert.Equal(Replaced.Reveal(), vault.Reveal(rows.Single(m => m.TaxpayerId == id2)).Reveal());
        }

        return new PlaintextScanner()
            .AddSeeds([Seed], Taxpayers)
            .Add([First, Second, Replaced], "取込ファイルの個人番号")
            .AddDigits([WrongCheckDigit], "チェックデジット誤りの番号");
    }

    [Fact]
    public async Task PgDump_SeededAndImportedCity_NoMyNumberInPlaintext()
    {
        await using var store = await TestStore.CreatePostgresAsync();
        var scanner = await PopulateAsync(store);

        var dump = await PgDumpAsync(store);

        // Assert.True, not Contains: a failure must not print the dump.
        Assert.True(dump.Contains("COPY public.taxpayer_my_numbers"), "no taxpayer_my_numbers data in the dump");
        Assert.True(dump.Contains(MyNumberVault.Open(store.Store).BlindIndex(First)), "the imported row is not in the dump");
        Assert.Empty(scanner.ScanText(dump, "pg_dump"));
        // The scan does find a number that is there: the same dump with one number appended, separated.
        var planted = dump + "\n" + Replaced.Reveal()[..4] + "-" + Replaced.Reveal()[4..8] + "-" + Replaced.Reveal()[8..] + "\n";
        Assert.Single(scanner.ScanText(planted, "pg_dump+planted"));
    }

    [Fact]
    public async Task SqliteFiles_SeededAndImportedCity_NoMyNumberInPlaintext()
    {
        await using var store = await TestStore.CreateSqliteAsync();
        var scanner = await PopulateAsync(store);
        SqliteConnectionPools();

        var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(store.Store.ConnectionString).DataSource;
        var files = new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists).ToList();
        var bytes = files.Select(File.ReadAllBytes).ToList();

        Assert.True(bytes[0].Length > 100_000, $"{bytes[0].Length} bytes");
        var blindIndex = MyNumberVault.Open(store.Store).BlindIndex(First);
        Assert.True(bytes.Any(b => Encoding.Latin1.GetString(b).Contains(blindIndex)), "the imported row is not in the files");
        Assert.All(files.Zip(bytes), f => Assert.Empty(scanner.ScanBytes(f.Second, f.First)));
        var planted = Encoding.ASCII.GetBytes("x" + Second.Reveal() + "x");
        Assert.Single(scanner.ScanBytes([.. bytes[0], .. planted], "planted"));
    }

    private static void SqliteConnectionPools() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

    private async Task<string> PgDumpAsync(TestStore store)
    {
        var cs = new NpgsqlConnectionStringBuilder(store.Store.ConnectionString);
        var output = Path.Combine(_dir, "dump.sql");
        var psi = new ProcessStartInfo(PgDump)
        {
            ArgumentList = { "--host", cs.Host!, "--port", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--username", cs.Username!, "--dbname", cs.Database!, "--file", output, "--no-password" },
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["PGPASSWORD"] = cs.Password ?? "";
        using var p = Process.Start(psi)!;
        var err = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"pg_dump exited {p.ExitCode}: {err}");
        return await File.ReadAllTextAsync(output);
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n");
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
