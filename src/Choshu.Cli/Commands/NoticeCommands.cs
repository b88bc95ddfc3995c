using System.CommandLine;
using Choshu.App.Notices;
using Choshu.Data.Notices;
using Choshu.Domain.Calendar;
using Choshu.Domain.Claims;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu notices …</c>: 督促状・催告書・差押予告書 runs (preview with <c>--dry-run</c>, generate into <c>--out</c>: one PDF for
/// in-house printing and one data file for a print vendor, the run id printed), their dispatch (<c>dispatch RUN --on D</c>, the
/// legal 発付日: only then the claim events and reminder fees), cancellation before dispatch, printing again, returned mail and saved
/// condition sets. Acts as the system actor, or as a staff member with <c>--operator STAFFNO</c> (whose rights are checked).
/// </summary>
public static class NoticeCommands
{
    public static Command Create(CliContext cli)
    {
        var group = new Command("notices", "通知書（督促状・催告書・差押予告書）の一括作成・発送・取消・再印刷、返戻、抽出条件");
        group.Subcommands.Add(Reminders(cli));
        group.Subcommands.Add(Demands(cli, "demands", NoticeRunKinds.Demand, "催告書の一括作成（条件で抽出。--dry-run でプレビュー）"));
        group.Subcommands.Add(Demands(cli, "seizure-warnings", NoticeRunKinds.SeizureWarning, "差押予告書の一括作成（差押可能日を過ぎた期別のみ。--dry-run でプレビュー）"));
        group.Subcommands.Add(Debits(cli, "debit-failures", NoticeRunKinds.DebitFailure, "口座振替不能通知書の一括作成（取り込んだ振替結果ファイルの不能分。納付書付き）"));
        group.Subcommands.Add(Debits(cli, "debit-done", NoticeRunKinds.DebitDone, "口座振替済通知書の一括作成（取り込んだ振替結果ファイルの振替済分）"));
        group.Subcommands.Add(Dispatch(cli));
        group.Subcommands.Add(Cancel(cli));
        group.Subcommands.Add(Arrived(cli));
        group.Subcommands.Add(Print(cli));
        group.Subcommands.Add(Reprint(cli));
        group.Subcommands.Add(List(cli));
        group.Subcommands.Add(Returned(cli));
        group.Subcommands.Add(Conditions(cli));
        return group;
    }

    private static Option<string?> Op() => new("--operator") { Description = "操作する職員の職員番号（本人の確認が必要: 先に choshu login --operator 職員番号、または --prompt-credentials。省略時はシステム。権限を確認し操作ログに記録）" };
    private static Option<bool> Json() => new("--json") { Description = "JSON で出力します" };
    private static Option<string?> Date(string name, string description, bool required = false) => new(name) { Description = description, Required = required };

    private static async Task<App.Security.Actor> ActorAsync(CliContext cli, Data.ChoshuDbContext db, ParseResult parse, Option<string?> op, CancellationToken ct) =>
        parse.GetValue(op) is { } staff ? await cli.OperatorAsync(db, staff, ct) : CliContext.SystemActor;

    private static DateOnly? D(ParseResult parse, Option<string?> o, string name) => parse.GetValue(o) is { } s ? LateFeeCommand.ParseDate(s, name) : null;

    private static Command Reminders(CliContext cli)
    {
        var asOf = Date("--as-of", "基準日（YYYY-MM-DD）。この日までの収納を反映し、納期限を過ぎて未納の期別を抽出します", required: true);
        var dueFrom = Date("--due-from", "納期限の範囲の始め（省略: 制限なし）");
        var dueTo = Date("--due-to", "納期限の範囲の終わり（省略: 制限なし）");
        var deadline = Date("--deadline", "指定期限（納付書の支払期限。省略: 基準日 + slip.valid_days、休日は翌開庁日）");
        var layout = new Option<string?>("--layout") { Description = "用紙: a4|postcard|threefold（省略: 設定 notices.layout）" };
        var output = new Option<string?>("--out") { Description = "PDF と印刷委託データを書き出すフォルダ（省略: ./notices）" };
        var dryRun = new Option<bool>("--dry-run") { Description = "プレビューのみ（件数・金額・除外理由。何も記録しません）" };
        var json = Json();
        var op = Op();
        var command = new Command("reminders", "督促状の一括作成: 納期限までに完納されず督促状が未発付の期別（--dry-run でプレビュー）")
        { asOf, dueFrom, dueTo, deadline, layout, output, dryRun, json, op };
        command.SetAction(async (parse, ct) =>
        {
            var request = new ReminderRequest(D(parse, asOf, "--as-of")!.Value, D(parse, dueFrom, "--due-from"), D(parse, dueTo, "--due-to"),
                D(parse, deadline, "--deadline"), parse.GetValue(layout));
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await ActorAsync(cli, db, parse, op, ct);
            return await RunAsync(cli, db, actor, NoticeRunKinds.Reminder, (d, c) => ReminderSelection.PlanAsync(d, request, c),
                parse.GetValue(dryRun), parse.GetValue(output), parse.GetValue(json), ct);
        });
        return command;
    }

    private static Command Demands(CliContext cli, string name, string kind, string description)
    {
        var asOf = Date("--as-of", "基準日（YYYY-MM-DD）", required: true);
        var set = new Option<string?>("--condition-set") { Description = "保存した抽出条件の名前（指定した条件はこれに上書き）" };
        var taxKinds = new Option<string[]>("--tax-kind") { Description = "税目コード（複数可）", AllowMultipleArgumentsPerToken = true };
        var years = new Option<int[]>("--fiscal-year") { Description = "年度（複数可）", AllowMultipleArgumentsPerToken = true };
        var minAmount = new Option<long?>("--min-amount") { Description = "滞納本税の合計の下限（円）" };
        var maxAmount = new Option<long?>("--max-amount") { Description = "滞納本税の合計の上限（円）" };
        var districts = new Option<string[]>("--district") { Description = "地区コード（複数可）", AllowMultipleArgumentsPerToken = true };
        var officer = new Option<string?>("--officer") { Description = "担当者の職員番号（滞納整理の担当）" };
        var minDays = new Option<int?>("--min-days-overdue") { Description = "納期限からの経過日数の下限" };
        var unreminded = new Option<bool>("--include-unreminded") { Description = "督促状が発付されていない期別も含める（既定: 督促済みの期別のみ）" };
        var texts = new Option<string?>("--texts") { Description = "例文（カンマ区切り。過去の催告の回数で 1回目・2回目・3回目以降に使い分け）" };
        var delivery = new Option<string?>("--delivery") { Description = "送達方法: ordinary|recorded|registered|by-hand（既定: ordinary 普通郵便）" };
        var deadline = Date("--deadline", "指定期限（省略: 基準日 + slip.valid_days）");
        var layout = new Option<string?>("--layout") { Description = "用紙: a4|postcard|threefold" };
        var saveAs = new Option<string?>("--save-as") { Description = "この条件を名前を付けて保存します" };
        var output = new Option<string?>("--out") { Description = "PDF と印刷委託データを書き出すフォルダ（省略: ./notices）" };
        var dryRun = new Option<bool>("--dry-run") { Description = "プレビューのみ" };
        var json = Json();
        var op = Op();
        var command = new Command(name, description)
        { asOf, set, taxKinds, years, minAmount, maxAmount, districts, officer, minDays, unreminded, texts, delivery, deadline, layout, saveAs, output, dryRun, json, op };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await ActorAsync(cli, db, parse, op, ct);
            var setName = parse.GetValue(set);
            var c = setName is { } n ? DemandConditions.FromJson((await new NoticeConditionSets(db, cli.Clock).FindAsync(n, kind, ct)).Conditions) : new DemandConditions();
            if (parse.GetValue(taxKinds) is { Length: > 0 } k) c = c with { TaxKinds = k };
            if (parse.GetValue(years) is { Length: > 0 } y) c = c with { FiscalYears = y };
            if (parse.GetValue(minAmount) is { } lo) c = c with { MinAmount = lo };
            if (parse.GetValue(maxAmount) is { } hi) c = c with { MaxAmount = hi };
            if (parse.GetValue(districts) is { Length: > 0 } ds) c = c with { Districts = ds };
            if (parse.GetValue(officer) is { } o) c = c with { Officer = o };
            if (parse.GetValue(minDays) is { } md) c = c with { MinDaysOverdue = md };
            if (parse.GetValue(unreminded)) c = c with { OnlyReminded = false };
            c.Validate();
            if (parse.GetValue(saveAs) is { } save)
                await new NoticeConditionSets(db, cli.Clock).SaveAsync(actor, save, kind, c, ct);
            var request = new DemandRequest(kind, D(parse, asOf, "--as-of")!.Value, c,
                parse.GetValue(texts)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                parse.GetValue(saveAs) ?? setName, D(parse, deadline, "--deadline"), Delivery(parse.GetValue(delivery)), parse.GetValue(layout));
            return await RunAsync(cli, db, actor, kind, (d, x) => DemandSelection.PlanAsync(d, request, x),
                parse.GetValue(dryRun), parse.GetValue(output), parse.GetValue(json), ct);
        });
        return command;
    }

    private static Command Debits(CliContext cli, string name, string kind, string description)
    {
        var import = new Option<long>("--import") { Description = "振替結果を取り込んだ取込ファイル番号（import の結果に表示）", Required = true };
        var asOf = Date("--as-of", "基準日（YYYY-MM-DD）", required: true);
        var deadline = Date("--deadline", "指定期限（不能通知の納付書。省略: 基準日 + slip.valid_days）");
        var layout = new Option<string?>("--layout") { Description = "用紙: a4|postcard|threefold" };
        var output = new Option<string?>("--out") { Description = "PDF と印刷委託データを書き出すフォルダ（省略: ./notices）" };
        var dryRun = new Option<bool>("--dry-run") { Description = "プレビューのみ" };
        var json = Json();
        var op = Op();
        var command = new Command(name, description) { import, asOf, deadline, layout, output, dryRun, json, op };
        command.SetAction(async (parse, ct) =>
        {
            var request = new DebitNoticeRequest(kind, parse.GetValue(import), D(parse, asOf, "--as-of")!.Value, D(parse, deadline, "--deadline"), parse.GetValue(layout));
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await ActorAsync(cli, db, parse, op, ct);
            return await RunAsync(cli, db, actor, kind, (d, c) => DebitNoticeSelection.PlanAsync(d, request, c),
                parse.GetValue(dryRun), parse.GetValue(output), parse.GetValue(json), ct);
        });
        return command;
    }

    private static short? Delivery(string? word) => word switch
    {
        null => null,
        "ordinary" => (short)DeliveryMethod.OrdinaryMail,
        "recorded" => (short)DeliveryMethod.RecordedMail,
        "registered" => (short)DeliveryMethod.RegisteredMail,
        "by-hand" => (short)DeliveryMethod.ByHand,
        _ => throw new CliException($"--delivery「{word}」は使えません（ordinary|recorded|registered|by-hand）。"),
    };

    private static async Task<int> RunAsync(CliContext cli, Data.ChoshuDbContext db, App.Security.Actor actor, string kind,
        Func<Data.ChoshuDbContext, CancellationToken, Task<NoticePlan>> plan, bool dryRun, string? outDir, bool json, CancellationToken ct)
    {
        NoticePlan? shown = null;
        NoticeRun? run = null;
        NoticeRunFiles? files = null;
        var generateTime = TimeSpan.Zero;
        if (dryRun)
        {
            shown = await new NoticeRuns(db, cli.Clock).PreviewAsync(actor, kind, plan, ct);
        }
        else
        {
            var made = System.Diagnostics.Stopwatch.StartNew();
            run = await new NoticeRuns(db, cli.Clock).GenerateAsync(actor, kind, async (d, c) => shown = await plan(d, c), ct);
            generateTime = made.Elapsed;
            if (run is not null)
            {
                try
                {
                    files = await new NoticeFiles(db, cli.Clock).WriteAsync(actor, run.Id, outDir ?? "notices", json ? null : Progress(cli, run.LetterCount), ct);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The run is recorded (its letters are issued documents): the files can be written again from it, identically.
                    throw new CliException($"一括作成番号 {run.Id} は記録しましたが、ファイルを書き出せませんでした（{e.Message}）。" +
                        $"choshu notices print {run.Id} --out フォルダ で書き出してください（同じ内容になります）。");
                }
            }
        }
        var p = shown!;
        if (json)
        {
            cli.WriteJson(new
            {
                runId = run?.Id,
                kind,
                dryRun,
                asOf = CliContext.Date(p.AsOf),
                deadline = CliContext.Date(p.Deadline),
                letters = p.Letters.Count,
                items = p.ItemCount,
                totalAmount = p.TotalAmount,
                pastReminderWindow = p.PastReminderWindow,
                paymentsRecordedThrough = p.PaymentsRecordedThrough is { } through ? new DateTimeOffset(through, TimeSpan.Zero).ToOffset(JapanTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture) : null,
                byTaxKind = p.ByTaxKind().Select(t => new { taxKindCode = t.TaxKindCode, taxKindName = t.TaxKindName, letters = t.Letters, items = t.Items, principal = t.Principal, amount = t.Amount }),
                excluded = p.Excluded.Select(e => new
                {
                    taxpayerNo = e.TaxpayerNo, noticeNo = e.Installment?.NoticeNo, period = e.Installment?.Period, taxKindCode = e.Installment?.TaxKindCode,
                    fiscalYear = e.Installment?.FiscalYear, code = e.Code, reason = e.Reason,
                }),
                files = files is null ? null : new { pdf = files.PdfPath, pdfBytes = files.PdfBytes, pages = files.Pages, pdfSha256 = files.PdfSha256, vendor = files.VendorPath, vendorBytes = files.VendorBytes, vendorRows = files.VendorRows, vendorSha256 = files.VendorSha256,
                    generateSeconds = Math.Round(generateTime.TotalSeconds, 1), pdfSeconds = Math.Round(files.PdfTime.TotalSeconds, 1), vendorSeconds = Math.Round(files.VendorTime.TotalSeconds, 1) },
            });
            return 0;
        }
        var o = cli.Out;
        o.WriteLine($"{NoticeRuns.Label(kind)}{(dryRun ? "（プレビュー）" : "")}  基準日 {CliContext.Date(p.AsOf)}  指定期限 {CliContext.Date(p.Deadline)}");
        if (p.PaymentsRecordedThrough is { } seen)
            o.WriteLine($"収納データ     {new DateTimeOffset(seen, TimeSpan.Zero).ToOffset(JapanTime.Offset):yyyy-MM-dd HH:mm} までに取り込んだ収納を反映（速報のみの期別は除外）");
        o.WriteLine($"通数 {p.Letters.Count:#,0}  期別 {p.ItemCount:#,0}  合計 {CliContext.Yen(p.TotalAmount)} 円"
            + (p.PastReminderWindow > 0 ? $"  うち納期限後20日経過 {p.PastReminderWindow:#,0}" : ""));
        foreach (var t in p.ByTaxKind())
            o.WriteLine($"  {t.TaxKindCode} {t.TaxKindName}: {t.Letters:#,0}通 {t.Items:#,0}期別 本税 {CliContext.Yen(t.Principal)} 円 合計 {CliContext.Yen(t.Amount)} 円");
        if (p.Excluded.Count > 0)
        {
            o.WriteLine($"除外 {p.Excluded.Count:#,0}件:");
            foreach (var e in p.Excluded.Take(200))
                o.WriteLine($"  宛名番号 {e.TaxpayerNo}" + (e.Installment is { } i ? $" 通知書番号 {i.NoticeNo} 第{i.Period}期" : "") + $": {e.Reason}");
            if (p.Excluded.Count > 200) o.WriteLine($"  …ほか {p.Excluded.Count - 200:#,0}件（--json ですべて表示）");
        }
        if (run is null && !dryRun) o.WriteLine("対象がありません。何も作成していません。");
        if (run is not null)
        {
            o.WriteLine($"一括作成番号 {run.Id}（発送したら: choshu notices dispatch {run.Id} --on YYYY-MM-DD）");
            o.WriteLine($"PDF            {files!.PdfPath}（{files.Pages:#,0}頁 {files.PdfBytes:#,0} バイト）");
            o.WriteLine($"印刷委託データ {files.VendorPath}（{files.VendorRows:#,0}行 {files.VendorBytes:#,0} バイト）");
            o.WriteLine($"所要時間       抽出・記録 {generateTime.TotalSeconds:0.0} 秒、PDF {files.PdfTime.TotalSeconds:0.0} 秒（{Rate(run.LetterCount, files.PdfTime)} 通/秒）、"
                + $"印刷委託データ {files.VendorTime.TotalSeconds:0.0} 秒（{Rate(run.LetterCount, files.VendorTime)} 通/秒）");
        }
        return 0;
    }

    private static string Rate(int letters, TimeSpan t) => t.TotalSeconds <= 0 ? "-" : (letters / t.TotalSeconds).ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);

    private static IProgress<int> Progress(CliContext cli, int total) => new SyncProgress(n =>
    {
        if (n % 1000 == 0 || n == total) cli.Err.Write($"\r印刷中 {n:#,0} / {total:#,0} 通{(n == total ? "\n" : "")}");
    });

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    private static Command Dispatch(CliContext cli)
    {
        var run = new Argument<long>("RUN") { Description = "一括作成番号" };
        var on = Date("--on", "発付日（郵便局へ差し出した日。YYYY-MM-DD）", required: true);
        var json = Json();
        var op = Op();
        var command = new Command("dispatch", "発送（発付日）を記録します: 督促・催告の事績と督促手数料はここで記録されます") { run, on, json, op };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await ActorAsync(cli, db, parse, op, ct);
            var r = await new NoticeRuns(db, cli.Clock).DispatchAsync(actor, parse.GetValue(run), D(parse, on, "--on")!.Value, ct);
            if (parse.GetValue(json))
                cli.WriteJson(new { runId = r.RunId, dispatchedOn = CliContext.Date(r.On), sent = r.Sent, pulled = r.Pulled, events = r.Events, feesCharged = r.FeesCharged, pulledReasons = r.PulledReasons });
            else
            {
                cli.Out.WriteLine($"一括作成 {r.RunId}: 発付日 {CliContext.Date(r.On)}  発送 {r.Sent:#,0}通  抜き取り {r.Pulled:#,0}通  事績 {r.Events:#,0}件  督促手数料 {CliContext.Yen(r.FeesCharged)} 円");
                foreach (var why in r.PulledReasons) cli.Out.WriteLine("  抜き取り " + why);
            }
            return 0;
        });
        return command;
    }

    private static Command Cancel(CliContext cli)
    {
        var run = new Argument<long>("RUN") { Description = "一括作成番号" };
        var reason = new Option<string>("--reason") { Description = "取消の理由", Required = true };
        var op = Op();
        var command = new Command("cancel", "発送前の一括作成を取り消します（何も課金・記録されていません。対象の期別は再び抽出されます）") { run, reason, op };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await ActorAsync(cli, db, parse, op, ct);
            var r = await new NoticeRuns(db, cli.Clock).CancelAsync(actor, parse.GetValue(run), parse.GetValue(reason)!, ct);
            cli.Out.WriteLine($"一括作成 {r.Id}（{NoticeRuns.Label(r.Kind)} {r.LetterCount:#,0}通）を取り消しました。");
            return 0;
        });
        return command;
    }

    private static Command Arrived(CliContext cli)
    {
        var document = new Argument<long>("DOCUMENT") { Description = "催告書・差押予告書の発行番号" };
        var on = Date("--on", "到達日（配達証明・交付送達の記録による。YYYY-MM-DD）", required: true);
        var op = Op();
        var command = new Command("arrived", "催告書の到達日を記録します（時効の完成猶予は到達から6か月。到達の記録がない催告は猶予しません）") { document, on, op };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await ActorAsync(cli, db, parse, op, ct);
            var n = await new NoticeRuns(db, cli.Clock).RecordArrivalAsync(actor, parse.GetValue(document), D(parse, on, "--on")!.Value, ct);
            cli.Out.WriteLine($"発行番号 {parse.GetValue(document)} の催告書の到達日 {CliContext.Date(D(parse, on, "--on"))} を記録しました（{n}期別）。");
            return 0;
        });
        return command;
    }

    private static Command Print(CliContext cli)
    {
        var run = new Argument<long>("RUN") { Description = "一括作成番号" };
        var output = new Option<string?>("--out") { Description = "書き出すフォルダ（省略: ./notices）" };
        var op = Op();
        var command = new Command("print", "一括作成の PDF と印刷委託データを保存された内容から書き出します（同じ内容。操作ログに記録）") { run, output, op };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await ActorAsync(cli, db, parse, op, ct);
            var runs = new NoticeRuns(db, cli.Clock);
            var head = await runs.FindAsync(parse.GetValue(run), ct);
            var f = await new NoticeFiles(db, cli.Clock).WriteAsync(actor, head.Id, parse.GetValue(output) ?? "notices", Progress(cli, head.LetterCount), ct);
            cli.Out.WriteLine($"PDF            {f.PdfPath}（{f.Pages:#,0}頁 SHA-256 {f.PdfSha256}）");
            cli.Out.WriteLine($"印刷委託データ {f.VendorPath}（{f.VendorRows:#,0}行 SHA-256 {f.VendorSha256}）");
            return 0;
        });
        return command;
    }

    private static Command Reprint(CliContext cli)
    {
        var document = new Argument<long>("DOCUMENT") { Description = "再印刷する通知書の発行番号" };
        var purpose = new Option<string?>("--purpose") { Description = "再印刷の目的（操作ログと発行記録に残ります）" };
        var output = new Option<string?>("--out") { Description = "書き出すフォルダ（省略: ./notices）" };
        var json = Json();
        var op = Op();
        var command = new Command("reprint", "通知書1通を保存された元データから同じ内容で再印刷します（再印刷として発行記録・操作ログに記録）")
        { document, purpose, output, json, op };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await ActorAsync(cli, db, parse, op, ct);
            var dir = parse.GetValue(output) ?? "notices";
            Directory.CreateDirectory(dir);
            var tmp = Path.Combine(dir, $".reprint-{Guid.NewGuid():N}.part");
            NoticeReprint r;
            try
            {
                await using (var f = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
                    r = await new NoticeReprints(db, cli.Clock).ReprintAsync(actor, parse.GetValue(document), parse.GetValue(purpose), f, ct);
            }
            catch
            {
                File.Delete(tmp);
                throw;
            }
            var path = Path.Combine(dir, r.File.FileName.Replace("-reprint.pdf", $"-reprint-{r.DocumentId}.pdf", StringComparison.Ordinal));
            File.Move(tmp, path, overwrite: true);
            if (parse.GetValue(json))
                cli.WriteJson(new { documentId = r.DocumentId, reprintOf = r.OriginalId, runId = r.RunId, kind = r.Kind, pdf = path, pages = r.File.Count, pdfBytes = r.File.Bytes, pdfSha256 = r.File.Sha256 });
            else
                cli.Out.WriteLine($"{NoticeRuns.Label(r.Kind)} 発行番号 {r.OriginalId} を再印刷しました（再印刷の発行番号 {r.DocumentId}）: {path}（{r.File.Count}頁）");
            return 0;
        });
        return command;
    }

    private static Command List(CliContext cli)
    {
        var json = Json();
        var command = new Command("list", "一括作成の一覧（新しい順）") { json };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var runs = await new NoticeRuns(db, cli.Clock).ListAsync(ct: ct);
            if (parse.GetValue(json))
            {
                cli.WriteJson(runs.Select(r => new
                {
                    runId = r.Id, kind = r.Kind, asOf = CliContext.Date(r.AsOf), deadline = CliContext.Date(r.SlipDeadline), letters = r.LetterCount, items = r.ItemCount,
                    totalAmount = r.TotalAmount, state = State(r), dispatchedOn = CliContext.Date(r.DispatchedOn), createdBy = r.CreatedBy,
                }));
                return 0;
            }
            foreach (var r in runs)
                cli.Out.WriteLine($"{r.Id,6}  {NoticeRuns.Label(r.Kind),-8} 基準日 {CliContext.Date(r.AsOf)}  {r.LetterCount,7:#,0}通  {CliContext.Yen(r.TotalAmount),14} 円  {StateLabel(r)}");
            return 0;
        });
        return command;
    }

    private static string State(NoticeRun r) => r.CancelledAtUtc is not null ? "cancelled" : r.DispatchedOn is not null ? "dispatched" : "generated";

    private static string StateLabel(NoticeRun r) => r.CancelledAtUtc is not null ? $"取消（{r.CancelReason}）"
        : r.DispatchedOn is { } d ? $"発送済（発付日 {CliContext.Date(d)}）" : "作成済（未発送）";

    private static Command Returned(CliContext cli)
    {
        var group = new Command("returned", "返戻（宛先不明などで戻った通知書）の登録・解消・一覧");
        var reasons = new Dictionary<string, ReturnedMailReason>
        {
            ["address-unknown"] = ReturnedMailReason.AddressUnknown, ["moved"] = ReturnedMailReason.MovedNoForwarding,
            ["refused"] = ReturnedMailReason.Refused, ["not-collected"] = ReturnedMailReason.NotCollected, ["other"] = ReturnedMailReason.Other,
        };
        var hows = new Dictionary<string, ReturnedMailResolution>
        {
            ["redispatched"] = ReturnedMailResolution.Redispatched, ["public-notice"] = ReturnedMailResolution.PublicNotice, ["closed"] = ReturnedMailResolution.Closed,
        };
        {
            var document = new Option<long>("--document") { Description = "通知書の発行番号", Required = true };
            var on = Date("--on", "返戻日", required: true);
            var reason = new Option<string>("--reason") { Description = "返戻事由: " + string.Join("|", reasons.Keys), Required = true };
            reason.AcceptOnlyFromAmong([.. reasons.Keys]);
            var note = new Option<string?>("--note") { Description = "備考" };
            var op = Op();
            var add = new Command("add", "返戻を登録します（督促状なら差押可能日・時効の更新は再送付か公示送達まで待ちます）") { document, on, reason, note, op };
            add.SetAction(async (parse, ct) =>
            {
                await using var db = await cli.OpenReadyStoreAsync(parse, ct);
                var actor = await ActorAsync(cli, db, parse, op, ct);
                var r = await new ReturnedMails(db, cli.Clock).RecordAsync(actor, parse.GetValue(document), D(parse, on, "--on")!.Value, reasons[parse.GetValue(reason)!], parse.GetValue(note), ct);
                cli.Out.WriteLine($"返戻 {r.Id} を登録しました（発行番号 {parse.GetValue(document)}）。");
                return 0;
            });
            group.Subcommands.Add(add);
        }
        {
            var id = new Argument<long>("RETURN") { Description = "返戻番号" };
            var how = new Option<string>("--how") { Description = "解消方法: redispatched（再送付）|public-notice（公示送達: --on は掲示の日）|closed", Required = true };
            how.AcceptOnlyFromAmong([.. hows.Keys]);
            var on = Date("--on", "再送付の日・公示送達の掲示の日・解消の日", required: true);
            var note = new Option<string?>("--note") { Description = "備考（新しい送付先など）" };
            var op = Op();
            var resolve = new Command("resolve", "返戻を解消します（再送付・公示送達・その他）") { id, how, on, note, op };
            resolve.SetAction(async (parse, ct) =>
            {
                await using var db = await cli.OpenReadyStoreAsync(parse, ct);
                var actor = await ActorAsync(cli, db, parse, op, ct);
                var r = await new ReturnedMails(db, cli.Clock).ResolveAsync(actor, parse.GetValue(id), hows[parse.GetValue(how)!], D(parse, on, "--on")!.Value, parse.GetValue(note), ct);
                cli.Out.WriteLine($"返戻 {r.Id} を解消しました（{ReturnedMails.Label(r.Resolution!.Value)} {CliContext.Date(r.ResolvedOn)}）。");
                return 0;
            });
            group.Subcommands.Add(resolve);
        }
        {
            var json = Json();
            var op = Op();
            var list = new Command("list", "未解消の返戻の一覧（古い順。操作ログに記録）") { json, op };
            list.SetAction(async (parse, ct) =>
            {
                await using var db = await cli.OpenReadyStoreAsync(parse, ct);
                var rows = await new ReturnedMails(db, cli.Clock).UnresolvedAsync(await ActorAsync(cli, db, parse, op, ct), ct);
                if (parse.GetValue(json))
                    cli.WriteJson(rows.Select(r => new { returnId = r.ReturnId, documentId = r.DocumentId, runId = r.RunId, kind = r.Kind, taxpayerNo = r.TaxpayerNo, returnedOn = CliContext.Date(r.ReturnedOn), reason = ReturnedMails.Label(r.Reason), note = r.Note }));
                else
                    foreach (var r in rows)
                        cli.Out.WriteLine($"{r.ReturnId,6}  {CliContext.Date(r.ReturnedOn)}  {NoticeRuns.Label(r.Kind)} 発行番号 {r.DocumentId}  宛名番号 {r.TaxpayerNo} {r.Name}  {ReturnedMails.Label(r.Reason)}");
                return 0;
            });
            group.Subcommands.Add(list);
        }
        return group;
    }

    private static Command Conditions(CliContext cli)
    {
        var group = new Command("conditions", "保存した抽出条件（催告書・差押予告書）");
        var json = Json();
        var list = new Command("list", "保存した抽出条件の一覧") { json };
        list.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var rows = await new NoticeConditionSets(db, cli.Clock).ListAsync(ct);
            if (parse.GetValue(json)) cli.WriteJson(rows.Select(r => new { name = r.Name, kind = r.Kind, conditions = r.Conditions, savedBy = r.SavedBy }));
            else foreach (var r in rows) cli.Out.WriteLine($"{r.Name}  {NoticeRuns.Label(r.Kind)}  {r.Conditions}");
            return 0;
        });
        group.Subcommands.Add(list);
        return group;
    }
}
