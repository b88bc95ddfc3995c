using System.CommandLine;
using Choshu.App.Audit;
using Choshu.App.Stores;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu db init</c>: create or migrate the store and load the shipped reference data.
/// <c>choshu db grant-app-role --role NAME</c> (PostgreSQL, run as the owner role): the application role's
/// grants, with only SELECT and INSERT on the audit log (<see cref="ApplicationRole"/>).
/// </summary>
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
            cli.Out.WriteLine($"{store.Describe()}: 移行 {r.MigrationsApplied} 件を適用、祝日 {r.HolidaysAdded} 件・延滞金割合 {r.RatesAdded} 年分・還付加算金割合 {r.RefundRatesAdded} 年分を登録しました。");
            if (r.SearchKeysFilled > 0) cli.Out.WriteLine($"既存の納税義務者 {r.SearchKeysFilled:#,0} 件に検索キーを設定しました。");
            if (r.KeysFileCreated is { } keys) cli.Out.WriteLine($"個人番号の暗号鍵ファイル {keys} を作成しました。データベースとは別にバックアップしてください（docs/operations.md）。");
            return 0;
        });
        db.Subcommands.Add(init);
        db.Subcommands.Add(GrantAppRole(cli));
        return db;
    }

    private static Command GrantAppRole(CliContext cli)
    {
        var role = new Option<string>("--role") { Description = "アプリケーションが接続に使うロール名（作成済みで、スーパーユーザー・所有者でないもの）", Required = true };
        var cmd = new Command("grant-app-role", "PostgreSQL: アプリケーション用ロールに権限を付与します（操作ログは参照と追加のみ）") { role };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var name = parse.GetValue(role)!.Trim();
            await ApplicationRole.GrantAsync(db, name, ct);
            cli.Out.WriteLine($"ロール {name} に権限を付与しました: 全テーブルの参照・追加・更新・削除、シーケンスの使用。"
                + "ただし audit_events（操作ログ）は参照と追加のみ、__ef_migrations_history は参照のみです。移行（db init）のたびに再実行してください。");
            return 0;
        });
        return cmd;
    }
}
