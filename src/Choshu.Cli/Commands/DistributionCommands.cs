using System.CommandLine;
using System.Globalization;
using Choshu.App.Enforcement;
using Choshu.Data;
using Choshu.Domain.Enforcement;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu claim-for-distribution add|receive|end</c> (交付要求・参加差押, their money and their end), <c>choshu enforcement cost|show</c>
/// (滞納処分費 and the enforcement section of a case) and <c>choshu distribution compute|check</c> (the 配当計算 rule and the check of a statement
/// typed in, pure: no store). Recording is a 滞納処分 change of the case (the officer in charge or an approver, <c>--operator STAFFNO</c>);
/// a refusal is audited and exits 3, bad input exits 2 with a Japanese message.
/// </summary>
public static class DistributionCommands
{
    public static Command ClaimForDistribution(CliContext cli)
    {
        var group = new Command("claim-for-distribution", "交付要求・参加差押（他の執行機関への配当の要求。記録は担当者または承認者のみ）");
        group.Subcommands.Add(Add(cli));
        group.Subcommands.Add(Receive(cli));
        group.Subcommands.Add(End(cli));
        return group;
    }

    public static Command Enforcement(CliContext cli)
    {
        var group = new Command("enforcement", "滞納処分費と滞納処分（交付要求・破産・公売・配当）の記録");
        group.Subcommands.Add(Cost(cli));
        group.Subcommands.Add(Show(cli));
        group.Subcommands.Add(Accelerate(cli));
        group.Subcommands.Add(ProtectiveSeizure(cli));
        return group;
    }

    public static Command Distribution(CliContext cli)
    {
        var group = new Command("distribution", "配当計算（国税徴収法26条の二段階計算）と配当計算書の検算");
        group.Subcommands.Add(Compute(cli));
        group.Subcommands.Add(Check(cli));
        group.Subcommands.Add(Statement(cli));
        return group;
    }

    private static Option<bool> Json() => new("--json") { Description = "JSON で出力します" };

    private static DateOnly Date(string text, string option) => LateFeeCommand.ParseDate(text, option);

    private static Command Add(CliContext cli)
    {
        var n = new Argument<string>("N") { Description = "滞納者の宛名番号" };
        var kind = new Option<string>("--kind") { Description = "claim（交付要求）または participating（参加差押）", DefaultValueFactory = _ => "claim" };
        var bodyKind = new Option<string>("--body-kind") { Description = "court（執行裁判所）, tax-office（税務署）, city（他の地方団体）, trustee（破産管財人）, other", Required = true };
        var body = new Option<string>("--body") { Description = "執行機関名（例: 鹿児島地方裁判所）", Required = true };
        var sent = new Option<string>("--sent") { Description = "送付日 YYYY-MM-DD", Required = true };
        var received = new Option<string?>("--received") { Description = "執行機関の受付日 YYYY-MM-DD（交付要求の順位を決めます）" };
        var procedure = new Option<string?>("--procedure") { Description = "事件番号・滞納処分の表示" };
        var property = new Option<string?>("--property") { Description = "財産の表示（参加差押では必須）" };
        var pdfDir = new Option<string?>("--pdf-dir") { Description = "交付要求書・参加差押書の PDF を書き出すディレクトリ" };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("add", "交付要求・参加差押を記録し、交付要求書・参加差押書を作成します（滞納の全期別に時効の完成猶予の事績を記録）")
        { n, kind, bodyKind, body, sent, received, procedure, property, pdfDir, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            var k = parse.GetValue(kind) switch
            {
                "claim" => ClaimForDistributionKind.ClaimForDistribution,
                "participating" => ClaimForDistributionKind.ParticipatingSeizure,
                var x => throw new CliException($"--kind は claim または participating を指定してください（{x}）。"),
            };
            var b = parse.GetValue(bodyKind) switch
            {
                "court" => EnforcementBodyKind.Court,
                "tax-office" => EnforcementBodyKind.TaxOffice,
                "city" => EnforcementBodyKind.OtherMunicipality,
                "trustee" => EnforcementBodyKind.BankruptcyTrustee,
                "other" => EnforcementBodyKind.Other,
                var x => throw new CliException($"--body-kind は court, tax-office, city, trustee, other のいずれかです（{x}）。"),
            };
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var request = new ClaimForDistributionRequest(parse.GetValue(n)!, k, b, parse.GetValue(body)!, Date(parse.GetValue(sent)!, "--sent"),
                parse.GetValue(received) is { } r ? Date(r, "--received") : null, parse.GetValue(procedure), parse.GetValue(property));
            var (view, path) = await CaseCommands.Guard(() => new ClaimsForDistribution(db, cli.Clock).RecordAsync(actor, request, parse.GetValue(pdfDir), ct));
            if (parse.GetValue(json))
                cli.WriteJson(new
                {
                    id = view.Id, kind = view.KindName, body = view.BodyName, documentId = view.DocumentId, pdf = path, total = view.Total,
                    noticeDocumentId = view.NoticeDocumentId,
                    noticePdf = path is null || view.NoticeDocumentId is not { } nd ? null
                        : Path.Combine(Path.GetDirectoryName(path)!, ClaimsForDistribution.NoticeFileName(nd.ToString(CultureInfo.InvariantCulture))),
                    claims = view.Lines.Select(l => new { installmentId = l.InstallmentId, name = l.Name, legalDueOn = l.LegalDueOn, l.Principal, l.ReminderFee, l.LateFee }),
                });
            else
            {
                cli.Out.WriteLine($"{view.KindName} {view.Id}: {view.BodyKindName} {view.BodyName}、期別 {view.Lines.Count} 件 合計 {CliContext.Yen(view.Total)} 円（発行番号 {view.DocumentId}、"
                    + $"{ClaimsForDistribution.NoticeTitle(view.Kind)} 発行番号 {view.NoticeDocumentId}）");
                if (path is not null) cli.Out.WriteLine($"PDF: {path}");
                if (path is not null && view.NoticeDocumentId is { } nd)
                    cli.Out.WriteLine($"PDF: {Path.Combine(Path.GetDirectoryName(path)!, ClaimsForDistribution.NoticeFileName(nd.ToString(CultureInfo.InvariantCulture)))}");
            }
            return 0;
        });
        return cmd;
    }

    private static Command Receive(CliContext cli)
    {
        var id = new Argument<long>("ID") { Description = "交付要求・参加差押の記録番号" };
        var amount = new Option<long>("--amount") { Description = "受け入れた配当金・交付金（円）", Required = true };
        var date = new Option<string>("--date") { Description = "受入日 YYYY-MM-DD", Required = true };
        var reference = new Option<string>("--reference") { Description = "配当表・交付の通知の番号（同じ番号の再入力は二重計上しません）", Required = true };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("receive", "交付要求により受け入れた配当金を、滞納処分費、法定納期限等の古い期別の順に消し込みます（収入区分 7）") { id, amount, date, reference, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            App.Security.Actor actor;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var r = await CaseCommands.Guard(() => DistributionBooking.ReceiveAsync(cli.StoreFrom(parse), cli.Clock, actor, parse.GetValue(id), parse.GetValue(amount),
                Date(parse.GetValue(date)!, "--date"), parse.GetValue(reference)!, ct));
            if (parse.GetValue(json))
                cli.WriteJson(new { receiptId = r.ReceiptId, duplicate = r.Duplicate, amount = r.Amount, toCosts = r.ToCosts, overpaid = r.Overpaid,
                    claims = r.ToClaims.Select(c => new { installmentId = c.InstallmentId, name = c.Name, amount = c.Amount, paymentId = c.PaymentId }) });
            else if (r.Duplicate)
                cli.Out.WriteLine($"この配当金は受入 {r.ReceiptId} として記録済みです。二重計上はしていません。");
            else
            {
                cli.Out.WriteLine($"受入 {r.ReceiptId}: {CliContext.Yen(r.Amount)} 円 → 滞納処分費 {CliContext.Yen(r.ToCosts)} 円");
                foreach (var c in r.ToClaims) cli.Out.WriteLine($"  {c.Name} {CliContext.Yen(c.Amount)} 円（収納 {c.PaymentId}）");
                if (r.Overpaid > 0) cli.Out.WriteLine($"  うち過誤納 {CliContext.Yen(r.Overpaid)} 円");
            }
            return 0;
        });
        return cmd;
    }

    private static Command End(CliContext cli)
    {
        var id = new Argument<long>("ID") { Description = "交付要求・参加差押の記録番号" };
        var date = new Option<string>("--date") { Description = "終了日 YYYY-MM-DD（他の手続の終了した日）", Required = true };
        var reason = new Option<string>("--reason") { Description = "終了の理由（配当の実施、取下げ、破産手続の終結など）", Required = true };
        var op = CaseCommands.Operator();
        var cmd = new Command("end", "交付要求・参加差押の終了を記録します（期別の時効は翌日から新たに進行）") { id, date, reason, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var v = await CaseCommands.Guard(() => new ClaimsForDistribution(db, cli.Clock).EndAsync(actor, parse.GetValue(id), Date(parse.GetValue(date)!, "--date"),
                parse.GetValue(reason)!, ct));
            cli.Out.WriteLine($"{v.KindName} {v.Id} を {v.EndedOn:yyyy-MM-dd} に終了しました。");
            return 0;
        });
        return cmd;
    }

    private static Command Cost(CliContext cli)
    {
        var n = new Argument<string>("N") { Description = "滞納者の宛名番号" };
        var amount = new Option<long>("--amount") { Description = "滞納処分費（円）", Required = true };
        var purpose = new Option<string>("--purpose") { Description = "内容（登録免許税、鑑定費用、公告費用など）", Required = true };
        var date = new Option<string>("--date") { Description = "発生日 YYYY-MM-DD", Required = true };
        var op = CaseCommands.Operator();
        var cmd = new Command("cost", "滞納処分費を事案に記録します（配当金は市税より先に充てます）") { n, amount, purpose, date, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var c = await CaseCommands.Guard(() => new EnforcementRecords(db, cli.Clock).ChargeCostAsync(actor, parse.GetValue(n)!, parse.GetValue(amount),
                parse.GetValue(purpose)!, Date(parse.GetValue(date)!, "--date"), ct));
            cli.Out.WriteLine($"滞納処分費 {c.Id}: {c.Purpose} {CliContext.Yen(c.Amount)} 円（{c.IncurredOn:yyyy-MM-dd}）を記録しました。");
            return 0;
        });
        return cmd;
    }

    private static Command Show(CliContext cli)
    {
        var n = new Argument<string>("N") { Description = "滞納者の宛名番号" };
        var op = new Option<string?>("--operator") { Description = "操作する職員の職員番号（閲覧の権限を確認し操作ログに記録）" };
        var json = Json();
        var cmd = new Command("show", "事案の交付要求・滞納処分費・破産・公売・不服申立て・配当を表示します") { n, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = parse.GetValue(op) is { } staff ? await cli.OperatorAsync(db, staff, ct) : CliContext.SystemActor;
            var s = await CaseCommands.Guard(() => new EnforcementRecords(db, cli.Clock).ShowAsync(actor, parse.GetValue(n)!, ct));
            if (parse.GetValue(json))
            {
                cli.WriteJson(new
                {
                    claimsForDistribution = s.ClaimsForDistribution.Select(c => new { c.Id, kind = c.KindName, body = c.BodyName, c.SentOn, c.ReceivedOn, c.EndedOn, c.Total, c.Received }),
                    costs = new { charged = s.CostsCharged, paid = s.CostsPaid, outstanding = s.CostsOutstanding, items = s.Costs },
                    insolvencies = s.Insolvencies.Select(i => new { i.Id, kind = i.KindName, i.DecisionOn, i.DischargedOn, i.DissolvedOn,
                        claims = i.Claims.Select(c => new { c.InstallmentId, c.Name, c.DueOn, c.Owed, @class = c.ClassName }) }),
                    sales = s.Sales.Select(x => new { x.Id, x.Property, x.EstimatedPrice, x.Price, x.Stage, x.SeizureId }),
                    appeals = s.Appeals,
                    distributions = s.Distributions.Select(d => new { d.Id, d.SentOn, d.DistributeOn, d.ExecutedOn, d.CityShare, d.Surplus }),
                    notices = (s.Notices ?? []).Select(x => new { x.DocumentId, kind = x.KindName, x.On, x.NewDueOn, amount = x.ProtectiveAmount, x.ExpiresOn, x.Subject,
                        claims = x.Lines.Select(l => new { l.InstallmentId, l.Name, l.OriginalDueOn, l.NewDueOn }) }),
                });
                return 0;
            }
            cli.Out.WriteLine($"滞納処分費: 計 {CliContext.Yen(s.CostsCharged)} 円、充当済 {CliContext.Yen(s.CostsPaid)} 円、未納 {CliContext.Yen(s.CostsOutstanding)} 円");
            foreach (var c in s.ClaimsForDistribution)
                cli.Out.WriteLine($"{c.KindName} {c.Id}: {c.BodyName} 送付 {c.SentOn:yyyy-MM-dd} {(c.Pending ? "継続中" : $"終了 {c.EndedOn:yyyy-MM-dd}")} 要求額 {CliContext.Yen(c.Total)} 円 受入 {CliContext.Yen(c.Received)} 円");
            foreach (var i in s.Insolvencies)
                cli.Out.WriteLine($"{i.KindName} {i.Id}: 開始決定 {i.DecisionOn:yyyy-MM-dd} " + string.Join("、", i.Claims.Select(c => $"{c.Name} {c.ClassName}")));
            foreach (var x in s.Sales)
                cli.Out.WriteLine($"公売 {x.Id}: {x.Property} 見積価額 {CliContext.Yen(x.EstimatedPrice)} 円 {x.Stage}");
            foreach (var x in s.Notices ?? [])
                cli.Out.WriteLine(x.Kind == EnforcementNoticeKind.AcceleratedCollection
                    ? $"繰上徴収 {x.On:yyyy-MM-dd}（発行番号 {x.DocumentId}）: 納期限 {x.NewDueOn:yyyy-MM-dd} " + string.Join("、", x.Lines.Select(l => l.Name))
                    : $"保全差押 {x.On:yyyy-MM-dd}（発行番号 {x.DocumentId}）: {x.Subject} {CliContext.Yen(x.ProtectiveAmount ?? 0)} 円 期限 {x.ExpiresOn:yyyy-MM-dd}");
            foreach (var d in s.Distributions)
                cli.Out.WriteLine($"配当計算書 {d.Id}: 交付期日 {d.DistributeOn:yyyy-MM-dd} 本市 {CliContext.Yen(d.CityShare)} 円 残余金 {CliContext.Yen(d.Surplus)} 円{(d.ExecutedOn is null ? "" : " 配当済")}");
            return 0;
        });
        return cmd;
    }

    /// <summary>The installments of the taxpayer's notices <paramref name="noticeNos"/> (all periods; <paramref name="dueAfter"/>: only those due after it).</summary>
    private static async Task<IReadOnlyList<long>?> InstallmentsAsync(ChoshuDbContext db, string taxpayerNo, string[]? noticeNos, DateOnly? dueAfter, CancellationToken ct)
    {
        if (noticeNos is not { Length: > 0 }) return null;
        var no = taxpayerNo.Trim();
        var ids = new List<long>();
        foreach (var notice in noticeNos.Select(x => x.Trim()).Distinct())
        {
            var found = await db.Installments.AsNoTracking()
                .Where(i => i.Assessment!.NoticeNo == notice && db.Taxpayers.Any(t => t.Id == i.Assessment.TaxpayerId && t.TaxpayerNo == no))
                .Where(i => dueAfter == null || i.DueDate > dueAfter)
                .OrderBy(i => i.Period).Select(i => i.Id).ToListAsync(ct);
            if (found.Count == 0)
                throw new CliException($"--notice-no {notice}: 宛名番号 {no} の通知書番号 {notice} に" + (dueAfter is null ? "期別がありません。" : $"納期限が {dueAfter:yyyy-MM-dd} より後の期別がありません。"));
            ids.AddRange(found);
        }
        return ids;
    }

    private static Command Accelerate(CliContext cli)
    {
        var n = new Argument<string>("N") { Description = "納税者の宛名番号" };
        var on = new Option<string>("--on") { Description = "告知の日 YYYY-MM-DD", Required = true };
        var due = new Option<string>("--new-due") { Description = "繰上げ後の納期限 YYYY-MM-DD（告知の日以後、本来の納期限より前）", Required = true };
        var ground = new Option<int>("--ground") { Description = "理由: 地方税法13条の2第1項の号（1 強制換価手続の開始, 2 限定承認, 3 法人の解散, 4 信託の終了, 5 納税管理人なく国外転出, 6 不正行為）", Required = true };
        var detail = new Option<string?>("--detail") { Description = "理由の詳細（例: 鹿児島地方裁判所 令和8年(ケ)第123号 競売開始決定）" };
        var notices = new Option<string[]>("--notice-no") { Description = "繰り上げる通知書番号（複数可。省略時は納期限が繰上げ後の納期限より後の未納の全期別）", AllowMultipleArgumentsPerToken = false };
        var pdfDir = new Option<string?>("--pdf-dir") { Description = "繰上徴収告知書の PDF を書き出すディレクトリ" };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("accelerate", "繰上徴収（地方税法13条の2）: 期別の納期限を繰り上げ、繰上徴収告知書を作成します（翌日から督促なしに差押可能）")
        { n, on, due, ground, detail, notices, pdfDir, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            var newDue = Date(parse.GetValue(due)!, "--new-due");
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var ids = await InstallmentsAsync(db, parse.GetValue(n)!, parse.GetValue(notices), newDue, ct);
            var request = new AccelerationRequest(parse.GetValue(n)!, Date(parse.GetValue(on)!, "--on"), newDue, parse.GetValue(ground), parse.GetValue(detail), ids);
            var (v, path) = await CaseCommands.Guard(() => new EnforcementNotices(db, cli.Clock).AccelerateAsync(actor, request, parse.GetValue(pdfDir), ct));
            if (parse.GetValue(json))
                cli.WriteJson(new
                {
                    documentId = v.DocumentId, on = v.On, newDueOn = v.NewDueOn, ground = v.Ground, pdf = path,
                    claims = v.Lines.Select(l => new { installmentId = l.InstallmentId, name = l.Name, originalDueOn = l.OriginalDueOn, newDueOn = l.NewDueOn, amount = l.Amount }),
                });
            else
            {
                cli.Out.WriteLine($"繰上徴収告知書 発行番号 {v.DocumentId}: 期別 {v.Lines.Count} 件の納期限を {v.NewDueOn:yyyy-MM-dd} に繰り上げました。");
                foreach (var l in v.Lines) cli.Out.WriteLine($"  {l.Name} 本来の納期限 {l.OriginalDueOn:yyyy-MM-dd} → {l.NewDueOn:yyyy-MM-dd} {CliContext.Yen(l.Amount ?? 0)} 円");
                if (path is not null) cli.Out.WriteLine($"PDF: {path}");
            }
            return 0;
        });
        return cmd;
    }

    private static Command ProtectiveSeizure(CliContext cli)
    {
        var n = new Argument<string>("N") { Description = "納税義務があると認められる者の宛名番号" };
        var on = new Option<string>("--on") { Description = "通知の日 YYYY-MM-DD", Required = true };
        var amount = new Option<long>("--amount") { Description = "保全差押金額（円）", Required = true };
        var subject = new Option<string>("--subject") { Description = "対象の地方税（例: 令和8年度 法人市民税）", Required = true };
        var ground = new Option<string>("--ground") { Description = "理由（例: 不正に市税を免れた嫌疑による調査中、確定後では徴収不能のおそれ）", Required = true };
        var expires = new Option<string?>("--expires") { Description = "期限 YYYY-MM-DD（省略時は通知の日から6月を経過する日。国税徴収法159条）" };
        var notices = new Option<string[]>("--notice-no") { Description = "関係する通知書番号（複数可、省略可）", AllowMultipleArgumentsPerToken = false };
        var pdfDir = new Option<string?>("--pdf-dir") { Description = "保全差押金額通知書の PDF を書き出すディレクトリ" };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("protective-seizure", "保全差押（地方税法16条の4、国税徴収法159条の例）: 保全差押金額を記録し、保全差押金額通知書を作成します")
        { n, on, amount, subject, ground, expires, notices, pdfDir, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var ids = await InstallmentsAsync(db, parse.GetValue(n)!, parse.GetValue(notices), null, ct);
            var request = new ProtectiveSeizureRequest(parse.GetValue(n)!, Date(parse.GetValue(on)!, "--on"), parse.GetValue(amount), parse.GetValue(subject)!,
                parse.GetValue(ground)!, parse.GetValue(expires) is { } x ? Date(x, "--expires") : null, ids);
            var (v, path) = await CaseCommands.Guard(() => new EnforcementNotices(db, cli.Clock).ProtectiveSeizureAsync(actor, request, parse.GetValue(pdfDir), ct));
            if (parse.GetValue(json))
                cli.WriteJson(new
                {
                    documentId = v.DocumentId, on = v.On, amount = v.ProtectiveAmount, expiresOn = v.ExpiresOn, subject = v.Subject, ground = v.Ground, pdf = path,
                    claims = v.Lines.Select(l => new { installmentId = l.InstallmentId, name = l.Name }),
                });
            else
            {
                cli.Out.WriteLine($"保全差押金額通知書 発行番号 {v.DocumentId}: {v.Subject} 保全差押金額 {CliContext.Yen(v.ProtectiveAmount ?? 0)} 円 期限 {v.ExpiresOn:yyyy-MM-dd}");
                if (path is not null) cli.Out.WriteLine($"PDF: {path}");
            }
            return 0;
        });
        return cmd;
    }

    private static Command Compute(CliContext cli)
    {
        var proceeds = new Option<long>("--proceeds") { Description = "換価代金（円）", Required = true };
        var costs = new Option<long>("--costs") { Description = "滞納処分費（円）", DefaultValueFactory = _ => 0 };
        var taxes = new Option<string[]>("--tax")
        {
            Description = "租税 債権者:内容:金額:法定納期限等:区分（seizing または 交付要求の受付日 YYYY-MM-DD）。例: 税務署:国税:5000000:2006-08-31:seizing",
            AllowMultipleArgumentsPerToken = false,
        };
        var securities = new Option<string[]>("--security") { Description = "担保権 債権者:内容:金額:設定登記日。例: 銀行:抵当権:10000000:2006-06-30", AllowMultipleArgumentsPerToken = false };
        var unsecured = new Option<string[]>("--unsecured") { Description = "一般債権 債権者:金額（配当はありません）", AllowMultipleArgumentsPerToken = false };
        var json = Json();
        var cmd = new Command("compute", "換価代金の配当を計算します（滞納処分費、法定納期限等と設定登記日による順位、差押先着手・交付要求の受付順、残余金）")
        { proceeds, costs, taxes, securities, unsecured, json };
        cmd.SetAction((parse, _) =>
        {
            var t = (parse.GetValue(taxes) ?? []).Select(ParseTax).ToList();
            var s = (parse.GetValue(securities) ?? []).Select(ParseSecurity).ToList();
            var u = (parse.GetValue(unsecured) ?? []).Select(ParseUnsecured).ToList();
            var r = DistributionRule.Compute(new DistributionInput(parse.GetValue(proceeds), parse.GetValue(costs), t, s, u));
            if (parse.GetValue(json))
                cli.WriteJson(new
                {
                    proceeds = r.Proceeds, costs = r.CostsPaid, taxPool = r.TaxPool, surplus = r.Surplus,
                    taxes = r.Taxes.Select(x => new { creditor = x.Creditor, label = x.Label, claimed = x.Claimed, firstStep = x.FirstStep, allocated = x.Allocated }),
                    securities = r.Securities.Select(x => new { creditor = x.Creditor, label = x.Label, claimed = x.Claimed, allocated = x.Allocated }),
                    unsecured = r.Unsecured.Select(x => new { creditor = x.Creditor, claimed = x.Claimed, allocated = x.Allocated }),
                });
            else
            {
                cli.Out.WriteLine($"換価代金 {CliContext.Yen(r.Proceeds)} 円");
                cli.Out.WriteLine($"滞納処分費 {CliContext.Yen(r.CostsPaid)} 円");
                foreach (var x in r.Taxes) cli.Out.WriteLine($"租税 {x.Creditor} {x.Label}: 第一段階 {CliContext.Yen(x.FirstStep)} 円 → 配当 {CliContext.Yen(x.Allocated)} 円");
                foreach (var x in r.Securities) cli.Out.WriteLine($"担保権 {x.Creditor} {x.Label}: 配当 {CliContext.Yen(x.Allocated)} 円");
                foreach (var x in r.Unsecured) cli.Out.WriteLine($"一般債権 {x.Creditor}: 配当 0 円");
                cli.Out.WriteLine($"残余金 {CliContext.Yen(r.Surplus)} 円");
            }
            return Task.FromResult(0);
        });
        return cmd;
    }

    private static Command Check(CliContext cli)
    {
        var proceeds = new Option<long>("--proceeds") { Description = "換価代金（円）", Required = true };
        var parts = new Option<string[]>("--part") { Description = "配当計算書の内訳 内容=金額（滞納処分費・各債権者・残余金をすべて）", Required = true, AllowMultipleArgumentsPerToken = false };
        var cmd = new Command("check", "手入力の配当計算書の内訳の合計が換価代金と一致するか検算します") { proceeds, parts };
        cmd.SetAction((parse, _) =>
        {
            var list = (parse.GetValue(parts) ?? []).Select(p =>
            {
                var i = p.LastIndexOf('=');
                if (i <= 0 || !long.TryParse(p[(i + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var yen))
                    throw new CliException($"--part は 内容=金額（円、整数）で指定してください（{p}）。");
                return (p[..i].Trim(), yen);
            }).ToList();
            DistributionRule.CheckStatement(parse.GetValue(proceeds), list);
            cli.Out.WriteLine($"内訳の合計 {CliContext.Yen(list.Sum(x => x.Item2))} 円は換価代金と一致します。");
            return Task.FromResult(0);
        });
        return cmd;
    }

    private static Command Statement(CliContext cli)
    {
        var sale = new Argument<long>("SALE") { Description = "公売の記録番号（代金納付済み）" };
        var sent = new Option<string>("--sent") { Description = "配当計算書の発送日 YYYY-MM-DD（交付期日はその7日後）", Required = true };
        var taxes = new Option<string[]>("--tax") { Description = "他の租税（交付要求）債権者:内容:金額:法定納期限等:交付要求の受付日。例: 鹿児島税務署:申告所得税:300000:2026-03-15:2026-11-15", AllowMultipleArgumentsPerToken = false };
        var securities = new Option<string[]>("--security") { Description = "担保権 債権者:内容:金額:設定登記日", AllowMultipleArgumentsPerToken = false };
        var unsecured = new Option<string[]>("--unsecured") { Description = "一般債権 債権者:金額（配当はありません）", AllowMultipleArgumentsPerToken = false };
        var pdfDir = new Option<string?>("--pdf-dir") { Description = "配当計算書の PDF を書き出すディレクトリ" };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("statement", "公売の換価代金の配当計算書を作成し、発行を記録します（本市の期別は差押の租税、滞納処分費は事案の未納額）")
        { sale, sent, taxes, securities, unsecured, pdfDir, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            var request = new DistributionStatementRequest(parse.GetValue(sale), Date(parse.GetValue(sent)!, "--sent"),
                (parse.GetValue(taxes) ?? []).Select(ParseTax).ToList(), (parse.GetValue(securities) ?? []).Select(ParseSecurity).ToList(),
                (parse.GetValue(unsecured) ?? []).Select(ParseUnsecured).ToList());
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var (v, path) = await CaseCommands.Guard(() => new PublicSales(db, cli.Clock).StatementAsync(actor, request, parse.GetValue(pdfDir), ct));
            if (parse.GetValue(json))
                cli.WriteJson(new { id = v.Id, documentId = v.DocumentId, proceeds = v.Result.Proceeds, costs = v.Result.CostsPaid, cityShare = v.CityShare,
                    surplus = v.Surplus, sentOn = v.SentOn, distributeOn = v.DistributeOn, pdf = path });
            else
            {
                cli.Out.WriteLine($"配当計算書 {v.Id}（発行番号 {v.DocumentId}）: 換価代金 {CliContext.Yen(v.Result.Proceeds)} 円、滞納処分費 {CliContext.Yen(v.Result.CostsPaid)} 円、"
                    + $"本市 {CliContext.Yen(v.CityShare)} 円、残余金 {CliContext.Yen(v.Surplus)} 円、交付期日 {v.DistributeOn:yyyy-MM-dd}");
                if (path is not null) cli.Out.WriteLine($"PDF: {path}");
            }
            return 0;
        });
        return cmd;
    }

    private static string[] Fields(string text, int count, string option, string example)
    {
        var f = text.Split(':');
        return f.Length == count ? f : throw new CliException($"{option} は {example} の形式で指定してください（{text}）。");
    }

    private static long Yen(string text, string option) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new CliException($"{option}: 金額は円の整数で指定してください（{text}）。");

    private static DistributionTax ParseTax(string text)
    {
        var f = Fields(text, 5, "--tax", "債権者:内容:金額:法定納期限等:seizing|受付日");
        var seizing = f[4] == "seizing";
        return new DistributionTax(f[0], f[1], Yen(f[2], "--tax"), Date(f[3], "--tax"),
            seizing ? DistributionTaxStanding.Seizing : DistributionTaxStanding.ClaimForDistribution, seizing ? null : Date(f[4], "--tax"));
    }

    private static DistributionSecurity ParseSecurity(string text)
    {
        var f = Fields(text, 4, "--security", "債権者:内容:金額:設定登記日");
        return new DistributionSecurity(f[0], f[1], Yen(f[2], "--security"), Date(f[3], "--security"));
    }

    private static (string, long) ParseUnsecured(string text)
    {
        var f = Fields(text, 2, "--unsecured", "債権者:金額");
        return (f[0], Yen(f[1], "--unsecured"));
    }
}
