using System.CommandLine;
using Choshu.App.Disclosure;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu disclosure register|report|answer|list|show</c>: 開示・訂正・利用停止請求 and inquiries, handled by a
/// person with the right (セキュリティ責任者) named with <c>--operator</c>; each step audited against the taxpayer.
/// </summary>
public static class DisclosureCommands
{
    public static Command Create(CliContext cli)
    {
        var group = new Command("disclosure", "開示・訂正・利用停止請求と問合せ（受付・報告書・回答）");
        group.Subcommands.Add(Register(cli));
        group.Subcommands.Add(Report(cli));
        group.Subcommands.Add(Answer(cli));
        group.Subcommands.Add(List(cli));
        group.Subcommands.Add(Show(cli));
        return group;
    }

    private static Command Register(CliContext cli)
    {
        var taxpayer = new Option<string>("--taxpayer") { Description = "対象の宛名番号", Required = true };
        var kind = new Option<string>("--kind") { Description = "種別: 開示・訂正・利用停止・問合せ", Required = true };
        var received = new Option<string>("--received") { Description = "受付日（YYYY-MM-DD）。回答期限はこの30日後", Required = true };
        var requester = new Option<string>("--requester") { Description = "請求者の氏名", Required = true };
        var relation = new Option<string>("--relation") { Description = "本人との関係: 本人・法定代理人・任意代理人", Required = true };
        var details = new Option<string>("--details") { Description = "請求・問合せの内容", Required = true };
        var op = CaseCommands.Operator();
        var cmd = new Command("register", "開示等請求・問合せを受け付けます") { taxpayer, kind, received, requester, relation, details, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var k = DisclosureNames.ParseKind(parse.GetValue(kind)!);
            var on = LateFeeCommand.ParseDate(parse.GetValue(received)!, "--received");
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var r = await CaseCommands.Guard(() => new DisclosureRequests(db, cli.Clock).RegisterAsync(actor, parse.GetValue(taxpayer)!, k, on,
                parse.GetValue(requester)!, parse.GetValue(relation)!, parse.GetValue(details)!, ct));
            cli.Out.WriteLine($"開示等請求 {r.Id}（{DisclosureNames.Kind(r.Kind)}）を受け付けました。受付日 {CliContext.Date(r.ReceivedOn)}、回答期限 {CliContext.Date(r.DueOn)}。");
            return 0;
        });
        return cmd;
    }

    private static Command Report(CliContext cli)
    {
        var id = new Argument<long>("ID") { Description = "開示等請求の番号" };
        var output = new Option<string>("--out") { Description = "報告書ファイル（UTF-8 テキスト）", Required = true };
        var op = CaseCommands.Operator();
        var cmd = new Command("report", "対象者について保有するすべての記録と、対象者の情報へのすべてのアクセスの報告書を作成します") { id, output, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var path = parse.GetValue(output)!;
            var r = await CaseCommands.Guard(() => new DisclosureRequests(db, cli.Clock).ProduceReportAsync(actor, parse.GetValue(id), path, ct));
            cli.Out.WriteLine($"開示等請求 {r.RequestId} の報告書を {path} に作成しました（SHA-256 {r.Sha256}）。");
            foreach (var s in r.Report.Sections) cli.Out.WriteLine($"  {s.Title}: {s.Rows.Count} 件");
            return 0;
        });
        return cmd;
    }

    private static Command Answer(CliContext cli)
    {
        var id = new Argument<long>("ID") { Description = "開示等請求の番号" };
        var decision = new Option<string>("--decision") { Description = "決定: 全部・一部・しない（不開示・訂正しない・停止しない）、問合せは 回答", Required = true };
        var answer = new Option<string>("--answer") { Description = "回答の内容", Required = true };
        var on = new Option<string>("--on") { Description = "回答日（YYYY-MM-DD）", Required = true };
        var op = CaseCommands.Operator();
        var cmd = new Command("answer", "開示等請求・問合せへの回答を記録します") { id, decision, answer, on, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var d = DisclosureNames.ParseDecision(parse.GetValue(decision)!);
            var day = LateFeeCommand.ParseDate(parse.GetValue(on)!, "--on");
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var r = await CaseCommands.Guard(() => new DisclosureRequests(db, cli.Clock).AnswerAsync(actor, parse.GetValue(id), d, parse.GetValue(answer)!, day, ct));
            cli.Out.WriteLine($"開示等請求 {r.Id} への回答を記録しました（{DisclosureNames.Decision(d)}、回答日 {CliContext.Date(r.AnsweredOn)}"
                + (r.AnsweredOn > r.DueOn ? $"、回答期限 {CliContext.Date(r.DueOn)} を過ぎています" : "") + "）。");
            return 0;
        });
        return cmd;
    }

    private static Command List(CliContext cli)
    {
        var open = new Option<bool>("--open") { Description = "未回答のものだけ" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("list", "開示等請求の一覧（回答期限を過ぎた未回答は「期限超過」）。請求者の氏名・内容は show で") { open, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var rows = await new DisclosureRequests(db, cli.Clock).ListAsync(parse.GetValue(open), ct);
            if (parse.GetValue(json)) { cli.WriteJson(rows); return 0; }
            if (rows.Count == 0) { cli.Out.WriteLine(parse.GetValue(open) ? "未回答の開示等請求はありません。" : "開示等請求はありません。"); return 0; }
            foreach (var r in rows)
                cli.Out.WriteLine($"{r.Id,6}  {DisclosureNames.Kind(r.Kind),-6}  宛名番号 {r.TaxpayerNo}  受付 {CliContext.Date(r.ReceivedOn)}  期限 {CliContext.Date(r.DueOn)}  "
                    + (r.AnsweredOn is { } a ? $"回答済 {CliContext.Date(a)}（{DisclosureNames.Decision(r.Decision!.Value)}）" : r.Overdue ? "期限超過・未回答" : "未回答")
                    + (r.ReportProducedAtUtc is { } p ? $"  報告書 {ExportCommands.Jst(p)}" : ""));
            var overdue = rows.Count(r => r.Overdue);
            if (overdue > 0) cli.Out.WriteLine($"回答期限を過ぎた未回答の請求が {overdue} 件あります。");
            return 0;
        });
        return cmd;
    }

    private static Command Show(CliContext cli)
    {
        var id = new Argument<long>("ID") { Description = "開示等請求の番号" };
        var op = CaseCommands.Operator();
        var cmd = new Command("show", "開示等請求の内容（請求者・内容・回答。参照は操作ログに記録）") { id, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var (r, no) = await CaseCommands.Guard(() => new DisclosureRequests(db, cli.Clock).ShowAsync(actor, parse.GetValue(id), ct));
            cli.Out.WriteLine($"開示等請求 {r.Id}  {DisclosureNames.Kind(r.Kind)}  宛名番号 {no}");
            cli.Out.WriteLine($"  受付日 {CliContext.Date(r.ReceivedOn)}  回答期限 {CliContext.Date(r.DueOn)}  受付者 {r.RegisteredBy}");
            cli.Out.WriteLine($"  請求者 {r.RequesterName}（{r.RequesterRelation}）");
            cli.Out.WriteLine($"  内容: {r.Details}");
            if (r.ReportProducedAtUtc is { } p) cli.Out.WriteLine($"  報告書: {ExportCommands.Jst(p)}  SHA-256 {r.ReportSha256}");
            if (r.AnsweredOn is { } a) cli.Out.WriteLine($"  回答: {CliContext.Date(a)}  {DisclosureNames.Decision(r.Decision!.Value)}  {r.AnsweredBy}\n  {r.Answer}");
            return 0;
        });
        return cmd;
    }
}
