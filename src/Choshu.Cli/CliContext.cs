using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Choshu.App.Stores;
using Choshu.Data;
using Spectre.Console;

namespace Choshu.Cli;

/// <summary>What every command shares: the output streams, the clock, the --db option and the actor name.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, TimeProvider clock)
{
    public TextWriter Out { get; } = output;
    public TextWriter Err { get; } = error;
    public TimeProvider Clock { get; } = clock;

    /// <summary>--db CONNECTION, on every command (falls back to CHOSHU_DB, then ./data/choshu.db).</summary>
    public Option<string?> Db { get; } = new("--db")
    {
        Description = "接続文字列（Host=… で PostgreSQL、Data Source=… で SQLite）。省略時は CHOSHU_DB、なければ ./data/choshu.db",
        Recursive = true,
    };

    /// <summary>--keys FILE, on every command: the My Number key file (falls back to CHOSHU_KEYS_FILE, then for SQLite the .keys file beside the database).</summary>
    public Option<string?> Keys { get; } = new("--keys")
    {
        Description = "個人番号の暗号鍵ファイル。省略時は CHOSHU_KEYS_FILE、SQLite ならデータベースと同じ場所の .keys ファイル",
        Recursive = true,
    };

    public Store StoreFrom(ParseResult parse) => Store.Resolve(parse.GetValue(Db)) with { KeysFile = parse.GetValue(Keys) };

    /// <summary>Who the CLI acts as in the journal and history: the system actor with the OS user.</summary>
    public static string Actor => Domain.Security.SystemActor.Cli(Environment.UserName).Name;

    /// <summary>The system actor for audit records: "system:cli:OSUSER" on this host.</summary>
    public static App.Security.Actor SystemActor => App.Security.Actor.System();

    /// <summary>
    /// The staff member a command acts for (<c>--operator STAFFNO</c>), for actions that need a named
    /// person's right (exports, transfers, deletion, disclosure). The terminal is "cli:HOST".
    /// </summary>
    public static async Task<App.Security.Actor> OperatorAsync(ChoshuDbContext db, string staffNo, CancellationToken ct)
    {
        var account = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.StaffAccounts, a => a.StaffNo == staffNo.Trim(), ct)
            ?? throw new CliException($"職員番号 {staffNo} の利用者IDは登録されていません。");
        return App.Security.Actor.Staff(account.Id, account.StaffNo, $"cli:{Environment.MachineName}");
    }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>A Spectre console over <see cref="Out"/> for tables: no colour, no cursor tricks, wide enough for Japanese.</summary>
    public IAnsiConsole Table()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 240; // output is often piped or captured: never truncate columns
        return console;
    }

    /// <summary>Opens the store and refuses, with the fix in Japanese, when it has not been initialised.</summary>
    public async Task<ChoshuDbContext> OpenReadyStoreAsync(ParseResult parse, CancellationToken ct)
    {
        var store = StoreFrom(parse);
        var db = store.CreateContext();
        if (!await StoreInitializer.IsReadyAsync(db, ct))
        {
            await db.DisposeAsync();
            throw new CliException($"{store.Describe()} は初期化されていません。先に choshu db init を実行してください。");
        }
        return db;
    }

    public static string Yen(long amount) => amount.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
