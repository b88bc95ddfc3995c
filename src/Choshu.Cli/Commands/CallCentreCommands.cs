using System.CommandLine;
using Choshu.App.Cases;
using Choshu.App.Imports;
using Choshu.Formats.Csv;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu case callcentre export|import</c>: the 納税お知らせセンター's call list (a recorded 移転, ファイル出力担当 only) and the
/// import of its call results into the case log (the officer in charge or an approver; bad lines quarantined, exit 3).
/// </summary>
public static class CallCentreCommands
{
    public static Command Create(CliContext cli)
    {
        var group = new Command("callcentre", "納税お知らせセンター（架電依頼データの作成・架電結果の取込）");

        var asOf = new Option<string?>("--as-of") { Description = "基準日 YYYY-MM-DD（省略時は本日）" };
        var output = new Option<FileInfo>("--out") { Description = "出力先のファイル（CSV、UTF-8 BOM 付き）", Required = true };
        var op = CaseCommands.Operator();
        var export = new Command("export", "架電依頼データを作成します（ファイル出力担当のみ。移転として記録）") { asOf, output, op };
        export.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var day = parse.GetValue(asOf) is { } s ? LateFeeCommand.ParseDate(s, "--as-of") : Domain.Calendar.JapanTime.Today(cli.Clock);
            var r = await CaseCommands.Guard(() => CallCentreExtract.ExportAsync(db, actor, day, parse.GetValue(output)!.FullName, cli.Clock, ct));
            cli.Out.WriteLine($"架電依頼データ {r.FileName} を作成しました（{r.RowCount}件、SHA-256 {r.Sha256}、移転番号 {r.ReleaseId}）。");
            return 0;
        });

        var file = new Argument<FileInfo>("FILE") { Description = "架電結果 CSV（UTF-8 または Shift_JIS、1行目はヘッダー）" };
        var op2 = CaseCommands.Operator();
        var import = new Command("import", "架電結果を経過記録に取り込みます（担当者または承認者。同じ結果番号は二重に登録しません）") { file, op2 };
        import.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!.FullName;
            App.Security.Actor actor;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                actor = await cli.OperatorAsync(db, parse.GetValue(op2)!, ct);
            try
            {
                var r = await new CallResultImport(cli.StoreFrom(parse), cli.Clock, actor).RunAsync(new ImportRequest(path, null, actor.Name, actor), ct);
                ImportCommands.Print(cli, r);
                return r.Quarantined > 0 ? ImportCommands.ExitQuarantined : 0;
            }
            catch (CsvFileRefusedException ex)
            {
                cli.Err.WriteLine($"エラー: {ex.Message}");
                return ImportCommands.ExitRefused;
            }
        });
        group.Subcommands.Add(export);
        group.Subcommands.Add(import);
        return group;
    }
}
