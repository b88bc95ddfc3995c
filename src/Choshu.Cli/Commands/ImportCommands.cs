using System.CommandLine;
using Choshu.App.Imports;
using Choshu.Data;
using Choshu.Formats.Csv;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu import taxpayers|assessments FILE [--encoding utf-8|shift_jis] [--json]</c>.
/// Prints a summary of counts (stdout) and each quarantined line as 「ファイル名:行番号 項目名: 理由」
/// (stderr). Exit code 0 when every line landed, 3 when some were quarantined, 2 when the file
/// was refused (nothing applied). Layouts: docs/formats.md.
/// </summary>
public static class ImportCommands
{
    public const int ExitQuarantined = 3;
    public const int ExitRefused = 2;

    public static Command Create(CliContext cli)
    {
        var group = new Command("import", "ファイルの取込（共通基盤の宛名、賦課システムの調定、収納データ）");
        group.Subcommands.Add(Subcommand(cli, "taxpayers", "宛名CSV（共通基盤システム）を取り込みます",
            (store, clock) => new TaxpayerImport(store, clock).RunAsync));
        group.Subcommands.Add(Subcommand(cli, "assessments", "調定CSV（税務システム）を取り込みます（期別ごとの税額・納期限）",
            (store, clock) => new AssessmentImport(store, clock).RunAsync));
        group.Subcommands.Add(PaymentImportCommand.Create(cli));
        return group;
    }

    private static Command Subcommand(CliContext cli, string name, string description,
        Func<Store, TimeProvider, Func<ImportRequest, CancellationToken, Task<ImportResult>>> import)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "取り込む CSV ファイル（UTF-8 または Shift_JIS、1行目はヘッダー）" };
        var encoding = new Option<string?>("--encoding")
        {
            Description = "文字コードを指定します（省略時は自動判定）: utf-8 または shift_jis",
        };
        encoding.AcceptOnlyFromAmong([.. CsvTextEncoding.Names]);
        var json = new Option<bool>("--json") { Description = "結果を JSON で出力します" };
        var command = new Command(name, description) { file, encoding, json };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!.FullName;
            var asJson = parse.GetValue(json);
            await (await cli.OpenReadyStoreAsync(parse, ct)).DisposeAsync(); // refuses a store not initialised (db init)
            var request = new ImportRequest(path, parse.GetValue(encoding), CliContext.Actor, CliContext.SystemActor);
            ImportResult result;
            try
            {
                result = await import(cli.StoreFrom(parse), cli.Clock)(request, ct);
            }
            catch (CsvFileRefusedException ex)
            {
                if (asJson) cli.WriteJson(new { file = Path.GetFileName(path), refused = true, error = ex.Message });
                cli.Err.WriteLine($"エラー: {ex.Message}");
                return ExitRefused;
            }

            if (asJson) cli.WriteJson(Json(result));
            else Print(cli, result);
            return result.Quarantined > 0 ? ExitQuarantined : 0;
        });
        return command;
    }

    private static object Json(ImportResult r) => new
    {
        read = r.Read,
        created = r.Created,
        changed = r.Changed,
        unchanged = r.Unchanged,
        quarantined = r.Quarantined,
        file = r.FileName,
        sha256 = r.Sha256,
        encoding = r.Encoding,
        ignoredColumns = r.IgnoredColumns,
        errors = r.Errors.Select(e => new { line = e.Line, field = e.Field, reason = e.Reason }),
        errorsNotListed = r.ErrorsNotListed,
    };

    internal static void Print(CliContext cli, ImportResult r)
    {
        var o = cli.Out;
        o.WriteLine($"ファイル   {r.FileName}（文字コード {r.Encoding}、SHA-256 {r.Sha256}）");
        o.WriteLine($"読込 {r.Read} 行: 新規 {r.Created}、変更 {r.Changed}、変更なし {r.Unchanged}、保留 {r.Quarantined}");
        if (r.IgnoredColumns.Count > 0)
            o.WriteLine($"無視した列 {string.Join("、", r.IgnoredColumns)}");
        if (r.Quarantined > 0)
            o.WriteLine($"保留した {r.Quarantined} 行は quarantined_records に記録しました（理由は標準エラー出力）。");

        foreach (var e in r.Errors)
            cli.Err.WriteLine(e.Field.Length == 0
                ? $"{r.FileName}:{e.Line} {e.Reason}"
                : $"{r.FileName}:{e.Line} {e.Field}: {e.Reason}");
        if (r.ErrorsNotListed > 0)
            cli.Err.WriteLine($"…ほか {r.ErrorsNotListed} 件（すべて quarantined_records に記録済み）");
    }
}
