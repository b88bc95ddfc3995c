using System.CommandLine;
using System.Globalization;
using Choshu.App.Books;

namespace Choshu.Cli.Commands;

/// <summary>
/// The city's books (issue 17): <c>choshu fiscal-year carry-forward|reverse|report</c> (出納閉鎖と滞納繰越, an approver's recorded,
/// reversible step; the report per tax kind and 調定年度) and <c>choshu accounting-file</c> (財務会計 歳入日計データ, once per closed
/// 収入日). Person-bound: <c>--operator STAFFNO</c> (the right is checked and the audit names the person).
/// </summary>
public static class BooksCommands
{
    private static Option<string> Op() => new("--operator") { Description = "操作する職員の職員番号（権限を確認し操作ログに記録）", Required = true };
    private static Option<int> Year() => new("--fiscal-year") { Description = "締める会計年度（出納閉鎖する年度。その未納を翌年度の滞納繰越分へ）", Required = true };

    public static IEnumerable<Command> Create(CliContext cli)
    {
        var group = new Command("fiscal-year", "会計年度: 出納閉鎖と滞納繰越（承認者の記録される手続、取消可）とその集計");
        group.Subcommands.Add(CarryForward(cli));
        group.Subcommands.Add(Reverse(cli));
        group.Subcommands.Add(Report(cli));
        yield return group;
        yield return AccountingFile(cli);
        yield return BankReconciliationCommand(cli);
    }

    private static Command BankReconciliationCommand(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "指定金融機関の収納済通知（収納日・収入区分・件数・金額の CSV）" };
        var month = new Option<string>("--month") { Description = "照合する月（YYYY-MM）", Required = true };
        var op = Op();
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("bank-reconciliation", "指定金融機関の収納済通知（日別・収入区分別の件数と金額）を収納の記録と照合し、差異を一覧にします") { file, month, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(month)!;
            if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m))
                throw new CliException("--month: 照合する月を 2026-11 のように 年-月 で指定してください。");
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var r = await BankReconciliation.RunAsync(db, actor, parse.GetValue(file)!.FullName, m.Year, m.Month, cli.Clock, ct);
            if (parse.GetValue(json)) { cli.WriteJson(new { lines = r.Lines, differences = r.Differences, quarantined = r.Quarantined }); return r.Differences.Count == 0 && r.Quarantined.Count == 0 ? 0 : 3; }
            cli.Out.WriteLine($"収納済通知の照合 {m:yyyy-MM}: {r.Lines.Count} 日・区分、差異 {r.Differences.Count} 件、保留 {r.Quarantined.Count} 行");
            foreach (var d in r.Differences)
                cli.Out.WriteLine($"  差異 {CliContext.Date(d.Day)} {Domain.Labels.JapaneseLabels.Of(d.Channel)}: 金融機関 {d.BankCount} 件 {CliContext.Yen(d.BankAmount)} 円、収納記録 {d.ChoshuCount} 件 {CliContext.Yen(d.ChoshuAmount)} 円（差額 {CliContext.Yen(d.Difference)} 円）");
            foreach (var q in r.Quarantined) cli.Err.WriteLine($"  保留 {q.Message}");
            return r.Differences.Count == 0 && r.Quarantined.Count == 0 ? 0 : 3;
        });
        return cmd;
    }

    private static Command CarryForward(CliContext cli)
    {
        var year = Year();
        var op = Op();
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("carry-forward", "出納閉鎖日（5月31日）以後に、締めた年度の未納（収入未済額）を翌年度の滞納繰越分へ繰り越します（2回目は何も変えません）") { year, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            App.Security.Actor actor;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var r = await CarryForwards.RunAsync(cli.StoreFrom(parse), actor, parse.GetValue(year), cli.Clock, ct);
            if (parse.GetValue(json)) { cli.WriteJson(new { id = r.Step.Id, closedFiscalYear = r.Step.ClosedFiscalYear, installments = r.Step.Installments, unpaid = r.Step.Unpaid, alreadyRecorded = r.AlreadyRecorded }); return 0; }
            cli.Out.WriteLine(r.AlreadyRecorded
                ? $"{r.Step.ClosedFiscalYear} 年度の滞納繰越は記録済みです（記録 {r.Step.Id}、{r.Step.RecordedBy}）。何も変更していません。"
                : $"{r.Step.ClosedFiscalYear} 年度を締め、収入未済額 {CliContext.Yen(r.Step.Unpaid)} 円（{r.Step.Installments} 期別）を {r.Step.ClosedFiscalYear + 1} 年度の滞納繰越分へ繰り越しました（記録 {r.Step.Id}）。");
            return 0;
        });
        return cmd;
    }

    private static Command Reverse(CliContext cli)
    {
        var year = Year();
        var op = Op();
        var reason = new Option<string>("--reason") { Description = "取消の理由（記録に残ります）", Required = true };
        var cmd = new Command("reverse", "記録した滞納繰越を取り消します（理由を記録。取消後に再実行できます）") { year, reason, op };
        cmd.SetAction(async (parse, ct) =>
        {
            App.Security.Actor actor;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var step = await CarryForwards.ReverseAsync(cli.StoreFrom(parse), actor, parse.GetValue(year), parse.GetValue(reason)!, cli.Clock, ct);
            cli.Out.WriteLine($"{step.ClosedFiscalYear} 年度の滞納繰越（記録 {step.Id}）を取り消しました。");
            return 0;
        });
        return cmd;
    }

    private static Command Report(CliContext cli)
    {
        var year = Year();
        var csv = new Option<FileInfo?>("--csv") { Description = "CSV（UTF-8、ヘッダー付き）をこのファイルに書きます" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("report", "滞納繰越集計: 税目・調定年度別の調定額・収入額・不納欠損額・収入未済額（現年課税分・滞納繰越分）") { year, csv, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var r = await CarryForwards.ReportAsync(db, parse.GetValue(year), ct);
            if (parse.GetValue(csv) is { } file) await File.WriteAllBytesAsync(file.FullName, CarryForwards.Csv(r), ct);
            if (parse.GetValue(json)) { cli.WriteJson(new { r.ClosedFiscalYear, r.ClosingDay, recorded = r.Step is not null, lines = r.Lines, total = r.Total, differences = r.Differences }); return 0; }
            cli.Out.WriteLine($"滞納繰越集計 {r.ClosedFiscalYear} 年度（出納閉鎖日 {CliContext.Date(r.ClosingDay)}）" +
                (r.Step is { } s ? $" 記録 {s.Id}（{s.RecordedBy}）" : " 未実行（仕訳からの計算）"));
            string N(long v) => CliContext.Yen(v);
            foreach (var l in r.Lines.Append(r.Total))
                cli.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {l.TaxKindName} {(l.ClaimFiscalYear == 0 ? "" : l.ClaimFiscalYear + " 年度 " + l.Bucket)} 調定額 {N(l.Assessed)} 収入額 {N(l.Collected)} 不納欠損額 {N(l.WrittenOff)} 収入未済額 {N(l.Unpaid)}"));
            foreach (var d in r.Differences) cli.Out.WriteLine($"  記録と仕訳が一致しません: {d}（取り消して再実行してください）");
            return 0;
        });
        return cmd;
    }

    private static Command AccountingFile(CliContext cli)
    {
        var date = new Option<string>("--date") { Description = "収入日（YYYY-MM-DD、日計締め済みの日）", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "出力ファイル（Shift_JIS CSV、CR LF）", Required = true };
        var op = Op();
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("accounting-file", "財務会計への歳入日計データ（款項目・会計年度別の収入額と戻出額）を作成します（1日1回。2回目は同じ内容を再出力）") { date, output, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            App.Security.Actor actor;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var r = await AccountingHandovers.WriteAsync(cli.StoreFrom(parse), actor, LateFeeCommand.ParseDate(parse.GetValue(date)!, "--date"),
                parse.GetValue(output)!.FullName, cli.Clock, ct);
            if (parse.GetValue(json)) { cli.WriteJson(new { path = r.Path, sha256 = r.Sha256, rows = r.Lines.Count, received = r.Received, refunded = r.Refunded, reproduced = r.Reproduced }); return 0; }
            cli.Out.WriteLine($"財務会計歳入日計データを{(r.Reproduced ? "再出力" : "作成")}しました: 収入日 {CliContext.Date(r.Day)} {r.Lines.Count} 行 収入額 {CliContext.Yen(r.Received)} 円 戻出額 {CliContext.Yen(r.Refunded)} 円  {r.Path}");
            return 0;
        });
        return cmd;
    }
}
