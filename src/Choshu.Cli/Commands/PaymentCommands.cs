using Choshu.App.Assessments;
using System.CommandLine;
using Choshu.App.Reconciliation;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Payments;
using Microsoft.EntityFrameworkCore;
using Choshu.Domain.Labels;

namespace Choshu.Cli.Commands;

/// <summary>
/// Staff's payment work from the command line: <c>pay</c> (窓口収納, one or more installments on one receipt), <c>receipt print</c>
/// (領収証書の PDF, 再発行 after the first), <c>day close|reopen|status</c> (日計締め), <c>unmatched list|match</c>
/// (未消込の一覧・手動消込) and <c>payment reverse</c> (消込取消, reason required). Each acts as the system
/// actor (OS user) and is recorded in the audit log by its use case (3004, 2004, 3005, 3006).
/// </summary>
public static class PaymentCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [Pay(cli), Receipt(cli), Day(cli), Unmatched(cli), Payment(cli)];

    private static (Option<string> NoticeNo, Option<short> Period, Option<string?> TaxKind, Option<int?> FiscalYear) InstallmentOptions() => (
        new Option<string>("--notice-no") { Description = "通知書番号", Required = true },
        new Option<short>("--period") { Description = "期別（期）", Required = true },
        new Option<string?>("--tax-kind") { Description = "税目コード（同じ通知書番号が複数あるとき）" },
        new Option<int?>("--fiscal-year") { Description = "調定年度（同じ通知書番号が複数あるとき）" });

    private static Command Pay(CliContext cli)
    {
        var noticeNo = new Option<string?>("--notice-no") { Description = "通知書番号（1 期別のとき）" };
        var period = new Option<short?>("--period") { Description = "期別（期）" };
        var taxKind = new Option<string?>("--tax-kind") { Description = "税目コード（同じ通知書番号が複数あるとき）" };
        var fiscalYear = new Option<int?>("--fiscal-year") { Description = "調定年度（同じ通知書番号が複数あるとき）" };
        var amount = new Option<long?>("--amount") { Description = "納付額（円）" };
        var installments = new Option<string[]>("--installment")
        {
            Description = "1 枚の領収証書に載せる期別: 通知書番号:期:金額（繰り返し指定。金額を省くと納付日に納める合計）",
            AllowMultipleArgumentsPerToken = false,
        };
        var tendered = new Option<long?>("--tendered") { Description = "お預かり（円）。指定すると領収証書を作り、おつりを表示します" };
        var confirm = new Option<bool>("--confirm-overpayment") { Description = "納める額を超える分（過誤納）を受け取ることを確認済み" };
        var pdf = new Option<string?>("--pdf") { Description = "領収証書の PDF を書き出すファイル" };
        var op = new Option<string?>("--operator") { Description = "操作する職員の職員番号（本人の確認が必要: 先に choshu login --operator 職員番号、または --prompt-credentials。省略時はシステム。権限を確認し操作ログに記録）" };
        var date = new Option<string>("--date") { Description = "納付日（YYYY-MM-DD）", Required = true };
        var receipt = new Option<string?>("--receipt-no") { Description = "領収番号（同じ番号の再入力は二重計上しません）" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var dateOverride = new Option<string?>("--date-override") { Description = "受付期間（設定 payments.date_window_years）より前の納付日を承認者が入力する理由（操作ログに記録）" };
        var cmd = new Command("pay", "窓口で受けた納付を消し込みます（--installment を繰り返すと複数の期別を 1 枚の領収証書に）")
        { noticeNo, period, taxKind, fiscalYear, amount, installments, tendered, confirm, pdf, op, date, receipt, json, dateOverride };
        cmd.SetAction(async (parse, ct) =>
        {
            var paidOn = LateFeeCommand.ParseDate(parse.GetValue(date)!, "--date");
            var lines = parse.GetValue(installments) ?? [];
            if (lines.Length > 0 || parse.GetValue(tendered) is not null)
                return await TakeAsync(cli, parse, paidOn, lines, noticeNo, period, taxKind, fiscalYear, amount, tendered, confirm, pdf, op, receipt, json, parse.GetValue(dateOverride), ct);
            if (parse.GetValue(noticeNo) is not { } notice || parse.GetValue(period) is not { } p || parse.GetValue(amount) is not { } yen)
                throw new CliException("--notice-no、--period、--amount を指定してください（複数の期別は --installment 通知書番号:期:金額 を繰り返します）。");
            if (yen <= 0) throw new CliException("--amount: 納付額は 1 円以上の整数で指定してください。");
            InstallmentRef found;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                found = await InstallmentFinder.FindAsync(db, notice, p, parse.GetValue(taxKind), parse.GetValue(fiscalYear), ct);
            var key = new MatchKey(found.InstallmentId);
            var receiptNo = parse.GetValue(receipt);
            var record = new PaymentRecord(0, PaymentRecordKind.Payment, PaymentChannel.Counter, key.Value, key, yen, paidOn, paidOn, "窓口",
                "counter:" + (receiptNo ?? Guid.NewGuid().ToString("N")),
                $"窓口: 通知書番号 {found.NoticeNo} 第{found.Period}期 {yen}円 納付日 {paidOn:yyyy-MM-dd}{(receiptNo is null ? "" : $" 領収番号 {receiptNo}")}");
            BookingResult r;
            try
            {
                r = await SinglePaymentBooking.BookAsync(cli.StoreFrom(parse), record, CliContext.SystemActor, cli.Clock, ct, refuseOverpayment: !parse.GetValue(confirm), dateOverride: parse.GetValue(dateOverride));
            }
            catch (Domain.DomainException ex) when (ex.Code == CounterReceipts.OverpaymentCode)
            {
                throw new CliException(ex.Message + "受け取る場合は --confirm-overpayment を付けてください。", 3);
            }
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

    /// <summary><c>pay --installment … --tendered …</c>: one receipt (領収証書) for one or more installments, with change.</summary>
    private static async Task<int> TakeAsync(CliContext cli, ParseResult parse, DateOnly paidOn, string[] specs,
        Option<string?> noticeNo, Option<short?> period, Option<string?> taxKind, Option<int?> fiscalYear, Option<long?> amount,
        Option<long?> tendered, Option<bool> confirm, Option<string?> pdf, Option<string?> op, Option<string?> receipt, Option<bool> json, string? dateOverride, CancellationToken ct)
    {
        var store = cli.StoreFrom(parse);
        App.Security.Actor actor;
        var lines = new List<CounterLineRequest>();
        var names = new List<string>();
        await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
        {
            actor = parse.GetValue(op) is { } staff ? await cli.OperatorAsync(db, staff, ct) : CliContext.SystemActor;
            var wanted = specs.Select(Spec).ToList();
            if (parse.GetValue(noticeNo) is { } n && parse.GetValue(period) is { } p)
                wanted.Insert(0, (n, p, parse.GetValue(amount)));
            if (wanted.Count == 0) throw new CliException("--installment 通知書番号:期:金額 を 1 つ以上指定してください。");
            foreach (var (notice, per, yen) in wanted)
            {
                var found = await InstallmentFinder.FindAsync(db, notice, per, parse.GetValue(taxKind), parse.GetValue(fiscalYear), ct);
                var owed = yen ?? (await PaymentDesk.QuoteAsync(db, actor, new InstallmentQuery(notice, per, parse.GetValue(taxKind), parse.GetValue(fiscalYear)),
                    paidOn, "窓口収納の照会", cli.Clock, ct)).Total;
                if (owed <= 0) throw new CliException($"通知書番号 {found.NoticeNo} 第{found.Period}期に納める額はありません。金額を指定するか、この期別を外してください。");
                lines.Add(new CounterLineRequest(found.InstallmentId, owed));
                names.Add($"通知書番号 {found.NoticeNo} 第{found.Period}期 {CliContext.Yen(owed)} 円");
            }
        }
        var total = lines.Sum(l => l.Amount);
        var receiptNo = parse.GetValue(receipt) ?? CounterReceipts.NewReceiptNo("C", Domain.Calendar.JapanTime.Today(cli.Clock));
        var sale = new CounterSale(receiptNo, paidOn, parse.GetValue(tendered) ?? total, lines, parse.GetValue(confirm), dateOverride);
        CounterTakeResult r;
        try
        {
            r = await CounterReceipts.TakeAsync(store, sale, actor, cli.Clock, ct);
        }
        catch (Domain.DomainException ex) when (ex.Code == CounterReceipts.OverpaymentCode)
        {
            throw new CliException(ex.Message + "受け取る場合は --confirm-overpayment を付けてください。", 3);
        }
        if (parse.GetValue(pdf) is { } path)
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            await using var file = File.Create(path);
            await CounterReceipts.PrintAsync(db, actor, r.ReceiptNo, file, cli.Clock, ct);
        }
        if (parse.GetValue(json))
        {
            cli.WriteJson(new { receiptNo = r.ReceiptNo, duplicate = r.Duplicate, total = r.Total, tendered = sale.Tendered, change = r.Change, overpaid = r.Overpaid, receivedOn = r.ReceivedOn });
            return 0;
        }
        if (r.Duplicate)
        {
            cli.Out.WriteLine($"領収番号 {r.ReceiptNo} は既に記録済みです。二重計上はしていません。");
            return 0;
        }
        cli.Out.WriteLine($"領収番号 {r.ReceiptNo}: {string.Join("、", names)}");
        cli.Out.WriteLine($"合計 {CliContext.Yen(r.Total)} 円　お預かり {CliContext.Yen(sale.Tendered)} 円　おつり {CliContext.Yen(r.Change)} 円"
            + (r.Overpaid > 0 ? $"（うち過誤納 {CliContext.Yen(r.Overpaid)} 円）" : ""));
        if (r.ReceivedOn != paidOn)
            cli.Out.WriteLine($"納付日 {CliContext.Date(paidOn)} の日計は締め済みのため、収入日 {CliContext.Date(r.ReceivedOn)} の日計に後日入力として計上しました。");
        return 0;
    }

    /// <summary>"2026010000001:3:10000" or "2026010000001:3".</summary>
    private static (string NoticeNo, short Period, long? Amount) Spec(string text)
    {
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0
            || !short.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p)
            || (parts.Length == 3 && (!long.TryParse(parts[2].Replace(",", "", StringComparison.Ordinal), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) || y <= 0)))
            throw new CliException($"--installment「{text}」を読み取れません。通知書番号:期:金額（例: 2026010000001:3:10000）で指定してください。");
        return (parts[0], p, parts.Length == 3 ? long.Parse(parts[2].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) : null);
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


    private static Option<string?> OperatorOption() => new("--operator") { Description = "操作する職員の職員番号（本人の確認が必要: 先に choshu login --operator 職員番号、または --prompt-credentials。省略時はシステム。権限を確認し操作ログに記録）" };

    private static async Task<App.Security.Actor> ActorAsync(CliContext cli, Data.ChoshuDbContext db, ParseResult parse, Option<string?> op, CancellationToken ct) =>
        parse.GetValue(op) is { } staff ? await cli.OperatorAsync(db, staff, ct) : CliContext.SystemActor;

    private static Command Receipt(CliContext cli)
    {
        var group = new Command("receipt", "領収証書（窓口収納）");
        var no = new Argument<string>("領収番号") { Description = "領収番号" };
        var output = new Option<string>("--out") { Description = "書き出す PDF ファイル", Required = true };
        var op = OperatorOption();
        var print = new Command("print", "領収証書を PDF で印刷します（2 回目からは「再発行」と印字）") { no, output, op };
        print.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await ActorAsync(cli, db, parse, op, ct);
            var path = parse.GetValue(output)!;
            await using (var file = File.Create(path + ".part"))
            {
                if (await CounterReceipts.PrintAsync(db, actor, parse.GetValue(no)!, file, cli.Clock, ct) is not { } view)
                {
                    await file.DisposeAsync();
                    File.Delete(path + ".part");
                    throw new CliException($"領収番号 {parse.GetValue(no)} の領収証書はありません。");
                }
                cli.Out.WriteLine($"領収証書 {view.ReceiptNo}（合計 {CliContext.Yen(view.Total)} 円）を {path} に書き出しました" + (view.PrintCount > 1 ? $"（再発行、{view.PrintCount} 回目）。" : "。"));
            }
            File.Move(path + ".part", path, overwrite: true);
            return 0;
        });
        group.Subcommands.Add(print);
        return group;
    }

    private static Command Day(CliContext cli)
    {
        var group = new Command("day", "日計締め（収入日ごとの収納日計表の確定）");
        Option<string> DateOption() => new("--date") { Description = "収入日（YYYY-MM-DD）", Required = true };

        var date = DateOption();
        var op = OperatorOption();
        var close = new Command("close", "収入日の日計を締めます（その日の収納日計表を確定し、以後変わりません）") { date, op };
        close.SetAction(async (parse, ct) =>
        {
            var day = LateFeeCommand.ParseDate(parse.GetValue(date)!, "--date");
            App.Security.Actor actor;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                actor = await ActorAsync(cli, db, parse, op, ct);
            var r = await BusinessDays.CloseAsync(cli.StoreFrom(parse), actor, day, cli.Clock, ct);
            cli.Out.WriteLine($"収入日 {CliContext.Date(day)} の日計を締めました: 消込済 {r.BookedTotal.Count:#,0} 件 {CliContext.Yen(r.BookedTotal.Amount)} 円"
                + $"（後日入力 {r.LateEntries?.Count ?? 0} 件）。以後この日の収納日計表は変わりません。この日の納付日で後から入力した収納は、次の締めていない日の収入日に計上します。");
            return 0;
        });

        var date2 = DateOption();
        var op2 = OperatorOption();
        var reason = new Option<string>("--reason") { Description = "解除の理由（必須、記録に残ります）", Required = true };
        var reopen = new Command("reopen", "日計締めを解除します（承認者のみ。理由を記録）") { date2, reason, op2 };
        reopen.SetAction(async (parse, ct) =>
        {
            var day = LateFeeCommand.ParseDate(parse.GetValue(date2)!, "--date");
            App.Security.Actor actor;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                actor = await ActorAsync(cli, db, parse, op2, ct);
            await BusinessDays.ReopenAsync(cli.StoreFrom(parse), actor, day, parse.GetValue(reason)!, cli.Clock, ct);
            cli.Out.WriteLine($"収入日 {CliContext.Date(day)} の日計締めを解除しました。収納日計表は再び集計どおりに表示されます。");
            return 0;
        });

        var date3 = DateOption();
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var status = new Command("status", "収入日の日計締めの状態") { date3, json };
        status.SetAction(async (parse, ct) =>
        {
            var day = LateFeeCommand.ParseDate(parse.GetValue(date3)!, "--date");
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var s = await BusinessDays.StatusAsync(db, day, ct);
            if (parse.GetValue(json)) { cli.WriteJson(s); return 0; }
            cli.Out.WriteLine(s.Closed
                ? $"収入日 {CliContext.Date(day)}: 締め済み（{Jst(s.ClosedAtUtc)} {s.ClosedBy}、消込済 {s.ClosedCount:#,0} 件 {CliContext.Yen(s.ClosedTotal)} 円）"
                : $"収入日 {CliContext.Date(day)}: 未締め" + (s.ReopenedAtUtc is not null ? $"（{Jst(s.ReopenedAtUtc)} {s.ReopenedBy} が解除: {s.ReopenReason}）" : ""));
            return 0;
        });
        group.Subcommands.Add(close);
        group.Subcommands.Add(reopen);
        group.Subcommands.Add(status);
        return group;
    }

    private static string Jst(DateTime? utc) => utc is { } u
        ? new DateTimeOffset(DateTime.SpecifyKind(u, DateTimeKind.Utc)).ToOffset(Domain.Calendar.JapanTime.Offset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)
        : "";
}
