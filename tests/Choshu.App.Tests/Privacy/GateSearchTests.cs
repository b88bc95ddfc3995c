using System.Data.Common;
using System.Text;
using Choshu.App.Imports;
using Choshu.App.Privacy;
using Choshu.App.Security;
using Choshu.App.Seeding;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Taxpayers;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Choshu.App.Tests.Privacy;

/// <summary>
/// <see cref="PersonalDataGate.SearchAsync"/> on the search keys (<c>taxpayers.search_kana</c>, <c>search_kanji</c>,
/// <c>search_address</c>; <see cref="TaxpayerSearchKeys"/>): every way of writing a name matches, a term's
/// <c>% _</c> are literal, the keys follow every write of the facts, rows written before the keys existed
/// are filled by <c>db init</c>, and on PostgreSQL the kana search uses its trigram index. Store and people
/// as in <see cref="GateFixture"/> (カゴシマ ハナコ 1000000001, さつま　たろう 1000000002, ヤマダ ハナコ 1000000003).
/// </summary>
public sealed class GateSearchTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.Postgres };

    private static readonly DateTime At = GateFixture.Now.UtcDateTime;

    [Theory, MemberData(nameof(Providers))]
    public async Task SearchAsync_KanaMixingHiraganaAndKatakana_FindsTheName(StoreProvider provider)
    {
        await using var f = await GateFixture.CreateAsync(provider);
        await using var db = f.Open();

        Assert.Equal([GateFixture.YamadaNo], await KanaAsync(f, db, "やまダ"));
        Assert.Equal([GateFixture.HanakoNo], await KanaAsync(f, db, "カごシま　はなコ"));
        // さつま　たろう is stored in hiragana: a mixed term finds it too.
        Assert.Equal([GateFixture.TaroNo], await KanaAsync(f, db, "サつマたロウ"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SearchAsync_HalfWidthKatakana_MatchesFullWidthNamesAndTheOtherWayRound(StoreProvider provider)
    {
        await using var f = await GateFixture.CreateAsync(provider);
        await AddAsync(f, "1000000010", "桜島 次郎", "ｻｸﾗｼﾞﾏ ｼﾞﾛｳ"); // an older file's half-width kana, stored as given
        await using var db = f.Open();

        Assert.Equal([GateFixture.YamadaNo], await KanaAsync(f, db, "ﾔﾏﾀﾞ ﾊﾅｺ"));
        Assert.Equal(["1000000010"], await KanaAsync(f, db, "さくらじま"));
        Assert.Equal(["1000000010"], await KanaAsync(f, db, "サクラジマ　ジロウ"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SearchAsync_Alias_FoundByKanaAndKanjiButNeverAcrossTheTwoNames(StoreProvider provider)
    {
        await using var f = await GateFixture.CreateAsync(provider);
        await AddAsync(f, "1000000011", "李 英姫", "リ ヨンヒ", aliasKanji: "木村　英子", aliasKana: "キムラ エイコ");
        await using var db = f.Open();

        Assert.Equal(["1000000011"], await KanaAsync(f, db, "きむら えいこ"));
        Assert.Equal(["1000000011"], await KanjiAsync(f, db, "木村英子"));
        Assert.Equal(["1000000011"], await KanaAsync(f, db, "よんひ"));
        // The end of 氏名 and the start of 通称名 are not one name.
        Assert.Empty(await KanaAsync(f, db, "ヨンヒキムラ"));
        Assert.Empty(await KanjiAsync(f, db, "英姫木村"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SearchAsync_KanjiWithOrWithoutSpaces_FindsTheName(StoreProvider provider)
    {
        await using var f = await GateFixture.CreateAsync(provider);
        await using var db = f.Open();

        // Stored 鹿児島 花子 (ASCII space) and 薩摩　太郎 (ideographic space).
        Assert.Equal([GateFixture.HanakoNo], await KanjiAsync(f, db, "鹿児島花子"));
        Assert.Equal([GateFixture.HanakoNo], await KanjiAsync(f, db, "鹿児島　花子"));
        Assert.Equal([GateFixture.HanakoNo], await KanjiAsync(f, db, "島 花"));
        Assert.Equal([GateFixture.TaroNo], await KanjiAsync(f, db, "薩摩 太郎"));
        Assert.Equal([GateFixture.TaroNo], await KanjiAsync(f, db, "薩摩太郎"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SearchAsync_Address_TownStreetNumberAndSupplementFolded(StoreProvider provider)
    {
        await using var f = await GateFixture.CreateAsync(provider);
        await AddAsync(f, "1000000012", "指宿 三郎", "イブスキ サブロウ", town: "鹿児島県指宿市湊", street: "2-10-5", supplement: "サクラハイツ １０１号");
        await using var db = f.Open();

        Assert.Equal([GateFixture.HanakoNo], await AddressAsync(f, db, "山下町11-1"));
        Assert.Equal([GateFixture.HanakoNo], await AddressAsync(f, db, "山下町１１‐１"));       // full-width digits, hyphen U+2010
        Assert.Equal([GateFixture.TaroNo], await AddressAsync(f, db, "東千石町 1-1"));
        Assert.Equal([GateFixture.YamadaNo], await AddressAsync(f, db, "国分中央3ー45"));       // ー typed for the dash
        Assert.Equal(["1000000012"], await AddressAsync(f, db, "湊2-10-5サクラハイツ101"));  // across 番地 and 方書
        Assert.Equal([GateFixture.HanakoNo, GateFixture.TaroNo], await AddressAsync(f, db, "鹿児島市"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SearchAsync_PercentOrUnderscoreInTerm_MatchesLiterally(StoreProvider provider)
    {
        await using var f = await GateFixture.CreateAsync(provider);
        await AddAsync(f, "1000000013", "１００％商事株式会社", "ヒャクパーセントショウジ");
        await AddAsync(f, "1000000014", "100円商事株式会社", "ヒャクエンショウジ");
        await AddAsync(f, "1000000015", "A_B建設株式会社", "エービーケンセツ");
        await AddAsync(f, "1000000016", "AXB建設株式会社", "エーエックスビーケンセツ");
        await AddAsync(f, "1000000017", "C\\D工業株式会社", "シーディーコウギョウ");
        await using var db = f.Open();

        Assert.Equal(["1000000013", "1000000014"], await KanjiAsync(f, db, "100"));
        Assert.Equal(["1000000013"], await KanjiAsync(f, db, "100%"));
        Assert.Equal(["1000000013"], await KanjiAsync(f, db, "１００％"));
        Assert.Equal(["1000000015"], await KanjiAsync(f, db, "A_B"));
        Assert.Equal(["1000000015"], await KanjiAsync(f, db, "ａ＿ｂ"));  // full-width, lower case
        Assert.Equal(["1000000017"], await KanjiAsync(f, db, "C\\D"));
        // Unescaped, each of these would match every name.
        Assert.Empty(await KanaAsync(f, db, "%"));
        Assert.Empty(await KanaAsync(f, db, "_"));
        Assert.Empty(await AddressAsync(f, db, "％"));
        // The audit record keeps the term as typed.
        Assert.Contains((await f.EventsAsync()).Select(e => e.Detail), d => d == "条件 氏名かな=%: 該当 0 件（1 ページ目、20 件ずつ）");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SearchAsync_NameAndAddressChangedByImport_FoundByTheNewOnesOnly(StoreProvider provider)
    {
        await using var f = await GateFixture.CreateAsync(provider);
        const string header = "宛名番号,氏名漢字,氏名かな,生年月日,性別,郵便番号,町名,番地,方書,個人番号,法人番号,適用日,登録事由";
        await ImportAsync(f, header, "2000000001,西郷　隆,サイゴウ　タカシ,1970-01-01,男,8920816,鹿児島県鹿児島市山下町,5-1,,,,2026-04-01,新規");
        await using (var db = f.Open())
        {
            Assert.Equal(["2000000001"], await KanaAsync(f, db, "さいごう"));
        }
        f.Clock.Advance(TimeSpan.FromDays(1));

        await ImportAsync(f, header, "2000000001,大久保　隆,オオクボ　タカシ,1970-01-01,男,8910141,鹿児島県鹿児島市谷山中央,2-3,,,,2026-11-01,氏名変更");

        await using var db2 = f.Open();
        Assert.Empty(await KanaAsync(f, db2, "さいごう"));
        Assert.Empty(await KanjiAsync(f, db2, "西郷"));
        Assert.Empty(await AddressAsync(f, db2, "山下町5-1"));
        Assert.Equal(["2000000001"], await KanaAsync(f, db2, "おおくぼ"));
        Assert.Equal(["2000000001"], await KanjiAsync(f, db2, "大久保隆"));
        Assert.Equal(["2000000001"], await AddressAsync(f, db2, "谷山中央2-3"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SearchAsync_FactsReplacedOnATrackedTaxpayer_KeysFollowOnSave(StoreProvider provider)
    {
        await using var f = await GateFixture.CreateAsync(provider);
        await using (var db = f.Open())
        {
            var hanako = await db.Taxpayers.SingleAsync(t => t.TaxpayerNo == GateFixture.HanakoNo);
            hanako.Facts = hanako.Facts with { NameKanji = "霧島 花子", NameKana = "キリシマ ハナコ" };
            await db.SaveChangesAsync();
        }

        await using var db2 = f.Open();
        Assert.Empty(await KanaAsync(f, db2, "かごしま"));
        Assert.Equal([GateFixture.HanakoNo], await KanaAsync(f, db2, "きりしま"));
        Assert.Equal([GateFixture.HanakoNo], await KanjiAsync(f, db2, "霧島花子"));
        var row = await db2.Taxpayers.AsNoTracking().SingleAsync(t => t.TaxpayerNo == GateFixture.HanakoNo);
        Assert.Equal<(string?, string?, string?)>(("キリシマハナコ", "霧島花子", "鹿児島県鹿児島市山下町11-1"), (row.SearchKana, row.SearchKanji, row.SearchAddress));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SearchAsync_RowWrittenBeforeTheMigration_FoundAfterDbInitFillsItsKeys(StoreProvider provider)
    {
        await using var old = await PreMigrationStore.CreateAsync(provider);
        // The store as the migration before the search keys left it, and a taxpayer written then.
        await using (var db = old.Store.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("PasswordAge");
            var effective = new DateOnly(2020, 4, 1);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO taxpayers (taxpayer_no, person_kind, name_kanji, name_kana, alias_kanji, alias_kana, residency_status, mail_returned,
                    town_name, street_number, address_supplement, history_seq, effective_date, created_at_utc, updated_at_utc)
                VALUES ({"3000000001"}, {(short)1}, {"鹿児島　一郎"}, {"かごしま　いちろう"}, {"鹿島　一郎"}, {"ｶｼﾏ ｲﾁﾛｳ"}, {(short)1}, {false},
                    {"鹿児島県鹿児島市山下町"}, {"１１－１"}, {"山下ビル"}, {1}, {effective}, {At}, {At})
                """);
        }

        var init = await StoreInitializer.InitializeAsync(old.Store);

        Assert.Equal(1, init.SearchKeysFilled);
        Assert.True(init.MigrationsApplied >= 1);
        await using var db2 = old.Store.CreateContext();
        var gate = new PersonalDataGate(db2, new FakeTimeProvider(GateFixture.Now));
        async Task<string[]> Find(TaxpayerSearchCriteria c) =>
            (await gate.SearchAsync(Actor.System(), c)).Items.Select(i => i.TaxpayerNo).ToArray();
        Assert.Equal(["3000000001"], await Find(new() { NameKana = "カゴシマイチロウ" }));
        Assert.Equal(["3000000001"], await Find(new() { NameKana = "かしま" }));                 // alias, stored half-width
        Assert.Equal(["3000000001"], await Find(new() { NameKanji = "鹿児島一郎" }));
        Assert.Equal(["3000000001"], await Find(new() { Address = "山下町11-1山下ビル" }));
        // Filled once: a second init has nothing to fill.
        Assert.Equal(0, (await StoreInitializer.InitializeAsync(old.Store)).SearchKeysFilled);
    }

    [Fact]
    public async Task SearchAsync_KanaOn20000SeededTaxpayersAfterAnalyze_PostgresUsesTheTrigramIndex()
    {
        await using var store = await TestStore.CreatePostgresAsync();
        // The seeder writes the keys through the bulk writer's COPY and analyses the tables at the end.
        await SyntheticCitySeeder.SeedAsync(store.Store, new SeedOptions(20_000, 1), new FakeTimeProvider(GateFixture.Now));
        string kanaName;
        await using (var db = store.Open())
            kanaName = await db.Taxpayers.Where(t => t.Id == 10_000).Select(t => t.Facts.NameKana).SingleAsync();
        var term = TaxpayerSearchKeys.FoldKana(kanaName); // the whole name, as staff type it from a letter

        var (result, plans) = await SearchAndExplainAsync(store, kanaName);

        Assert.Contains(result.Items, i => TaxpayerSearchKeys.FoldKana(i.NameKana).Contains(term, StringComparison.Ordinal));
        Assert.True(result.Total < 100, $"the whole name {term} matched {result.Total} taxpayers");
        Assert.Equal(2, plans.Count); // the count and the page
        foreach (var plan in plans)
            Assert.True(plan.Contains("Bitmap Index Scan on ix_taxpayers_search_kana", StringComparison.Ordinal), $"term {term}, {result.Total} matches; plan:\n{plan}");

        // Two letters have no trigram: that search is sent in the form the index cannot serve, and reads the table.
        var (two, twoPlans) = await SearchAndExplainAsync(store, term[..2]);
        Assert.True(two.Total >= result.Total);
        Assert.Equal(2, twoPlans.Count);
        foreach (var plan in twoPlans)
            Assert.DoesNotContain("ix_taxpayers_search_kana", plan);
    }

    /// <summary>Searches by kana through the gate on a context that records its SQL, then EXPLAINs each statement that read search_kana, with its parameters.</summary>
    private static async Task<(TaxpayerSearchPage Result, List<string> Plans)> SearchAndExplainAsync(TestStore store, string kana)
    {
        var capture = new SearchCommandCapture();
        await using var traced = new PostgresChoshuDbContext(new DbContextOptionsBuilder<PostgresChoshuDbContext>()
            .UseNpgsql(store.Store.ConnectionString).UseSnakeCaseNamingConvention().AddInterceptors(capture).Options);
        var result = await new PersonalDataGate(traced, new FakeTimeProvider(GateFixture.Now))
            .SearchAsync(Actor.System(), new TaxpayerSearchCriteria { NameKana = kana });
        var plans = new List<string>();
        await using var conn = new NpgsqlConnection(store.Store.ConnectionString);
        await conn.OpenAsync();
        foreach (var (sql, parameters) in capture.Commands)
        {
            await using var explain = new NpgsqlCommand("EXPLAIN " + sql, conn);
            foreach (var p in parameters) explain.Parameters.Add(p);
            var plan = new StringBuilder();
            await using (var reader = await explain.ExecuteReaderAsync())
                while (await reader.ReadAsync()) plan.AppendLine(reader.GetString(0));
            plans.Add(plan.ToString());
        }
        return (result, plans);
    }

    private static async Task<string[]> KanaAsync(GateFixture f, ChoshuDbContext db, string term) => await FindAsync(f, db, new() { NameKana = term });

    private static async Task<string[]> KanjiAsync(GateFixture f, ChoshuDbContext db, string term) => await FindAsync(f, db, new() { NameKanji = term });

    private static async Task<string[]> AddressAsync(GateFixture f, ChoshuDbContext db, string term) => await FindAsync(f, db, new() { Address = term });

    private static async Task<string[]> FindAsync(GateFixture f, ChoshuDbContext db, TaxpayerSearchCriteria c) =>
        (await f.Gate(db).SearchAsync(f.Staff("C001"), c)).Items.Select(i => i.TaxpayerNo).ToArray();

    private static async Task AddAsync(GateFixture f, string no, string kanji, string kana, string? aliasKanji = null, string? aliasKana = null,
        string? town = null, string? street = null, string? supplement = null)
    {
        await using var db = f.Open();
        db.Taxpayers.Add(new Taxpayer
        {
            TaxpayerNo = no,
            Facts = new TaxpayerFacts
            {
                NameKanji = kanji, NameKana = kana, AliasKanji = aliasKanji, AliasKana = aliasKana,
                TownName = town, StreetNumber = street, AddressSupplement = supplement,
            },
            HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), CreatedAtUtc = At, UpdatedAtUtc = At,
        });
        await db.SaveChangesAsync();
    }

    private static async Task ImportAsync(GateFixture f, string header, string line)
    {
        var path = Path.Combine(Path.GetTempPath(), "choshu-search-" + Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllTextAsync(path, header + "\r\n" + line + "\r\n", new UTF8Encoding(false));
        try
        {
            var r = await new TaxpayerImport(f.Store.Store, f.Clock).RunAsync(new ImportRequest(path, null, "test:importer"));
            Assert.Equal(0, r.Quarantined);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The SQL and parameters of every command that reads <c>search_kana</c>, as the gate sent them.</summary>
    private sealed class SearchCommandCapture : DbCommandInterceptor
    {
        public List<(string Sql, List<NpgsqlParameter> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("search_kana", StringComparison.Ordinal))
                Commands.Add((command.CommandText, command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToList()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    /// <summary>A store that is not migrated yet (a new PostgreSQL database or SQLite file), dropped afterwards.</summary>
    private sealed class PreMigrationStore : IAsyncDisposable
    {
        private readonly string? _pgDatabase;
        private readonly string? _sqlitePath;

        private PreMigrationStore(Store store, string? pgDatabase, string? sqlitePath) => (Store, _pgDatabase, _sqlitePath) = (store, pgDatabase, sqlitePath);

        public Store Store { get; }

        public static async Task<PreMigrationStore> CreateAsync(StoreProvider provider)
        {
            if (provider == StoreProvider.Sqlite)
            {
                var path = Path.Combine(Path.GetTempPath(), "choshu-test-" + Guid.NewGuid().ToString("N") + ".db");
                return new PreMigrationStore(Store.Parse($"Data Source={path}") with { KeysFile = Path.ChangeExtension(path, ".keys") }, null, path);
            }
            var name = "choshu_t_" + Guid.NewGuid().ToString("N")[..16];
            await using (var conn = new NpgsqlConnection(TestStore.AdminConnectionString()))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name} {TestStore.CreateDatabaseOptions}", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(TestStore.AdminConnectionString()) { Database = name }.ConnectionString;
            return new PreMigrationStore(Store.Parse(cs), name, null);
        }

        public async ValueTask DisposeAsync()
        {
            if (_pgDatabase is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var conn = new NpgsqlConnection(TestStore.AdminConnectionString());
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            if (_sqlitePath is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm", Path.ChangeExtension(_sqlitePath, ".keys"), Path.ChangeExtension(_sqlitePath, ".keys") + ".lock" })
                    if (File.Exists(file)) File.Delete(file);
            }
        }
    }
}
