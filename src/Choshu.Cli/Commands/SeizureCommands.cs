using System.CommandLine;
using Choshu.App.Cases;
using Choshu.App.Reconciliation;
using Choshu.Domain;
using Choshu.Domain.Enforcement;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu seizable-wage</c> (the protected-wage rule, 国税徴収法76条・77条, no store needed) and
/// <c>choshu seizure add|notice|arrive|release|recover|show|list|untouched</c>: seizures of a taxpayer's property. Recording is a case update
/// (the officer in charge or an approver, <c>--operator STAFFNO</c>); a refusal is audited and exits 3; bad input exits 2 with a Japanese message.
/// </summary>
public static class SeizureCommands
{
    public static IEnumerable<Command> Create(CliContext cli)
    {
        yield return SeizableWageCommand(cli);
        var group = new Command("seizure", "差押（記録・差押通知書・到達・解除・取立・一覧。記録は担当者または承認者のみ）");
        group.Subcommands.Add(Add(cli));
        group.Subcommands.Add(Notice(cli));
        group.Subcommands.Add(Arrive(cli));
        group.Subcommands.Add(Release(cli));
        group.Subcommands.Add(Recover(cli));
        group.Subcommands.Add(Show(cli));
        group.Subcommands.Add(List(cli));
        group.Subcommands.Add(Untouched(cli));
        yield return group;
    }

    private static Option<bool> Json() => new("--json") { Description = "JSON で出力します" };

    /// <summary>The wage options shared by <c>seizable-wage</c> and <c>seizure add</c>.</summary>
    private sealed class WageOptions
    {
        public readonly Option<long?> Gross = new("--gross") { Description = "支給額（円）" };
        public readonly Option<long> IncomeTax = new("--income-tax") { Description = "(1) 源泉所得税（円）" };
        public readonly Option<long> ResidentTax = new("--resident-tax") { Description = "(2) 特別徴収の住民税（円）" };
        public readonly Option<long> SocialInsurance = new("--social-insurance") { Description = "(3) 社会保険料（円）" };
        public readonly Option<int> Dependants = new("--dependants") { Description = "生計を一にする親族の数" };
        public readonly Option<string> Period = new("--period") { Description = "支給期間: 1m（月給、既定）、2m（年金の2か月分）、7d（週給）、1d（日給）、1m15d など", DefaultValueFactory = _ => "1m" };
        public readonly Option<bool> Bonus = new("--bonus") { Description = "賞与（76条3項: 支給期間を1月として計算）" };
        public readonly Option<bool> Retirement = new("--retirement") { Description = "退職手当・退職一時金（76条4項）" };
        public readonly Option<bool> Pension = new("--pension") { Description = "年金（77条: 給料等とみなす。--period 2m が通常）" };
        public readonly Option<int> ServiceYears = new("--service-years") { Description = "退職手当: 勤続年数（1年未満の端数は1年に切り上げて指定）" };
        public readonly Option<long> Consent = new("--consent") { Description = "滞納者が書面で承諾した差押額（76条5項、円）" };

        public IEnumerable<Option> All => [Gross, IncomeTax, ResidentTax, SocialInsurance, Dependants, Period, Bonus, Retirement, Pension, ServiceYears, Consent];

        public WageSeizureInput? Read(ParseResult parse)
        {
            if (parse.GetValue(Gross) is not { } gross) return null;
            var kinds = new[] { parse.GetValue(Bonus), parse.GetValue(Retirement), parse.GetValue(Pension) }.Count(x => x);
            if (kinds > 1) throw new CliException("--bonus、--retirement、--pension はどれか一つだけ指定できます。");
            var (months, days) = ParsePeriod(parse.GetValue(Period) ?? "1m");
            var kind = parse.GetValue(Bonus) ? WagePayKind.Bonus : parse.GetValue(Retirement) ? WagePayKind.Retirement
                : parse.GetValue(Pension) ? WagePayKind.Pension : WagePayKind.Salary;
            return new WageSeizureInput(gross, parse.GetValue(IncomeTax), parse.GetValue(ResidentTax), parse.GetValue(SocialInsurance), parse.GetValue(Dependants),
                kind, months, days, parse.GetValue(ServiceYears), parse.GetValue(Consent));
        }
    }

    /// <summary>Parses a pay period: <c>1m</c>, <c>2m</c>, <c>7d</c>, <c>1m15d</c>.</summary>
    public static (int Months, int Days) ParsePeriod(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var m = System.Text.RegularExpressions.Regex.Match(t, "^(?:(\\d{1,2})m)?(?:(\\d{1,2})d)?$");
        if (t.Length == 0 || !m.Success)
            throw new CliException($"--period: 「{text}」は支給期間として読めません（例: 1m、2m、7d、1d、1m15d）。");
        return (m.Groups[1].Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0,
            m.Groups[2].Success ? int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
    }

    private static Command SeizableWageCommand(CliContext cli)
    {
        var w = new WageOptions();
        w.Gross.Required = true;
        var json = Json();
        var cmd = new Command("seizable-wage", "給与・賞与・退職手当・年金の差押禁止額と差押可能額を計算します（国税徴収法76条・77条）");
        foreach (var o in w.All) cmd.Options.Add(o);
        cmd.Options.Add(json);
        cmd.SetAction((parse, ct) =>
        {
            var input = w.Read(parse)!;
            WageSeizureResult r;
            try
            {
                r = SeizableWage.Compute(input);
            }
            catch (DomainException ex)
            {
                throw new CliException(ex.Message);
            }
            if (parse.GetValue(json))
                cli.WriteJson(new
                {
                    kind = r.Kind.ToString(), gross = r.Gross, deductions = r.Deductions, living = r.Living, extraUncapped = r.ExtraUncapped, extra = r.Extra,
                    capped = r.Capped, seizableByRule = r.SeizableByRule, consentApplied = r.ConsentApplied, @protected = r.Protected, seizable = r.Seizable,
                });
            else
                foreach (var line in SeizableWage.Explain(r)) cli.Out.WriteLine(line);
            return Task.FromResult(0);
        });
        return cmd;
    }

    private static Command Add(CliContext cli)
    {
        var n = new Argument<string>("N") { Description = "滞納者の宛名番号" };
        var kind = new Option<string>("--kind") { Description = "差押財産: deposit（預貯金）、wages（給与）、pension（年金）、receivable（その他の債権）、national-tax-refund（国税還付金）、real-estate、vehicle、movables（市税の還付金は差押でなく充当）", Required = true };
        var date = new Option<string>("--date") { Description = "差押日 YYYY-MM-DD", Required = true };
        var amount = new Option<long>("--amount") { Description = "差押金額（債権、円。滞納額を超えられません）" };
        var property = new Option<string>("--property") { Description = "差押財産の表示（口座の種類と番号、勤務先、所在・地番、登録番号など）", Required = true };
        var third = new Option<string?>("--third-party") { Description = "第三債務者（金融機関と支店、勤務先、年金の支払者、税務署）" };
        var thirdAddress = new Option<string?>("--third-party-address") { Description = "第三債務者の所在地" };
        var answer = new Option<long?>("--inquiry-answer") { Description = "財産を見つけた照会回答の番号" };
        var claims = new Option<string[]>("--claim") { Description = "差押に係る期別 通知書番号:期（複数可。既定: 差押可能なすべての滞納期別）", AllowMultipleArgumentsPerToken = true };
        var value = new Option<long?>("--estimated-value") { Description = "見積価額（不動産・自動車・動産、円）" };
        var excess = new Option<string?>("--excess-reason") { Description = "見積価額が滞納額を超える理由（不可分で他に財産がない等、国税徴収法48条1項）" };
        var balance = new Option<long?>("--balance") { Description = "預金残高（円）" };
        var protectedAmount = new Option<long>("--protected-amount") { Description = "預金のうち差押禁止財産（児童手当等）に由来する額（円）" };
        var protectedNote = new Option<string?>("--protected-note") { Description = "差押禁止財産の内容（例: 児童手当 2026-10-10 入金）" };
        var pdf = new Option<string?>("--pdf") { Description = "差押調書の PDF を書き出すディレクトリ" };
        var op = CaseCommands.Operator();
        var json = Json();
        var w = new WageOptions();
        var cmd = new Command("add", "差押を記録し、差押調書を発行します（督促後10日を経過した期別のみ。執行停止中は不可）")
            { n, kind, date, amount, property, third, thirdAddress, answer, claims, value, excess, balance, protectedAmount, protectedNote, pdf, op, json };
        foreach (var o in w.All) cmd.Options.Add(o);
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var request = new SeizureRequest(parse.GetValue(n)!, SeizureKinds.Parse(parse.GetValue(kind)), LateFeeCommand.ParseDate(parse.GetValue(date)!, "--date"),
                parse.GetValue(amount), parse.GetValue(property)!, parse.GetValue(third), parse.GetValue(thirdAddress), parse.GetValue(answer),
                (parse.GetValue(claims) ?? []).Select(ParseClaim).ToList(), parse.GetValue(value), parse.GetValue(excess), parse.GetValue(balance),
                parse.GetValue(protectedAmount), parse.GetValue(protectedNote), w.Read(parse));
            var (s, path) = await CaseCommands.Guard(() => new Seizures(db, cli.Clock).SeizeAsync(actor, request, parse.GetValue(pdf), ct));
            Write(cli, s, parse.GetValue(json), $"差押 {s.Id} を記録しました（差押調書 発行番号 {s.RecordDocumentId}{(path is null ? "" : $"、{path}")}）。");
            return 0;
        });
        return cmd;
    }

    private static InstallmentQuery ParseClaim(string text)
    {
        var i = text.LastIndexOf(':');
        if (i <= 0 || !short.TryParse(text[(i + 1)..], out var period))
            throw new CliException($"--claim: 「{text}」は 通知書番号:期 の形式で指定してください（例: 2026010000123:1）。");
        return new InstallmentQuery(text[..i].Trim(), period);
    }

    private static Argument<long> Id() => new("ID") { Description = "差押の番号" };

    private static Command Notice(CliContext cli)
    {
        var id = Id();
        var sent = new Option<string>("--sent") { Description = "発送日 YYYY-MM-DD", Required = true };
        var pdf = new Option<string?>("--pdf") { Description = "債権差押通知書（差押通知書）の PDF を書き出すディレクトリ" };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("notice", "債権差押通知書（第三債務者あて）・差押通知書を発行し、発送日を記録します") { id, sent, pdf, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var (s, path) = await CaseCommands.Guard(() => new Seizures(db, cli.Clock).SendNoticeAsync(actor, parse.GetValue(id), LateFeeCommand.ParseDate(parse.GetValue(sent)!, "--sent"), parse.GetValue(pdf), ct));
            Write(cli, s, parse.GetValue(json), $"差押 {s.Id}: {Seizures.NoticeTitle(s.Kind)} 発行番号 {s.NoticeDocumentId} を発行しました{(path is null ? "" : $"（{path}）")}。");
            return 0;
        });
        return cmd;
    }

    private static Command Arrive(CliContext cli)
    {
        var id = Id();
        var date = new Option<string>("--date") { Description = "到達日（送達日） YYYY-MM-DD", Required = true };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("arrive", "差押通知書の到達日を記録します（差押の効力が生じ、各期別の時効の完成が猶予されます）") { id, date, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var s = await CaseCommands.Guard(() => new Seizures(db, cli.Clock).ArriveAsync(actor, parse.GetValue(id), LateFeeCommand.ParseDate(parse.GetValue(date)!, "--date"), ct));
            Write(cli, s, parse.GetValue(json), $"差押 {s.Id}: 到達日 {s.ArrivedOn:yyyy-MM-dd} を記録しました（執行中）。");
            return 0;
        });
        return cmd;
    }

    private static Command Release(CliContext cli)
    {
        var id = Id();
        var date = new Option<string>("--date") { Description = "解除日 YYYY-MM-DD", Required = true };
        var reason = new Option<string>("--reason") { Description = "解除の理由（生活の窮迫による執行停止、完納、超過差押の是正など）", Required = true };
        var pdf = new Option<string?>("--pdf") { Description = "差押解除通知書の PDF を書き出すディレクトリ" };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("release", "差押を解除し、差押解除通知書を発行します") { id, date, reason, pdf, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var (s, path) = await CaseCommands.Guard(() => new Seizures(db, cli.Clock).ReleaseAsync(actor, parse.GetValue(id), LateFeeCommand.ParseDate(parse.GetValue(date)!, "--date"),
                parse.GetValue(reason)!, parse.GetValue(pdf), ct));
            Write(cli, s, parse.GetValue(json), $"差押 {s.Id} を解除しました（差押解除通知書 発行番号 {s.ReleaseDocumentId}{(path is null ? "" : $"、{path}")}）。");
            return 0;
        });
        return cmd;
    }

    private static Command Recover(CliContext cli)
    {
        var id = Id();
        var key = new Option<string>("--key") { Description = "取立の番号（入金の伝票番号など。同じ番号の再実行は二重に計上しません）", Required = true };
        var date = new Option<string>("--date") { Description = "取立日 YYYY-MM-DD", Required = true };
        var amount = new Option<long>("--amount") { Description = "取立額（円）", Required = true };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("recover", "第三債務者からの取立金を差押に係る期別に収納します（収納方法: 差押による取立）") { id, key, date, amount, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var r = await CaseCommands.Guard(() => new Seizures(db, cli.Clock).RecoverAsync(cli.StoreFrom(parse), actor, parse.GetValue(id), parse.GetValue(key)!,
                LateFeeCommand.ParseDate(parse.GetValue(date)!, "--date"), parse.GetValue(amount), ct));
            if (parse.GetValue(json))
            {
                cli.WriteJson(new
                {
                    seizureId = r.SeizureId, key = r.Key, duplicate = r.Duplicate, amount = r.Amount, ended = r.Ended, state = r.State.ToString(),
                    payments = r.Payments.Select(p => new { installment = p.Installment.Name, paymentId = p.PaymentId, amount = p.Amount, overpaid = p.Overpaid, outcome = p.Outcome.ToString() }),
                });
                return 0;
            }
            if (r.Duplicate)
            {
                cli.Out.WriteLine($"取立の番号 {r.Key} は既に計上済みです（{CliContext.Yen(r.Amount)} 円）。二重計上はしていません。");
                return 0;
            }
            foreach (var p in r.Payments)
                cli.Out.WriteLine($"収納 {p.PaymentId}: {p.Installment.Name} {CliContext.Yen(p.Amount)} 円{(p.Overpaid > 0 ? $"（過誤納 {CliContext.Yen(p.Overpaid)} 円）" : "")}");
            cli.Out.WriteLine(r.Ended ? $"差押 {r.SeizureId} は終了しました。" : $"差押 {r.SeizureId} は執行中です。");
            return 0;
        });
        return cmd;
    }

    private static Command Show(CliContext cli)
    {
        var id = Id();
        var op = CaseCommands.Operator(required: false);
        var json = Json();
        var cmd = new Command("show", "差押を表示します") { id, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = parse.GetValue(op) is { } staffNo ? await cli.OperatorAsync(db, staffNo, ct) : CliContext.SystemActor;
            var s = await CaseCommands.Guard(() => new Seizures(db, cli.Clock).ShowAsync(actor, parse.GetValue(id), ct));
            Write(cli, s, parse.GetValue(json), null);
            return 0;
        });
        return cmd;
    }

    private static Command List(CliContext cli)
    {
        var op = CaseCommands.Operator(required: false);
        var json = Json();
        var cmd = new Command("list", "執行中（送達待ちを含む）の差押の一覧（解除が必要なものを先に）") { op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = parse.GetValue(op) is { } staffNo ? await cli.OperatorAsync(db, staffNo, ct) : CliContext.SystemActor;
            var list = await CaseCommands.Guard(() => new Seizures(db, cli.Clock).InForceAsync(actor, ct));
            if (parse.GetValue(json)) { cli.WriteJson(list.Select(ToJson)); return 0; }
            cli.Out.WriteLine($"執行中の差押 {list.Count} 件");
            foreach (var s in list) cli.Out.WriteLine("  " + Line(s));
            return 0;
        });
        return cmd;
    }

    private static Command Untouched(CliContext cli)
    {
        var days = new Option<int>("--days") { Description = "差押可能日から経過した日数の下限", DefaultValueFactory = _ => 30 };
        var op = CaseCommands.Operator(required: false);
        var json = Json();
        var cmd = new Command("untouched", "差押可能で未着手の期別の一覧（差押可能日から --days 日以上、差押なし、執行停止・猶予なし）") { days, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = parse.GetValue(op) is { } staffNo ? await cli.OperatorAsync(db, staffNo, ct) : CliContext.SystemActor;
            var rows = await CaseCommands.Guard(() => new Seizures(db, cli.Clock).UntouchedAsync(actor, parse.GetValue(days), ct));
            if (parse.GetValue(json))
            {
                cli.WriteJson(rows.Select(r => new { caseId = r.CaseId, taxpayerNo = r.TaxpayerNo, installment = r.Installment.Name, owed = r.Owed, seizableFrom = r.SeizableFrom, days = r.Days }));
                return 0;
            }
            cli.Out.WriteLine($"差押可能で未着手の期別 {rows.Count} 件（{parse.GetValue(days)}日以上）");
            foreach (var r in rows)
                cli.Out.WriteLine($"  事案 {r.CaseId} 宛名番号 {r.TaxpayerNo} {r.Installment.Name} {CliContext.Yen(r.Owed)} 円 差押可能日 {r.SeizableFrom:yyyy-MM-dd}（{r.Days}日経過）");
            return 0;
        });
        return cmd;
    }

    private static object ToJson(SeizureView s) => new
    {
        id = s.Id, caseId = s.CaseId, taxpayerNo = s.TaxpayerNo, kind = s.Kind.ToString(), state = s.State.ToString(), seizedOn = s.SeizedOn, sentOn = s.SentOn,
        arrivedOn = s.ArrivedOn, thirdParty = s.ThirdPartyName, inquiryAnswerId = s.InquiryAnswerId, property = s.Property, amount = s.Amount,
        estimatedValue = s.EstimatedValue, protectedAmount = s.ProtectedAmount, protectedNote = s.ProtectedNote, collected = s.Collected,
        releaseRequiredOn = s.ReleaseRequiredOn, releasedOn = s.ReleasedOn, releaseReason = s.ReleaseReason, endedOn = s.EndedOn,
        recordDocumentId = s.RecordDocumentId, noticeDocumentId = s.NoticeDocumentId, releaseDocumentId = s.ReleaseDocumentId,
        wage = s.Wage is { } w ? new { @protected = w.Protected, seizable = w.Seizable } : null,
        claims = s.Claims.Select(c => new { installment = c.Installment.Name, principal = c.Principal, reminderFee = c.ReminderFee, lateFee = c.LateFee, eventId = c.EventId, endEventId = c.EndEventId }),
    };

    private static string Line(SeizureView s) =>
        $"差押 {s.Id} {s.StateName} 宛名番号 {s.TaxpayerNo} {s.KindName} {s.Property} {CliContext.Yen(s.Amount)} 円 差押日 {s.SeizedOn:yyyy-MM-dd}"
        + (s.ArrivedOn is { } a ? $" 到達 {a:yyyy-MM-dd}" : "") + (s.Collected > 0 ? $" 取立済 {CliContext.Yen(s.Collected)} 円" : "")
        + (s.ReleaseRequiredOn is { } r && s.IsOpen ? $" 【解除要: 執行停止（生活の窮迫）{r:yyyy-MM-dd}〜】" : "");

    private static void Write(CliContext cli, SeizureView s, bool json, string? message)
    {
        if (json) { cli.WriteJson(ToJson(s)); return; }
        if (message is not null) cli.Out.WriteLine(message);
        cli.Out.WriteLine(Line(s));
        if (s.ThirdPartyName is not null) cli.Out.WriteLine($"  第三債務者 {s.ThirdPartyName}{(s.ThirdPartyAddress is null ? "" : $" {s.ThirdPartyAddress}")}");
        if (s.ProtectedAmount > 0) cli.Out.WriteLine($"  差押禁止財産 {s.ProtectedNote} {CliContext.Yen(s.ProtectedAmount)} 円（差押額から除外）");
        if (s.Wage is { } w) foreach (var l in SeizableWage.Explain(w)) cli.Out.WriteLine("  " + l);
        foreach (var c in s.Claims)
            cli.Out.WriteLine($"  {c.Installment.Name} 本税 {CliContext.Yen(c.Principal)} 督促手数料 {CliContext.Yen(c.ReminderFee)} 延滞金 {CliContext.Yen(c.LateFee)}"
                + (c.EventId is { } e ? $" 事績 {e}" : "") + (c.EndEventId is { } x ? $"（終了 {x}）" : ""));
    }
}
