using System.CommandLine;
using Choshu.App.Enforcement;
using Choshu.Domain.Enforcement;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu public-sale record|notice|decide|paid|registration|show</c> (公売の各段階), <c>choshu appeal file|decide</c> (不服申立て: no sale
/// decided while one is pending) and <c>choshu insolvency record|discharge|dissolve</c> (破産・民事再生・会社更生). Each step is a 滞納処分 change
/// of the taxpayer's case (the officer in charge or an approver, <c>--operator STAFFNO</c>; a refusal is audited and exits 3, bad input exits 2
/// with a Japanese message): <see cref="PublicSales"/> and <see cref="EnforcementRecords"/>.
/// </summary>
public static class PublicSaleCommands
{
    private static DateOnly Date(ParseResult parse, Option<string> option) => LateFeeCommand.ParseDate(parse.GetValue(option)!, option.Name);

    private static Option<string> DateOption(string name, string description) => new(name) { Description = description + " YYYY-MM-DD", Required = true };

    private static void Print(CliContext cli, PublicSaleView v) =>
        cli.Out.WriteLine($"公売 {v.Id}: {v.Property} 見積価額 {CliContext.Yen(v.EstimatedPrice)} 円 {v.Stage}"
            + (v.SaleOn is { } s ? $" 公売の日 {s:yyyy-MM-dd}" : "") + (v.Buyer is null ? "" : $" 買受人 {v.Buyer}")
            + (v.Price is { } p ? $" 売却価額 {CliContext.Yen(p)} 円" : "") + (v.PaidOn is { } pd ? $" 代金納付 {pd:yyyy-MM-dd}" : ""));

    public static Command PublicSale(CliContext cli)
    {
        var group = new Command("public-sale", "公売（見積価額・公告・売却決定・代金納付・権利移転登記の嘱託。記録は担当者または承認者のみ）");
        group.Subcommands.Add(Record(cli));
        group.Subcommands.Add(Notice(cli));
        group.Subcommands.Add(Decide(cli));
        group.Subcommands.Add(Step(cli, "paid", "代金納付を記録します", "--date", "代金納付日", (s, a, id, d, ct) => s.PaidAsync(a, id, d, ct)));
        group.Subcommands.Add(Step(cli, "registration", "権利移転登記の嘱託を記録します", "--date", "嘱託日", (s, a, id, d, ct) => s.RegistrationAsync(a, id, d, ct)));
        group.Subcommands.Add(Show(cli));
        return group;
    }

    public static Command Appeal(CliContext cli)
    {
        var group = new Command("appeal", "滞納処分に対する不服申立て（審理中は売却決定できません）");
        group.Subcommands.Add(AppealFile(cli));
        group.Subcommands.Add(AppealDecide(cli));
        return group;
    }

    public static Command Insolvency(CliContext cli)
    {
        var group = new Command("insolvency", "破産・民事再生・会社更生（開始決定、免責、法人の解散）");
        group.Subcommands.Add(InsolvencyRecord(cli));
        group.Subcommands.Add(InsolvencyStep(cli, "discharge", "免責許可決定を記録します（租税は免責されません: 破産法253条1項1号）", "免責の日",
            (r, a, id, d, ct) => r.DischargeAsync(a, id, d, ct)));
        group.Subcommands.Add(InsolvencyStep(cli, "dissolve", "法人の破産手続終結による解散を記録します（全期別を即時消滅: 地方税法15条の7第5項）", "解散の日",
            (r, a, id, d, ct) => r.DissolveAsync(a, id, d, ct)));
        return group;
    }

    private static Command Record(CliContext cli)
    {
        var n = new Argument<string>("N") { Description = "滞納者の宛名番号" };
        var property = new Option<string>("--property") { Description = "財産の表示（例: 土地 鹿児島市山下町11番 宅地 150㎡）", Required = true };
        var estimate = new Option<long>("--estimate") { Description = "見積価額（円）", Required = true };
        var seizure = new Option<long?>("--seizure") { Description = "差押の記録番号" };
        var op = CaseCommands.Operator();
        var cmd = new Command("record", "公売する財産と見積価額を記録します") { n, property, estimate, seizure, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var v = await CaseCommands.Guard(() => new PublicSales(db, cli.Clock).RecordAsync(actor, parse.GetValue(n)!, parse.GetValue(property)!,
                parse.GetValue(estimate), parse.GetValue(seizure), ct));
            Print(cli, v);
            return 0;
        });
        return cmd;
    }

    private static Command Notice(CliContext cli)
    {
        var id = new Argument<long>("ID") { Description = "公売の記録番号" };
        var notice = DateOption("--notice", "公売公告の日");
        var sale = DateOption("--sale", "公売の日");
        var deposit = new Option<long>("--deposit") { Description = "公売保証金（円）", DefaultValueFactory = _ => 0 };
        var op = CaseCommands.Operator();
        var cmd = new Command("notice", "公売公告を記録します（公売の日は公告から10日以上後）") { id, notice, sale, deposit, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var v = await CaseCommands.Guard(() => new PublicSales(db, cli.Clock).NoticeAsync(actor, parse.GetValue(id), Date(parse, notice), Date(parse, sale),
                parse.GetValue(deposit), ct));
            Print(cli, v);
            return 0;
        });
        return cmd;
    }

    private static Command Decide(CliContext cli)
    {
        var id = new Argument<long>("ID") { Description = "公売の記録番号" };
        var date = DateOption("--date", "売却決定の日");
        var buyer = new Option<string>("--buyer") { Description = "買受人", Required = true };
        var price = new Option<long>("--price") { Description = "売却価額（円、見積価額以上）", Required = true };
        var deadline = DateOption("--deadline", "代金納付期限");
        var op = CaseCommands.Operator();
        var cmd = new Command("decide", "売却決定を記録します（不服申立ての審理中はできません）") { id, date, buyer, price, deadline, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var v = await CaseCommands.Guard(() => new PublicSales(db, cli.Clock).DecideAsync(actor, parse.GetValue(id), Date(parse, date), parse.GetValue(buyer)!,
                parse.GetValue(price), Date(parse, deadline), ct));
            Print(cli, v);
            return 0;
        });
        return cmd;
    }

    private static Command Step(CliContext cli, string name, string description, string dateName, string dateDescription,
        Func<PublicSales, App.Security.Actor, long, DateOnly, CancellationToken, Task<PublicSaleView>> step)
    {
        var id = new Argument<long>("ID") { Description = "公売の記録番号" };
        var date = DateOption(dateName, dateDescription);
        var op = CaseCommands.Operator();
        var cmd = new Command(name, description) { id, date, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var v = await CaseCommands.Guard(() => step(new PublicSales(db, cli.Clock), actor, parse.GetValue(id), Date(parse, date), ct));
            Print(cli, v);
            return 0;
        });
        return cmd;
    }

    private static Command Show(CliContext cli)
    {
        var n = new Argument<string>("N") { Description = "滞納者の宛名番号" };
        var op = new Option<string?>("--operator") { Description = "操作する職員の職員番号（閲覧の権限を確認し操作ログに記録）" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("show", "事案の公売と不服申立てを表示します") { n, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = parse.GetValue(op) is { } staff ? await cli.OperatorAsync(db, staff, ct) : CliContext.SystemActor;
            var s = await CaseCommands.Guard(() => new EnforcementRecords(db, cli.Clock).ShowAsync(actor, parse.GetValue(n)!, ct));
            if (parse.GetValue(json))
            {
                cli.WriteJson(new { sales = s.Sales.Select(x => new { x.Id, x.Property, x.EstimatedPrice, x.NoticeOn, x.SaleOn, x.Deposit, x.DecidedOn, x.Buyer, x.Price,
                    x.PaymentDeadline, x.PaidOn, x.RegistrationRequestedOn, x.Stage, x.SeizureId }), appeals = s.Appeals });
                return 0;
            }
            foreach (var x in s.Sales) Print(cli, x);
            foreach (var a in s.Appeals)
                cli.Out.WriteLine($"不服申立て {a.Id}: {a.Subject}（{a.FiledOn:yyyy-MM-dd} 申立て）" + (a.Pending ? " 審理中" : $" 決定 {a.DecidedOn:yyyy-MM-dd} {a.Outcome}"));
            if (s.Sales.Count == 0 && s.Appeals.Count == 0) cli.Out.WriteLine("公売・不服申立ての記録はありません。");
            return 0;
        });
        return cmd;
    }

    private static Command AppealFile(CliContext cli)
    {
        var n = new Argument<string>("N") { Description = "滞納者の宛名番号" };
        var subject = new Option<string>("--subject") { Description = "不服申立ての対象（例: 差押処分）", Required = true };
        var filed = DateOption("--filed", "申立ての日");
        var sale = new Option<long?>("--sale") { Description = "関係する公売の記録番号" };
        var op = CaseCommands.Operator();
        var cmd = new Command("file", "不服申立て（審査請求）を記録します") { n, subject, filed, sale, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var a = await CaseCommands.Guard(() => new PublicSales(db, cli.Clock).AppealAsync(actor, parse.GetValue(n)!, parse.GetValue(sale), parse.GetValue(subject)!,
                Date(parse, filed), ct));
            cli.Out.WriteLine($"不服申立て {a.Id}: {a.Subject}（{a.FiledOn:yyyy-MM-dd} 申立て）を記録しました。審理中は売却決定できません。");
            return 0;
        });
        return cmd;
    }

    private static Command AppealDecide(CliContext cli)
    {
        var id = new Argument<long>("ID") { Description = "不服申立ての記録番号" };
        var date = DateOption("--date", "裁決・決定の日");
        var outcome = new Option<string>("--outcome") { Description = "結果（棄却、却下、認容など）", Required = true };
        var op = CaseCommands.Operator();
        var cmd = new Command("decide", "不服申立ての裁決・決定を記録します") { id, date, outcome, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var a = await CaseCommands.Guard(() => new PublicSales(db, cli.Clock).AppealDecidedAsync(actor, parse.GetValue(id), Date(parse, date), parse.GetValue(outcome)!, ct));
            cli.Out.WriteLine($"不服申立て {a.Id}: {a.DecidedOn:yyyy-MM-dd} {a.Outcome}");
            return 0;
        });
        return cmd;
    }

    private static void Print(CliContext cli, InsolvencyView i)
    {
        cli.Out.WriteLine($"{i.KindName} {i.Id}: 開始決定 {i.DecisionOn:yyyy-MM-dd}" + (i.Court is null ? "" : $" {i.Court}")
            + (i.DischargedOn is { } d ? $"、免責 {d:yyyy-MM-dd}（租税は免責されません）" : "") + (i.DissolvedOn is { } e ? $"、法人の解散 {e:yyyy-MM-dd}（即時消滅）" : ""));
        foreach (var c in i.Claims) cli.Out.WriteLine($"  {c.Name} 納期限 {c.DueOn:yyyy-MM-dd} {CliContext.Yen(c.Owed)} 円: {c.ClassName}");
    }

    private static Command InsolvencyRecord(CliContext cli)
    {
        var n = new Argument<string>("N") { Description = "滞納者の宛名番号" };
        var kind = new Option<string>("--kind") { Description = "bankruptcy（破産）, rehabilitation（民事再生）, reorganization（会社更生）", Required = true };
        var decision = DateOption("--decision", "開始決定の日");
        var court = new Option<string?>("--court") { Description = "裁判所" };
        var caseRef = new Option<string?>("--case-ref") { Description = "事件番号" };
        var trustee = new Option<string?>("--trustee") { Description = "破産管財人・監督委員など" };
        var op = CaseCommands.Operator();
        var cmd = new Command("record", "破産・民事再生・会社更生の開始決定を記録し、期別を財団債権と優先的破産債権に分けます") { n, kind, decision, court, caseRef, trustee, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var k = parse.GetValue(kind) switch
            {
                "bankruptcy" => InsolvencyKind.Bankruptcy,
                "rehabilitation" => InsolvencyKind.Rehabilitation,
                "reorganization" => InsolvencyKind.Reorganization,
                var x => throw new CliException($"--kind は bankruptcy, rehabilitation, reorganization のいずれかです（{x}）。"),
            };
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var i = await CaseCommands.Guard(() => new EnforcementRecords(db, cli.Clock).RecordInsolvencyAsync(actor, parse.GetValue(n)!, k, Date(parse, decision),
                parse.GetValue(court), parse.GetValue(caseRef), parse.GetValue(trustee), ct));
            Print(cli, i);
            return 0;
        });
        return cmd;
    }

    private static Command InsolvencyStep(CliContext cli, string name, string description, string dateDescription,
        Func<EnforcementRecords, App.Security.Actor, long, DateOnly, CancellationToken, Task<InsolvencyView>> step)
    {
        var id = new Argument<long>("ID") { Description = "破産・再生の記録番号" };
        var date = DateOption("--date", dateDescription);
        var op = CaseCommands.Operator();
        var cmd = new Command(name, description) { id, date, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var i = await CaseCommands.Guard(() => step(new EnforcementRecords(db, cli.Clock), actor, parse.GetValue(id), Date(parse, date), ct));
            Print(cli, i);
            return 0;
        });
        return cmd;
    }
}
