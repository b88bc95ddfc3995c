using System.CommandLine;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu limitation --due D [--statutory-due D] [--reminder-sent D] [--acknowledged D]… [--demand D]…
/// [--seizure FROM[:TO]]… [--deferment FROM:TO]… [--stay FROM[:TO]] [--json]</c>: the one limitation rule
/// (<see cref="ClaimLimitation.Evaluate"/>) for staff and tests, with every step it took. Dates are taken as given (the
/// 納期限 after any holiday shift). A --demand date is the day the 催告 arrived; a --stay's TO is the day it was cancelled.
/// </summary>
public static class LimitationCommand
{
    public static Command Create(CliContext cli)
    {
        var due = new Option<string>("--due") { Description = "納期限（YYYY-MM-DD、休日繰下げ後）", Required = true };
        var statutory = new Option<string?>("--statutory-due") { Description = "法定納期限（既定: 納期限と同じ。随時・過年度・法人の申告分は法定の日）" };
        var reminder = new Option<string?>("--reminder-sent") { Description = "督促状を発した日（発付日）" };
        var acknowledged = new Option<string[]>("--acknowledged") { Description = "承認の日（分納誓約・納付誓約・一部納付・猶予の申請）。複数指定可", AllowMultipleArgumentsPerToken = false };
        var demand = new Option<string[]>("--demand") { Description = "催告書が到達した日。複数指定可", AllowMultipleArgumentsPerToken = false };
        var seizure = new Option<string[]>("--seizure") { Description = "差押（FROM[:TO]、TO は手続の終了日。省略は手続中）。複数指定可", AllowMultipleArgumentsPerToken = false };
        var deferment = new Option<string[]>("--deferment") { Description = "猶予（FROM:TO）。複数指定可", AllowMultipleArgumentsPerToken = false };
        var stay = new Option<string?>("--stay") { Description = "執行停止（FROM[:TO]、TO は取消日。省略は継続中）" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("limitation", "徴収権の時効（消滅時効・執行停止3年）を事績から計算します（地方税法18条・18条の2・15条の7、民法）")
        {
            due, statutory, reminder, acknowledged, demand, seizure, deferment, stay, json,
        };
        cmd.SetAction((parse, _) =>
        {
            var dueDate = LateFeeCommand.ParseDate(parse.GetValue(due)!, "--due");
            var statutoryDue = parse.GetValue(statutory) is { } s ? LateFeeCommand.ParseDate(s, "--statutory-due") : dueDate;
            var events = new List<ClaimEvent>();
            var money = new List<DateOnly>();
            void Add(ClaimEventKind kind, DateOnly on, DateOnly? endsOn = null, DateOnly? arrivedOn = null, short? ground = null, DeliveryMethod? delivery = null) =>
                events.Add(ClaimEvent.Of(events.Count + 1, kind, on, endsOn, arrivedOn, delivery, ground));

            if (parse.GetValue(reminder) is { } r) Add(ClaimEventKind.ReminderDispatched, LateFeeCommand.ParseDate(r, "--reminder-sent"));
            foreach (var a in parse.GetValue(acknowledged) ?? []) Add(ClaimEventKind.Acknowledgement, LateFeeCommand.ParseDate(a, "--acknowledged"));
            foreach (var d in parse.GetValue(demand) ?? [])
            {
                var arrived = LateFeeCommand.ParseDate(d, "--demand");
                Add(ClaimEventKind.Demand, arrived, arrivedOn: arrived, delivery: DeliveryMethod.RegisteredMail);
            }
            foreach (var z in parse.GetValue(seizure) ?? [])
            {
                var (from, to) = Period(z, "--seizure", toRequired: false);
                Add(ClaimEventKind.Seizure, from, to);
            }
            foreach (var z in parse.GetValue(deferment) ?? [])
            {
                var (from, to) = Period(z, "--deferment", toRequired: true);
                Add(ClaimEventKind.Deferment, from, to, ground: (short)DefermentKind.Collection);
            }
            if (parse.GetValue(stay) is { } st)
            {
                var (from, to) = Period(st, "--stay", toRequired: false);
                Add(ClaimEventKind.Stay, from, to, ground: (short)StayGround.NoProperty);
            }
            LimitationResult result;
            try
            {
                result = ClaimLimitation.Evaluate(new ClaimDates(dueDate, statutoryDue), events, money);
            }
            catch (Domain.DomainException ex)
            {
                throw new CliException(ex.Message);
            }
            if (parse.GetValue(json)) cli.WriteJson(ToJson(result, dueDate, statutoryDue));
            else Print(cli, result, dueDate, statutoryDue);
            return Task.FromResult(0);
        });
        return cmd;
    }

    private static (DateOnly From, DateOnly? To) Period(string text, string option, bool toRequired)
    {
        var parts = text.Split(':', 2);
        var from = LateFeeCommand.ParseDate(parts[0], option);
        DateOnly? to = parts.Length == 2 && parts[1].Trim().Length > 0 ? LateFeeCommand.ParseDate(parts[1], option) : null;
        if (toRequired && to is null) throw new CliException($"{option}: 「{text}」は FROM:TO（YYYY-MM-DD:YYYY-MM-DD）の形式で指定してください。");
        if (to < from) throw new CliException($"{option}: 終了日 {CliContext.Date(to!.Value)} が開始日 {CliContext.Date(from)} より前です。");
        return (from, to);
    }

    private static string? D(DateOnly? d) => d is { } x ? CliContext.Date(x) : null;

    public static object ToJson(LimitationResult r, DateOnly due, DateOnly statutoryDue) => new
    {
        dueDate = CliContext.Date(due),
        statutoryDueDate = CliContext.Date(statutoryDue),
        lapsesOn = D(r.LapsesOn),
        lastCollectableDay = D(r.LapsesOn?.AddDays(-1)),
        limitationLapsesOn = D(r.LimitationLapsesOn),
        stayExtinguishesOn = D(r.StayExtinguishesOn),
        events = r.Steps.Select(s => new
        {
            on = CliContext.Date(s.On),
            @event = s.Source is { } k ? k.ToString() : s.Effect == LimitationEffect.Start ? "StatutoryDueDate" : "Payment",
            effect = s.Effect.ToString(),
            firstCountedDay = D(s.FirstCountedDay),
            through = D(s.Through),
            note = s.Note,
        }).ToList(),
    };

    private static void Print(CliContext cli, LimitationResult r, DateOnly due, DateOnly statutoryDue)
    {
        var o = cli.Out;
        o.WriteLine($"納期限 {CliContext.Date(due)}、法定納期限 {CliContext.Date(statutoryDue)}");
        foreach (var s in r.Steps)
            o.WriteLine($"  {CliContext.Date(s.On)}  {s.Note}");
        o.WriteLine(r.LapsesOn is { } l
            ? $"徴収権は {CliContext.Date(l)} に消滅します（最終日 {CliContext.Date(l.AddDays(-1))}）。"
              + (r.StayExtinguishesOn == l && r.LimitationLapsesOn != l ? "（執行停止3年による消滅）" : "")
            : "時効の完成日を特定できません（差押・交付要求の手続中、終了日未定の猶予など）。");
    }
}
