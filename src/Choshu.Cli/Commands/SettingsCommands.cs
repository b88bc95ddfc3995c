using System.CommandLine;
using Choshu.App.Settings;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Cli.Commands;

/// <summary><c>choshu settings list</c> and <c>choshu settings set KEY VALUE</c>: the administrator's settings.</summary>
public static class SettingsCommands
{
    public static Command Create(CliContext cli)
    {
        var group = new Command("settings", "管理者の設定（充当順序、督促手数料、委託者コードなど）");
        var list = new Command("list", "設定の一覧（既定値との違いも表示）");
        list.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var stored = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, ct);
            foreach (var (key, def, meaning) in AppSettings.Keys)
            {
                var value = stored.TryGetValue(key, out var s) ? s.Value : def;
                cli.Out.WriteLine($"{key} = {value}{(s is null ? "（既定値）" : $"（{CliContext.Date(DateOnly.FromDateTime(s.UpdatedAtUtc))} {s.UpdatedBy} が設定）")}  # {meaning}");
            }
            return 0;
        });
        var key = new Argument<string>("KEY");
        var value = new Argument<string>("VALUE");
        var set = new Command("set", "設定を変更します（値は検査されます）") { key, value };
        set.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            await AppSettings.SetAsync(db, parse.GetValue(key)!, parse.GetValue(value)!, CliContext.Actor, cli.Clock.GetUtcNow().UtcDateTime, ct);
            cli.Out.WriteLine($"{parse.GetValue(key)} = {parse.GetValue(value)} に設定しました。");
            return 0;
        });
        group.Subcommands.Add(list);
        group.Subcommands.Add(set);
        return group;
    }
}
