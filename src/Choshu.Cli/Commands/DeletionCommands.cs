using System.CommandLine;
using Choshu.App.Deletion;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu deletion request|approve|reject|execute|list|show</c>: deleting personal data after its retention
/// period with two signatures (maker-checker). The requester fixes the targets; another person with the approver
/// role approves; only then is it executed. Every step names its staff member with <c>--operator</c> and is audited.
/// </summary>
public static class DeletionCommands
{
    public static Command Create(CliContext cli)
    {
        var group = new Command("deletion", "保存期間を過ぎた個人番号の削除（申請・承認・実行。承認は申請者以外）");
        group.Subcommands.Add(Request(cli));
        group.Subcommands.Add(Decide(cli, approve: true));
        group.Subcommands.Add(Decide(cli, approve: false));
        group.Subcommands.Add(Execute(cli));
        group.Subcommands.Add(List(cli));
        group.Subcommands.Add(Show(cli));
        return group;
    }

    private static Command Request(CliContext cli)
    {
        var scope = new Option<string>("--scope") { Description = "削除の範囲: my-numbers（完納し保存期間を過ぎた納税義務者の個人番号）", Required = true };
        var cutoff = new Option<string>("--cutoff") { Description = "基準日（YYYY-MM-DD）: 最後の収納・仕訳などがこの日より前の納税義務者が対象。今日から保存期間以上前の日付", Required = true };
        var reason = new Option<string>("--reason") { Description = "削除の理由（必須）", Required = true };
        var op = CaseCommands.Operator();
        var cmd = new Command("request", "削除を申請します（対象の一覧を確定します）") { scope, cutoff, reason, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var day = LateFeeCommand.ParseDate(parse.GetValue(cutoff)!, "--cutoff");
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var v = await CaseCommands.Guard(() => new DeletionRequests(db, cli.Clock).RequestAsync(actor, parse.GetValue(scope)!, day, parse.GetValue(reason)!, ct));
            cli.Out.WriteLine($"削除申請 {v.Id} を登録しました: 個人番号 {v.TargetCount:#,0} 件（基準日 {CliContext.Date(v.Cutoff)}）。承認者（申請者以外）の承認を待っています。");
            return 0;
        });
        return cmd;
    }

    private static Command Decide(CliContext cli, bool approve)
    {
        var id = new Argument<long>("ID") { Description = "削除申請の番号" };
        var comment = new Option<string>("--comment") { Description = approve ? "承認の補足" : "却下の理由（必須）", Required = !approve };
        var op = CaseCommands.Operator();
        var cmd = new Command(approve ? "approve" : "reject", approve ? "削除申請を承認します（申請者以外の承認者）" : "削除申請を却下します（申請者以外の承認者）") { id, comment, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var service = new DeletionRequests(db, cli.Clock);
            var v = await CaseCommands.Guard(() => approve
                ? service.ApproveAsync(actor, parse.GetValue(id), parse.GetValue(comment), ct)
                : service.RejectAsync(actor, parse.GetValue(id), parse.GetValue(comment) ?? "", ct));
            cli.Out.WriteLine($"削除申請 {v.Id} を{(approve ? "承認" : "却下")}しました（対象 {v.TargetCount:#,0} 件）。");
            return 0;
        });
        return cmd;
    }

    private static Command Execute(CliContext cli)
    {
        var id = new Argument<long>("ID") { Description = "削除申請の番号（承認済みのもの）" };
        var op = CaseCommands.Operator();
        var cmd = new Command("execute", "承認済みの削除を実行します（実行時にも対象の条件を確認し、外れたものは削除しません）") { id, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var r = await CaseCommands.Guard(() => new DeletionRequests(db, cli.Clock).ExecuteAsync(actor, parse.GetValue(id), ct));
            cli.Out.WriteLine($"削除申請 {r.RequestId} を実行しました: 個人番号を削除 {r.Deleted.Count:#,0} 件、対象外 {r.Skipped.Count:#,0} 件。{r.Erased.Describe()}");
            foreach (var (no, why) in r.Skipped) cli.Out.WriteLine($"  対象外: 宛名番号 {no}（{why}）");
            return 0;
        });
        return cmd;
    }

    private static Command List(CliContext cli)
    {
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("list", "削除申請の一覧") { json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var rows = await new DeletionRequests(db, cli.Clock).ListAsync(ct);
            if (parse.GetValue(json)) { cli.WriteJson(rows); return 0; }
            if (rows.Count == 0) { cli.Out.WriteLine("削除申請はありません。"); return 0; }
            foreach (var v in rows)
                cli.Out.WriteLine($"{v.Id,6}  {DeletionRequests.StatusName(v.Status),-5}  基準日 {CliContext.Date(v.Cutoff)}  対象 {v.TargetCount:#,0} 件  削除 {v.DeletedCount:#,0} 件  申請 {v.RequestedBy}"
                    + (v.DecidedBy is null ? "" : $"  判断 {v.DecidedBy}") + (v.ExecutedBy is null ? "" : $"  実行 {v.ExecutedBy}"));
            return 0;
        });
        return cmd;
    }

    private static Command Show(CliContext cli)
    {
        var id = new Argument<long>("ID") { Description = "削除申請の番号" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("show", "削除申請の内容（申請者・承認者・実行者・日時・対象ごとの削除日時）") { id, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var v = await new DeletionRequests(db, cli.Clock).ShowAsync(parse.GetValue(id), ct);
            if (parse.GetValue(json)) { cli.WriteJson(v); return 0; }
            cli.Out.WriteLine($"削除申請 {v.Id}  {DeletionRequests.StatusName(v.Status)}");
            cli.Out.WriteLine($"  範囲: {v.Scope}  基準日: {CliContext.Date(v.Cutoff)}  理由: {v.Reason}");
            cli.Out.WriteLine($"  申請: {v.RequestedBy}  {ExportCommands.Jst(v.RequestedAtUtc)}");
            if (v.DecidedBy is not null)
                cli.Out.WriteLine($"  {(v.Status == Data.Privacy.DeletionStatus.Rejected ? "却下" : "承認")}: {v.DecidedBy}  {ExportCommands.Jst(v.DecidedAtUtc!.Value)}{(v.DecisionComment is null ? "" : $"  {v.DecisionComment}")}");
            if (v.ExecutedBy is not null)
                cli.Out.WriteLine($"  実行: {v.ExecutedBy}  {ExportCommands.Jst(v.ExecutedAtUtc!.Value)}  削除 {v.DeletedCount:#,0} 件 / 対象 {v.TargetCount:#,0} 件");
            foreach (var t in v.Targets)
                cli.Out.WriteLine($"    宛名番号 {t.TaxpayerNo}  {(t.DeletedAtUtc is { } d ? "削除 " + ExportCommands.Jst(d) : v.Status == Data.Privacy.DeletionStatus.Executed ? "対象外（実行時に条件外）" : "未実行")}");
            return 0;
        });
        return cmd;
    }
}
