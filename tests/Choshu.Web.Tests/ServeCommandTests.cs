using System.Net;
using System.Text.RegularExpressions;
using Choshu.Cli;
using Choshu.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.Web.Tests;

/// <summary><c>choshu serve</c>: migrates an empty store, serves the login page on the address it prints, stops on cancellation.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_FreshDatabase_MigratesPrintsUrlAndServesLoginPage()
    {
        // An empty database: serve must create the schema itself.
        var admin = TestStore.AdminConnectionString();
        var name = "choshu_t_serve_" + Guid.NewGuid().ToString("N")[..12];
        await using (var conn = new Npgsql.NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name} {TestStore.CreateDatabaseOptions}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var cs = new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        try
        {
            var output = new StringWriter();
            var synced = TextWriter.Synchronized(output);
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var run = CliApp.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--db", cs], synced, TextWriter.Synchronized(new StringWriter()),
                new FakeTimeProvider(WebFixture.Start), stop.Token);

            string? url = null;
            for (var i = 0; i < 600 && url is null && !run.IsCompleted; i++)
            {
                await Task.Delay(100);
                lock (synced) url = Regex.Match(output.ToString(), @"ブラウザーで (http://127\.0\.0\.1:\d+)/ を開いてください。").Groups[1].Value is { Length: > 0 } u ? u : null;
            }
            Assert.True(url is not null, "serve printed no URL: " + output);
            Assert.Contains("移行", output.ToString());
            Assert.Contains("終了するには Ctrl+C を押してください。", output.ToString());

            using var http = new HttpClient();
            var r = await http.GetAsync(url + "/Account/Login");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Contains("<h1>ログイン</h1>", await r.Content.ReadAsStringAsync());
            Assert.Equal("nosniff", string.Join(",", r.Headers.GetValues("X-Content-Type-Options")));
            Assert.False(r.Headers.Contains("Server"), "Kestrel must not name itself");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url + "/assets/site.css")).StatusCode);

            await stop.CancelAsync();
            Assert.Equal(0, await run);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var conn = new Npgsql.NpgsqlConnection(admin);
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
    [Fact]
    public async Task Serve_PortInUse_EndsWithOneJapaneseLineNamingUrls()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var file = Path.Combine(Path.GetTempPath(), "choshu-serve-port-" + Guid.NewGuid().ToString("N")[..8] + ".db");
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = await CliApp.RunAsync(["serve", "--urls", $"http://127.0.0.1:{port}", "--db", "Data Source=" + file], output, error,
                new FakeTimeProvider(WebFixture.Start));

            Assert.Equal(2, code);
            Assert.Equal($"エラー: http://127.0.0.1:{port} で待ち受けられませんでした（ほかのプログラムが使用中です）。--urls http://127.0.0.1:5081 のように別のポートを指定してください。",
                error.ToString().TrimEnd());
            Assert.DoesNotContain("Exception", output.ToString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
