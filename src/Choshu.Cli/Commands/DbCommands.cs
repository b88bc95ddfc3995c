using System.CommandLine;
using Choshu.App.Stores;

namespace Choshu.Cli.Commands;

/// <summary><c>choshu db init</c>: create or migrate the store and load the shipped reference data.</summary>
public static class DbCommands
{
    public static Command Create(CliContext cli)
    {
        var db = new Command("db", "データストアの管理");
        var init = new Command("init", "データストアを作成・移行し、祝日と延滞金割合の既定データを登録します");
        init.SetAction(async (parse, ct) =>
        {
            var store = cli.StoreFrom(parse);
            var r = await StoreInitializer.InitializeAsync(store, ct);
            cli.Out.WriteLine($"{store.Describe()}: 移行 {r.MigrationsApplied} 件を適用、祝日 {r.HolidaysAdded} 件・延滞金割合 {r.RatesAdded} 年分を登録しました。");
            return 0;
        });
        db.Subcommands.Add(init);
        return db;
    }
}
