using System.CommandLine;
using Choshu.App.Refunds;
using Choshu.Domain.Refunds;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu refund …</c>: 還付. <c>overpayments</c> (the overpayment list with state; <c>--state open</c> is the unclaimed
/// list), <c>draft</c> (a 収納担当 drafts on the taxpayer's claim), <c>approve</c> (another staff member decides on the
/// 支出決定日), <c>withdraw</c>, <c>list</c>, <c>transfer</c> (the Zengin 総合振込 file, once per refund), <c>payment-order</c>
/// (the file for 財務会計), <c>pay</c> (paid at the counter), <c>lapse</c> (時効, 18条の3), <c>notice</c> (還付通知書).
/// Person-bound: <c>--operator STAFFNO</c> (the right is checked and the audit names the person; without it the system actor).
/// </summary>
public static class RefundCommands
{
    private static Option<string?> Op(bool required = false) => new("--operator") { Description = "操作する職員の職員番号（本人の確認が必要: 先に choshu login --operator 職員番号、または --prompt-credentials。権限を確認し操作ログに記録）", Required = required };
    private static Option<bool> Json() => new("--json") { Description = "JSON で出力します" };
    private static Option<string> DateOpt(string name, string description) => new(name) { Description = description, Required = true };

    private static async Task<App.Security.Actor> ActorAsync(CliContext cli, ParseResult parse, Option<string?> op, CancellationToken ct)
    {
        if (parse.GetValue(op) is not { } staff) return CliContext.SystemActor;
        await using var db = await cli.OpenReadyStoreAsync(parse, ct);
        return await cli.OperatorAsync(db, staff, ct);
    }

    public static Command Create(CliContext cli)
    {
        var group = new Command("refund", "還付（過誤納金の還付: 起案・決定・振込データ・支出命令・時効）");
        group.Subcommands.Add(Overpayments(cli));
        group.Subcommands.Add(Draft(cli));
        group.Subcommands.Add(Approve(cli));
        group.Subcommands.Add(Withdraw(cli));
        group.Subcommands.Add(List(cli));
        group.Subcommands.Add(Transfer(cli));
        group.Subcommands.Add(PaymentOrder(cli));
        group.Subcommands.Add(Pay(cli));
        group.Subcommands.Add(Lapse(cli));
        group.Subcommands.Add(Notice(cli));
        return group;
    }

    private static object Json(RefundView r) => new
    {
        id = r.Id, taxpayerNo = r.TaxpayerNo, overpaymentId = r.OverpaymentId, taxKind = r.TaxKind, fiscalYear = r.FiscalYear,
        aroseOn = CliContext.Date(r.AroseOn), refund = r.Amount, refundInterest = r.Interest, earnedInterest = r.EarnedInterest, interestFixed = r.InterestFixed,
        interestFrom = r.InterestFrom is { } f ? CliContext.Date(f) : null, total = r.Total, claimedOn = CliContext.Date(r.ClaimedOn),
        plannedDecisionOn = CliContext.Date(r.PlannedDecisionOn), method = r.Method == RefundMethod.Transfer ? "transfer" : "counter",
        account = r.Account, holder = r.HolderKana, draftedBy = r.DraftedBy, decidedOn = r.DecidedOn is { } d ? CliContext.Date(d) : null,
        decidedBy = r.DecidedBy, transferId = r.TransferId, paidOn = r.PaidOn is { } p ? CliContext.Date(p) : null, withdrawn = r.Withdrawn, state = r.StateName,
    };

    private static void Print(CliContext cli, RefundView r) =>
        cli.Out.WriteLine($"還付 {r.Id}: {r.TaxpayerNo} 過誤納 {r.OverpaymentId} 還付金 {CliContext.Yen(r.Amount)} 円 還付加算金 {CliContext.Yen(r.Interest)} 円"
            + $"{(r.InterestFixed ? "" : "（見込み）")} 計 {CliContext.Yen(r.Total)} 円 {RefundLabels.Of(r.Method)}{(r.Account is null ? "" : " " + r.Account)} {r.StateName}"
            + $"{(r.DecidedOn is { } d ? $" 支出決定日 {CliContext.Date(d)}" : "")}");

    private static Command Overpayments(CliContext cli)
    {
        var taxpayer = new Option<string?>("--taxpayer") { Description = "納税義務者番号（省略: 全員）" };
        var state = new Option<string?>("--state") { Description = "open（未処理＝未請求）|appropriated|awaiting|refunded|lapsed（省略: すべて）" };
        var json = Json();
        var op = Op();
        var cmd = new Command("overpayments", "過誤納の一覧（事由・状態・残高）。--state open で還付未請求の一覧") { taxpayer, state, json, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var actor = await ActorAsync(cli, parse, op, ct);
            var wanted = parse.GetValue(state) switch
            {
                null => (OverpaymentState?)null,
                "open" => OverpaymentState.Open,
                "appropriated" => OverpaymentState.Appropriated,
                "awaiting" => OverpaymentState.AwaitingDecision,
                "refunded" => OverpaymentState.Refunded,
                "lapsed" => OverpaymentState.Lapsed,
                var s => throw new CliException($"--state: 「{s}」は指定できません（open, appropriated, awaiting, refunded, lapsed）。"),
            };
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var rows = await RefundLists.OverpaymentsAsync(db, actor, parse.GetValue(taxpayer), wanted, cli.Clock, ct);
            if (parse.GetValue(json))
                cli.WriteJson(rows.Select(o => new
                {
                    id = o.Id, taxpayerNo = o.TaxpayerNo, taxKind = o.TaxKind, fiscalYear = o.FiscalYear, period = o.Period,
                    reason = Domain.Labels.JapaneseLabels.Of(o.Reason), aroseOn = CliContext.Date(o.AroseOn), amount = o.Amount,
                    appropriated = o.Appropriated, refunded = o.Refunded, lapsed = o.Lapsed, balance = o.Balance,
                    state = RefundLabels.Of(o.State), refundId = o.RefundId, lapsesAfter = CliContext.Date(o.LapsesAfter),
                }));
            else
            {
                foreach (var o in rows)
                    cli.Out.WriteLine($"{o.Id,8} {o.TaxpayerNo} {o.TaxKind} {o.FiscalYear}年度{o.Period}期 {Domain.Labels.JapaneseLabels.Of(o.Reason)} {CliContext.Date(o.AroseOn)} "
                        + $"{CliContext.Yen(o.Amount)} 円 残高 {CliContext.Yen(o.Balance)} 円 {RefundLabels.Of(o.State)} 時効 {CliContext.Date(o.LapsesAfter)} 経過");
                cli.Out.WriteLine($"{rows.Count:#,0} 件 残高計 {CliContext.Yen(rows.Sum(o => o.Balance))} 円");
            }
            return 0;
        });
        return cmd;
    }

    private static Command Draft(CliContext cli)
    {
        var overpayment = new Option<long>("--overpayment") { Description = "過誤納の番号（refund overpayments の ID）", Required = true };
        var claimed = DateOpt("--claimed", "還付請求日（YYYY-MM-DD）");
        var decision = DateOpt("--decision-date", "支出決定予定日（YYYY-MM-DD。還付加算金の見込みをこの日まで計算）");
        var bank = new Option<string?>("--bank") { Description = "金融機関コード（4桁）" };
        var bankName = new Option<string?>("--bank-name") { Description = "金融機関名（カナ）" };
        var branch = new Option<string?>("--branch") { Description = "支店コード（3桁）" };
        var branchName = new Option<string?>("--branch-name") { Description = "支店名（カナ）" };
        var type = new Option<string?>("--type") { Description = "預金種目: 普通|当座|貯蓄（1|2|4）" };
        var account = new Option<string?>("--account") { Description = "口座番号（7桁以内）" };
        var holder = new Option<string?>("--holder") { Description = "口座名義（カナ）" };
        var debit = new Option<long?>("--debit-account") { Description = "口座振替の登録口座の ID（名義人が本人でなければ --third-party が必要）" };
        var thirdParty = new Option<bool>("--third-party") { Description = "本人以外の名義の口座への振込を本人が申し出た" };
        var counter = new Option<bool>("--counter") { Description = "窓口払（口座振込でなく）" };
        var notified = new Option<string?>("--notified") { Description = "過誤納の通知を発した日（17条の4第2項）" };
        var note = new Option<string?>("--note") { Description = "備考" };
        var json = Json();
        var op = Op(required: true);
        var cmd = new Command("draft", "還付を起案します（還付請求の口座または窓口払）")
        { overpayment, claimed, decision, bank, bankName, branch, branchName, type, account, holder, debit, thirdParty, counter, notified, note, json, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var actor = await ActorAsync(cli, parse, op, ct);
            short? accountType = parse.GetValue(type) switch
            {
                null => null,
                "普通" or "1" => 1,
                "当座" or "2" => 2,
                "貯蓄" or "4" => 4,
                var t => throw new CliException($"--type: 預金種目「{t}」は指定できません（普通・当座・貯蓄）。"),
            };
            var request = new RefundDraftRequest(parse.GetValue(overpayment), LateFeeCommand.ParseDate(parse.GetValue(claimed)!, "--claimed"),
                LateFeeCommand.ParseDate(parse.GetValue(decision)!, "--decision-date"), parse.GetValue(counter) ? RefundMethod.Counter : RefundMethod.Transfer,
                parse.GetValue(bank), parse.GetValue(bankName), parse.GetValue(branch), parse.GetValue(branchName), accountType, parse.GetValue(account),
                parse.GetValue(holder), parse.GetValue(debit), parse.GetValue(thirdParty),
                parse.GetValue(notified) is { } n ? LateFeeCommand.ParseDate(n, "--notified") : null, parse.GetValue(note));
            var r = await new RefundDesk(cli.StoreFrom(parse), cli.Clock, actor).DraftAsync(request, ct);
            if (parse.GetValue(json)) cli.WriteJson(Json(r)); else Print(cli, r);
            return 0;
        });
        return cmd;
    }

    private static Command Approve(CliContext cli)
    {
        var id = new Option<long>("--id") { Description = "還付の番号", Required = true };
        var date = DateOpt("--date", "支出決定日（YYYY-MM-DD。還付加算金はこの日まで）");
        var json = Json();
        var op = Op(required: true);
        var cmd = new Command("approve", "還付を決定します（起案者以外の承認者。還付加算金を確定し、仕訳に還付を記録）") { id, date, json, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var actor = await ActorAsync(cli, parse, op, ct);
            var r = await new RefundDesk(cli.StoreFrom(parse), cli.Clock, actor).DecideAsync(parse.GetValue(id), LateFeeCommand.ParseDate(parse.GetValue(date)!, "--date"), ct);
            if (parse.GetValue(json)) cli.WriteJson(Json(r)); else Print(cli, r);
            return 0;
        });
        return cmd;
    }

    private static Command Withdraw(CliContext cli)
    {
        var id = new Option<long>("--id") { Description = "還付の番号", Required = true };
        var reason = new Option<string>("--reason") { Description = "取下げの理由", Required = true };
        var op = Op(required: true);
        var cmd = new Command("withdraw", "決定前の還付の起案を取り下げます") { id, reason, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var actor = await ActorAsync(cli, parse, op, ct);
            Print(cli, await new RefundDesk(cli.StoreFrom(parse), cli.Clock, actor).WithdrawAsync(parse.GetValue(id), parse.GetValue(reason)!, ct));
            return 0;
        });
        return cmd;
    }

    private static Command List(CliContext cli)
    {
        var taxpayer = new Option<string?>("--taxpayer") { Description = "納税義務者番号（省略: 全員）" };
        var json = Json();
        var op = Op();
        var cmd = new Command("list", "還付の一覧（起案・決定・支払の状態）") { taxpayer, json, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var actor = await ActorAsync(cli, parse, op, ct);
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var rows = await RefundLists.RefundsAsync(db, actor, parse.GetValue(taxpayer), cli.Clock, ct);
            if (parse.GetValue(json)) cli.WriteJson(rows.Select(Json));
            else
            {
                foreach (var r in rows) Print(cli, r);
                cli.Out.WriteLine($"{rows.Count:#,0} 件");
            }
            return 0;
        });
        return cmd;
    }

    private static Command Transfer(CliContext cli)
    {
        var date = DateOpt("--date", "振込指定日（YYYY-MM-DD）。この日までに決定された口座振込の還付で未作成のもの");
        var output = new Option<FileInfo>("--out") { Description = "出力ファイル（全銀 総合振込 120バイト固定長 Shift_JIS）", Required = true };
        var json = Json();
        var op = Op();
        var cmd = new Command("transfer", "還付金の振込データ（全銀協 総合振込 種別コード21）を作成します。同じ還付は二重には入りません") { date, output, json, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var outPath = parse.GetValue(output)!.FullName;
            if (!Directory.Exists(Path.GetDirectoryName(outPath)))
                throw new CliException($"--out: 出力先のフォルダ {Path.GetDirectoryName(outPath)} がありません。");
            var actor = await ActorAsync(cli, parse, op, ct);
            var r = await new RefundFiles(cli.StoreFrom(parse), cli.Clock, actor).TransferAsync(LateFeeCommand.ParseDate(parse.GetValue(date)!, "--date"), outPath, ct);
            if (parse.GetValue(json))
                cli.WriteJson(new { transferId = r.TransferId, date = CliContext.Date(r.TransferDate), path = r.Path, sha256 = r.Sha256, count = r.Count, amount = r.Amount, resumed = r.Resumed });
            else
                cli.Out.WriteLine(r.Resumed
                    ? $"中断された振込データ {r.TransferId}（記録済み）をファイル名 {r.Path} に移して完了しました: {r.Count:#,0} 件 {CliContext.Yen(r.Amount)} 円"
                    : $"振込指定日 {CliContext.Date(r.TransferDate)} の振込データを作成しました: {r.Count:#,0} 件 {CliContext.Yen(r.Amount)} 円  {r.Path}");
            return 0;
        });
        return cmd;
    }

    private static Command PaymentOrder(CliContext cli)
    {
        var date = DateOpt("--date", "支出決定日（YYYY-MM-DD）");
        var output = new Option<FileInfo>("--out") { Description = "出力ファイル（CSV UTF-8）", Required = true };
        var json = Json();
        var op = Op();
        var cmd = new Command("payment-order", "財務会計への支出命令データ（現年度分は戻出、過年度分と還付加算金は歳出）を作成します") { date, output, json, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var actor = await ActorAsync(cli, parse, op, ct);
            var r = await new RefundFiles(cli.StoreFrom(parse), cli.Clock, actor).PaymentOrderAsync(LateFeeCommand.ParseDate(parse.GetValue(date)!, "--date"), parse.GetValue(output)!.FullName, ct);
            if (parse.GetValue(json)) cli.WriteJson(new { path = r.Path, sha256 = r.Sha256, rows = r.Rows, reversal = r.Reversal, expenditure = r.Expenditure });
            else cli.Out.WriteLine($"支出命令データを作成しました: {r.Rows} 行 戻出 {CliContext.Yen(r.Reversal)} 円 歳出 {CliContext.Yen(r.Expenditure)} 円  {r.Path}");
            return 0;
        });
        return cmd;
    }

    private static Command Pay(CliContext cli)
    {
        var id = new Option<long>("--id") { Description = "還付の番号", Required = true };
        var date = DateOpt("--date", "支払日（YYYY-MM-DD）");
        var note = new Option<string?>("--note") { Description = "受領の確認（送金通知書の番号、受領者と本人確認の方法など。操作ログに記録）" };
        var op = Op(required: true);
        var cmd = new Command("pay", "窓口払の還付を支払済みにします") { id, date, note, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var actor = await ActorAsync(cli, parse, op, ct);
            Print(cli, await new RefundDesk(cli.StoreFrom(parse), cli.Clock, actor).PayAtCounterAsync(parse.GetValue(id), LateFeeCommand.ParseDate(parse.GetValue(date)!, "--date"), parse.GetValue(note), ct));
            return 0;
        });
        return cmd;
    }

    private static Command Notice(CliContext cli)
    {
        var date = DateOpt("--date", "支出決定日（YYYY-MM-DD）");
        var output = new Option<FileInfo>("--out") { Description = "出力 PDF", Required = true };
        var json = Json();
        var op = Op();
        var cmd = new Command("notice", "還付通知書（窓口払は送金通知書を兼ねる）を、その日に決定した還付の納税義務者ごとに作成します") { date, output, json, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var actor = await ActorAsync(cli, parse, op, ct);
            var r = await new RefundNotices(cli.StoreFrom(parse), cli.Clock, actor).WriteAsync(LateFeeCommand.ParseDate(parse.GetValue(date)!, "--date"), parse.GetValue(output)!.FullName, ct);
            if (parse.GetValue(json)) cli.WriteJson(new { path = r.Path, letters = r.Letters, refunds = r.Refunds, total = r.Total, noAddress = r.NoAddress });
            else
            {
                cli.Out.WriteLine($"還付通知書を作成しました: {r.Letters} 通（還付 {r.Refunds} 件 計 {CliContext.Yen(r.Total)} 円）  {r.Path}");
                if (r.NoAddress.Count > 0) cli.Out.WriteLine($"住所がなく作成しなかった宛名番号: {string.Join("、", r.NoAddress)}");
            }
            return 0;
        });
        return cmd;
    }

    private static Command Lapse(CliContext cli)
    {
        var asOf = DateOpt("--as-of", "基準日（YYYY-MM-DD）");
        var dryRun = new Option<bool>("--dry-run") { Description = "一覧のみ（記録しません）" };
        var reason = new Option<string?>("--reason") { Description = "時効として整理する理由（仕訳と操作ログに記録）" };
        var json = Json();
        var op = Op();
        var cmd = new Command("lapse", "還付請求権の時効（発生から5年、地方税法18条の3）: 該当する過誤納を一覧し、時効として整理します") { asOf, dryRun, reason, json, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var actor = await ActorAsync(cli, parse, op, ct);
            var rows = await new RefundDesk(cli.StoreFrom(parse), cli.Clock, actor).LapseAsync(LateFeeCommand.ParseDate(parse.GetValue(asOf)!, "--as-of"), parse.GetValue(dryRun),
                parse.GetValue(reason), ct);
            if (parse.GetValue(json))
                cli.WriteJson(rows.Select(o => new { id = o.Id, taxpayerNo = o.TaxpayerNo, aroseOn = CliContext.Date(o.AroseOn), balance = o.Balance, lapsesAfter = CliContext.Date(o.LapsesAfter) }));
            else
            {
                foreach (var o in rows)
                    cli.Out.WriteLine($"{o.Id,8} {o.TaxpayerNo} {CliContext.Date(o.AroseOn)} 発生 残高 {CliContext.Yen(o.Balance)} 円（{CliContext.Date(o.LapsesAfter)} 経過）");
                cli.Out.WriteLine(parse.GetValue(dryRun) ? $"{rows.Count:#,0} 件（記録していません）" : $"{rows.Count:#,0} 件を時効として整理しました。");
            }
            return 0;
        });
        return cmd;
    }
}
