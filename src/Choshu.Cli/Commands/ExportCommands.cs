using System.CommandLine;
using Choshu.App.Releases;
using Choshu.Data.Privacy;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu export arrears|list</c>: files of personal data copied out of the system, only by a holder of the
/// export right (ファイル出力担当) named with <c>--operator</c>; each file is recorded with its SHA-256 and row
/// count (data_releases) and audited (4000).
/// </summary>
public static class ExportCommands
{
    public static Command Create(CliContext cli)
    {
        var group = new Command("export", "データの出力（ファイル出力担当のみ。出力は件数・SHA-256 とともに記録）");
        group.Subcommands.Add(Arrears(cli));
        group.Subcommands.Add(List(cli, DataReleaseKind.Export, "出力の記録の一覧"));
        return group;
    }

    private static Command Arrears(CliContext cli)
    {
        var asOf = new Option<string>("--as-of") { Description = "基準日（YYYY-MM-DD）: この日に納期限を過ぎて本税が未納の期別を出力", Required = true };
        var op = CaseCommands.Operator();
        var output = new Option<string>("--out") { Description = "出力ファイル（CSV、UTF-8 BOM 付き）", Required = true };
        var purpose = new Option<string?>("--purpose") { Description = "利用目的（記録に残ります。省略時「滞納者一覧」）" };
        var cmd = new Command("arrears", "滞納者一覧（宛名番号・氏名・住所・税目・年度・期別・納期限・未納本税額）を CSV に出力します") { asOf, op, output, purpose };
        cmd.SetAction(async (parse, ct) =>
        {
            var day = LateFeeCommand.ParseDate(parse.GetValue(asOf)!, "--as-of");
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var path = parse.GetValue(output)!;
            var r = await CaseCommands.Guard(() => ArrearsList.ExportAsync(db, actor, day, parse.GetValue(purpose), path, cli.Clock, ct));
            cli.Out.WriteLine($"滞納者一覧（{CliContext.Date(day)} 現在）を {path} に出力しました: {r.RowCount:#,0} 件、SHA-256 {r.Sha256}（出力記録 {r.ReleaseId}）。");
            return 0;
        });
        return cmd;
    }

    /// <summary><c>list</c>: the recorded releases of one kind, newest first (no personal data is shown).</summary>
    public static Command List(CliContext cli, DataReleaseKind kind, string description)
    {
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("list", description) { json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var rows = await new DataReleases(db, cli.Clock).ListAsync(kind, ct);
            if (parse.GetValue(json))
            {
                cli.WriteJson(rows.Select(r => new
                {
                    r.Id, kind = r.Kind, atJst = Jst(r.AtUtc), r.Recipient, r.Content, items = r.Items.Split(','), r.RowCount, r.Sha256, r.FileName, r.Purpose, operatorStaffNo = r.ActorName,
                }));
                return 0;
            }
            if (rows.Count == 0) { cli.Out.WriteLine($"{DataReleases.KindName(kind)}の記録はありません。"); return 0; }
            foreach (var r in rows)
            {
                cli.Out.WriteLine($"{r.Id,6}  {Jst(r.AtUtc)}  {r.Recipient}  {r.Content}  {r.RowCount:#,0} 件  操作者 {r.ActorName}  {r.FileName}");
                cli.Out.WriteLine($"        SHA-256 {r.Sha256}  項目 {r.Items}{(r.Purpose is null ? "" : $"  目的 {r.Purpose}")}");
            }
            return 0;
        });
        return cmd;
    }

    public static string Jst(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Domain.Calendar.JapanTime.Offset)
            .ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
