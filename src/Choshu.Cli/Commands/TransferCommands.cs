using System.CommandLine;
using Choshu.App.Releases;
using Choshu.Data.Privacy;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu transfer payment-status|list</c>: 収納状況情報の移転 to 市民税課 (市民税) or 資産税課 (固定資産税),
/// only the items the assessment allows, by a holder of the export right named with <c>--operator</c>;
/// each transfer recorded (date and time, recipient, items, count, SHA-256) and audited (4002).
/// </summary>
public static class TransferCommands
{
    public static Command Create(CliContext cli)
    {
        var group = new Command("transfer", "収納状況情報の移転（市民税課・資産税課。ファイル出力担当のみ、記録あり）");
        group.Subcommands.Add(PaymentStatus(cli));
        group.Subcommands.Add(ExportCommands.List(cli, DataReleaseKind.Transfer, "移転の記録の一覧（日時・移転先・項目・件数・SHA-256）"));
        return group;
    }

    private static Command PaymentStatus(CliContext cli)
    {
        var to = new Option<string>("--to") { Description = "移転先: 市民税課（市民税）または 資産税課（固定資産税）", Required = true };
        var year = new Option<int>("--fiscal-year") { Description = "調定年度", Required = true };
        var op = CaseCommands.Operator();
        var output = new Option<string>("--out") { Description = "出力ファイル（CSV、UTF-8 BOM 付き）", Required = true };
        var cmd = new Command("payment-status", "収納状況情報（期別ごとの本税額・収納済額・未納額・完納日）を移転先に出力します") { to, year, op, output };
        cmd.SetAction(async (parse, ct) =>
        {
            var recipient = TransferRecipient.Parse(parse.GetValue(to)!);
            var fy = parse.GetValue(year);
            if (fy is < 2000 or > 2100) throw new CliException("--fiscal-year: 調定年度を西暦4桁で指定してください。");
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var path = parse.GetValue(output)!;
            var r = await CaseCommands.Guard(() => PaymentStatusTransfer.TransferAsync(db, actor, recipient, fy, path, cli.Clock, ct));
            cli.Out.WriteLine($"{recipient.Name}への収納状況情報（{fy} 年度）を {path} に出力しました: {r.RowCount:#,0} 件、SHA-256 {r.Sha256}（移転記録 {r.ReleaseId}、{ExportCommands.Jst(r.AtUtc)}）。");
            cli.Out.WriteLine($"  項目: {string.Join("、", r.Items)}");
            return 0;
        });
        return cmd;
    }
}
