using System.CommandLine;
using System.Text;
using Choshu.App.Assessments;
using Choshu.App.Claims;
using Choshu.Domain.Calendar;
using Choshu.Domain.Claims;
using Choshu.Domain.Labels;
using Choshu.Domain.Ledger;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu claim event add|end|withdraw</c> and <c>choshu claim show</c>: the events of a claim (one installment) —
/// 告知, 督促, 催告, 承認, 差押, 交付要求, 猶予, 執行停止, 即時消滅, 不納欠損 — recorded in the name of a staff member
/// (<c>--operator STAFFNO</c>) through <see cref="ClaimEvents"/>, and the claim's due dates, events, status and lapse day.
/// An illegal move exits 2 with the rule in Japanese; a refused right (audited) exits 3.
/// </summary>
public static class ClaimCommands
{
    /// <summary>The --kind words and the event each records.</summary>
    public static readonly IReadOnlyDictionary<string, ClaimEventKind> Kinds = new Dictionary<string, ClaimEventKind>
    {
        ["notice"] = ClaimEventKind.Notice,
        ["reminder"] = ClaimEventKind.ReminderDispatched,
        ["reminder-returned"] = ClaimEventKind.ReminderReturned,
        ["public-notice"] = ClaimEventKind.ReminderServedByPublicNotice,
        ["demand"] = ClaimEventKind.Demand,
        ["acknowledgement"] = ClaimEventKind.Acknowledgement,
        ["seizure"] = ClaimEventKind.Seizure,
        ["claim-for-distribution"] = ClaimEventKind.ClaimForDistribution,
        ["deferment"] = ClaimEventKind.Deferment,
        ["stay"] = ClaimEventKind.Stay,
        ["immediate-extinction"] = ClaimEventKind.ImmediateExtinction,
        ["write-off"] = ClaimEventKind.WriteOff,
    };

    public static Command Create(CliContext cli)
    {
        var group = new Command("claim", "期別（徴収権）の事績と状態（督促・催告・承認・差押・猶予・執行停止・不納欠損、時効）");
        var events = new Command("event", "期別の事績を記録・終了・取消します（操作ログに記録）");
        events.Subcommands.Add(Add(cli));
        events.Subcommands.Add(End(cli));
        events.Subcommands.Add(Withdraw(cli));
        group.Subcommands.Add(events);
        group.Subcommands.Add(Show(cli));
        return group;
    }

    private sealed record Target(Option<string> NoticeNo, Option<short> Period, Option<string?> TaxKind, Option<int?> FiscalYear)
    {
        public static Target Create() => new(
            new Option<string>("--notice-no") { Description = "通知書番号", Required = true },
            new Option<short>("--period") { Description = "期（1, 2, …。随時は 0）", Required = true },
            new Option<string?>("--tax-kind") { Description = "税目コード（同じ通知書番号が複数の税目・年度にあるとき）" },
            new Option<int?>("--fiscal-year") { Description = "調定年度（同じ通知書番号が複数の税目・年度にあるとき）" });

        public void AddTo(Command c)
        {
            c.Options.Add(NoticeNo);
            c.Options.Add(Period);
            c.Options.Add(TaxKind);
            c.Options.Add(FiscalYear);
        }

        public Task<InstallmentRef> FindAsync(Data.ChoshuDbContext db, ParseResult parse, CancellationToken ct) =>
            InstallmentFinder.FindAsync(db, parse.GetValue(NoticeNo)!.Trim(), parse.GetValue(Period), parse.GetValue(TaxKind)?.Trim(), parse.GetValue(FiscalYear), ct);
    }

    private static Option<string?> Reason(string description, bool required = false) => new("--reason") { Description = description, Required = required };

    private static Command Add(CliContext cli)
    {
        var target = Target.Create();
        var kind = new Option<string>("--kind") { Description = "事績の種類: " + string.Join("|", Kinds.Keys), Required = true };
        kind.AcceptOnlyFromAmong([.. Kinds.Keys]);
        var on = new Option<string>("--on") { Description = "事績の日（発付日・発送日・署名日・執行日・開始日。YYYY-MM-DD）", Required = true };
        var endsOn = new Option<string?>("--ends-on") { Description = "期間の最終日（告知の納期限、猶予・分納誓約の最終日、差押の終了日など）" };
        var arrivedOn = new Option<string?>("--arrived-on") { Description = "催告の到達日（配達の記録で証明できるとき）" };
        var delivery = new Option<string?>("--delivery") { Description = "送達方法: " + Words<DeliveryMethod>() };
        var ground = new Option<string?>("--ground")
        {
            Description = $"猶予の種類 ({Words<DefermentKind>()})、執行停止の事由 ({Words<StayGround>()})、不納欠損の根拠 ({Words<WriteOffGround>()})、承認の形 ({Words<AcknowledgementForm>()})",
        };
        var reason = Reason("理由・摘要（即時消滅・不納欠損では必須）");
        var op = CaseCommands.Operator();
        var cmd = new Command("add", "期別に事績を記録します（執行停止・即時消滅・不納欠損・差押・交付要求・猶予は事案の担当者または承認者のみ）")
        {
            kind, on, endsOn, arrivedOn, delivery, ground, reason, op,
        };
        target.AddTo(cmd);
        cmd.SetAction(async (parse, ct) =>
        {
            var k = Kinds[parse.GetValue(kind)!];
            var request = new ClaimEventRequest(k, LateFeeCommand.ParseDate(parse.GetValue(on)!, "--on"),
                Date(parse.GetValue(endsOn), "--ends-on"), Date(parse.GetValue(arrivedOn), "--arrived-on"),
                parse.GetValue(delivery) is { } d ? ParseWord<DeliveryMethod>(d, "--delivery") : null,
                parse.GetValue(ground) is { } g ? Ground(k, g) : null,
                parse.GetValue(reason));
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var inst = await target.FindAsync(db, parse, ct);
            var e = await new ClaimEvents(db, cli.Clock).RecordAsync(actor, inst.InstallmentId, request, ct);
            cli.Out.WriteLine($"事績 {e.Id} を記録しました: 通知書番号 {inst.NoticeNo} 第{inst.Period}期 {ClaimEvents.Describe(e)}");
            return 0;
        });
        return cmd;
    }

    private static Command End(CliContext cli)
    {
        var id = new Argument<long>("ID") { Description = "終了する事績の番号（差押・交付要求・猶予・執行停止で終了日のないもの）" };
        var on = new Option<string>("--on") { Description = "終了日（差押の解除・取立・換価、猶予の終了、執行停止の取消の日。YYYY-MM-DD）", Required = true };
        var reason = Reason("終了の理由（記録に残ります）", required: true);
        var op = CaseCommands.Operator();
        var cmd = new Command("end", "期間の事績（差押・交付要求・猶予・執行停止）の終了を記録します（事案の担当者または承認者のみ）") { id, on, reason, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var endsOn = LateFeeCommand.ParseDate(parse.GetValue(on)!, "--on");
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var e = await new ClaimEvents(db, cli.Clock).EndAsync(actor, parse.GetValue(id), endsOn, parse.GetValue(reason), ct);
            cli.Out.WriteLine($"事績 {parse.GetValue(id)} の終了を事績 {e.Id} として記録しました: {ClaimEvents.Describe(e)}");
            return 0;
        });
        return cmd;
    }

    private static Command Withdraw(CliContext cli)
    {
        var id = new Argument<long>("ID") { Description = "取り消す事績の番号" };
        var reason = Reason("取消の理由（必須、記録に残ります）", required: true);
        var op = CaseCommands.Operator();
        var cmd = new Command("withdraw", "誤って記録した事績を取り消します（以後、時効・状態の判定に使いません）") { id, reason, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var e = await new ClaimEvents(db, cli.Clock).WithdrawAsync(actor, parse.GetValue(id), parse.GetValue(reason), ct);
            cli.Out.WriteLine($"事績 {parse.GetValue(id)} を取り消しました（取消の事績 {e.Id}）。");
            return 0;
        });
        return cmd;
    }

    private static Command Show(CliContext cli)
    {
        var target = Target.Create();
        var asOf = new Option<string?>("--as-of") { Description = "状態を判定する日（YYYY-MM-DD。既定: 本日）" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var op = CaseCommands.Operator(required: false);
        var cmd = new Command("show", "期別の納期限・法定納期限、事績、状態、時効の完成日（根拠の各段階）、差押可能日を表示します（参照は操作ログに記録）")
        {
            asOf, json, op,
        };
        target.AddTo(cmd);
        cmd.SetAction(async (parse, ct) =>
        {
            var day = parse.GetValue(asOf) is { } a ? LateFeeCommand.ParseDate(a, "--as-of") : JapanTime.Today(cli.Clock);
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = parse.GetValue(op) is { } staffNo ? await cli.OperatorAsync(db, staffNo, ct) : CliContext.SystemActor;
            var inst = await target.FindAsync(db, parse, ct);
            var view = await CaseCommands.Guard(() => new ClaimEvents(db, cli.Clock).ShowAsync(actor, inst.InstallmentId, day, ct));
            if (parse.GetValue(json)) cli.WriteJson(ToJson(view));
            else Print(cli, view);
            return 0;
        });
        return cmd;
    }

    private static string? D(DateOnly? d) => d is { } x ? CliContext.Date(x) : null;

    /// <summary>The JSON of <c>claim show --json</c> (docs/formats.md).</summary>
    public static object ToJson(ClaimView v) => new
    {
        taxpayerNo = v.TaxpayerNo,
        taxKindCode = v.Installment.TaxKindCode,
        taxKindName = v.Installment.TaxKindName,
        fiscalYear = v.Installment.FiscalYear,
        noticeNo = v.Installment.NoticeNo,
        period = v.Installment.Period,
        installmentId = v.Installment.InstallmentId,
        dueDate = CliContext.Date(v.Dates.DueDate),
        statutoryDueDate = CliContext.Date(v.Dates.StatutoryDueDate),
        asOf = CliContext.Date(v.AsOf),
        owed = v.Owed,
        status = v.Status.Kind.ToString(),
        statusLabel = JapaneseLabels.Of(v.Status.Kind),
        statusUntil = D(v.Status.Until),
        reminderOn = D(v.Status.ReminderOn),
        seizableFrom = D(v.Status.SeizableFrom),
        lapsesOn = D(v.Limitation.LapsesOn),
        lastCollectableDay = D(v.Limitation.LapsesOn?.AddDays(-1)),
        limitationLapsesOn = D(v.Limitation.LimitationLapsesOn),
        stayExtinguishesOn = D(v.Limitation.StayExtinguishesOn),
        steps = v.Limitation.Steps.Select(s => new
        {
            on = CliContext.Date(s.On),
            @event = s.Source is { } k ? k.ToString() : s.Effect == LimitationEffect.Start ? "StatutoryDueDate" : "Payment",
            eventId = s.EventId,
            effect = s.Effect.ToString(),
            firstCountedDay = D(s.FirstCountedDay),
            through = D(s.Through),
            note = s.Note,
        }).ToList(),
        events = v.Events.Select(e => new
        {
            id = e.Id,
            kind = e.Kind.ToString(),
            label = JapaneseLabels.Of(e.Kind),
            on = CliContext.Date(e.On),
            endsOn = D(e.EndsOn),
            arrivedOn = D(e.ArrivedOn),
            delivery = e.Delivery?.ToString(),
            ground = GroundName(e),
            reversesEventId = e.ReversesEventId,
            inForce = v.InForce.Contains(e.Id),
            actor = e.Actor,
            reason = e.Reason,
            recordedAtUtc = e.RecordedAtUtc,
        }).ToList(),
    };

    private static string? GroundName(ClaimEvent e) =>
        e.DefermentKind?.ToString() ?? e.StayGround?.ToString() ?? e.WriteOffGround?.ToString() ?? e.AcknowledgementForm?.ToString();

    private static void Print(CliContext cli, ClaimView v)
    {
        var o = cli.Out;
        var i = v.Installment;
        o.WriteLine($"宛名番号 {v.TaxpayerNo}  {i.TaxKindName} {i.FiscalYear}年度  通知書番号 {i.NoticeNo} 第{i.Period}期（{CliContext.Date(v.AsOf)} 現在）");
        o.WriteLine($"  納期限 {CliContext.Date(v.Dates.DueDate)}  法定納期限 {CliContext.Date(v.Dates.StatutoryDueDate)}  未納額 {CliContext.Yen(v.Owed)} 円");
        o.WriteLine($"  状態: {JapaneseLabels.Of(v.Status.Kind)}{(v.Status.Until is { } u ? $"（{CliContext.Date(u)} まで）" : "")}");
        o.WriteLine(v.Status.ReminderOn is { } r
            ? $"  督促: {CliContext.Date(r)} 発付、差押可能日 {CliContext.Date(v.Status.SeizableFrom)}"
            : "  督促: なし（差押可能日なし）");
        o.WriteLine("  事績:");
        if (v.Events.Count == 0) o.WriteLine("    なし");
        foreach (var e in v.Events)
            o.WriteLine($"    {e.Id,6}  {ClaimEvents.Describe(e)}{(e.ReversesEventId is { } rv ? $"  ← 事績 {rv} を{(e.Kind == ClaimEventKind.Withdrawal ? "取消" : "置換")}" : "")}"
                + $"{(v.InForce.Contains(e.Id) || e.Kind == ClaimEventKind.Withdrawal ? "" : "  （効力なし）")}  記録 {e.Actor}{(e.Reason is null ? "" : $"「{e.Reason}」")}");
        o.WriteLine("  時効:");
        foreach (var s in v.Limitation.Steps)
            o.WriteLine($"    {CliContext.Date(s.On)}  {s.Note}");
        o.WriteLine(v.Limitation.LapsesOn is { } l
            ? $"  徴収権は {CliContext.Date(l)} に消滅します（最終日 {CliContext.Date(l.AddDays(-1))}）。"
            : "  時効の完成日を特定できません（差押・交付要求の手続中、終了日未定の猶予など）。");
    }

    private static DateOnly? Date(string? text, string option) => text is null ? null : LateFeeCommand.ParseDate(text, option);

    /// <summary>The ground of an event of <paramref name="kind"/>: a word (kebab-case of the enum name) or its number.</summary>
    private static short Ground(ClaimEventKind kind, string text) => kind switch
    {
        ClaimEventKind.Deferment => (short)ParseWord<DefermentKind>(text, "--ground"),
        ClaimEventKind.Stay => (short)ParseWord<StayGround>(text, "--ground"),
        ClaimEventKind.WriteOff => (short)ParseWord<WriteOffGround>(text, "--ground"),
        ClaimEventKind.Acknowledgement => (short)ParseWord<AcknowledgementForm>(text, "--ground"),
        _ => throw new CliException($"--ground: {JapaneseLabels.Of(kind)}には根拠・種類を指定しません。"),
    };

    private static T ParseWord<T>(string text, string option) where T : struct, Enum
    {
        var t = text.Trim();
        foreach (var v in Enum.GetValues<T>())
            if (string.Equals(Kebab(v.ToString()), t, StringComparison.OrdinalIgnoreCase) || Convert.ToInt16(v, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture) == t)
                return v;
        throw new CliException($"{option}: 「{text}」は指定できません（{Words<T>()}）。");
    }

    private static string Words<T>() where T : struct, Enum => string.Join("|", Enum.GetValues<T>().Select(v => Kebab(v.ToString())));

    private static string Kebab(string name)
    {
        var b = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && b.Length > 0) b.Append('-');
            b.Append(char.ToLowerInvariant(c));
        }
        return b.ToString();
    }
}
