using System.CommandLine;
using Choshu.App.Cases;
using Choshu.Domain.Calendar;
using Choshu.Domain.Claims;
using Choshu.Domain.Labels;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu stay add|cancel</c>, <c>choshu deferment add|extend</c>, <c>choshu writeoff plan|approve|execute|cancel</c> and
/// <c>choshu report writeoffs</c>: the approver's decisions on a delinquent's claims (<see cref="CollectionMeasures"/>,
/// <see cref="WriteOffs"/>), in the name of a staff member (<c>--operator STAFFNO</c>). An illegal move exits 2 with the rule in
/// Japanese; a refused right (audited) exits 3.
/// </summary>
public static class MeasureCommands
{
    public static IEnumerable<Command> Create(CliContext cli)
    {
        var stay = new Command("stay", "執行停止（地方税法15条の7）の決定と取消（承認者）");
        stay.Subcommands.Add(StayAdd(cli));
        stay.Subcommands.Add(StayCancel(cli));
        yield return stay;
        var deferment = new Command("deferment", "猶予（徴収猶予・換価の猶予）の決定と延長（承認者）");
        deferment.Subcommands.Add(DefermentAdd(cli));
        deferment.Subcommands.Add(DefermentExtend(cli));
        yield return deferment;
        var writeoff = new Command("writeoff", "不納欠損: 計画（対象の一覧）、承認、執行、取消");
        writeoff.Subcommands.Add(WriteOffPlanCommand(cli));
        writeoff.Subcommands.Add(WriteOffApprove(cli));
        writeoff.Subcommands.Add(WriteOffExecute(cli));
        writeoff.Subcommands.Add(WriteOffCancel(cli));
        yield return writeoff;
    }

    private static Argument<string> TaxpayerNo() => new("N") { Description = "宛名番号" };

    private static Command StayAdd(CliContext cli)
    {
        var no = TaxpayerNo();
        var ground = new Option<int>("--ground") { Description = "事由: 1 無財産 / 2 生活の窮迫 / 3 所在及び財産不明（地方税法15条の7第1項各号）", Required = true };
        ground.AcceptOnlyFromAmong("1", "2", "3");
        var from = new Option<string>("--from") { Description = "執行停止の日（YYYY-MM-DD）", Required = true };
        var immediate = new Option<bool>("--immediate") { Description = "納付義務を直ちに消滅させる（同条第5項。事由1のみ）" };
        var reason = new Option<string>("--reason") { Description = "理由（記録と通知書に残ります）", Required = true };
        var notice = new Option<string?>("--notice") { Description = "この通知書番号の期別だけを停止します（既定: 滞納のすべての期別）" };
        var output = new Option<string?>("--output") { Description = "執行停止通知書（PDF）を書き出すディレクトリ（既定: ./notices）" };
        var op = CaseCommands.Operator();
        var cmd = new Command("add", "執行停止を決定し、執行停止通知書を作成します（承認者。滞納処分の停止期間の延滞金は免除）")
        {
            no, ground, from, immediate, reason, notice, output, op,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var request = new StayRequest((StayGround)parse.GetValue(ground), LateFeeCommand.ParseDate(parse.GetValue(from)!, "--from"),
                parse.GetValue(immediate), parse.GetValue(reason)!, parse.GetValue(notice));
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var r = await CaseCommands.Guard(() => new CollectionMeasures(db, cli.Clock)
                .StayAsync(actor, parse.GetValue(no)!, request, parse.GetValue(output) ?? "notices", ct));
            cli.Out.WriteLine($"宛名番号 {r.TaxpayerNo}: 執行停止（{JapaneseLabels.Of(request.Ground)}）{CliContext.Date(request.From)} から {r.Lines.Count} 件");
            foreach (var l in r.Lines)
                cli.Out.WriteLine($"  事績 {l.EventId,6}  {l.Installment.TaxKindName} {l.Installment.FiscalYear}年度 {l.Installment.NoticeNo} 第{l.Installment.Period}期"
                    + $"  本税 {CliContext.Yen(l.Principal)}  督促手数料 {CliContext.Yen(l.ReminderFee)}  延滞金 {CliContext.Yen(l.LateFee)}"
                    + (l.ExtinguishesOn is { } x ? $"  {(request.Immediate ? "即時消滅" : "消滅")} {CliContext.Date(request.Immediate ? x : x.AddDays(-1))}{(request.Immediate ? "" : " の終了")}" : ""));
            foreach (var s in r.SeizuresToRelease)
                cli.Out.WriteLine($"  要解除 差押 事績 {s.Id}（期別 {s.InstallmentId}、{CliContext.Date(s.On)} 執行）: 差押の解除を記録してください（claim event end {s.Id}）");
            foreach (var w in r.Warnings) cli.Err.WriteLine($"注意: {w}");
            cli.Out.WriteLine($"執行停止通知書: 発行番号 {r.DocumentId} {r.NoticePath}");
            return 0;
        });
        return cmd;
    }

    private static Command StayCancel(CliContext cli)
    {
        var no = TaxpayerNo();
        var on = new Option<string>("--on") { Description = "取消の日（YYYY-MM-DD。既定: 本日）" };
        var reason = new Option<string>("--reason") { Description = "取消の理由（停止の事由がなくなったこと）", Required = true };
        var output = new Option<string?>("--output") { Description = "執行停止取消通知書（PDF）を書き出すディレクトリ（既定: ./notices）" };
        var op = CaseCommands.Operator();
        var cmd = new Command("cancel", "執行停止を取り消し（地方税法15条の8）、執行停止取消通知書を作成します（承認者）") { no, on, reason, output, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var day = parse.GetValue(on) is { } d ? LateFeeCommand.ParseDate(d, "--on") : JapanTime.Today(cli.Clock);
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var r = await CaseCommands.Guard(() => new CollectionMeasures(db, cli.Clock)
                .CancelStayAsync(actor, parse.GetValue(no)!, day, parse.GetValue(reason)!, parse.GetValue(output) ?? "notices", ct));
            cli.Out.WriteLine($"宛名番号 {r.TaxpayerNo}: 執行停止を {CliContext.Date(day)} に取り消しました（{r.Lines.Count} 件）");
            cli.Out.WriteLine($"執行停止取消通知書: 発行番号 {r.DocumentId} {r.NoticePath}");
            return 0;
        });
        return cmd;
    }

    /// <summary>The --kind words of <c>deferment add</c>.</summary>
    public static IReadOnlyDictionary<string, DefermentKind> DefermentKinds => CollectionMeasures.DefermentKindWords;

    /// <summary>The --reason-code words of <c>deferment add</c>.</summary>
    public static IReadOnlyDictionary<string, DefermentReason> DefermentReasons => CollectionMeasures.DefermentReasonWords;

    private static Command DefermentAdd(CliContext cli)
    {
        var no = TaxpayerNo();
        var kind = new Option<string>("--kind") { Description = "collection（徴収猶予）|sale-application（換価の猶予・申請）|sale-city（換価の猶予・職権）", Required = true };
        kind.AcceptOnlyFromAmong([.. DefermentKinds.Keys]);
        var code = new Option<string?>("--reason-code") { Description = "徴収猶予の事由: disaster|illness|business-closure|business-loss|similar（徴収猶予では必須）" };
        code.AcceptOnlyFromAmong([.. DefermentReasons.Keys]);
        var from = new Option<string>("--from") { Description = "猶予期間の初日（YYYY-MM-DD）", Required = true };
        var to = new Option<string>("--to") { Description = "猶予期間の末日（1年以内）", Required = true };
        var reason = new Option<string>("--reason") { Description = "理由", Required = true };
        var security = new Option<string?>("--security") { Description = "担保の内容（100万円超かつ3か月超では必須）" };
        var schedule = new Option<string?>("--schedule") { Description = "分割納付の計画（例: 2026-01-31:50000,2026-02-28:50000）" };
        var notice = new Option<string?>("--notice") { Description = "この通知書番号の期別だけを猶予します" };
        var op = CaseCommands.Operator();
        var cmd = new Command("add", "猶予を決定します（承認者。徴収猶予中は督促・滞納処分をしない。換価の猶予は換価のみ停止）")
        {
            no, kind, code, from, to, reason, security, schedule, notice, op,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var request = new DefermentRequest(DefermentKinds[parse.GetValue(kind)!], parse.GetValue(code) is { } c ? DefermentReasons[c] : null,
                LateFeeCommand.ParseDate(parse.GetValue(from)!, "--from"), LateFeeCommand.ParseDate(parse.GetValue(to)!, "--to"), parse.GetValue(reason)!,
                parse.GetValue(security), parse.GetValue(schedule), parse.GetValue(notice));
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var r = await CaseCommands.Guard(() => new CollectionMeasures(db, cli.Clock).DeferAsync(actor, parse.GetValue(no)!, request, ct));
            cli.Out.WriteLine($"宛名番号 {r.TaxpayerNo}: {JapaneseLabels.Of(request.Kind)} {CliContext.Date(request.From)}〜{CliContext.Date(request.To)} {r.Lines.Count} 件");
            foreach (var l in r.Lines)
                cli.Out.WriteLine($"  事績 {l.EventId,6}  {l.Installment.TaxKindName} {l.Installment.FiscalYear}年度 {l.Installment.NoticeNo} 第{l.Installment.Period}期  本税 {CliContext.Yen(l.Principal)}");
            foreach (var w in r.Warnings) cli.Err.WriteLine($"注意: {w}");
            return 0;
        });
        return cmd;
    }

    private static Command DefermentExtend(CliContext cli)
    {
        var no = TaxpayerNo();
        var to = new Option<string>("--to") { Description = "延長後の末日（初日から通算2年以内）", Required = true };
        var reason = new Option<string>("--reason") { Description = "延長の理由", Required = true };
        var security = new Option<string?>("--security") { Description = "担保の内容" };
        var op = CaseCommands.Operator();
        var cmd = new Command("extend", "猶予期間を延長します（承認者。通算2年を超える延長は拒否）") { no, to, reason, security, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var day = LateFeeCommand.ParseDate(parse.GetValue(to)!, "--to");
            var r = await CaseCommands.Guard(() => new CollectionMeasures(db, cli.Clock)
                .ExtendDefermentAsync(actor, parse.GetValue(no)!, day, parse.GetValue(reason)!, parse.GetValue(security), ct));
            cli.Out.WriteLine($"宛名番号 {r.TaxpayerNo}: 猶予を {CliContext.Date(day)} まで延長しました（{r.Lines.Count} 件）");
            return 0;
        });
        return cmd;
    }

    private static Command WriteOffPlanCommand(CliContext cli)
    {
        var asOf = new Option<string?>("--as-of") { Description = "基準日（YYYY-MM-DD。既定: 本日）" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var op = CaseCommands.Operator(required: false);
        var cmd = new Command("plan", "不納欠損の計画: 基準日に徴収権が消滅している期別（時効・執行停止3年・即時消滅）を根拠と消滅日とともに一覧します") { asOf, json, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var day = parse.GetValue(asOf) is { } a ? LateFeeCommand.ParseDate(a, "--as-of") : JapanTime.Today(cli.Clock);
            var store = cli.StoreFrom(parse);
            await using (await cli.OpenReadyStoreAsync(parse, ct)) { }
            App.Security.Actor actor;
            await using (var db = store.CreateContext())
                actor = parse.GetValue(op) is { } s ? await cli.OperatorAsync(db, s, ct) : CliContext.SystemActor;
            var plan = await CaseCommands.Guard(() => new WriteOffs(store, cli.Clock).PlanAsync(actor, day, ct));
            Print(cli, plan, parse.GetValue(json));
            return 0;
        });
        return cmd;
    }

    private static Command WriteOffApprove(CliContext cli)
    {
        var asOf = new Option<string?>("--as-of") { Description = "基準日（YYYY-MM-DD。既定: 本日）" };
        var comment = new Option<string?>("--comment") { Description = "決裁の摘要" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var op = CaseCommands.Operator();
        var cmd = new Command("approve", "不納欠損の計画を承認して記録します（承認者。計画番号を表示）") { asOf, comment, json, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var day = parse.GetValue(asOf) is { } a ? LateFeeCommand.ParseDate(a, "--as-of") : JapanTime.Today(cli.Clock);
            var store = cli.StoreFrom(parse);
            App.Security.Actor actor;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var plan = await CaseCommands.Guard(() => new WriteOffs(store, cli.Clock).ApproveAsync(actor, day, parse.GetValue(comment), ct));
            Print(cli, plan, parse.GetValue(json));
            return 0;
        });
        return cmd;
    }

    private static Command WriteOffExecute(CliContext cli)
    {
        var plan = new Option<long>("--plan") { Description = "承認された計画の番号", Required = true };
        var op = CaseCommands.Operator();
        var cmd = new Command("execute", "承認された計画の不納欠損を執行します（仕訳と事績。再実行しても二重にはなりません）") { plan, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var store = cli.StoreFrom(parse);
            App.Security.Actor actor;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var r = await CaseCommands.Guard(() => new WriteOffs(store, cli.Clock).ExecuteAsync(actor, parse.GetValue(plan), ct));
            cli.Out.WriteLine($"計画 {r.PlanId}: {CliContext.Date(r.On)} 不納欠損 {r.Written.Count} 件 {CliContext.Yen(r.Written.Sum(l => l.Total))} 円、対象外 {r.Skipped.Count} 件");
            foreach (var l in r.Written) cli.Out.WriteLine($"  欠損  {Line(l)}");
            foreach (var (l, why) in r.Skipped) cli.Out.WriteLine($"  対象外 {Line(l)}  {why}");
            return 0;
        });
        return cmd;
    }

    private static Command WriteOffCancel(CliContext cli)
    {
        var installment = new Option<long>("--installment") { Description = "不納欠損を取り消す期別の番号（writeoff plan に表示される期別番号）", Required = true };
        var reason = new Option<string>("--reason") { Description = "取消の理由", Required = true };
        var op = CaseCommands.Operator();
        var cmd = new Command("cancel", "期別の不納欠損を取り消します（取消の仕訳を欠損の仕訳に紐付けて記録。承認者）") { installment, reason, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var store = cli.StoreFrom(parse);
            App.Security.Actor actor;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var r = await CaseCommands.Guard(() => new WriteOffs(store, cli.Clock).CancelAsync(actor, parse.GetValue(installment), parse.GetValue(reason)!, ct));
            var l = r.Written[0];
            cli.Out.WriteLine($"不納欠損（{CliContext.Date(l.ExtinguishedOn)} 執行、{JapaneseLabels.Of(l.Ground)}）を取り消しました: 期別 {l.InstallmentId} {l.TaxKindName} {l.FiscalYear}年度 {l.NoticeNo} 第{l.Period}期"
                + $"  本税 {CliContext.Yen(l.Principal)}  督促手数料 {CliContext.Yen(l.ReminderFee)}  延滞金 {CliContext.Yen(l.LateFee)}");
            return 0;
        });
        return cmd;
    }

    /// <summary><c>choshu report writeoffs</c>: written off by tax kind and ground in a period.</summary>
    public static Command WriteOffReport(CliContext cli)
    {
        var from = new Option<string>("--from") { Description = "期間の初日（YYYY-MM-DD）", Required = true };
        var to = new Option<string>("--to") { Description = "期間の末日（YYYY-MM-DD）", Required = true };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var op = CaseCommands.Operator(required: false);
        var cmd = new Command("writeoffs", "不納欠損額: 税目・根拠（時効・執行停止3年・即時消滅）別（取消分を除く）") { from, to, json, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var store = cli.StoreFrom(parse);
            App.Security.Actor actor;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                actor = parse.GetValue(op) is { } s ? await cli.OperatorAsync(db, s, ct) : CliContext.SystemActor;
            var rows = await CaseCommands.Guard(() => new WriteOffs(store, cli.Clock).ReportAsync(actor,
                LateFeeCommand.ParseDate(parse.GetValue(from)!, "--from"), LateFeeCommand.ParseDate(parse.GetValue(to)!, "--to"), ct));
            if (parse.GetValue(json))
            {
                cli.WriteJson(rows.Select(r => new
                {
                    taxKindCode = r.TaxKindCode, taxKindName = r.TaxKindName, ground = WriteOffs.Word(r.Ground), groundLabel = JapaneseLabels.Of(r.Ground),
                    claims = r.Claims, principal = r.Principal, reminderFee = r.ReminderFee, lateFee = r.LateFee,
                }).ToList());
                return 0;
            }
            cli.Out.WriteLine("税目                根拠              件数        本税    督促手数料      延滞金");
            foreach (var r in rows)
                cli.Out.WriteLine($"{r.TaxKindName,-16}  {JapaneseLabels.Of(r.Ground),-12}  {r.Claims,6}  {CliContext.Yen(r.Principal),12}  {CliContext.Yen(r.ReminderFee),10}  {CliContext.Yen(r.LateFee),10}");
            cli.Out.WriteLine($"合計 {rows.Sum(r => r.Claims)} 件  本税 {CliContext.Yen(rows.Sum(r => r.Principal))} 円");
            return 0;
        });
        return cmd;
    }

    private static string Line(WriteOffLine l) =>
        $"{l.InstallmentId,8}  {l.TaxpayerNo,-10} {l.TaxKindName} {l.FiscalYear}年度 {l.NoticeNo} 第{l.Period}期  {JapaneseLabels.Of(l.Ground)}  消滅 {CliContext.Date(l.ExtinguishedOn)}"
        + $"  本税 {CliContext.Yen(l.Principal)}  督促手数料 {CliContext.Yen(l.ReminderFee)}  延滞金 {CliContext.Yen(l.LateFee)}";

    private static void Print(CliContext cli, WriteOffPlanView plan, bool json)
    {
        if (json)
        {
            cli.WriteJson(new
            {
                planId = plan.Id, asOf = CliContext.Date(plan.AsOf), approvedBy = plan.ApprovedBy, approvedAtUtc = plan.ApprovedAtUtc, sha256 = plan.Sha256,
                count = plan.Lines.Count, total = plan.Total,
                lines = plan.Lines.Select(l => new
                {
                    installmentId = l.InstallmentId, taxpayerNo = l.TaxpayerNo, taxKindCode = l.TaxKindCode, taxKindName = l.TaxKindName, fiscalYear = l.FiscalYear,
                    noticeNo = l.NoticeNo, period = l.Period, ground = WriteOffs.Word(l.Ground), groundLabel = JapaneseLabels.Of(l.Ground),
                    extinguishedOn = CliContext.Date(l.ExtinguishedOn),
                    lastDay = CliContext.Date(new WriteOffCandidate(l.Ground, l.ExtinguishedOn).LastDay),
                    legalBasis = new WriteOffCandidate(l.Ground, l.ExtinguishedOn).LegalBasis,
                    principal = l.Principal, reminderFee = l.ReminderFee, lateFee = l.LateFee,
                }).ToList(),
            });
            return;
        }
        cli.Out.WriteLine(plan.Id is { } id
            ? $"不納欠損の計画 {id}（基準日 {CliContext.Date(plan.AsOf)}）を承認しました: {plan.ApprovedBy}  sha256 {plan.Sha256}"
            : $"不納欠損の計画（基準日 {CliContext.Date(plan.AsOf)}）");
        foreach (var l in plan.Lines) cli.Out.WriteLine($"  {Line(l)}");
        cli.Out.WriteLine($"合計 {plan.Lines.Count} 件 {CliContext.Yen(plan.Total)} 円"
            + string.Concat(plan.Lines.GroupBy(l => l.Ground).OrderBy(g => g.Key).Select(g => $"  {JapaneseLabels.Of(g.Key)} {g.Count()} 件")));
    }
}
