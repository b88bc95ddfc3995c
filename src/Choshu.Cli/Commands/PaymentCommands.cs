using Choshu.App.Assessments;
using System.CommandLine;
using Choshu.App.Reconciliation;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Payments;
using Microsoft.EntityFrameworkCore;
using Choshu.Domain.Labels;

namespace Choshu.Cli.Commands;

/// <summary>
/// Staff's payment work from the command line: <c>pay</c> (窓口収納), <c>unmatched list|match</c>
/// (未消込の一覧・手動消込) and <c>payment reverse</c> (消込取消, reason required). Each acts as the system
/// actor (OS user) and is recorded in the audit log by its use case (3004, 2004, 3005, 3006).
/// </summary>
public static class PaymentCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [Pay(cli), Unmatched(cli), Payment(cli)];

    private static (Option<string> NoticeNo, Option<short> Period, Option<string?> TaxKind, Option<int?> FiscalYear) InstallmentOptions() => (
        new Option<string>("--notice-no") { Description = "通知書番号", Required = true },
        new Option<short>("--period") { Description = "期別（期）", Required = true },
        new Option<string?>("--tax-kind") { Description = "税目コード（同じ通知書番号が複数あるとき）" },
        new Option<int?>("--fiscal-year") { Description = "調定年度（同じ通知書番号が複数あるとき）" });

    private static Command Pay(CliContext cli)
    {
        var (noticeNo, period, taxKind, fiscalYear) = InstallmentOptions();
        var amount = new Option<long>("--amount") { Description = "納付額（円）", Required = true };
        var date = new Option<string>("--date") { Description = "納付日（YYYY-MM-DD）", Required = true };
        var receipt = new Option<string?>("--receipt-no") { Description = "領収番号（同じ番号の再入力は二重計上しません）" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("pay", "窓口で受けた納付を消し込みます") { noticeNo, period, taxKind, fiscalYear, amount, date, receipt, json };
        cmd.SetAction(async (parse, ct) =>
        {
            var paidOn = LateFeeCommand.ParseDate(parse.GetValue(date)!, "--date");
            var yen = parse.GetValue(amount);
            if (yen <= 0) throw new CliException("--amount: 納付額は 1 円以上の整数で指定してください。");
            InstallmentRef found;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                found = await InstallmentFinder.FindAsync(db, parse.GetValue(noticeNo)!, parse.GetValue(period), parse.GetValue(taxKind), parse.GetValue(fiscalYear), ct);
            var key = new MatchKey(found.InstallmentId);
            var receiptNo = parse.GetValue(receipt);
            var record = new PaymentRecord(0, PaymentRecordKind.Payment, PaymentChannel.Counter, key.Value, key, yen, paidOn, paidOn, "窓口",
                "counter:" + (receiptNo ?? Guid.NewGuid().ToString("N")),
                $"窓口: 通知書番号 {found.NoticeNo} 第{found.Period}期 {yen}円 納付日 {paidOn:yyyy-MM-dd}{(receiptNo is null ? "" : $" 領収番号 {receiptNo}")}");
            var r = await SinglePaymentBooking.BookAsync(cli.StoreFrom(parse), record, CliContext.SystemActor, cli.Clock, ct);
            if (parse.GetValue(json))
                cli.WriteJson(new { outcome = r.Outcome, paymentId = r.PaymentId, amount = r.Amount, overpaid = r.Overpaid, matchKey = key.Value });
            else if (r.Outcome == BookingOutcome.Duplicate)
                cli.Out.WriteLine($"領収番号 {receiptNo} は既に消込済みです（収納 {r.PaymentId}）。二重計上はしていません。");
            else
                cli.Out.WriteLine($"収納 {r.PaymentId}: 通知書番号 {found.NoticeNo} 第{found.Period}期に {CliContext.Yen(r.Amount)} 円を消し込みました"
                    + (r.Overpaid > 0 ? $"（うち過誤納 {CliContext.Yen(r.Overpaid)} 円）。" : "。"));
            return 0;
        });
        return cmd;
    }

    private static Command Unmatched(CliContext cli)
    {
        var group = new Command("unmatched", "未消込収納（どの期別にも一致しなかった収納）");
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var list = new Command("list", "未消込収納の一覧（生データ付き）") { json };
        list.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var rows = await UnmatchedPayments.ListAsync(db, CliContext.SystemActor, cli.Clock, ct);
            if (parse.GetValue(json)) { cli.WriteJson(rows); return 0; }
            cli.Out.WriteLine($"未消込 {rows.Count:#,0} 件、{CliContext.Yen(rows.Sum(r => r.Amount))} 円");
            foreach (var r in rows)
                cli.Out.WriteLine($"  {r.Id,8}  {JapaneseLabels.Of(r.Channel),-6} 納付日 {CliContext.Date(r.PaidOn)} 収入日 {CliContext.Date(r.ReceivedOn)} {CliContext.Yen(r.Amount),12} 円  キー {r.RawKey}{(r.Reason is null ? "" : $"  ({r.Reason})")}\n            {r.Raw}");
            return 0;
        });
        var id = new Argument<long>("ID") { Description = "収納の番号（unmatched list の左端）" };
        var (noticeNo, period, taxKind, fiscalYear) = InstallmentOptions();
        var comment = new Option<string?>("--comment") { Description = "記録に残す補足" };
        var match = new Command("match", "未消込収納を指定の期別に消し込みます") { id, noticeNo, period, taxKind, fiscalYear, comment };
        match.SetAction(async (parse, ct) =>
        {
            InstallmentRef found;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                found = await InstallmentFinder.FindAsync(db, parse.GetValue(noticeNo)!, parse.GetValue(period), parse.GetValue(taxKind), parse.GetValue(fiscalYear), ct);
            var r = await new PaymentCorrections(cli.StoreFrom(parse), cli.Clock, CliContext.SystemActor).MatchAsync(parse.GetValue(id), found.InstallmentId, parse.GetValue(comment), ct);
            cli.Out.WriteLine($"収納 {r.PaymentId} の {CliContext.Yen(r.Amount)} 円を通知書番号 {found.NoticeNo} 第{found.Period}期に消し込みました"
                + (r.Overpaid > 0 ? $"（うち過誤納 {CliContext.Yen(r.Overpaid)} 円）。" : "。"));
            return 0;
        });
        group.Subcommands.Add(list);
        group.Subcommands.Add(match);
        return group;
    }

    private static Command Payment(CliContext cli)
    {
        var group = new Command("payment", "収納の訂正");
        var id = new Argument<long>("ID") { Description = "収納の番号" };
        var reason = new Option<string>("--reason") { Description = "取消の理由（必須、記録に残ります）", Required = true };
        var reverse = new Command("reverse", "消込を取り消します（取消の仕訳を追加し、収納は未消込に戻ります。後の収納は再消込）") { id, reason };
        reverse.SetAction(async (parse, ct) =>
        {
            await (await cli.OpenReadyStoreAsync(parse, ct)).DisposeAsync();
            var r = await new PaymentCorrections(cli.StoreFrom(parse), cli.Clock, CliContext.SystemActor).ReverseAsync(parse.GetValue(id), parse.GetValue(reason)!, ct);
            cli.Out.WriteLine($"収納 {r.PaymentId} の消込を取り消しました（取消仕訳 {r.EntriesReversed} 件）。未消込に戻しました。");
            if (r.Rebooked.Count > 0)
                cli.Out.WriteLine($"同じ期別の後の収納 {string.Join("、", r.Rebooked)} を再消込しました。");
            return 0;
        });
        group.Subcommands.Add(reverse);
        return group;
    }

}
