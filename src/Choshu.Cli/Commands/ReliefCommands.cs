using System.CommandLine;
using Choshu.App.Cases;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu relief add|approve|cancel|list</c> and <c>choshu report relief</c>: 延滞金減免 by decision (<see cref="LateFeeWaivers"/>):
/// drafted by the officer in charge (or an approver) with the reason and the legal basis, decided by an approver other than the
/// drafter, booked as a journal entry; cancelled by an approver. In the name of a staff member (<c>--operator STAFFNO</c>).
/// </summary>
public static class ReliefCommands
{
    public static Command Create(CliContext cli)
    {
        var relief = new Command("relief", "延滞金減免: 起案（理由・根拠法令）、決裁（起案者以外の承認者）、取消");
        relief.Subcommands.Add(Add(cli));
        relief.Subcommands.Add(Approve(cli));
        relief.Subcommands.Add(Cancel(cli));
        relief.Subcommands.Add(List(cli));
        return relief;
    }

    private static Command Add(CliContext cli)
    {
        var no = new Argument<string>("N") { Description = "宛名番号" };
        var claim = new Option<long>("--claim") { Description = "期別の番号（case show に表示される期別番号）", Required = true };
        var amount = new Option<long?>("--amount") { Description = "減免する延滞金の額（円）" };
        var all = new Option<bool>("--all") { Description = "決裁の日の延滞金の全額を減免します" };
        var from = new Option<string?>("--from") { Description = "減免する期間の初日（YYYY-MM-DD。--to とともに）" };
        var to = new Option<string?>("--to") { Description = "減免する期間の末日" };
        var reason = new Option<string>("--reason") { Description = "減免の理由", Required = true };
        var basis = new Option<string>("--basis") { Description = "根拠法令のコード（choshu relief bases で一覧。一覧にないコードは --basis-text とともに）", Required = true };
        var basisText = new Option<string?>("--basis-text") { Description = "根拠法令の条項（一覧にないコードのとき必須）" };
        var op = CaseCommands.Operator();
        var cmd = new Command("add", "延滞金減免を起案します（事案の担当者または承認者）") { no, claim, amount, all, from, to, reason, basis, basisText, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var modes = (parse.GetValue(amount) is not null ? 1 : 0) + (parse.GetValue(all) ? 1 : 0) + (parse.GetValue(from) is not null || parse.GetValue(to) is not null ? 1 : 0);
            if (modes != 1) throw new CliException("--amount、--all、--from/--to のいずれか一つを指定してください。");
            var mode = parse.GetValue(amount) is not null ? LateFeeWaiverMode.Amount : parse.GetValue(all) ? LateFeeWaiverMode.All : LateFeeWaiverMode.Period;
            DateOnly? f = null, t = null;
            if (mode == LateFeeWaiverMode.Period)
            {
                if (parse.GetValue(from) is not { } fs || parse.GetValue(to) is not { } ts) throw new CliException("期間の減免には --from と --to の両方を指定してください。");
                (f, t) = (LateFeeCommand.ParseDate(fs, "--from"), LateFeeCommand.ParseDate(ts, "--to"));
            }
            var request = new LateFeeWaiverRequest(parse.GetValue(claim), mode, parse.GetValue(amount), f, t, parse.GetValue(reason)!, parse.GetValue(basis)!, parse.GetValue(basisText));
            var store = cli.StoreFrom(parse);
            App.Security.Actor actor;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var w = await CaseCommands.Guard(() => new LateFeeWaivers(store, cli.Clock).DraftAsync(actor, parse.GetValue(no)!, request, ct));
            cli.Out.WriteLine($"延滞金減免 {w.Id} を起案しました: {w.Installment.Name} {w.What}{(w.Mode == LateFeeWaiverMode.Amount ? " " + CliContext.Yen(w.Amount) + "円" : "")}（{w.BasisText}）");
            cli.Out.WriteLine($"決裁: choshu relief approve {w.Id} --operator 承認者（起案者以外）");
            return 0;
        });
        return cmd;
    }

    private static Command Approve(CliContext cli)
    {
        var id = new Argument<long>("ID") { Description = "延滞金減免の番号" };
        var op = CaseCommands.Operator();
        var cmd = new Command("approve", "延滞金減免を決裁し、減免の仕訳を記録します（起案者以外の承認者）") { id, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var store = cli.StoreFrom(parse);
            App.Security.Actor actor;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var w = await CaseCommands.Guard(() => new LateFeeWaivers(store, cli.Clock).DecideAsync(actor, parse.GetValue(id), ct));
            cli.Out.WriteLine($"延滞金減免 {w.Id} を決裁しました（{CliContext.Date(w.DecidedOn)}）: {w.Installment.Name} 減免額 {CliContext.Yen(w.Amount)}円 仕訳 {w.EntryId}");
            return 0;
        });
        return cmd;
    }

    private static Command Cancel(CliContext cli)
    {
        var id = new Argument<long>("ID") { Description = "延滞金減免の番号" };
        var reason = new Option<string>("--reason") { Description = "取消の理由", Required = true };
        var op = CaseCommands.Operator();
        var cmd = new Command("cancel", "延滞金減免を取り消します（決裁前は取下げ、決裁後は取消の仕訳。承認者）") { id, reason, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var store = cli.StoreFrom(parse);
            App.Security.Actor actor;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var w = await CaseCommands.Guard(() => new LateFeeWaivers(store, cli.Clock).CancelAsync(actor, parse.GetValue(id), parse.GetValue(reason)!, ct));
            cli.Out.WriteLine($"延滞金減免 {w.Id} を{w.StateName}としました: {w.Installment.Name}{(w.EntryId is null ? "" : $" {CliContext.Yen(w.Amount)}円 の減免を取り消し")}");
            return 0;
        });
        return cmd;
    }

    private static Command List(CliContext cli)
    {
        var cmd = new Command("bases", "延滞金減免の根拠法令の一覧（コードと条項）");
        cmd.SetAction(async (parse, ct) =>
        {
            await using (await cli.OpenReadyStoreAsync(parse, ct)) { }
            foreach (var b in await new LateFeeWaivers(cli.StoreFrom(parse), cli.Clock).BasesAsync(ct))
                cli.Out.WriteLine($"{b.Code,-10}  {b.Text}");
            return 0;
        });
        return cmd;
    }

    /// <summary><c>choshu report relief</c>: late fee relieved by tax kind in a period (decided, net of cancellations).</summary>
    public static Command Report(CliContext cli)
    {
        var from = new Option<string>("--from") { Description = "期間の初日（YYYY-MM-DD、決裁の日）", Required = true };
        var to = new Option<string>("--to") { Description = "期間の末日（YYYY-MM-DD）", Required = true };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var op = CaseCommands.Operator(required: false);
        var cmd = new Command("relief", "延滞金減免額: 税目別（取消分を除く）") { from, to, json, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var store = cli.StoreFrom(parse);
            App.Security.Actor actor;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                actor = parse.GetValue(op) is { } s ? await cli.OperatorAsync(db, s, ct) : CliContext.SystemActor;
            var rows = await CaseCommands.Guard(() => new LateFeeWaivers(store, cli.Clock).ReportAsync(actor,
                LateFeeCommand.ParseDate(parse.GetValue(from)!, "--from"), LateFeeCommand.ParseDate(parse.GetValue(to)!, "--to"), ct));
            if (parse.GetValue(json))
            {
                cli.WriteJson(rows.Select(r => new { taxKindCode = r.TaxKindCode, taxKindName = r.TaxKindName, count = r.Count, amount = r.Amount }).ToList());
                return 0;
            }
            cli.Out.WriteLine("税目                件数      減免額");
            foreach (var r in rows) cli.Out.WriteLine($"{r.TaxKindName,-16}  {r.Count,6}  {CliContext.Yen(r.Amount),10}");
            cli.Out.WriteLine($"合計 {rows.Sum(r => r.Count)} 件  {CliContext.Yen(rows.Sum(r => r.Amount))} 円");
            return 0;
        });
        return cmd;
    }
}
