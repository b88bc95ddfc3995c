using System.CommandLine;
using System.Globalization;
using Choshu.App.Cases;
using Choshu.Domain.Cases;
using Choshu.Domain.Labels;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu case show|log|flag|unflag|caution|open-due|district|worklist|lapsing</c>: the case file (滞納者カルテ), its log
/// (経過記録), 付箋 and 注意対象者, opening by the city's rule, the district table and the lists. N is a 宛名番号. Changes are
/// made in the name of <c>--operator STAFFNO</c> and pass the officer-only policy (a refusal exits 3, audited).
/// </summary>
public static class CaseFileCommands
{
    public static void AddTo(Command group, CliContext cli)
    {
        group.Subcommands.Add(Show(cli));
        group.Subcommands.Add(Log(cli));
        group.Subcommands.Add(Flag(cli));
        group.Subcommands.Add(Unflag(cli));
        group.Subcommands.Add(Caution(cli));
        group.Subcommands.Add(OpenDue(cli));
        group.Subcommands.Add(District(cli));
        group.Subcommands.Add(Worklist(cli));
        group.Subcommands.Add(Lapsing(cli));
        group.Subcommands.Add(CallCentreCommands.Create(cli));
    }

    private static Argument<string> TaxpayerNo() => new("N") { Description = "宛名番号" };

    private static DateOnly? Date(ParseResult parse, Option<string?> o, string name) =>
        parse.GetValue(o) is { } s ? LateFeeCommand.ParseDate(s, name) : null;

    private static Command Show(CliContext cli)
    {
        var no = new Argument<string?>("N") { Description = "宛名番号", Arity = ArgumentArity.ZeroOrOne };
        var taxpayer = new Option<string?>("--taxpayer") { Description = "宛名番号（位置引数の代わりに指定する場合）" };
        var op = CaseCommands.Operator(required: false);
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("show", "滞納者カルテ（事案・未納の全期別・時効・経過記録）を表示します（参照は操作ログに記録）") { no, taxpayer, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(no) ?? parse.GetValue(taxpayer) ?? throw new CliException("宛名番号を指定してください（choshu case show 宛名番号）。");
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = parse.GetValue(op) is { } staffNo ? await cli.OperatorAsync(db, staffNo, ct) : CliContext.SystemActor;
            var files = new CaseFiles(db, cli.Clock);
            var id = await files.FindIdAsync(n, ct) ?? throw new CliException($"宛名番号 {n} の滞納整理事案はありません（choshu case open で開始します）。");
            var f = await CaseCommands.Guard(() => files.LoadAsync(actor, id, ct));
            var c = f.Case;
            if (parse.GetValue(json))
            {
                cli.WriteJson(new
                {
                    c.Id, c.TaxpayerNo, name = f.Taxpayer.NameKanji, asOf = CliContext.Date(f.AsOf), districtCode = f.DistrictCode,
                    officer = c.OfficerStaffNo, officerName = c.OfficerName, c.DemandRunHold, c.DemandRunHoldReason,
                    openedOn = CliContext.Date(c.OpenedOn), closedOn = c.ClosedOn is null ? null : CliContext.Date(c.ClosedOn), c.UpdatedAtUtc, c.UpdatedBy,
                    claims = f.Claims.Select(Claim),
                    currentYear = Subtotal(f.CurrentYearTotal), carriedForward = Subtotal(f.CarriedForwardTotal), total = Subtotal(f.Total),
                    payments = f.Taxpayer.Payments.Select(p => new
                    {
                        paidOn = CliContext.Date(p.PaidOn), p.Amount, channel = JapaneseLabels.Of(p.Channel), installment = p.Installment?.Name, p.Reversed,
                    }),
                    notices = f.Notices.Select(x => new { x.DocumentId, kind = App.Notices.NoticeRuns.Label(x.Kind), asOf = CliContext.Date(x.AsOf),
                        dispatchedOn = x.DispatchedOn is null ? null : CliContext.Date(x.DispatchedOn), x.Amount, state = x.State }),
                    officers = f.Officers.Select(o => new { on = CliContext.Date(o.On), o.StaffNo, o.Name, o.By, o.Note }),
                    flags = f.Flags.Select(x => new { id = x.EventId, colour = JapaneseLabels.Of(x.Colour), x.Text, addedOn = CliContext.Date(x.AddedOn),
                        endsOn = x.EndsOn is null ? null : CliContext.Date(x.EndsOn), x.AddedBy }),
                    caution = f.Caution is { } m ? new { since = CliContext.Date(m.Since), m.SetBy, m.Reason } : null,
                    log = f.Log.Select(l => new
                    {
                        on = CliContext.Date(l.On), at = l.At?.ToString("HH:mm", CultureInfo.InvariantCulture), method = l.Method, l.Counterpart, l.Content,
                        l.NextAction, nextActionOn = l.NextActionOn is null ? null : CliContext.Date(l.NextActionOn), l.Source, l.By, id = l.EntryId,
                        corrects = l.CorrectsEntryId, correctedBy = l.CorrectedBy,
                    }),
                    liableFor = f.LiableFor.Select(x => new
                    {
                        kind = LiabilityCommands.Word(x.Line.Kind), kindName = x.Line.KindName, taxpayerNo = x.Line.PrimaryTaxpayerNo, name = x.Line.PrimaryName,
                        share = x.Line.Kind == Domain.Cases.LiabilityKind.Succession ? x.Line.Share.ToString() : null, x.Line.Renounced, x.Line.LimitedAcceptance,
                        limit = x.Line.LimitAmount, fromDate = CliContext.Date(x.Line.FromDate), x.Line.NoticeNo, x.Line.Representative, x.Chargeable, x.Note,
                        claims = x.Claims.Select(k => new { k.Name, dueDate = CliContext.Date(k.DueDate), k.Principal, k.ReminderFee, k.LateFee, k.Total,
                            sharePrincipal = k.SharePrincipal, shareReminderFee = k.ShareReminderFee, shareLateFee = k.ShareLateFee, shareTotal = k.ShareTotal }),
                    }),
                    othersLiable = f.OthersLiable.Select(LiabilityCommands.Json),
                });
                return 0;
            }
            var o = cli.Out;
            o.WriteLine($"滞納整理事案 {c.Id}  宛名番号 {c.TaxpayerNo}  {f.Taxpayer.NameKanji}（{f.AsOf:yyyy-MM-dd} 現在）");
            o.WriteLine($"  担当者: {(c.OfficerStaffNo is null ? "未設定" : $"{c.OfficerStaffNo} {c.OfficerName}")}");
            o.WriteLine($"  一斉催告停止: {(c.DemandRunHold ? "停止中" : "なし")}{(c.DemandRunHoldReason is null ? "" : $"（理由: {c.DemandRunHoldReason}）")}");
            o.WriteLine($"  開始日: {CliContext.Date(c.OpenedOn)}{(c.ClosedOn is null ? "" : $"  終了日: {CliContext.Date(c.ClosedOn)}")}");
            o.WriteLine($"  最終更新: {c.UpdatedBy}");
            if (f.Caution is { } caution) o.WriteLine($"  注意対象者: {caution.Reason}（{caution.Since:yyyy-MM-dd} {caution.SetBy}）");
            foreach (var flag in f.Flags)
                o.WriteLine($"  付箋[{flag.EventId}] {JapaneseLabels.Of(flag.Colour)}: {flag.Text}{(flag.EndsOn is { } e ? $"（{e:yyyy-MM-dd} まで）" : "")}");
            void Group(string title, IReadOnlyList<CaseFileClaim> claims, CaseFileSubtotal sub)
            {
                o.WriteLine($"{title}（{sub.Count}件）本税 {CliContext.Yen(sub.Principal)} 督促手数料 {CliContext.Yen(sub.ReminderFee)} 延滞金 {CliContext.Yen(sub.LateFee)} 計 {CliContext.Yen(sub.Total)}");
                foreach (var x in claims)
                    o.WriteLine($"  {x.Name} 納期限 {x.DueDate:yyyy-MM-dd} 本税 {CliContext.Yen(x.Principal)} 督促手数料 {CliContext.Yen(x.ReminderFee)} 延滞金 {CliContext.Yen(x.LateFee)}"
                                + $" 督促 {CliContext.Date(x.ReminderSentOn)} 差押可能 {CliContext.Date(x.SeizableFrom)} 時効 {CliContext.Date(x.LimitationLapsesOn)} {x.StateName}");
            }
            Group("滞納繰越分", f.CarriedForward, f.CarriedForwardTotal);
            Group("現年分", f.CurrentYear, f.CurrentYearTotal);
            o.WriteLine($"合計 本税 {CliContext.Yen(f.Total.Principal)} 督促手数料 {CliContext.Yen(f.Total.ReminderFee)} 延滞金 {CliContext.Yen(f.Total.LateFee)} 計 {CliContext.Yen(f.Total.Total)}");
            if (f.OthersLiable.Count > 0)
            {
                o.WriteLine($"この納税義務者の期別について納付義務を負う者（{f.OthersLiable.Count}人）");
                foreach (var l in f.OthersLiable) o.WriteLine("  " + LiabilityCommands.Text(l));
            }
            foreach (var x in f.LiableFor)
            {
                o.WriteLine($"{x.Line.KindName}: 宛名番号 {x.Line.PrimaryTaxpayerNo} {x.Line.PrimaryName} の{x.Line.Covers}（{x.Line.Extent}）  納付すべき額 {CliContext.Yen(x.Chargeable)}");
                o.WriteLine($"  {x.Note}");
                foreach (var k in x.Claims)
                    o.WriteLine($"  {k.Name} 納期限 {k.DueDate:yyyy-MM-dd} 残額 {CliContext.Yen(k.Total)}（本税 {CliContext.Yen(k.Principal)}）→ 負担 本税 {CliContext.Yen(k.SharePrincipal)}"
                                + $" 督促手数料 {CliContext.Yen(k.ShareReminderFee)} 延滞金 {CliContext.Yen(k.ShareLateFee)} 計 {CliContext.Yen(k.ShareTotal)}");
            }
            o.WriteLine($"経過記録（{f.Log.Count}件）");
            foreach (var l in f.Log.Take(20))
                o.WriteLine($"  {l.On:yyyy-MM-dd} {l.At?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "     "} {l.Method} {l.Source}{(l.EntryId is { } eid ? $"[{eid}]" : "")} {l.Counterpart} {l.Content}"
                            + (l.NextAction is null ? "" : $" → 次回: {l.NextAction} {CliContext.Date(l.NextActionOn)}") + (l.CorrectedBy is { } cb ? $"（{cb} で訂正）" : ""));
            return 0;
        });
        return cmd;
    }

    private static object Claim(CaseFileClaim x) => new
    {
        taxKind = x.TaxKindName, x.TaxKindCode, x.FiscalYear, x.NoticeNo, x.Period, x.CarriedForward,
        principal = x.Principal, reminderFee = x.ReminderFee, lateFee = x.LateFee, total = x.Total,
        dueDate = CliContext.Date(x.DueDate), statutoryDueDate = CliContext.Date(x.StatutoryDueDate),
        reminderSentOn = x.ReminderSentOn is null ? null : CliContext.Date(x.ReminderSentOn),
        seizableFrom = x.SeizableFrom is null ? null : CliContext.Date(x.SeizableFrom),
        limitationLapsesOn = x.LimitationLapsesOn is null ? null : CliContext.Date(x.LimitationLapsesOn),
        state = x.StateName, stateCode = x.State,
        limitationSteps = x.LimitationSteps.Select(s => new
        {
            on = CliContext.Date(s.On), @event = s.Event, effect = s.Effect, firstCountedDay = s.FirstCountedDay is null ? null : CliContext.Date(s.FirstCountedDay),
            through = s.Through is null ? null : CliContext.Date(s.Through), s.Note,
        }),
    };

    private static object Subtotal(CaseFileSubtotal s) => new { s.Count, principal = s.Principal, reminderFee = s.ReminderFee, lateFee = s.LateFee, total = s.Total };

    private static Command Log(CliContext cli)
    {
        var no = TaxpayerNo();
        var method = new Option<string>("--method") { Description = "方法（来庁・電話・臨戸・文書・メール・その他）", Required = true };
        var text = new Option<string>("--text") { Description = "内容", Required = true };
        var counterpart = new Option<string?>("--counterpart") { Description = "相手方（本人・家族・勤務先など）" };
        var next = new Option<string?>("--next-action") { Description = "次回の予定" };
        var nextOn = new Option<string?>("--next-on") { Description = "次回予定日 YYYY-MM-DD" };
        var on = new Option<string?>("--on") { Description = "経過の日付 YYYY-MM-DD（省略時は本日）" };
        var at = new Option<string?>("--at") { Description = "経過の時刻 HH:MM（省略時は現在）" };
        var corrects = new Option<long?>("--corrects") { Description = "訂正する経過記録の番号（元の記録は残り、訂正済と表示されます）" };
        var op = CaseCommands.Operator();
        var cmd = new Command("log", "経過記録を登録します（担当者または承認者のみ。記録は変更・削除できず、訂正は新しい記録で行います）")
            { no, method, text, counterpart, next, nextOn, on, at, corrects, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var m = CaseLogEntry.ParseMethod(parse.GetValue(method))
                ?? throw new CliException($"--method「{parse.GetValue(method)}」は使えません。来庁・電話・臨戸・文書・メール・その他 のいずれかを指定してください。");
            TimeOnly? time = null;
            if (parse.GetValue(at) is { } a)
                time = TimeOnly.TryParseExact(a, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t
                    : throw new CliException($"--at「{a}」は HH:MM の形で指定してください。");
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var n = parse.GetValue(no)!;
            var id = await CaseCommands.FindAsync(new CaseUpdates(db, cli.Clock), n, ct);
            var entry = await CaseCommands.Guard(() => new CaseLogs(db, cli.Clock).RecordAsync(actor, id,
                new CaseLogInput(m, parse.GetValue(text)!, parse.GetValue(counterpart), parse.GetValue(next), Date(parse, nextOn, "--next-on"),
                    Date(parse, on, "--on"), time, parse.GetValue(corrects)), ct));
            cli.Out.WriteLine($"経過記録 {entry.Id} を登録しました（宛名番号 {n}、{entry.ContactedOn:yyyy-MM-dd} {entry.ContactedTime:HH\\:mm} {JapaneseLabels.Of(entry.Method)}"
                              + (entry.CorrectsEntryId is { } c ? $"、{c} の訂正" : "") + "）。");
            return 0;
        });
        return cmd;
    }

    private static FlagColour ParseColour(string text) =>
        Enum.GetValues<FlagColour>().FirstOrDefault(c => JapaneseLabels.Of(c) == text.Trim() || string.Equals(c.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase)) is var c && c != 0
            ? c : throw new CliException($"--colour「{text}」は使えません。赤・黄・緑・青・紫 のいずれかを指定してください。");

    private static Command Flag(CliContext cli)
    {
        var no = TaxpayerNo();
        var colour = new Option<string>("--colour") { Description = "色（赤・黄・緑・青・紫）", Required = true };
        var text = new Option<string>("--text") { Description = "付箋の内容（100文字以内）", Required = true };
        var until = new Option<string?>("--until") { Description = "期限 YYYY-MM-DD（この日まで表示。省略時は外すまで）" };
        var op = CaseCommands.Operator();
        var cmd = new Command("flag", "付箋を貼ります（担当者または承認者のみ）") { no, colour, text, until, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var col = ParseColour(parse.GetValue(colour)!);
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var cases = new CaseUpdates(db, cli.Clock);
            var id = await CaseCommands.FindAsync(cases, parse.GetValue(no)!, ct);
            await CaseCommands.Guard(() => cases.AddFlagAsync(actor, id, col, parse.GetValue(text)!, Date(parse, until, "--until"), ct));
            cli.Out.WriteLine($"付箋（{JapaneseLabels.Of(col)}）を貼りました（宛名番号 {parse.GetValue(no)}）。");
            return 0;
        });
        return cmd;
    }

    private static Command Unflag(CliContext cli)
    {
        var no = TaxpayerNo();
        var flag = new Option<long>("--flag") { Description = "外す付箋の番号（case show に表示）", Required = true };
        var reason = new Option<string>("--reason") { Description = "外す理由", Required = true };
        var op = CaseCommands.Operator();
        var cmd = new Command("unflag", "付箋を外します（担当者または承認者のみ）") { no, flag, reason, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var cases = new CaseUpdates(db, cli.Clock);
            var id = await CaseCommands.FindAsync(cases, parse.GetValue(no)!, ct);
            await CaseCommands.Guard(() => cases.RemoveFlagAsync(actor, id, parse.GetValue(flag), parse.GetValue(reason)!, ct));
            cli.Out.WriteLine($"付箋 {parse.GetValue(flag)} を外しました。");
            return 0;
        });
        return cmd;
    }

    private static Command Caution(CliContext cli)
    {
        var no = TaxpayerNo();
        var reason = new Option<string>("--reason") { Description = "理由（担当者と承認者だけが見られます）", Required = true };
        var clear = new Option<bool>("--clear") { Description = "注意対象者を解除します（省略時は設定）" };
        var op = CaseCommands.Operator();
        var cmd = new Command("caution", "注意対象者を設定・解除します（担当者または承認者のみ。表示も担当者と承認者のみ）") { no, reason, clear, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var cases = new CaseUpdates(db, cli.Clock);
            var id = await CaseCommands.FindAsync(cases, parse.GetValue(no)!, ct);
            var set = !parse.GetValue(clear);
            await CaseCommands.Guard(() => cases.SetCautionAsync(actor, id, set, parse.GetValue(reason)!, ct));
            cli.Out.WriteLine($"注意対象者を{(set ? "設定" : "解除")}しました（宛名番号 {parse.GetValue(no)}）。");
            return 0;
        });
        return cmd;
    }

    private static Command OpenDue(CliContext cli)
    {
        var asOf = new Option<string?>("--as-of") { Description = "基準日 YYYY-MM-DD（省略時は本日）" };
        var dry = new Option<bool>("--dry-run") { Description = "対象を表示するだけで変更しません" };
        var op = CaseCommands.Operator();
        var cmd = new Command("open-due", "開始条件（設定 cases.open.*）に該当する納税義務者の事案を開始・再開し、地区担当表で担当者を割り当て、未納のない事案を終了します（承認者のみ）")
            { asOf, dry, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var day = Date(parse, asOf, "--as-of") ?? Domain.Calendar.JapanTime.Today(cli.Clock);
            var r = await CaseCommands.Guard(() => new CaseOpening(db, cli.Clock).RunAsync(actor, day, parse.GetValue(dry), ct));
            var o = cli.Out;
            o.WriteLine($"{day:yyyy-MM-dd} 開始条件: {r.Rule}  該当 {r.Qualifying}人{(r.DryRun ? "（確認のみ。変更していません）" : "")}");
            o.WriteLine($"  開始 {r.Opened.Count}件: {string.Join(" ", r.Opened)}");
            o.WriteLine($"  再開 {r.Reopened.Count}件: {string.Join(" ", r.Reopened)}");
            o.WriteLine($"  地区割当 {r.Assigned.Count}件: {string.Join(" ", r.Assigned)}");
            o.WriteLine($"  自動終了 {r.Closed.Count}件: {string.Join(" ", r.Closed)}");
            return 0;
        });
        return cmd;
    }

    private static Command District(CliContext cli)
    {
        var group = new Command("district", "地区担当表（地区コード → 担当者。設定は承認者のみ）");
        var code = new Argument<string>("地区コード") { Description = "地区コード" };
        var officer = new Option<string?>("--officer") { Description = "担当者の職員番号（省略するとその地区の割当を終了）" };
        var from = new Option<string?>("--from") { Description = "適用開始日 YYYY-MM-DD（省略時は本日）" };
        var op = CaseCommands.Operator();
        var set = new Command("set", "地区の担当者を設定します（承認者のみ）") { code, officer, from, op };
        set.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var day = Date(parse, from, "--from") ?? Domain.Calendar.JapanTime.Today(cli.Clock);
            var r = await CaseCommands.Guard(() => new DistrictRules(db, cli.Clock).SetAsync(actor, parse.GetValue(code)!, parse.GetValue(officer), day, ct));
            cli.Out.WriteLine($"地区 {r.DistrictCode} の担当者を {(r.OfficerStaffNo is null ? "なし" : $"{r.OfficerStaffNo} {r.OfficerName}")} にしました（{r.ValidFrom:yyyy-MM-dd} から）。");
            return 0;
        });
        var on = new Option<string?>("--on") { Description = "この日の担当表（省略時は本日）" };
        var list = new Command("list", "地区担当表を表示します") { on };
        list.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var day = Date(parse, on, "--on") ?? Domain.Calendar.JapanTime.Today(cli.Clock);
            foreach (var r in await new DistrictRules(db, cli.Clock).InForceAsync(day, ct))
                cli.Out.WriteLine($"{r.DistrictCode}\t{r.OfficerStaffNo}\t{r.OfficerName}\t{r.ValidFrom:yyyy-MM-dd}\t{r.SetBy}");
            return 0;
        });
        group.Subcommands.Add(set);
        group.Subcommands.Add(list);
        return group;
    }

    private static Command Worklist(CliContext cli)
    {
        var officer = new Option<string?>("--officer") { Description = "担当者の職員番号（省略時は --operator 本人）" };
        var sort = new Option<string?>("--sort") { Description = "並べ順: amount（金額）, lapse（時効）, contact（最終接触）" };
        var op = CaseCommands.Operator();
        var cmd = new Command("worklist", "担当者の事案一覧を表示します（参照は操作ログに記録）") { officer, sort, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var staffNo = parse.GetValue(officer) ?? parse.GetValue(op)!;
            var account = await CliContext.StaffAsync(db, staffNo, ct);
            var s = parse.GetValue(sort) switch
            {
                null or "amount" => WorklistSort.Amount,
                "lapse" => WorklistSort.Lapse,
                "contact" => WorklistSort.LastContact,
                var x => throw new CliException($"--sort「{x}」は使えません（amount, lapse, contact）。"),
            };
            var rows = await CaseCommands.Guard(() => new Worklists(db, cli.Clock).ForOfficerAsync(actor, account.AccountId, s, new WorklistFilter(), ct));
            foreach (var r in rows)
                cli.Out.WriteLine($"{r.TaxpayerNo}\t{r.Name}\t{CliContext.Yen(r.Owed)}\t{r.Claims}件\t時効 {CliContext.Date(r.OldestLapse)}\t最終接触 {CliContext.Date(r.LastContactOn)}");
            cli.Out.WriteLine($"{rows.Count}件");
            return 0;
        });
        return cmd;
    }

    private static Command Lapsing(CliContext cli)
    {
        var months = new Option<int>("--months") { Description = "何か月以内に時効を迎える期別か", DefaultValueFactory = _ => 6 };
        var op = CaseCommands.Operator();
        var cmd = new Command("lapsing", "時効到来予定の期別を担当者別に表示します（参照は操作ログに記録）") { months, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var rows = await CaseCommands.Guard(() => new Worklists(db, cli.Clock).LapsingAsync(actor, parse.GetValue(months), ct));
            foreach (var r in rows)
                cli.Out.WriteLine($"{r.OfficerStaffNo ?? "未設定"}\t{r.TaxpayerNo}\t{r.Name}\t{r.Claim}\t{CliContext.Yen(r.Principal)}\t{r.LapsesOn:yyyy-MM-dd}\t{r.State}");
            cli.Out.WriteLine($"{rows.Count}件");
            return 0;
        });
        return cmd;
    }
}
