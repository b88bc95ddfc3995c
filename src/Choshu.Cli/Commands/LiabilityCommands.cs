using System.CommandLine;
using Choshu.App.Cases;
using Choshu.Domain.Cases;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu succession add|renounce|limited|representative|show</c> and <c>choshu liability add|show</c>: other persons liable for a
/// taxpayer's claims (承継・連帯納税義務・第二次納税義務). Recording is a case update of the taxpayer whose claims they are (the officer in
/// charge or an approver, <c>--operator STAFFNO</c>); a refusal is audited and exits 3.
/// </summary>
public static class LiabilityCommands
{
    public static Command Succession(CliContext cli)
    {
        var group = new Command("succession", "承継（死亡した納税義務者の相続人・相続分・相続放棄・限定承認・相続人代表者。記録は担当者または承認者のみ）");
        group.Subcommands.Add(SuccessionAdd(cli));
        group.Subcommands.Add(Renounce(cli));
        group.Subcommands.Add(Limited(cli));
        group.Subcommands.Add(Representative(cli));
        group.Subcommands.Add(Show(cli, "show", "承継・連帯納税義務・第二次納税義務の記録を表示します"));
        return group;
    }

    public static Command Liability(CliContext cli)
    {
        var group = new Command("liability", "連帯納税義務・第二次納税義務（記録は担当者または承認者のみ）");
        group.Subcommands.Add(LiabilityAdd(cli));
        group.Subcommands.Add(Show(cli, "show", "承継・連帯納税義務・第二次納税義務の記録を表示します"));
        return group;
    }

    private static Argument<string> TaxpayerNo(string what) => new("N") { Description = what };

    private static Option<bool> Json() => new("--json") { Description = "JSON で出力します" };

    private static Option<string?> Reference() => new("--reference") { Description = "根拠・備考（戸籍、家庭裁判所の受理番号、登記など）" };

    /// <summary>Parses <c>宛名番号:1/2</c>.</summary>
    public static HeirEntry ParseHeir(string text, string option)
    {
        var i = text.LastIndexOf(':');
        if (i <= 0) throw new CliException($"{option} は 宛名番号:相続分（例: 100001:1/2）の形式で指定してください。");
        return new HeirEntry(text[..i].Trim(), Share.Parse(text[(i + 1)..]));
    }

    private static Command SuccessionAdd(CliContext cli)
    {
        var n = TaxpayerNo("死亡した納税義務者（被相続人）の宛名番号");
        var died = new Option<string>("--died") { Description = "死亡日 YYYY-MM-DD", Required = true };
        var heirs = new Option<string[]>("--heir")
        {
            Description = "相続人と相続分 宛名番号:分子/分母（相続人ごとに。入力の順が端数の帰属順。例: --heir 100002:1/2 --heir 100003:1/4 --heir 100004:1/4）",
            Required = true, AllowMultipleArgumentsPerToken = true,
        };
        var rep = new Option<string>("--representative") { Description = "相続人代表者の宛名番号（相続人の中から。督促状・催告書の送付先になります）", Required = true };
        var reference = Reference();
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("add", "死亡と相続人・相続分・相続人代表者を記録します（各相続人の事案がなければ開始します）") { n, died, heirs, rep, reference, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var entries = (parse.GetValue(heirs) ?? []).Select(h => ParseHeir(h, "--heir")).ToList();
            var request = new SuccessionRequest(parse.GetValue(n)!, LateFeeCommand.ParseDate(parse.GetValue(died)!, "--died"), entries, parse.GetValue(rep)!, parse.GetValue(reference));
            var lines = await CaseCommands.Guard(() => new Liabilities(db, cli.Clock).RecordSuccessionAsync(actor, request, ct));
            Write(cli, lines, parse.GetValue(json), $"宛名番号 {request.DeceasedNo} の承継を記録しました。");
            return 0;
        });
        return cmd;
    }

    private static Command Renounce(CliContext cli)
    {
        var n = TaxpayerNo("被相続人の宛名番号");
        var heir = new Option<string>("--heir") { Description = "相続放棄した相続人の宛名番号", Required = true };
        var shares = new Option<string[]>("--share")
        {
            Description = "放棄後の相続分 宛名番号:分子/分母（相続分のある相続人全員。次順位の相続人も入力できます）", Required = true, AllowMultipleArgumentsPerToken = true,
        };
        var rep = new Option<string?>("--representative") { Description = "新しい相続人代表者（放棄した者が代表者だったときは必須）" };
        var reference = Reference();
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("renounce", "相続放棄を記録し、他の相続人の相続分を入力のとおりにします") { n, heir, shares, rep, reference, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var entries = (parse.GetValue(shares) ?? []).Select(h => ParseHeir(h, "--share")).ToList();
            var lines = await CaseCommands.Guard(() => new Liabilities(db, cli.Clock).RenounceAsync(actor, parse.GetValue(n)!, parse.GetValue(heir)!, entries,
                parse.GetValue(rep), parse.GetValue(reference), ct));
            Write(cli, lines, parse.GetValue(json), $"宛名番号 {parse.GetValue(heir)} の相続放棄を記録しました。");
            return 0;
        });
        return cmd;
    }

    private static Command Limited(CliContext cli)
    {
        var n = TaxpayerNo("被相続人の宛名番号");
        var reference = Reference();
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("limited", "限定承認を記録します（相続財産の限度で納付。相続人固有の財産への滞納処分は不可）") { n, reference, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var lines = await CaseCommands.Guard(() => new Liabilities(db, cli.Clock).RecordLimitedAcceptanceAsync(actor, parse.GetValue(n)!, parse.GetValue(reference), ct));
            Write(cli, lines, parse.GetValue(json), $"宛名番号 {parse.GetValue(n)} の限定承認を記録しました。");
            return 0;
        });
        return cmd;
    }

    private static Command Representative(CliContext cli)
    {
        var n = TaxpayerNo("被相続人の宛名番号");
        var heir = new Option<string>("--heir") { Description = "相続人代表者にする相続人の宛名番号", Required = true };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("representative", "相続人代表者を指定・変更します（本日から書類の送付先）") { n, heir, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var lines = await CaseCommands.Guard(() => new Liabilities(db, cli.Clock).DesignateRepresentativeAsync(actor, parse.GetValue(n)!, parse.GetValue(heir)!, ct));
            Write(cli, lines, parse.GetValue(json), $"相続人代表者を宛名番号 {parse.GetValue(heir)} にしました。");
            return 0;
        });
        return cmd;
    }

    private static Command LiabilityAdd(CliContext cli)
    {
        var n = TaxpayerNo("納税義務者（通知書の名義人・主たる納税者）の宛名番号");
        var claim = new Option<string>("--claim") { Description = "通知書番号（その調定の全期別が対象）", Required = true };
        var taxKind = new Option<string?>("--tax-kind") { Description = "税目コード（通知書番号が複数の調定にあるとき）" };
        var year = new Option<int?>("--fiscal-year") { Description = "調定年度（通知書番号が複数の調定にあるとき）" };
        var kind = new Option<string>("--kind") { Description = "joint（連帯納税義務: 共有者が全額）または second（第二次納税義務: 限度額まで）", Required = true };
        var person = new Option<string>("--person") { Description = "納付義務を負う者の宛名番号", Required = true };
        var limit = new Option<long?>("--limit") { Description = "第二次納税義務の限度額（円）" };
        var reference = Reference();
        var dir = new Option<string?>("--out") { Description = "納付通知書（第二次納税義務）の PDF を書き出すディレクトリ" };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("add", "連帯納税義務者を記録し、または第二次納税義務者に納付通知書を発行します（その者の事案がなければ開始します）")
            { n, claim, taxKind, year, kind, person, limit, reference, dir, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var k = parse.GetValue(kind) switch
            {
                "joint" => LiabilityKind.Joint,
                "second" => LiabilityKind.Secondary,
                var other => throw new CliException($"--kind は joint または second で指定してください（{other}）。"),
            };
            if (k == LiabilityKind.Joint && parse.GetValue(limit) is not null) throw new CliException("連帯納税義務は全額の義務のため、--limit は指定できません。");
            var liabilities = new Liabilities(db, cli.Clock);
            IReadOnlyList<LiabilityLine> lines;
            string? path = null;
            if (k == LiabilityKind.Joint)
                lines = await CaseCommands.Guard(() => liabilities.AddJointAsync(actor, parse.GetValue(n)!, parse.GetValue(claim)!, parse.GetValue(taxKind), parse.GetValue(year),
                    parse.GetValue(person)!, parse.GetValue(reference), ct));
            else
            {
                var r = await CaseCommands.Guard(() => new SecondaryLiabilityNotices(db, cli.Clock).NotifyAsync(actor, new SecondaryLiabilityRequest(parse.GetValue(n)!,
                    parse.GetValue(claim)!, parse.GetValue(taxKind), parse.GetValue(year), parse.GetValue(person)!, parse.GetValue(limit) ?? 0, parse.GetValue(reference)),
                    parse.GetValue(dir), ct));
                (lines, path) = (r.Lines, r.NoticePath);
            }
            Write(cli, lines, parse.GetValue(json), k == LiabilityKind.Joint
                ? $"宛名番号 {parse.GetValue(person)} を連帯納税義務者として記録しました。"
                : $"宛名番号 {parse.GetValue(person)} に第二次納税義務の納付通知書を発行しました。" + (path is null ? "" : $"（{path}）"));
            return 0;
        });
        return cmd;
    }

    private static Command Show(CliContext cli, string name, string description)
    {
        var n = TaxpayerNo("宛名番号（納税義務者または納付義務を負う者）");
        var op = CaseCommands.Operator(required: false);
        var json = Json();
        var cmd = new Command(name, description) { n, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = parse.GetValue(op) is { } staffNo ? await cli.OperatorAsync(db, staffNo, ct) : CliContext.SystemActor;
            var (asPrimary, asPerson) = await CaseCommands.Guard(() => new Liabilities(db, cli.Clock).ShowAsync(actor, parse.GetValue(n)!, ct));
            if (parse.GetValue(json))
            {
                cli.WriteJson(new { taxpayerNo = parse.GetValue(n), othersLiable = asPrimary.Select(Json), liableFor = asPerson.Select(Json) });
                return 0;
            }
            cli.Out.WriteLine($"宛名番号 {parse.GetValue(n)} の期別について納付義務を負う者（{asPrimary.Count}人）");
            foreach (var l in asPrimary) cli.Out.WriteLine("  " + Text(l));
            cli.Out.WriteLine($"宛名番号 {parse.GetValue(n)} が納付義務を負う他の納税義務者の期別（{asPerson.Count}件）");
            foreach (var l in asPerson) cli.Out.WriteLine($"  {l.KindName} 宛名番号 {l.PrimaryTaxpayerNo} {l.PrimaryName} の{l.Covers}（{l.Extent}）");
            return 0;
        });
        return cmd;
    }

    private static void Write(CliContext cli, IReadOnlyList<LiabilityLine> lines, bool json, string message)
    {
        if (json)
        {
            cli.WriteJson(new { liabilities = lines.Select(Json) });
            return;
        }
        cli.Out.WriteLine(message);
        foreach (var l in lines) cli.Out.WriteLine("  " + Text(l));
    }

    /// <summary>The word of a kind in the CLI and JSON: succession, joint, second.</summary>
    public static string Word(LiabilityKind k) => k switch { LiabilityKind.Succession => "succession", LiabilityKind.Joint => "joint", _ => "second" };

    /// <summary>One liability in a line of text.</summary>
    public static string Text(LiabilityLine l) =>
        $"{l.KindName} 宛名番号 {l.PersonTaxpayerNo} {l.PersonName} {l.Extent}"
        + (l.LimitedAcceptance ? "（限定承認: 固有財産への滞納処分不可）" : "") + (l.Representative ? "（相続人代表者）" : "")
        + $" 対象 {l.Covers} {(l.Kind == LiabilityKind.Succession ? "死亡日" : "発生日")} {l.FromDate:yyyy-MM-dd}"
        + (l.DocumentId is { } d ? $" 納付通知書 発行番号 {d}" : "") + (l.Reference is null ? "" : $" 根拠 {l.Reference}");

    /// <summary>One liability in JSON.</summary>
    public static object Json(LiabilityLine l) => new
    {
        l.Id, kind = Word(l.Kind), kindName = l.KindName, taxpayerNo = l.PrimaryTaxpayerNo, personNo = l.PersonTaxpayerNo, personName = l.PersonName,
        share = l.Kind == LiabilityKind.Succession ? l.Share.ToString() : null, l.Position, l.Renounced, l.LimitedAcceptance, limit = l.LimitAmount,
        fromDate = CliContext.Date(l.FromDate), l.TaxKindCode, l.FiscalYear, l.NoticeNo, l.Representative, l.DocumentId, l.Reference,
    };
}
