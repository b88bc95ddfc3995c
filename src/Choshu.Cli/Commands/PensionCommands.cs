using System.CommandLine;
using System.Globalization;
using Choshu.App.Withholding;
using Choshu.Domain.Withholding;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu pension-withholding register-payer|request|import|stop|show</c>: 公的年金からの特別徴収 (<see cref="PensionWithholdings"/>,
/// <see cref="PensionResultImport"/>, <see cref="PensionQueries"/>). Changes are made in the name of a staff member
/// (<c>--operator STAFFNO</c>); show and import run as the system actor, as <c>employer show</c> and
/// <c>employer-payments import</c> do. Every one is audited (3520–3524).
/// </summary>
public static class PensionCommands
{
    public static Command Create(CliContext cli)
    {
        var cmd = new Command("pension-withholding", "公的年金からの特別徴収: 年金保険者の登録、特別徴収依頼、結果・納入の取込、停止（普通徴収へ切替）、参照");
        cmd.Subcommands.Add(RegisterPayer(cli));
        cmd.Subcommands.Add(Request(cli));
        cmd.Subcommands.Add(Import(cli));
        cmd.Subcommands.Add(Stop(cli));
        cmd.Subcommands.Add(Show(cli));
        return cmd;
    }

    private static Option<string> Payer(bool required = true) => new("--payer-code") { Description = "特別徴収義務者コード（年金保険者、3〜6桁の数字。例 001 日本年金機構）", Required = required };
    private static Option<int> FiscalYear(bool required = true) => new("--fiscal-year") { Description = "年度（4月〜翌年2月の年金支払月）", Required = required };

    private static Command RegisterPayer(CliContext cli)
    {
        var no = new Argument<string>("N") { Description = "年金保険者の宛名番号" };
        var payer = Payer();
        var op = CaseCommands.Operator();
        var cmd = new Command("register-payer", "年金保険者を特別徴収義務者として登録します") { no, payer, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var actor = await OperatorAsync(cli, parse, op, ct);
            await CaseCommands.Guard(() => new PensionWithholdings(cli.StoreFrom(parse), cli.Clock).RegisterPayerAsync(actor, parse.GetValue(no)!, parse.GetValue(payer)!, ct));
            cli.Out.WriteLine($"年金保険者 特別徴収義務者コード {parse.GetValue(payer)} を登録しました（宛名番号 {parse.GetValue(no)}）。");
            return 0;
        });
        return cmd;
    }

    private static Command Request(CliContext cli)
    {
        var payer = Payer();
        var year = FiscalYear();
        var notice = new Option<string>("--notice-date") { Description = "特別徴収税額通知の日（YYYY-MM-DD。調定の日、依頼ファイルの作成日）", Required = true };
        var city = new Option<string>("--municipality-code") { Description = "市区町村コード（6桁、検査数字つき）", Required = true };
        var file = new Option<string>("--file") { Description = "対象者の CSV（UTF-8、見出しなし: 宛名番号,年金番号,年税額,仮徴収額。docs/formats.md）", Required = true };
        var output = new Option<string>("--out") { Description = "書き出す特別徴収依頼ファイル（docs/formats.md「年金特別徴収 依頼・結果」）", Required = true };
        var op = CaseCommands.Operator();
        var cmd = new Command("request", "年金特別徴収を依頼します: 年金保険者の期別（支払月の翌月10日）を調定し、経由機関へ送る依頼ファイルを書き出します") { payer, year, notice, city, file, output, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new CliException($"{path}: ファイルが見つかりません。");
            var pensioners = new List<PensionerInput>();
            var lineNo = 0;
            foreach (var line in await File.ReadAllLinesAsync(path, ct))
            {
                lineNo++;
                if (line.Length == 0) continue;
                var f = line.TrimStart('\uFEFF').Split(',');
                if (f.Length != 4 || !long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var annual)
                    || !long.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var provisional))
                    throw new CliException($"{Path.GetFileName(path)} {lineNo}行目: 宛名番号,年金番号,年税額,仮徴収額 の4項目（金額は数字）で指定してください。");
                pensioners.Add(new PensionerInput(f[0], f[1], annual, provisional));
            }
            var actor = await OperatorAsync(cli, parse, op, ct);
            var fy = parse.GetValue(year);
            var r = await CaseCommands.Guard(() => new PensionWithholdings(cli.StoreFrom(parse), cli.Clock).RequestAsync(actor, parse.GetValue(payer)!, fy,
                LateFeeCommand.ParseDate(parse.GetValue(notice)!, "--notice-date"), parse.GetValue(city)!, pensioners, ct));
            await File.WriteAllBytesAsync(parse.GetValue(output)!, r.File, ct);
            cli.Out.WriteLine($"特別徴収義務者コード {parse.GetValue(payer)} の{fy}年度の年金特別徴収を依頼しました: 対象者 {r.Pensioners}人 年税額計 {CliContext.Yen(r.Total)}円 通知書番号 {r.NoticeNo}");
            cli.Out.WriteLine("  " + string.Join("、", r.PerMonth.Select((a, i) => $"{PensionWithholdings.MonthName(fy, i + 1)} {CliContext.Yen(a)}円")));
            cli.Out.WriteLine($"依頼ファイル {parse.GetValue(output)} SHA-256 {r.Sha256}");
            return 0;
        });
        return cmd;
    }

    private static Command Import(CliContext cli)
    {
        var file = new Argument<string>("FILE") { Description = "特別徴収結果・納入ファイル（docs/formats.md「年金特別徴収 依頼・結果」）" };
        var notice = new Option<string?>("--notice-date") { Description = "停止した対象者の普通徴収の納税通知の日（YYYY-MM-DD。省略時は本日）" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("import", "年金特別徴収の結果・納入を取り込み、年金保険者の期別に消し込み、対象者ごとの内訳を記録し、未徴収の対象者を普通徴収へ切り替えます（同じ納入は二度計上しません）") { file, notice, json };
        cmd.SetAction(async (parse, ct) =>
        {
            var noticeDate = parse.GetValue(notice) is { } n ? LateFeeCommand.ParseDate(n, "--notice-date") : Domain.Calendar.JapanTime.Today(cli.Clock);
            var s = await CaseCommands.Guard(() => new PensionResultImport(cli.StoreFrom(parse), cli.Clock).RunAsync(CliContext.SystemActor, parse.GetValue(file)!, noticeDate, ct));
            if (parse.GetValue(json)) { cli.WriteJson(s); return 0; }
            cli.Out.WriteLine($"{s.File}: 読込 {s.LinesRead}行 納入 {s.Remittances}件 消込 {s.Booked}件 {CliContext.Yen(s.BookedAmount)}円 重複 {s.Duplicate}件 停止 {s.Stopped}人（普通徴収へ {CliContext.Yen(s.SwitchedToOrdinary)}円） 保留 {s.QuarantinedLines}行 過誤納 {CliContext.Yen(s.Overpaid)}円");
            foreach (var e in s.Errors) cli.Err.WriteLine(e.Reason);
            return s.QuarantinedLines > 0 ? 2 : 0;
        });
        return cmd;
    }

    private static Command Stop(CliContext cli)
    {
        var payer = Payer();
        var year = FiscalYear();
        var pension = new Option<string>("--pension-no") { Description = "年金番号", Required = true };
        var last = new Option<string>("--last-month") { Description = "最後に特別徴収した年金支払月（YYYYMM）。4月分から徴収しないときは none", Required = true };
        var date = new Option<string>("--date") { Description = "停止日（死亡日・支給停止日、YYYY-MM-DD）", Required = true };
        var reason = new Option<short>("--reason") { Description = "停止理由: 1 死亡、2 支給停止、3 年金額不足、9 その他", Required = true };
        var notice = new Option<string?>("--notice-date") { Description = "普通徴収の納税通知の日（YYYY-MM-DD。省略時は本日）" };
        var op = CaseCommands.Operator();
        var cmd = new Command("stop", "年金特別徴収を停止し、残りを普通徴収へ切り替えます（新しい納期限で調定）") { payer, year, pension, last, date, reason, notice, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var fy = parse.GetValue(year);
            var month = LastMonth(parse.GetValue(last)!, fy);
            var noticeDate = parse.GetValue(notice) is { } n ? LateFeeCommand.ParseDate(n, "--notice-date") : Domain.Calendar.JapanTime.Today(cli.Clock);
            var actor = await OperatorAsync(cli, parse, op, ct);
            var r = await CaseCommands.Guard(() => new PensionWithholdings(cli.StoreFrom(parse), cli.Clock).StopAsync(actor, parse.GetValue(payer)!, fy, parse.GetValue(pension)!,
                month, LateFeeCommand.ParseDate(parse.GetValue(date)!, "--date"), parse.GetValue(reason), noticeDate, ct));
            cli.Out.WriteLine($"年金番号 {parse.GetValue(pension)} の年金特別徴収を停止しました（{PensionWithholdings.ReasonName(parse.GetValue(reason))}、{(month == 0 ? "徴収なし" : PensionWithholdings.MonthName(fy, month) + "まで特別徴収")}）。未徴収税額 {CliContext.Yen(r.Remaining)}円");
            if (r.OrdinaryNoticeNo is not null)
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
        var payer = Payer(required: false);
        var year = FiscalYear(required: false);
        var taxpayer = new Option<string?>("--taxpayer-no") { Description = "対象者（年金受給者）の宛名番号: その人の年金特別徴収を表示します" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("show", "年金保険者の年度（期別・対象者・納入）、または年金受給者の年金特別徴収を表示します") { payer, year, taxpayer, json };
        cmd.SetAction(async (parse, ct) =>
        {
            var store = cli.StoreFrom(parse);
            if (parse.GetValue(taxpayer) is { } no)
            {
                var page = await CaseCommands.Guard(() => new PensionQueries(store, cli.Clock).LoadPensionerAsync(CliContext.SystemActor, no, ct));
                if (parse.GetValue(json)) { cli.WriteJson(page); return 0; }
                if (page.Count == 0) cli.Out.WriteLine($"宛名番号 {no} の年金特別徴収はありません。");
                foreach (var r in page) WritePensioner(cli, r);
                return 0;
            }
            if (parse.GetValue(payer) is not { } code || parse.GetResult(year) is null)
                throw new CliException("--payer-code と --fiscal-year、または --taxpayer-no を指定してください。");
            var p = await CaseCommands.Guard(() => new PensionQueries(store, cli.Clock).LoadPayerAsync(CliContext.SystemActor, code, parse.GetValue(year), ct));
            if (parse.GetValue(json)) { cli.WriteJson(p); return 0; }
            cli.Out.WriteLine($"年金保険者 特別徴収義務者コード {p.PayerCode} {p.Name}（宛名番号 {p.TaxpayerNo}）");
            cli.Out.WriteLine($"{p.FiscalYear}年度 通知書番号 {p.NoticeNo}");
            cli.Out.WriteLine("期別:");
            foreach (var i in p.Installments)
                cli.Out.WriteLine($"  第{i.Period}期 {i.Months} 納期限 {CliContext.Date(i.DueDate)} 調定 {CliContext.Yen(i.Charged)}円 収入 {CliContext.Yen(i.Paid)}円 未納 {CliContext.Yen(i.Balance)}円 延滞金 {CliContext.Yen(i.LateFee)}円");
            cli.Out.WriteLine("対象者:");
            foreach (var r in p.Pensioners) WritePensioner(cli, r);
            cli.Out.WriteLine("納入:");
            foreach (var x in p.Payments)
                cli.Out.WriteLine($"  収納 {x.PaymentId} 第{x.Period}期 納付日 {CliContext.Date(x.PaidOn)} {CliContext.Yen(x.Amount)}円 内訳 {x.Employees}人 {x.Status}");
            return 0;
        });
        return cmd;
    }

    private static void WritePensioner(CliContext cli, PensionerRow r) =>
        cli.Out.WriteLine($"  {r.FiscalYear}年度 {r.PayerName}（{r.PayerCode}） 年金番号 {r.PensionNo} {r.Name}（宛名番号 {r.TaxpayerNo}） {r.State} 年税額 {CliContext.Yen(r.Annual)}円（仮徴収 {CliContext.Yen(r.Provisional)}円）"
            + $" 月額 {string.Join("/", r.Months.Select(CliContext.Yen))} 特別徴収税額 {CliContext.Yen(r.Withheld)}円 納入済 {CliContext.Yen(r.Paid)}円{(r.OrdinaryNoticeNo is null ? "" : " 普通徴収 通知書番号 " + r.OrdinaryNoticeNo)}");

    private static async Task<App.Security.Actor> OperatorAsync(CliContext cli, ParseResult parse, Option<string> op, CancellationToken ct)
    {
        await using var db = await cli.OpenReadyStoreAsync(parse, ct);
        return await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
    }

    /// <summary>The pension month number (0 = none, 1 = April … 6 = February) of a YYYYMM in the fiscal year; refused, in Japanese, otherwise.</summary>
    private static short LastMonth(string text, int fiscalYear)
    {
        if (text == "none") return 0;
        if (text.Length != 6 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ym))
            throw new CliException($"--last-month: YYYYMM の年月（または none）で指定してください（{text}）。");
        if (PensionSchedule.MonthOf(ym / 100, ym % 100) is not { } m)
            throw new CliException($"--last-month: {text} は年金の支払月（4・6・8・10・12・2月）ではありません。");
        if (m.FiscalYear != fiscalYear) throw new CliException($"--last-month: {text} は{fiscalYear}年度（{fiscalYear}年4月〜{fiscalYear + 1}年2月）の支払月ではありません。");
        return (short)m.MonthNo;
    }
}
