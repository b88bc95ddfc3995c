using System.CommandLine;
using Choshu.App.Cases;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu case open|assign|hold|show</c>: delinquency cases (滞納整理事案). Changes are made in the name of
/// a staff member (<c>--operator STAFFNO</c>) and only the officer in charge or an approver may make them
/// (seed III-3 リスク1); a refusal is audited and exits 3.
/// </summary>
public static class CaseCommands
{
    public static Command Create(CliContext cli)
    {
        var group = new Command("case", "滞納整理事案（担当者・一斉催告停止。更新は担当者または承認者のみ）");
        group.Subcommands.Add(Open(cli));
        group.Subcommands.Add(Assign(cli));
        group.Subcommands.Add(Hold(cli));
        CaseFileCommands.AddTo(group, cli);
        return group;
    }

    private static Option<string> Taxpayer() => new("--taxpayer") { Description = "宛名番号", Required = true };

    public static Option<string> Operator(bool required = true) =>
        new("--operator") { Description = "操作する職員の職員番号（本人の確認が必要: 先に choshu login --operator 職員番号、または --prompt-credentials。権限はこの職員の本日有効なものを確認し、操作ログに記録します）", Required = required };

    private static Command Open(CliContext cli)
    {
        var taxpayer = Taxpayer();
        var op = Operator();
        var cmd = new Command("open", "納税義務者の滞納整理事案を開始します（担当者は未設定）") { taxpayer, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var c = await Guard(() => new CaseUpdates(db, cli.Clock).OpenAsync(actor, parse.GetValue(taxpayer)!, ct));
            cli.Out.WriteLine($"滞納整理事案 {c.Id} を開始しました（宛名番号 {c.TaxpayerNo}、開始日 {CliContext.Date(c.OpenedOn)}、担当者 未設定）。");
            return 0;
        });
        return cmd;
    }

    private static Command Assign(CliContext cli)
    {
        var taxpayer = Taxpayer();
        var officer = new Option<string>("--officer") { Description = "担当者にする職員の職員番号（本日有効な滞納整理担当の権限が必要）", Required = true };
        var op = Operator();
        var cmd = new Command("assign", "担当者を設定・変更します（未設定の事案は承認者のみ）") { taxpayer, officer, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var cases = new CaseUpdates(db, cli.Clock);
            var id = await FindAsync(cases, parse.GetValue(taxpayer)!, ct);
            var c = await Guard(() => cases.AssignAsync(actor, id, parse.GetValue(officer)!, ct));
            cli.Out.WriteLine($"滞納整理事案 {c.Id}（宛名番号 {c.TaxpayerNo}）の担当者を {c.OfficerStaffNo} {c.OfficerName} にしました。");
            return 0;
        });
        return cmd;
    }

    private static Command Hold(CliContext cli)
    {
        var taxpayer = Taxpayer();
        var reason = new Option<string>("--reason") { Description = "設定・解除の理由（必須、記録に残ります）", Required = true };
        var clear = new Option<bool>("--clear") { Description = "一斉催告停止を解除します（省略時は設定）" };
        var op = Operator();
        var cmd = new Command("hold", "一斉催告停止を設定・解除します（担当者または承認者のみ）") { taxpayer, reason, clear, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var cases = new CaseUpdates(db, cli.Clock);
            var id = await FindAsync(cases, parse.GetValue(taxpayer)!, ct);
            var hold = !parse.GetValue(clear);
            var c = await Guard(() => cases.SetDemandRunHoldAsync(actor, id, hold, parse.GetValue(reason)!, ct));
            cli.Out.WriteLine($"滞納整理事案 {c.Id}（宛名番号 {c.TaxpayerNo}）の一斉催告停止を{(hold ? "設定" : "解除")}しました。");
            return 0;
        });
        return cmd;
    }

    internal static async Task<long> FindAsync(CaseUpdates cases, string taxpayerNo, CancellationToken ct) =>
        await cases.FindIdAsync(taxpayerNo, ct) ?? throw new CliException($"宛名番号 {taxpayerNo} の滞納整理事案はありません（choshu case open で開始します）。");

    /// <summary>Runs an action that may be refused for want of a right: the refusal (already audited) exits 3.</summary>
    public static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (App.Security.AccessDeniedException ex)
        {
            throw new CliException(ex.Message, 3);
        }
    }
}
