using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Choshu.App.Stores;
using Choshu.Data;
using Spectre.Console;

namespace Choshu.Cli;

/// <summary>What every command shares: the output streams, the clock, the --db option, the terminal and the actor name.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, TimeProvider clock, CliTerminal? terminal = null)
{
    public TextWriter Out { get; } = output;
    public TextWriter Err { get; } = error;
    public TimeProvider Clock { get; } = clock;

    private readonly Lazy<CliTerminal> _terminal = new(() => terminal ?? CliTerminal.FromConsole());

    /// <summary>Standard input, the OS user and tty, the login token file (<see cref="CliTerminal"/>).</summary>
    public CliTerminal Terminal => _terminal.Value;

    /// <summary>The parsed command line of this run (set by <see cref="CliApp.RunAsync(string[], TextWriter, TextWriter, TimeProvider, CliTerminal?, CancellationToken)"/>).</summary>
    public ParseResult? Invocation { get; set; }

    /// <summary>--prompt-credentials, on every command: a person-bound command asks for the password and code for itself.</summary>
    public Option<bool> PromptCredentials { get; } = new("--prompt-credentials")
    {
        Description = "--operator の職員本人として、このコマンドだけのためにパスワードと確認コードを入力します（端末では表示せずに入力、端末でなければ標準入力の1行目・2行目）。choshu login 済みなら不要",
        Recursive = true,
    };

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
    /// The staff member a command acts for (<c>--operator STAFFNO</c>), for actions that need a named person's right
    /// (exports, transfers, deletion, disclosure, case updates, …), proven to be that person (issue 18, defect 6): by the
    /// token of a <c>choshu login</c> session of this OS user and this staff number (<see cref="CliSessions"/>), or by the
    /// password and code asked for this command (<c>--prompt-credentials</c>, or at a terminal when there is no login),
    /// signed in through <see cref="StaffSignIn"/> as on the web. Otherwise refused (exit 3) and recorded (1030). The
    /// terminal of the actor names the host, the OS user (uid) and the tty.
    /// </summary>
    public async Task<App.Security.Actor> OperatorAsync(ChoshuDbContext db, string staffNo, CancellationToken ct)
    {
        var no = staffNo.Trim();
        var where = Terminal.AuditTerminal;
        var sessions = new App.Accounts.CliSessions(db, Clock);
        string why;
        try
        {
            var check = await sessions.CheckAsync(Terminal.ReadToken(), no, Terminal.Uid, where, ct);
            if (check.IsValid) return check.Actor!;
            why = check.Refusal!;
        }
        catch (CliException ex)
        {
            await sessions.RefuseAsync(no, where, CommandPath(), ex.Message, ct);
            throw;
        }
        if (Invocation?.GetValue(PromptCredentials) == true || Terminal.InputIsTerminal)
            return await SignInForThisCommandAsync(no, where, ct);
        await sessions.RefuseAsync(no, where, CommandPath(), why, ct);
        throw new CliException($"職員番号 {no} として操作するには本人の確認が必要です（{why}）。先に choshu login --operator {no} でログインするか、"
            + "--prompt-credentials を付けてパスワードと確認コードを入力してください。", 3);
    }

    /// <summary>The password and code asked for this command alone: a CLI sign-in whose session ends as it opens (audit 1000, failures 1001/1005 as on the web).</summary>
    private async Task<App.Security.Actor> SignInForThisCommandAsync(string staffNo, string where, CancellationToken ct)
    {
        var password = Terminal.ReadSecret(Err, $"職員番号 {staffNo} のパスワード: ");
        var code = Terminal.ReadSecret(Err, "確認コード（認証アプリの6桁）: ");
        var r = await WithSignInAsync(Invocation!, ct, signIn => signIn.SignInAsync(staffNo, password, code, where,
            new App.Accounts.CliBinding(Terminal.Uid, Terminal.OsUser, Terminal.Tty, SingleCommand: true), ct));
        if (!r.Succeeded) throw new CliException(r.Message, 3);
        return App.Security.Actor.Staff(r.AccountId!.Value, staffNo, where, r.SessionId);
    }

    /// <summary>Runs <paramref name="body"/> with the sign-in service (Identity over this run's store, on this run's clock).</summary>
    public async Task<T> WithSignInAsync<T>(ParseResult parse, CancellationToken ct, Func<App.Accounts.StaffSignIn, Task<T>> body)
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, Clock);
        App.Accounts.IdentitySetup.AddChoshuIdentity(services, StoreFrom(parse));
        await using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        await using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateAsyncScope(provider);
        return await body(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<App.Accounts.StaffSignIn>(scope.ServiceProvider));
    }

    /// <summary>The command being run, e.g. "case open" (for the record of a refusal).</summary>
    private string CommandPath()
    {
        var names = new List<string>();
        for (var r = Invocation?.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            if (r.Parent is not null) names.Insert(0, r.Command.Name);
        return string.Join(" ", names);
    }

    /// <summary>A staff account named by number (not the person acting: e.g. whose worklist to show); Japanese error when unknown.</summary>
    public static async Task<App.Security.Actor> StaffAsync(ChoshuDbContext db, string staffNo, CancellationToken ct)
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
