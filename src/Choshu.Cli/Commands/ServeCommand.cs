using System.CommandLine;
using Choshu.App.Stores;
using Choshu.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu serve [--urls http://127.0.0.1:5080] [--db …]</c>: creates or migrates the store when
/// it needs it (the same as <c>choshu db init</c>), then serves the staff web application in this
/// process until Ctrl+C, and prints the address to open.
/// </summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create(CliContext cli)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "待ち受けるアドレス（; 区切りで複数可）。既定は " + DefaultUrls + "（この端末からのみ接続可）",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var cmd = new Command("serve", "職員用の画面（Web アプリケーション）を起動します") { urls };
        cmd.SetAction(async (parse, ct) =>
        {
            var store = cli.StoreFrom(parse);
            var init = await StoreInitializer.InitializeAsync(store, ct);
            if (init.MigrationsApplied > 0)
                cli.Out.WriteLine($"{store.Describe()}: 移行 {init.MigrationsApplied} 件を適用しました。");
            await using var app = ChoshuWeb.BuildApp(["--urls", parse.GetValue(urls) ?? DefaultUrls], store, cli.Clock);
            await StartAsync(app, parse.GetValue(urls) ?? DefaultUrls, ct);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            cli.Out.WriteLine($"{store.Describe()} で職員用の画面を起動しました。");
            foreach (var a in addresses)
                cli.Out.WriteLine($"ブラウザーで {a}/ を開いてください。");
            cli.Out.WriteLine("終了するには Ctrl+C を押してください。");
            await app.WaitForShutdownAsync(ct);
            await app.StopAsync(CancellationToken.None);
            return 0;
        });
        return cmd;
    }

    /// <summary>Starts the web app; an address already in use (or not usable) ends the command with one Japanese line naming <c>--urls</c>.</summary>
    public static async Task StartAsync(WebApplication app, string urls, CancellationToken ct)
    {
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException)
        {
            throw new CliException($"{urls} で待ち受けられませんでした（ほかのプログラムが使用中です）。--urls http://127.0.0.1:5081 のように別のポートを指定してください。");
        }
    }
}
