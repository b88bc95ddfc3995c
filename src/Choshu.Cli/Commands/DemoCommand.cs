using System.CommandLine;
using Choshu.App.Accounts;
using Choshu.App.Reports;
using Choshu.App.Seeding;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Choshu.Domain.Labels;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu demo [--urls http://127.0.0.1:5080] [--no-serve]</c>: the README's run command.
/// Initialises the store (the embedded SQLite file by default), builds a synthetic city the first
/// time, creates the demo staff (<see cref="DemoAccounts"/>: one per role, each with a one-time
/// initial password printed here once, to stdout only), prints the city's summary, and then serves
/// the staff web application as <c>choshu serve</c> does until Ctrl+C, with the address to open and
/// how to log in. A second run creates no account: it says they exist and how to reset a password.
/// <c>--no-serve</c> prepares the store and stops there.
/// </summary>
public static class DemoCommand
{
    public static Command Create(CliContext cli)
    {
        var taxpayers = new Option<int>("--taxpayers") { Description = "初回に作成する納税義務者の数（既定 2,000）", DefaultValueFactory = _ => 2_000 };
        var seed = new Option<long>("--seed") { Description = "合成データのシード（既定 1）", DefaultValueFactory = _ => 1 };
        var urls = new Option<string>("--urls")
        {
            Description = "職員用の画面を待ち受けるアドレス。既定は " + ServeCommand.DefaultUrls + "（この端末からのみ接続可）",
            DefaultValueFactory = _ => ServeCommand.DefaultUrls,
        };
        var noServe = new Option<bool>("--no-serve") { Description = "データストアと利用者IDの準備だけ行い、画面は起動しません" };
        var cmd = new Command("demo", "デモ: データストアを初期化し、初回は合成データの市とデモ用の利用者IDを作成して、職員用の画面を起動します")
        {
            taxpayers, seed, urls, noServe,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var store = cli.StoreFrom(parse);
            await StoreInitializer.InitializeAsync(store, cli.Clock, ct);
            await using (var db = store.CreateContext())
            {
                if (!await db.Taxpayers.AnyAsync(ct))
                {
                    cli.Err.WriteLine($"{store.Describe()} に合成データの市（{parse.GetValue(taxpayers):#,0} 人）を作成します…");
                    await SeedCommand.RunWithProgressAsync(cli, store, new SeedOptions(parse.GetValue(taxpayers), parse.GetValue(seed)), ct);
                }
            }

            await using (var read = store.CreateContext())
            {
                SummaryCommand.Print(cli, await CitySummaryQuery.LoadAsync(read, cli.Clock, ct), store.Describe());
                await PrintCommandHintsAsync(cli, read, ct);
            }

            var accounts = await EnsureAccountsAsync(cli, store, ct);
            PrintAccounts(cli, accounts);
            if (parse.GetValue(noServe)) return 0;
            return await ServeAsync(cli, store, parse.GetValue(urls) ?? ServeCommand.DefaultUrls, accounts, ct);
        });
        return cmd;
    }

    private static async Task<DemoAccountsResult> EnsureAccountsAsync(CliContext cli, Store store, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddSingleton(cli.Clock);
        services.AddChoshuIdentity(store);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        return await DemoAccounts.EnsureAsync(sp.GetRequiredService<ChoshuDbContext>(), sp.GetRequiredService<AccountAdministration>(),
            CliContext.SystemActor, cli.Clock, ct);
    }

    /// <summary>The demo staff; the initial passwords of accounts made now (stdout only, once; nowhere else).</summary>
    private static void PrintAccounts(CliContext cli, DemoAccountsResult result)
    {
        var o = cli.Out;
        o.WriteLine();
        if (result.Refused)
        {
            o.WriteLine($"このデータストアにはデモ用以外の利用者IDが {result.OtherAccounts:#,0} 件登録されているため、デモ用の利用者IDは作成しませんでした。");
            o.WriteLine("登録済みの利用者IDでログインしてください（一覧: ./choshu users list）。");
            return;
        }
        var created = result.Accounts.Where(a => a.Created).ToList();
        var existing = result.Accounts.Where(a => !a.Created).ToList();
        if (created.Count > 0)
        {
            o.WriteLine($"デモ用の利用者IDを {created.Count} 件作成しました。初期パスワードはこの一度だけ表示します（どこにも記録されません）。控えてください:");
            var t = new Table().Border(TableBorder.Simple).AddColumns("職員番号", "氏名", "権限", "役職", "初期パスワード");
            foreach (var a in created)
                t.AddRow(a.Account.StaffNo, Markup.Escape(a.Account.FullName), Markup.Escape(Roles(a.Account)), Markup.Escape(a.Account.Post), Markup.Escape(a.InitialPassword!));
            cli.Table().Write(t);
        }
        if (existing.Count > 0)
        {
            o.WriteLine(created.Count == 0
                ? "デモ用の利用者IDは作成済みです（初期パスワードは最初の実行のときに一度だけ表示しました）:"
                : "次のデモ用の利用者IDは作成済みです:");
            var t = new Table().Border(TableBorder.Simple).AddColumns("職員番号", "氏名", "権限", "役職");
            foreach (var a in existing)
                t.AddRow(a.Account.StaffNo, Markup.Escape(a.Account.FullName), Markup.Escape(Roles(a.Account)), Markup.Escape(a.Account.Post));
            cli.Table().Write(t);
            o.WriteLine($"パスワードが分からないときは ./choshu users password 職員番号（例: ./choshu users password {existing[0].Account.StaffNo}）で再設定できます。");
            o.WriteLine($"認証アプリを登録し直すときは ./choshu users reset-2fa 職員番号 --reason \"機種変更\" を実行してください。");
        }
    }

    /// <summary>Serves the web application (as <c>choshu serve</c>) and says, in Japanese, how to log in.</summary>
    private static async Task<int> ServeAsync(CliContext cli, Store store, string urls, DemoAccountsResult accounts, CancellationToken ct)
    {
        await using var app = ChoshuWeb.BuildApp(["--urls", urls], store, cli.Clock);
        await ServeCommand.StartAsync(app, urls, ct);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var o = cli.Out;
        o.WriteLine();
        o.WriteLine($"{store.Describe()} で職員用の画面を起動しました。");
        foreach (var a in addresses)
            o.WriteLine($"ブラウザーで {a}/ を開いてください。");
        o.WriteLine();
        o.WriteLine("ログインのしかた:");
        o.WriteLine("  1. 上の表の職員番号と初期パスワードを入力し、確認コードは空欄のまま「ログイン」を押します。");
        o.WriteLine("  2. 二要素認証の登録画面に QR コードが表示されます。スマートフォンの認証アプリ（Google Authenticator、");
        o.WriteLine("     Microsoft Authenticator など）で読み取ってください。");
        o.WriteLine("  3. 認証アプリに表示された 6 桁の確認コード、初期パスワード、新しいパスワード（12 文字以上）を入力して登録します。");
        o.WriteLine("     表示される回復コードは控えておいてください。");
        o.WriteLine("  4. 以後は職員番号、新しいパスワード、認証アプリの確認コードでログインします。");
        if (accounts.Accounts.FirstOrDefault(a => a.Account.Roles.Contains(Role.CollectionClerk)) is { } clerk)
            o.WriteLine($"  まずは {clerk.Account.StaffNo}（{clerk.Account.FullName}、収納担当）で納税義務者の検索と照会を試してください。");
        o.WriteLine();
        o.WriteLine("終了するには Ctrl+C を押してください。");
        await app.WaitForShutdownAsync(ct);
        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    private static async Task PrintCommandHintsAsync(CliContext cli, ChoshuDbContext read, CancellationToken ct)
    {
        var today = JapanTime.Today(cli.Clock);
        var overdue = await (
                from t in read.Taxpayers
                join a in read.Assessments on t.Id equals a.TaxpayerId
                join i in read.Installments on a.Id equals i.AssessmentId
                where i.DueDate < today && read.JournalEntries.Where(j => j.InstallmentId == i.Id).Sum(j => j.Amount) > 0
                orderby t.TaxpayerNo
                select t.TaxpayerNo)
            .FirstOrDefaultAsync(ct);
        cli.Out.WriteLine();
        cli.Out.WriteLine("コマンドでも操作できます:");
        if (overdue is not null) cli.Out.WriteLine($"  ./choshu taxpayer show {overdue}          # 滞納のある納税義務者（延滞金は本日まで計算、個人番号はマスク）");
        cli.Out.WriteLine("  ./choshu late-fee --principal 500000 --due 2025-09-01 --paid 2026-03-15");
        cli.Out.WriteLine("  ./choshu --help");
    }

    private static string Roles(DemoAccount a) => string.Join("・", a.Roles.Select(JapaneseLabels.Of));
}
