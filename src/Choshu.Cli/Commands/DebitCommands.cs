using System.CommandLine;
using System.Globalization;
using Choshu.App.DirectDebit;
using Choshu.Domain.DirectDebit;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu debit request --date YYYY-MM-DD --out FILE [--bank CODE] [--json]</c>: the Zengin direct-debit
/// request files (口座振替依頼データ) for the registered, unpaid installments due on that date. With
/// --bank, that bank's file at FILE; without, one file per bank beside FILE (FILE-0185.txt …).
/// Nothing to debit: no file, and it says so (exit 0). Each file written is recorded in the audit log (4003:
/// SHA-256 and row count) as the system actor.
/// Registrations (口座振替の登録の受付, <see cref="DebitRegistrations"/>): <c>debit register|change|cancel N …
/// --operator STAFFNO</c> record a typed 口座振替依頼書 (or a change, cancellation, suspension) in a staff member's name;
/// <c>debit import-registrations FILE --source 一括|ウェブ|ペイジー</c> (or bank|web|payeasy) applies a sign-up file (bad lines quarantined, exit 2);
/// <c>debit history N</c> shows a taxpayer's registration events and the periods they make. Audited 3540–3542.
/// </summary>
public static class DebitCommands
{
    public static Command Create(CliContext cli)
    {
        var group = new Command("debit", "口座振替（振替依頼データの作成）");
        var date = new Option<string>("--date") { Description = "振替日（YYYY-MM-DD）。この日が納期限の期別を振り替えます", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "出力ファイル。--bank がなければ金融機関ごとに FILE-金融機関コード.txt を書きます", Required = true };
        var bank = new Option<string?>("--bank") { Description = "金融機関コード（4桁）。その金融機関の分だけを FILE に書きます" };
        var json = new Option<bool>("--json") { Description = "結果を JSON（1 つのオブジェクト）で出力します" };
        var request = new Command("request", "全銀協形式の口座振替依頼データ（120バイト固定長、Shift_JIS）を作成します") { date, output, bank, json };
        request.SetAction(async (parse, ct) =>
        {
            var debitDate = LateFeeCommand.ParseDate(parse.GetValue(date)!, "--date");
            var bankCode = parse.GetValue(bank)?.Trim();
            if (bankCode is not null && (bankCode.Length != 4 || !bankCode.All(char.IsAsciiDigit)))
                throw new CliException($"--bank: 金融機関コードは半角数字4桁で指定してください（「{bankCode}」）。");
            var outPath = parse.GetValue(output)!.FullName;
            if (!Directory.Exists(Path.GetDirectoryName(outPath)))
                throw new CliException($"--out: 出力先のフォルダ {Path.GetDirectoryName(outPath)} がありません。");

            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var result = await DebitRequest.WriteAsync(db, CliContext.SystemActor, debitDate, outPath, bankCode, cli.Clock, ct);
            if (parse.GetValue(json))
                cli.WriteJson(new
                {
                    date = CliContext.Date(result.Date),
                    bank = bankCode,
                    count = result.Count,
                    amount = result.Amount,
                    skippedPending = result.SkippedPending,
                    redebits = result.Redebits,
                    files = result.Files.Select(f => new { bank = f.BankCode, path = f.Path, count = f.Count, amount = f.Amount }),
                });
            else Print(cli, result, bankCode);
            return 0;
        });
        group.Subcommands.Add(request);
        group.Subcommands.Add(Registration(cli, "register", DebitRegistrationKind.New, "口座振替依頼書（新規）を登録します: 開始期（年度・期別）からの期別を振り替えます"));
        group.Subcommands.Add(Registration(cli, "change", DebitRegistrationKind.ChangeAccount, "振替口座を変更します: 適用日から新しい口座で振り替えます（開始期は引き継ぎ）"));
        group.Subcommands.Add(Registration(cli, "cancel", DebitRegistrationKind.Cancel, "口座振替を廃止（--suspend で停止）します: 適用日から振替依頼しません"));
        group.Subcommands.Add(ImportRegistrations(cli));
        group.Subcommands.Add(History(cli));
        return group;
    }

    private static Command Registration(CliContext cli, string name, DebitRegistrationKind kind, string description)
    {
        var taxpayer = new Argument<string>("N") { Description = "宛名番号" };
        var taxKind = new Option<string?>("--tax-kind") { Description = "税目コード（省略すると全税目）" };
        var received = new Option<string>("--received") { Description = "受付日（YYYY-MM-DD）", Required = true };
        var effective = new Option<string?>("--effective") { Description = "適用日（YYYY-MM-DD。省略すると受付日）" };
        var source = new Option<string>("--source") { Description = "受付の経路: 依頼書（口座振替依頼書、既定）、一括（金融機関一括ファイル）、ウェブ（Web受付）、ペイジー（ペイジー受付）", DefaultValueFactory = _ => "form" };
        var reference = new Option<string?>("--reference") { Description = "受付番号（依頼書の番号など）" };
        var op = CaseCommands.Operator();
        var cmd = new Command(name, description) { taxpayer, taxKind, received, effective, source, reference, op };
        Option<int?>? startYear = null;
        Option<short?>? startPeriod = null;
        Option<string?>? bank = null, branch = null, account = null, jpSymbol = null, jpNumber = null, holder = null;
        Option<short?>? type = null;
        Option<bool>? suspend = null;
        if (kind == DebitRegistrationKind.Cancel)
            cmd.Options.Add(suspend = new Option<bool>("--suspend") { Description = "廃止ではなく停止として記録します（金融機関からの振替停止の連絡など）" });
        else
        {
            cmd.Options.Add(startYear = new Option<int?>("--start-year") { Description = "開始年度（西暦）", Required = kind == DebitRegistrationKind.New });
            cmd.Options.Add(startPeriod = new Option<short?>("--start-period") { Description = "開始期（期別。この期から振替依頼に含めます）", Required = kind == DebitRegistrationKind.New });
            cmd.Options.Add(bank = new Option<string?>("--bank") { Description = "金融機関コード（4桁。ゆうちょ記号番号なら省略可）" });
            cmd.Options.Add(branch = new Option<string?>("--branch") { Description = "支店コード（3桁）" });
            cmd.Options.Add(type = new Option<short?>("--type") { Description = "預金種目: 1 普通、2 当座、9 その他" });
            cmd.Options.Add(account = new Option<string?>("--account") { Description = "口座番号（7桁以内）" });
            cmd.Options.Add(jpSymbol = new Option<string?>("--jp-symbol") { Description = "ゆうちょ銀行の記号（5桁）。店番・口座番号に変換します" });
            cmd.Options.Add(jpNumber = new Option<string?>("--jp-number") { Description = "ゆうちょ銀行の番号（8桁以内）" });
            cmd.Options.Add(holder = new Option<string?>("--holder") { Description = "口座名義（半角カナ、例: ｶｺﾞｼﾏ ﾀﾛｳ）", Required = true });
        }
        cmd.SetAction(async (parse, ct) =>
        {
            var src = DebitRegistrationLabels.ParseSource(parse.GetValue(source) ?? "form")
                ?? throw new CliException($"--source: 依頼書、一括、ウェブ、ペイジー のいずれかです（「{parse.GetValue(source)}」）。");
            var actualKind = kind == DebitRegistrationKind.Cancel && parse.GetValue(suspend!) ? DebitRegistrationKind.Suspend : kind;
            var input = new DebitRegistrationInput(
                parse.GetValue(taxpayer)!, parse.GetValue(taxKind), actualKind, src,
                LateFeeCommand.ParseDate(parse.GetValue(received)!, "--received"),
                parse.GetValue(effective) is { } e ? LateFeeCommand.ParseDate(e, "--effective") : null,
                startYear is null ? null : parse.GetValue(startYear), startPeriod is null ? null : parse.GetValue(startPeriod),
                bank is null ? null : parse.GetValue(bank), branch is null ? null : parse.GetValue(branch), type is null ? null : parse.GetValue(type),
                account is null ? null : parse.GetValue(account), jpSymbol is null ? null : parse.GetValue(jpSymbol), jpNumber is null ? null : parse.GetValue(jpNumber),
                holder is null ? null : parse.GetValue(holder), parse.GetValue(reference));
            App.Security.Actor actor;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
                actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var r = await CaseCommands.Guard(() => new DebitRegistrations(cli.StoreFrom(parse), cli.Clock).RecordAsync(actor, input, ct));
            cli.Out.WriteLine($"口座振替の{DebitRegistrationLabels.Of(actualKind)}を登録しました（登録番号 {r.RegistrationId}、{DebitRegistrationLabels.Of(src)}、適用日 {CliContext.Date(input.EffectiveOn ?? input.ReceivedOn)}、税目 {string.Join("・", r.TaxKindCodes)}）。");
            return 0;
        });
        return cmd;
    }

    private static Command ImportRegistrations(CliContext cli)
    {
        var file = new Argument<string>("FILE") { Description = "口座振替の登録ファイル（UTF-8 CSV、docs/formats.md の debit-registrations）" };
        var source = new Option<string>("--source") { Description = "ファイルの出どころ: 一括（金融機関の依頼書受付結果）、ウェブ（Web口座振替受付）、ペイジー（ペイジー口座振替受付）", Required = true };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("import-registrations", "口座振替の登録ファイルを取り込みます（誤りのある行は保留。同じ受付番号は二度登録しません）") { file, source, json };
        cmd.SetAction(async (parse, ct) =>
        {
            var src = DebitRegistrationLabels.ParseSource(parse.GetValue(source)!)
                ?? throw new CliException($"--source: 一括、ウェブ、ペイジー のいずれかです（「{parse.GetValue(source)}」）。");
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct)) { }
            var s = await CaseCommands.Guard(() => new DebitRegistrationImport(cli.StoreFrom(parse), cli.Clock).RunAsync(CliContext.SystemActor, parse.GetValue(file)!, src, ct));
            if (parse.GetValue(json)) cli.WriteJson(s);
            else
            {
                cli.Out.WriteLine($"{s.File}: 読込 {s.LinesRead}行 登録 {s.Applied}件 取込済み {s.Duplicate}件 保留 {s.Quarantined}行");
                foreach (var e in s.Errors) cli.Err.WriteLine(e.Reason);
            }
            return s.Quarantined > 0 ? 2 : 0;
        });
        return cmd;
    }

    private static Command History(CliContext cli)
    {
        var taxpayer = new Argument<string>("N") { Description = "宛名番号" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("history", "納税義務者の口座振替の登録履歴（受付の経路・受付日・適用日・開始期・口座）と登録期間を表示します") { taxpayer, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct)) { }
            var h = await CaseCommands.Guard(() => new DebitRegistrations(cli.StoreFrom(parse), cli.Clock).HistoryAsync(CliContext.SystemActor, parse.GetValue(taxpayer)!, ct));
            if (parse.GetValue(json)) { cli.WriteJson(h); return 0; }
            var o = cli.Out;
            o.WriteLine($"宛名番号 {h.TaxpayerNo} {h.Name} の口座振替の登録履歴");
            foreach (var e in h.Events)
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {e.Id,6} {DebitRegistrationLabels.Of(e.Kind),-4} {e.TaxKindName} {DebitRegistrationLabels.Of(e.Source)} 受付 {CliContext.Date(e.ReceivedOn)} 適用 {CliContext.Date(e.EffectiveOn)}")
                    + (e.StartFiscalYear is null ? "" : $" 開始 {e.StartFiscalYear}年度第{e.StartPeriod}期")
                    + (e.BankCode is null ? "" : $" {e.BankCode}-{e.BranchCode} {AccountTypeName(e.AccountType)} {e.AccountNo} {e.HolderKana}")
                    + (e.JapanPostSymbol is null ? "" : $"（ゆうちょ 記号 {e.JapanPostSymbol} 番号 {e.JapanPostNumber}）")
                    + (e.ReferenceNo is null ? "" : $" 受付番号 {e.ReferenceNo}")
                    + $" 記録 {e.RecordedBy}");
            o.WriteLine("登録期間:");
            foreach (var a in h.Accounts)
                o.WriteLine($"  {a.TaxKindName} {a.BankCode}-{a.BranchCode} {AccountTypeName(a.AccountType)} {a.AccountNo} {a.HolderKana} {CliContext.Date(a.StartsOn)}〜{CliContext.Date(a.EndsOn)}"
                    + (a.StartFiscalYear is null ? "" : $" 開始 {a.StartFiscalYear}年度第{a.StartPeriod}期"));
            return 0;
        });
        return cmd;
    }

    /// <summary>預金種目 1 普通, 2 当座, 9 その他.</summary>
    public static string AccountTypeName(short? type) => type switch { 1 => "普通", 2 => "当座", 9 => "その他", _ => "" };

    private static void Print(CliContext cli, DebitRequestResult r, string? bankCode)
    {
        var o = cli.Out;
        var scope = bankCode is null ? "" : $"金融機関 {bankCode} の";
        if (r.Files.Count == 0)
            o.WriteLine($"振替日 {CliContext.Date(r.Date)} に{scope}振替対象の期別はありません。ファイルは作成していません。");
        else
        {
            o.WriteLine($"振替日 {CliContext.Date(r.Date)} の口座振替依頼データを作成しました: {r.Count:#,0} 件 {CliContext.Yen(r.Amount)} 円");
            foreach (var f in r.Files)
                o.WriteLine($"  {f.BankCode}  {f.Count,8:#,0} 件 {CliContext.Yen(f.Amount),14} 円  {f.Path}");
        }
        if (r.Redebits > 0)
            o.WriteLine($"うち再振替（初回の振替日に振替できなかった期別）{r.Redebits:#,0} 件を含みます。");
        if (r.SkippedPending > 0)
            o.WriteLine($"コンビニ収納の速報があり確報待ちの {r.SkippedPending:#,0} 件は、二重に収納しないよう振替対象から除きました。");
    }
}
