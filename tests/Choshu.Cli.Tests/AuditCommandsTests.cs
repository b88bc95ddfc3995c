using System.Text.Json;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu audit verify|review|list</c> and <c>choshu db grant-app-role</c>. Records are written at explicit
/// Japan times; the commands run on 2026-11-26 12:00 JST (CliRunner's clock) unless said otherwise.
/// </summary>
public sealed class AuditCommandsTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.Postgres };

    private static DateTimeOffset Jst(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(9));

    /// <summary>Three records: A001 views taxpayer 1 on Sat 11-14 10:00, on Tue 11-17 10:00 and at 22:30 JST.</summary>
    private static async Task<TestStore> ThreeViewsAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        foreach (var at in new[] { Jst(14, 10, 0), Jst(17, 10, 0), Jst(17, 22, 30) })
            await AuditLog.AppendAsync(db, Actor.Staff(1, "A001", "10.0.0.5"), new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: 1), new FakeTimeProvider(at));
        return store;
    }

    private static Task<(int ExitCode, string Out, string Err)> Run(TestStore store, params string[] args) =>
        CliRunner.RunAsync(CliRunner.Clock(), [.. args, "--db", store.Store.ConnectionString]);

    [Theory, MemberData(nameof(Providers))]
    public async Task Verify_Untouched_Exit0WithCountAndLastHash(StoreProvider provider)
    {
        await using var store = await ThreeViewsAsync(provider);
        string lastHash;
        await using (var db = store.Open())
            lastHash = await db.AuditEvents.Where(e => e.Id == 3).Select(e => e.Hash).SingleAsync();

        var (code, output, _) = await Run(store, "audit", "verify");

        Assert.Equal(0, code);
        Assert.Equal($"操作ログは正常です: 3 件（1〜3 番）、最終ハッシュ {lastHash}", output.Trim());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Verify_FieldUpdatedInTheStore_Exit1NamingTheRecord(StoreProvider provider)
    {
        await using var store = await ThreeViewsAsync(provider);
        await using (var db = store.Open())
        {
            await db.Database.OpenConnectionAsync(); // one session: the setting below holds for the UPDATE after it
            if (provider == StoreProvider.Postgres) await db.Database.ExecuteSqlRawAsync("SET session_replication_role = replica");
            else await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_events_no_update");
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_events SET actor_name = 'B002' WHERE id = 2");
        }

        var (code, output, _) = await Run(store, "audit", "verify", "--json");

        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        var r = json.RootElement;
        Assert.False(r.GetProperty("intact").GetBoolean());
        Assert.Equal((2, "hashMismatch", 1), (r.GetProperty("firstBreak").GetProperty("id").GetInt32(), r.GetProperty("firstBreak").GetProperty("kind").GetString(), r.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task Verify_AnchorOfADeletedTail_Exit1()
    {
        await using var store = await ThreeViewsAsync(StoreProvider.Sqlite);
        string hash3;
        await using (var db = store.Open())
        {
            hash3 = await db.AuditEvents.Where(e => e.Id == 3).Select(e => e.Hash).SingleAsync();
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_events_no_delete");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_events WHERE id = 3");
        }

        var (code, output, _) = await Run(store, "audit", "verify", "--anchor", $"3:{hash3}");

        Assert.Equal(1, code);
        Assert.StartsWith("操作ログの破損を検出しました: 3 番 — 記録は 2 番で終わっていますが、アンカーの 3 番がありません", output);
    }

    [Fact]
    public async Task Review_Json_OutsideHoursSectionAndTheReviewRecorded()
    {
        await using var store = await ThreeViewsAsync(StoreProvider.Sqlite);

        var (code, output, err) = await Run(store, "audit", "review", "--month", "2026-11", "--json");

        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        var r = json.RootElement;
        var outside = r.GetProperty("outsideHours").EnumerateArray().Select(o => (o.GetProperty("event").GetProperty("id").GetInt64(), o.GetProperty("reason").GetString())).ToList();
        Assert.Equal([(1L, "土曜日"), (3L, "時間外（22:30、業務時間 08:00-19:00）")], outside);
        Assert.Equal(4, r.GetProperty("reviewRecordId").GetInt64());
        await using var db = store.Open();
        Assert.Equal(AuditEventKind.AuditReviewed, await db.AuditEvents.Where(e => e.Id == 4).Select(e => e.Kind).SingleAsync());
    }

    [Fact]
    public async Task Review_BadMonth_Exit2InJapanese()
    {
        await using var store = await TestStore.CreateSqliteAsync();

        var (code, _, err) = await Run(store, "audit", "review", "--month", "2026/11");

        Assert.Equal(2, code);
        Assert.Contains("YYYY-MM の形で指定してください", err);
    }

    [Fact]
    public async Task List_ByKindAndDay_OnlyThoseRecords()
    {
        await using var store = await ThreeViewsAsync(StoreProvider.Sqlite);

        var (code, output, err) = await Run(store, "audit", "list", "--kind", "2001", "--from", "2026-11-17", "--to", "2026-11-17", "--user", "A001", "--json");

        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        Assert.Equal([2L, 3L], json.RootElement.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task GrantAppRole_SqliteStore_RefusedExit2()
    {
        await using var store = await TestStore.CreateSqliteAsync();

        var (code, _, err) = await Run(store, "db", "grant-app-role", "--role", "choshu_app");

        Assert.Equal(2, code);
        Assert.Contains("PostgreSQL のデータストアでのみ", err);
    }

    [Fact]
    public async Task GrantAppRole_Superuser_Refused()
    {
        await using var store = await TestStore.CreatePostgresAsync();
        var superuser = new NpgsqlConnectionStringBuilder(store.Store.ConnectionString).Username!;

        var (code, _, err) = await Run(store, "db", "grant-app-role", "--role", superuser);

        Assert.Equal(2, code);
        Assert.Contains("スーパーユーザー", err);
    }

    /// <summary>
    /// The owner (here the test role, a superuser) runs the migrations and grants a fresh non-superuser role; that
    /// role can do the application's work and append to the audit log through AuditLog, but the store refuses it
    /// UPDATE, DELETE and TRUNCATE of audit_events (permission denied, SQLSTATE 42501), whatever the trigger says.
    /// </summary>
    [Fact]
    public async Task GrantAppRole_ApplicationRole_AppendsButCannotUpdateDeleteOrTruncateTheAuditLog()
    {
        var role = "choshu_app_" + Guid.NewGuid().ToString("N")[..12];
        const string password = "app-role-test-pw";
        var admin = TestStore.AdminConnectionString();
        await ExecAsync(admin, $"CREATE ROLE {role} LOGIN PASSWORD '{password}'");
        try
        {
            await using (var store = await ThreeViewsAsync(StoreProvider.Postgres))
            {
                var (code, output, err) = await Run(store, "db", "grant-app-role", "--role", role);
                Assert.True(code == 0, err);
                Assert.Contains($"ロール {role} に権限を付与しました", output);

                var asApp = new NpgsqlConnectionStringBuilder(store.Store.ConnectionString) { Username = role, Password = password, Pooling = false }.ConnectionString;
                foreach (var sql in new[] { "UPDATE audit_events SET actor_name = 'X' WHERE id = 1", "DELETE FROM audit_events WHERE id = 3", "TRUNCATE audit_events" })
                {
                    var ex = await Assert.ThrowsAsync<PostgresException>(() => ExecAsync(asApp, sql));
                    Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState);
                }

                // The application's own work: a taxpayer (a sequence), and an audit record through the one writer.
                var appStore = Store.Parse(asApp);
                await using (var db = appStore.CreateContext())
                {
                    await LedgerSeed.TaxpayerAsync(db, "1000000001");
                    var e = await AuditLog.AppendAsync(db, Actor.SystemAs("app", "host"), new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: 1),
                        new FakeTimeProvider(Jst(26, 12, 0)));
                    Assert.Equal(4L, e.Id);
                }
                var (vcode, voutput, _) = await Run(store, "audit", "verify");
                Assert.True(vcode == 0, voutput);
                Assert.StartsWith("操作ログは正常です: 4 件", voutput);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecAsync(admin, $"DROP ROLE IF EXISTS {role}");
        }
    }

    private static async Task ExecAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
