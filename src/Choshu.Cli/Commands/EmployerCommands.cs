using System.CommandLine;
using System.Globalization;
using Choshu.App.Withholding;
using Choshu.Domain;
using Choshu.Domain.Withholding;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu employer register|determine|join|leave|show</c> and <c>choshu employer-payments import FILE</c>: 特別徴収義務者
/// (<see cref="Employers"/>), their employees and their payments (<see cref="EmployerPaymentImport"/>). Changes are made in the
/// name of a staff member (<c>--operator STAFFNO</c>); show and import run as the system actor, as <c>taxpayer show</c> and
/// <c>import payments</c> do. Every one is audited (3440–3446).
/// </summary>
public static class EmployerCommands
{
    public static IEnumerable<Command> Create(CliContext cli)
    {
        var employer = new Command("employer", "特別徴収義務者: 登録、特別徴収税額の決定、異動届（追加・退職）、参照");
        employer.Subcommands.Add(Register(cli));
        employer.Subcommands.Add(Determine(cli));
        employer.Subcommands.Add(Join(cli));
        employer.Subcommands.Add(Leave(cli));
        employer.Subcommands.Add(Show(cli));
        yield return employer;
        var payments = new Command("employer-payments", "特別徴収の納入データ（従業員ごとの内訳つき）");
        payments.Subcommands.Add(Import(cli));
        yield return payments;
    }

    private static Option<string> Designation() => new("--designation-no") { Description = "指定番号（12桁以内の数字）", Required = true };
    private static Option<int> FiscalYear() => new("--fiscal-year") { Description = "年度（6月分〜翌年5月分）", Required = true };

    private static Command Register(CliContext cli)
    {
        var no = new Argument<string>("N") { Description = "特別徴収義務者の宛名番号（法人は法人番号つきの宛名）" };
        var designation = Designation();
        var special = new Option<bool>("--special-schedule") { Description = "納期の特例（6月〜11月分を12月10日、12月〜5月分を6月10日に納入）" };
        var op = CaseCommands.Operator();
        var cmd = new Command("register", "特別徴収義務者を登録します") { no, designation, special, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var actor = await OperatorAsync(cli, parse, op, ct);
            await CaseCommands.Guard(() => new Employers(cli.StoreFrom(parse), cli.Clock).RegisterAsync(actor, parse.GetValue(no)!, parse.GetValue(designation)!, parse.GetValue(special), ct));
            cli.Out.WriteLine($"特別徴収義務者 指定番号 {parse.GetValue(designation)} を登録しました（宛名番号 {parse.GetValue(no)}{(parse.GetValue(special) ? "、納期の特例" : "")}）。");
            return 0;
        });
        return cmd;
    }

    private static Command Determine(CliContext cli)
    {
        var designation = Designation();
        var year = FiscalYear();
        var notice = new Option<string>("--notice-date") { Description = "特別徴収税額決定通知の日（YYYY-MM-DD。調定の日）", Required = true };
        var file = new Option<string>("--file") { Description = "対象者の CSV（UTF-8、見出しなし: 宛名番号,受給者番号,年税額。docs/formats.md）", Required = true };
        var op = CaseCommands.Operator();
        var cmd = new Command("determine", "特別徴収税額を決定し、特別徴収義務者の期別（毎月10日または納期の特例）を調定します") { designation, year, notice, file, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new CliException($"{path}: ファイルが見つかりません。");
            var employees = new List<WithholdingEmployeeInput>();
            var lineNo = 0;
            foreach (var line in await File.ReadAllLinesAsync(path, ct))
            {
                lineNo++;
                if (line.Length == 0) continue;
                var f = line.TrimStart('\uFEFF').Split(',');
                if (f.Length != 3 || !long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
                    throw new CliException($"{Path.GetFileName(path)} {lineNo}行目: 宛名番号,受給者番号,年税額 の3項目（年税額は数字）で指定してください。");
                employees.Add(new WithholdingEmployeeInput(f[0], f[1], amount));
            }
            var actor = await OperatorAsync(cli, parse, op, ct);
            var fy = parse.GetValue(year);
            await CaseCommands.Guard(() => new Employers(cli.StoreFrom(parse), cli.Clock).DetermineAsync(actor, parse.GetValue(designation)!, fy,
                LateFeeCommand.ParseDate(parse.GetValue(notice)!, "--notice-date"), employees, ct));
            cli.Out.WriteLine($"指定番号 {parse.GetValue(designation)} の{fy}年度の特別徴収税額を決定しました: 対象者 {employees.Count}人 年税額計 {CliContext.Yen(employees.Sum(e => e.Amount))}円 通知書番号 {Employers.NoticeNoOf(fy, parse.GetValue(designation)!)}");
            return 0;
        });
        return cmd;
    }

    private static Command Join(CliContext cli)
    {
        var designation = Designation();
        var year = FiscalYear();
        var taxpayer = new Option<string>("--taxpayer-no") { Description = "従業員の宛名番号", Required = true };
        var recipient = new Option<string>("--recipient-no") { Description = "受給者番号", Required = true };
        var amount = new Option<long>("--amount") { Description = "特別徴収する税額（開始月から5月分まで、円）", Required = true };
        var from = new Option<string>("--from-month") { Description = "特別徴収を始める月（YYYYMM、給与の月）", Required = true };
        var date = new Option<string>("--date") { Description = "異動日（YYYY-MM-DD）", Required = true };
        var op = CaseCommands.Operator();
        var cmd = new Command("join", "異動届（追加）: 従業員の特別徴収を開始月から始めます") { designation, year, taxpayer, recipient, amount, from, date, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var fy = parse.GetValue(year);
            var month = MonthNo(parse.GetValue(from)!, fy, "--from-month");
            var actor = await OperatorAsync(cli, parse, op, ct);
            await CaseCommands.Guard(() => new Employers(cli.StoreFrom(parse), cli.Clock).JoinAsync(actor, parse.GetValue(designation)!, fy,
                new WithholdingEmployeeInput(parse.GetValue(taxpayer)!, parse.GetValue(recipient)!, parse.GetValue(amount)), month,
                LateFeeCommand.ParseDate(parse.GetValue(date)!, "--date"), ct));
            var months = WithholdingSchedule.SplitFrom(parse.GetValue(amount), month);
            cli.Out.WriteLine($"受給者番号 {parse.GetValue(recipient)} を{Employers.MonthName(fy, month)}から特別徴収します: {string.Join("、", Enumerable.Range(month, 13 - month).Select(m => $"{Employers.MonthName(fy, m)} {CliContext.Yen(months[m - 1])}円"))}");
            return 0;
        });
        return cmd;
    }

    private static Command Leave(CliContext cli)
    {
        var designation = Designation();
        var year = FiscalYear();
        var recipient = new Option<string>("--recipient-no") { Description = "受給者番号", Required = true };
        var date = new Option<string>("--date") { Description = "退職日・異動日（YYYY-MM-DD）", Required = true };
        var last = new Option<string>("--last-month") { Description = "最後に特別徴収した月（YYYYMM、給与の月）", Required = true };
        var lump = new Option<bool>("--lump-sum") { Description = "一括徴収（残りを最後の月の納入に加える）。指定しなければ普通徴収へ切替" };
        var notice = new Option<string?>("--notice-date") { Description = "普通徴収の納税通知の日（YYYY-MM-DD。省略時は本日）" };
        var op = CaseCommands.Operator();
        var cmd = new Command("leave", "異動届（退職）: 特別徴収を終え、残りを普通徴収へ切り替える（または一括徴収）") { designation, year, recipient, date, last, lump, notice, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var fy = parse.GetValue(year);
            var month = MonthNo(parse.GetValue(last)!, fy, "--last-month");
            var noticeDate = parse.GetValue(notice) is { } n ? LateFeeCommand.ParseDate(n, "--notice-date") : JapanToday(cli);
            var actor = await OperatorAsync(cli, parse, op, ct);
            var r = await CaseCommands.Guard(() => new Employers(cli.StoreFrom(parse), cli.Clock).LeaveAsync(actor, parse.GetValue(designation)!, fy, parse.GetValue(recipient)!,
                LateFeeCommand.ParseDate(parse.GetValue(date)!, "--date"), month, parse.GetValue(lump) ? LeaveMode.LumpSum : LeaveMode.Ordinary, noticeDate, ct));
            cli.Out.WriteLine($"受給者番号 {parse.GetValue(recipient)} の特別徴収を{Employers.MonthName(fy, month)}で終了しました。未徴収税額 {CliContext.Yen(r.Remaining)}円");
            if (r.Mode == LeaveMode.LumpSum) cli.Out.WriteLine($"一括徴収: {Employers.MonthName(fy, month)}の納入に加えました。");
            else if (r.OrdinaryNoticeNo is not null)
            {
                cli.Out.WriteLine($"普通徴収へ切替: 通知書番号 {r.OrdinaryNoticeNo}");
                foreach (var o in r.Ordinary) cli.Out.WriteLine($"  第{o.Period}期 納期限 {CliContext.Date(o.DueDate)} {CliContext.Yen(o.Amount)}円");
            }
            return 0;
        });
        return cmd;
    }

    private static Command Show(CliContext cli)
    {
        var designation = Designation();
        var year = FiscalYear();
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("show", "特別徴収義務者の従業員・期別・納入を表示します") { designation, year, json };
        cmd.SetAction(async (parse, ct) =>
        {
            var page = await CaseCommands.Guard(() => new EmployerQueries(cli.StoreFrom(parse), cli.Clock).LoadAsync(CliContext.SystemActor, parse.GetValue(designation)!, parse.GetValue(year), ct));
            if (parse.GetValue(json)) { cli.WriteJson(page); return 0; }
            cli.Out.WriteLine($"特別徴収義務者 指定番号 {page.DesignationNo} {page.Name}（宛名番号 {page.TaxpayerNo}{(page.CorporateNumber is null ? "" : " 法人番号 " + page.CorporateNumber)}）{(page.SpecialSchedule ? " 納期の特例" : "")}");
            cli.Out.WriteLine($"{page.FiscalYear}年度 通知書番号 {page.NoticeNo}");
            cli.Out.WriteLine("期別:");
            foreach (var i in page.Installments)
                cli.Out.WriteLine($"  第{i.Period}期 {i.Months} 納期限 {CliContext.Date(i.DueDate)} 調定 {CliContext.Yen(i.Charged)}円 収入 {CliContext.Yen(i.Paid)}円 未納 {CliContext.Yen(i.Balance)}円 延滞金 {CliContext.Yen(i.LateFee)}円");
            cli.Out.WriteLine("従業員:");
            foreach (var e in page.Employees)
                cli.Out.WriteLine($"  受給者番号 {e.RecipientNo} {e.Name}（宛名番号 {e.TaxpayerNo}） {e.State} 特別徴収税額 {CliContext.Yen(e.Withheld)}円 納入済 {CliContext.Yen(e.Paid)}円{(e.OrdinaryNoticeNo is null ? "" : " 普通徴収 通知書番号 " + e.OrdinaryNoticeNo)}");
            cli.Out.WriteLine("納入:");
            foreach (var p in page.Payments)
                cli.Out.WriteLine($"  収納 {p.PaymentId} 第{p.Period}期 納付日 {CliContext.Date(p.PaidOn)} {CliContext.Yen(p.Amount)}円 内訳 {p.Employees}人 {p.Status}");
            return 0;
        });
        return cmd;
    }

    private static Command Import(CliContext cli)
    {
        var file = new Argument<string>("FILE") { Description = "特別徴収 納入データ（docs/formats.md の employer-payments）" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("import", "特別徴収の納入データを取り込み、特別徴収義務者の期別に消し込み、従業員ごとの内訳を記録します（同じ納入は二度計上しません）") { file, json };
        cmd.SetAction(async (parse, ct) =>
        {
            var s = await CaseCommands.Guard(() => new EmployerPaymentImport(cli.StoreFrom(parse), cli.Clock).RunAsync(CliContext.SystemActor, parse.GetValue(file)!, ct));
            if (parse.GetValue(json)) { cli.WriteJson(s); return 0; }
            cli.Out.WriteLine($"{s.File}: 読込 {s.LinesRead}行 納入 {s.Remittances}件 消込 {s.Booked}件 {CliContext.Yen(s.BookedAmount)}円 重複 {s.Duplicate}件 保留 {s.QuarantinedLines}行 過誤納 {CliContext.Yen(s.Overpaid)}円");
            foreach (var e in s.Errors) cli.Err.WriteLine(e.Reason);
            return s.QuarantinedLines > 0 ? 2 : 0;
        });
        return cmd;
    }

    private static async Task<App.Security.Actor> OperatorAsync(CliContext cli, ParseResult parse, Option<string> op, CancellationToken ct)
    {
        await using var db = await cli.OpenReadyStoreAsync(parse, ct);
        return await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
    }

    private static DateOnly JapanToday(CliContext cli) => Domain.Calendar.JapanTime.Today(cli.Clock);

    /// <summary>The month number (1 = June) of a YYYYMM in the fiscal year; refused, in Japanese, outside it.</summary>
    private static short MonthNo(string text, int fiscalYear, string option)
    {
        if (text.Length != 6 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ym))
            throw new CliException($"{option}: YYYYMM の年月で指定してください（{text}）。");
        var (fy, m) = WithholdingSchedule.MonthOf(ym / 100, ym % 100 is var mm && mm is >= 1 and <= 12 ? mm : throw new CliException($"{option}: 月が正しくありません（{text}）。"));
        if (fy != fiscalYear) throw new CliException($"{option}: {text} は{fiscalYear}年度（{fiscalYear}年6月分〜{fiscalYear + 1}年5月分）の月ではありません。");
        return (short)m;
    }
}
