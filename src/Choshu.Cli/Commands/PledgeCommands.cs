using System.CommandLine;
using Choshu.App.Cases;
using Choshu.Domain.Cases;
using Choshu.Domain.Labels;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu pledge add|promise|show|check|cancel|complete|print|breach-letter</c>: promises and installment pledges (約束・分納誓約).
/// Recording, cancelling and completing are case updates (the officer in charge or an approver, <c>--operator STAFFNO</c>); a
/// refusal is audited and exits 3.
/// </summary>
public static class PledgeCommands
{
    public static Command Create(CliContext cli)
    {
        var group = new Command("pledge", "約束・分納誓約（記録・取消・完了は担当者または承認者のみ）");
        group.Subcommands.Add(Add(cli));
        group.Subcommands.Add(Promise(cli));
        group.Subcommands.Add(Show(cli));
        group.Subcommands.Add(Check(cli));
        group.Subcommands.Add(End(cli, "cancel", PledgeEventKind.Cancelled));
        group.Subcommands.Add(End(cli, "complete", PledgeEventKind.Completed));
        group.Subcommands.Add(Print(cli, "print", breach: false));
        group.Subcommands.Add(Print(cli, "breach-letter", breach: true));
        return group;
    }

    private static Argument<string> TaxpayerNo() => new("N") { Description = "宛名番号" };

    private static Argument<long> PledgeId() => new("ID") { Description = "分納誓約・約束の番号" };

    private static Option<string?> Claims() => new("--claims")
    {
        Description = "対象の期別の番号（カンマ区切り。省略時はその日に滞納となっている全期別を納期限の古い順に）",
    };

    private static Command Add(CliContext cli)
    {
        var n = TaxpayerNo();
        var schedule = new Option<string[]>("--schedule")
        {
            Description = "分納の予定 YYYY-MM-DD:金額（古い順に。例: --schedule 2026-01-31:30000 2026-02-28:30000）", Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var signed = new Option<string>("--signed") { Description = "納付誓約書の署名日（承認の日: 翌日から新たに時効が進行します）", Required = true };
        var claims = Claims();
        var note = new Option<string?>("--note") { Description = "備考" };
        var op = CaseCommands.Operator();
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("add", "分納誓約を記録します（署名日を承認として対象の全期別に記録）") { n, schedule, signed, claims, note, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var request = new PledgeRequest(parse.GetValue(n)!, PledgeKind.InstallmentPledge, LateFeeCommand.ParseDate(parse.GetValue(signed)!, "--signed"),
                PledgeRules.Parse(parse.GetValue(schedule) ?? []), ParseIds(parse.GetValue(claims)), parse.GetValue(note));
            var v = await CaseCommands.Guard(() => new Pledges(db, cli.Clock).AddAsync(actor, request, ct));
            Write(cli, v, parse.GetValue(json), recorded: true);
            return 0;
        });
        return cmd;
    }

    private static Command Promise(CliContext cli)
    {
        var n = TaxpayerNo();
        var on = new Option<string>("--on") { Description = "納付を約束した日（この日までに納付）", Required = true };
        var amount = new Option<long>("--amount") { Description = "約束した金額（円）", Required = true };
        var made = new Option<string?>("--made") { Description = "約束をした日（省略時は本日）" };
        var claims = Claims();
        var note = new Option<string?>("--note") { Description = "備考（電話・来庁など）" };
        var op = CaseCommands.Operator();
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("promise", "約束（金額と日付）を記録します") { n, on, amount, made, claims, note, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var madeOn = parse.GetValue(made) is { } m ? LateFeeCommand.ParseDate(m, "--made") : Domain.Calendar.JapanTime.Today(cli.Clock);
            var request = new PledgeRequest(parse.GetValue(n)!, PledgeKind.Promise, madeOn,
                [new PledgeInstalment(1, LateFeeCommand.ParseDate(parse.GetValue(on)!, "--on"), parse.GetValue(amount))], ParseIds(parse.GetValue(claims)), parse.GetValue(note));
            var v = await CaseCommands.Guard(() => new Pledges(db, cli.Clock).AddAsync(actor, request, ct));
            Write(cli, v, parse.GetValue(json), recorded: true);
            return 0;
        });
        return cmd;
    }

    private static Command Show(CliContext cli)
    {
        var id = PledgeId();
        var asOf = new Option<string?>("--as-of") { Description = "判定の基準日（省略時は本日）" };
        var op = CaseCommands.Operator(required: false);
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("show", "分納誓約・約束を表示します（各回の納付済・未納、不履行。参照は操作ログに記録）") { id, asOf, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = parse.GetValue(op) is { } staffNo ? await cli.OperatorAsync(db, staffNo, ct) : CliContext.SystemActor;
            var day = parse.GetValue(asOf) is { } a ? LateFeeCommand.ParseDate(a, "--as-of") : Domain.Calendar.JapanTime.Today(cli.Clock);
            var v = await CaseCommands.Guard(() => new Pledges(db, cli.Clock).ShowAsync(actor, parse.GetValue(id), day, ct));
            Write(cli, v, parse.GetValue(json), recorded: false);
            return 0;
        });
        return cmd;
    }

    private static Command Check(CliContext cli)
    {
        var asOf = new Option<string?>("--as-of") { Description = "判定の基準日（省略時は本日）" };
        var all = new Option<bool>("--all") { Description = "不履行のものだけでなく、すべての分納誓約・約束を表示します" };
        var officer = new Option<string?>("--officer") { Description = "担当者の職員番号で絞り込みます" };
        var op = CaseCommands.Operator(required: false);
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("check", "基準日に不履行となっている分納誓約・約束を一覧にします（猶予日数は設定 pledge.grace_days）") { asOf, all, officer, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = parse.GetValue(op) is { } staffNo ? await cli.OperatorAsync(db, staffNo, ct) : CliContext.SystemActor;
            var day = parse.GetValue(asOf) is { } a ? LateFeeCommand.ParseDate(a, "--as-of") : Domain.Calendar.JapanTime.Today(cli.Clock);
            var filter = new PledgeFilter(State: parse.GetValue(all) ? null : PledgeState.Breached, Officer: parse.GetValue(officer));
            var rows = await CaseCommands.Guard(() => new Pledges(db, cli.Clock).ListAsync(actor, day, filter, ct));
            if (parse.GetValue(json))
            {
                cli.WriteJson(new
                {
                    asOf = CliContext.Date(day),
                    pledges = rows.Select(r => new
                    {
                        r.Id, r.TaxpayerNo, kind = r.Kind == PledgeKind.Promise ? "promise" : "pledge", madeOn = CliContext.Date(r.MadeOn), officer = r.OfficerStaffNo,
                        state = State(r.Standing.State), breachedOn = Nullable(r.Standing.BreachedOn), missedInstalment = r.Standing.Missed?.No,
                        missedUnpaid = r.Standing.Missed?.Unpaid, total = r.Standing.Total, paid = r.Standing.Paid,
                        nextDueOn = Nullable(r.Standing.NextDueOn), nextDueAmount = r.Standing.NextDueAmount,
                    }),
                });
                return 0;
            }
            cli.Out.WriteLine($"{CliContext.Date(day)} 現在 {(parse.GetValue(all) ? "分納誓約・約束" : "不履行")} {rows.Count}件");
            foreach (var r in rows)
            {
                var s = r.Standing;
                cli.Out.WriteLine($"  {r.Id}  宛名番号 {r.TaxpayerNo}  {JapaneseLabels.Of(r.Kind)}  {JapaneseLabels.Of(s.State)}"
                    + (s.Missed is { } m ? $"  第{m.No}回（{CliContext.Date(m.DueOn)}）未納 {CliContext.Yen(m.Unpaid)}円  不履行日 {CliContext.Date(s.BreachedOn)}" : "")
                    + (s.NextDueOn is { } nd && s.Missed is null ? $"  次回 {CliContext.Date(nd)} {CliContext.Yen(s.NextDueAmount)}円" : "")
                    + $"  納付済 {CliContext.Yen(s.Paid)}／{CliContext.Yen(s.Total)}円  担当 {r.OfficerStaffNo ?? "未設定"}");
            }
            return 0;
        });
        return cmd;
    }

    private static Command End(CliContext cli, string name, PledgeEventKind kind)
    {
        var id = PledgeId();
        var reason = new Option<string>("--reason") { Description = "理由（必須、記録に残ります）", Required = true };
        var op = CaseCommands.Operator();
        var cmd = new Command(name, $"分納誓約・約束を{JapaneseLabels.Of(kind)}します（本日付、担当者または承認者のみ）") { id, reason, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var v = await CaseCommands.Guard(() => new Pledges(db, cli.Clock).EndAsync(actor, parse.GetValue(id), kind, parse.GetValue(reason), ct));
            cli.Out.WriteLine($"{JapaneseLabels.Of(v.Kind)} {v.Id}（宛名番号 {v.TaxpayerNo}）を{JapaneseLabels.Of(kind)}しました（納付済 {CliContext.Yen(v.Standing.Paid)}／{CliContext.Yen(v.Standing.Total)}円）。");
            return 0;
        });
        return cmd;
    }

    private static Command Print(CliContext cli, string name, bool breach)
    {
        var id = PledgeId();
        var output = new Option<string>("--out") { Description = "書き出す PDF のパス", Required = true };
        var op = CaseCommands.Operator();
        var title = breach ? "分納不履行通知書" : "納付誓約書（各回の納付書付き）";
        var cmd = new Command(name, $"{title}を PDF で印刷します（発行記録・操作ログに記録）") { id, output, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var forms = new PledgeForms(db, cli.Clock);
            var print = await CaseCommands.Guard(() => breach ? forms.PrintBreachLetterAsync(actor, parse.GetValue(id), ct) : forms.PrintFormAsync(actor, parse.GetValue(id), ct));
            await File.WriteAllBytesAsync(parse.GetValue(output)!, print.Pdf, ct);
            cli.Out.WriteLine($"{print.Data.Title}（発行番号 {print.DocumentId}、{print.Pages}ページ、納付書 {print.Data.Slips.Count}枚）を {parse.GetValue(output)} に書き出しました。");
            return 0;
        });
        return cmd;
    }

    private static void Write(CliContext cli, PledgeView v, bool json, bool recorded)
    {
        var s = v.Standing;
        if (json)
        {
            cli.WriteJson(new
            {
                v.Id, v.TaxpayerNo, kind = v.Kind == PledgeKind.Promise ? "promise" : "pledge", madeOn = CliContext.Date(v.MadeOn), v.GraceDays,
                asOf = CliContext.Date(s.AsOf), state = State(s.State), total = s.Total, paid = s.Paid,
                breachedOn = Nullable(s.BreachedOn), nextDueOn = Nullable(s.NextDueOn), nextDueAmount = s.NextDueAmount,
                instalments = s.Instalments.Select(i => new
                {
                    no = i.No, dueOn = CliContext.Date(i.DueOn), amount = i.Amount, deadline = CliContext.Date(i.Deadline), paid = i.Paid, unpaid = i.Unpaid, missed = i.Missed,
                }),
                claims = v.Claims.Select(c => new
                {
                    installmentId = c.Installment.InstallmentId, c.Installment.NoticeNo, period = c.Installment.Period, owed = c.Owed, acknowledgementEventId = c.ClaimEventId,
                    status = c.Status.ToString(), limitationLapsesOn = Nullable(c.LapsesOn),
                }),
            });
            return;
        }
        cli.Out.WriteLine($"{JapaneseLabels.Of(v.Kind)} {v.Id}{(recorded ? " を記録しました" : "")}  宛名番号 {v.TaxpayerNo}  {(v.Kind == PledgeKind.Promise ? "約束の日" : "誓約日")} {CliContext.Date(v.MadeOn)}");
        cli.Out.WriteLine($"  {CliContext.Date(s.AsOf)} 現在: {JapaneseLabels.Of(s.State)}  納付済 {CliContext.Yen(s.Paid)}／{CliContext.Yen(s.Total)}円  猶予 {v.GraceDays}日"
            + (s.BreachedOn is { } b ? $"  不履行日 {CliContext.Date(b)}" : ""));
        foreach (var i in s.Instalments)
            cli.Out.WriteLine($"  第{i.No}回 {CliContext.Date(i.DueOn)} {CliContext.Yen(i.Amount)}円  納付済 {CliContext.Yen(i.Paid)}円  未納 {CliContext.Yen(i.Unpaid)}円{(i.Missed ? "  不履行" : "")}");
        foreach (var c in v.Claims)
            cli.Out.WriteLine($"  対象 {c.Installment.Name}  未納 {CliContext.Yen(c.Owed)}円  {JapaneseLabels.Of(c.Status)}  時効 {CliContext.Date(c.LapsesOn)}");
    }

    private static string State(PledgeState s) => s switch
    {
        PledgeState.Active => "active",
        PledgeState.Breached => "breached",
        PledgeState.Fulfilled => "fulfilled",
        PledgeState.Cancelled => "cancelled",
        _ => "completed",
    };

    private static string? Nullable(DateOnly? d) => d is null ? null : CliContext.Date(d);

    private static IReadOnlyList<long>? ParseIds(string? text) => string.IsNullOrWhiteSpace(text) ? null
        : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => long.TryParse(t, out var v) ? v : throw new CliException($"--claims の「{t}」は期別の番号ではありません。")).ToList();
}
