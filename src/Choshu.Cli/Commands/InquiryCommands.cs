using System.CommandLine;
using Choshu.App.Cases;
using Choshu.Domain.Calendar;
using Choshu.Domain.Cases;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu inquiry target add|list</c>, <c>inquiry add|answer|show|letters|overdue|deposit-file|deposit-answers</c>: 財産調査 (issue 15 item 1).
/// Recording an inquiry or an answer is a case update (the officer in charge or an approver, <c>--operator STAFFNO</c>); a refusal is
/// audited and exits 3. Account numbers are never printed in full.
/// </summary>
public static class InquiryCommands
{
    public static Command Create(CliContext cli)
    {
        var group = new Command("inquiry", "財産調査（照会先・照会・照会書・回答・回答期限超過・預貯金照会ファイル）");
        var target = new Command("target", "照会先（金融機関・勤務先・保険会社・年金支払者・法務局・市区町村）");
        target.Subcommands.Add(TargetAdd(cli));
        target.Subcommands.Add(TargetList(cli));
        group.Subcommands.Add(target);
        group.Subcommands.Add(Add(cli));
        group.Subcommands.Add(Answer(cli));
        group.Subcommands.Add(Show(cli));
        group.Subcommands.Add(Letters(cli));
        group.Subcommands.Add(Overdue(cli));
        group.Subcommands.Add(DepositFile(cli));
        group.Subcommands.Add(DepositAnswers(cli));
        return group;
    }

    private static Option<bool> Json() => new("--json") { Description = "JSON で出力します" };

    public static InquiryTargetKind ParseTargetKind(string? s) => s switch
    {
        "bank" => InquiryTargetKind.Bank,
        "employer" => InquiryTargetKind.Employer,
        "insurer" => InquiryTargetKind.Insurer,
        "pension" => InquiryTargetKind.PensionPayer,
        "registry" => InquiryTargetKind.LandRegistry,
        "municipality" => InquiryTargetKind.Municipality,
        _ => throw new CliException($"--kind は bank、employer、insurer、pension、registry、municipality のいずれかで指定してください（{s}）。"),
    };

    public static InquiryKind ParseKind(string? s) => s switch
    {
        "deposit" => InquiryKind.Deposit,
        "salary" => InquiryKind.Salary,
        "insurance" => InquiryKind.Insurance,
        "pension" => InquiryKind.Pension,
        "real-estate" => InquiryKind.RealEstate,
        "residence" => InquiryKind.Residence,
        _ => throw new CliException($"--kind は deposit、salary、insurance、pension、real-estate、residence のいずれかで指定してください（{s}）。"),
    };

    public static InquiryAssetKind ParseAsset(string? s) => s switch
    {
        "none" => InquiryAssetKind.None,
        "deposit" => InquiryAssetKind.Deposit,
        "salary" => InquiryAssetKind.Salary,
        "policy" => InquiryAssetKind.Policy,
        "real-estate" => InquiryAssetKind.RealEstate,
        "pension" => InquiryAssetKind.Pension,
        "residence" => InquiryAssetKind.Residence,
        _ => throw new CliException($"--asset は none、deposit、salary、policy、real-estate、pension、residence のいずれかで指定してください（{s}）。"),
    };

    private static Command TargetAdd(CliContext cli)
    {
        var kind = new Option<string>("--kind") { Description = "bank（金融機関）、employer（勤務先）、insurer（保険会社）、pension（年金支払者）、registry（法務局）、municipality（市区町村）", Required = true };
        var name = new Option<string>("--name") { Description = "名称（金融機関は銀行名）", Required = true };
        var address = new Option<string>("--address") { Description = "所在地（照会書の送付先）", Required = true };
        var postal = new Option<string?>("--postal-code") { Description = "郵便番号 7桁" };
        var contact = new Option<string?>("--contact") { Description = "担当部署・電話" };
        var bank = new Option<string?>("--bank-code") { Description = "金融機関コード 4桁（金融機関のみ）" };
        var branch = new Option<string?>("--branch-code") { Description = "支店コード 3桁（金融機関のみ）" };
        var branchName = new Option<string?>("--branch-name") { Description = "支店名（金融機関のみ）" };
        var corporate = new Option<string?>("--corporate-no") { Description = "法人番号 13桁（勤務先・保険会社・年金支払者）" };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("add", "照会先を登録します") { kind, name, address, postal, contact, bank, branch, branchName, corporate, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var line = await CaseCommands.Guard(() => new Inquiries(db, cli.Clock).AddTargetAsync(actor, new InquiryTargetRequest(ParseTargetKind(parse.GetValue(kind)),
                parse.GetValue(name)!, parse.GetValue(address)!, parse.GetValue(postal), parse.GetValue(contact), parse.GetValue(bank), parse.GetValue(branch),
                parse.GetValue(branchName), parse.GetValue(corporate)), ct));
            if (parse.GetValue(json)) cli.WriteJson(line);
            else cli.Out.WriteLine($"照会先 {line.Id}（{line.KindName} {line.Display}）を登録しました。");
            return 0;
        });
        return cmd;
    }

    private static Command TargetList(CliContext cli)
    {
        var kind = new Option<string?>("--kind") { Description = "種類で絞り込みます（bank など）" };
        var json = Json();
        var cmd = new Command("list", "照会先の一覧を表示します") { kind, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var k = parse.GetValue(kind) is { } s ? ParseTargetKind(s) : (InquiryTargetKind?)null;
            var lines = await new Inquiries(db, cli.Clock).TargetsAsync(k, ct);
            if (parse.GetValue(json)) { cli.WriteJson(lines); return 0; }
            cli.Out.WriteLine($"照会先 {lines.Count}件");
            foreach (var l in lines)
                cli.Out.WriteLine($"  {l.Id}\t{l.KindName}\t{l.Display}\t{(l.CorporateNo is null ? "" : "法人番号 " + l.CorporateNo)}\t{l.Address}");
            return 0;
        });
        return cmd;
    }

    private static Command Add(CliContext cli)
    {
        var taxpayer = new Option<string>("--taxpayer") { Description = "宛名番号（滞納整理事案のある納税義務者）", Required = true };
        var target = new Option<long>("--target") { Description = "照会先の番号（choshu inquiry target list）", Required = true };
        var kind = new Option<string>("--kind") { Description = "照会事項: deposit（預貯金）、salary（給与）、insurance（保険）、pension（年金）、real-estate（不動産）、residence（住民票・戸籍）", Required = true };
        var note = new Option<string?>("--note") { Description = "備考" };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("add", "事案から照会先への照会を記録します（未発送。照会書は choshu inquiry letters で作成）") { taxpayer, target, kind, note, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var caseId = await CaseId(db, cli, parse.GetValue(taxpayer)!, ct);
            var line = await CaseCommands.Guard(() => new Inquiries(db, cli.Clock).RecordAsync(actor, caseId, parse.GetValue(target), ParseKind(parse.GetValue(kind)), parse.GetValue(note), ct));
            if (parse.GetValue(json)) cli.WriteJson(line);
            else cli.Out.WriteLine($"照会 {line.Id}（{line.TargetName} {line.KindName}）を記録しました（未発送）。");
            return 0;
        });
        return cmd;
    }

    private static Command Answer(CliContext cli)
    {
        var inquiry = new Option<long>("--inquiry") { Description = "照会番号", Required = true };
        var asset = new Option<string>("--asset") { Description = "回答: none（該当なし）、deposit、salary、policy、real-estate、pension、residence", Required = true };
        var answered = new Option<string>("--answered") { Description = "回答日 YYYY-MM-DD", Required = true };
        var source = new Option<string>("--source") { Description = "回答の出所（書面回答、電話など）", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "残高・支給額の基準日 YYYY-MM-DD（預貯金は必須）" };
        var bank = new Option<string?>("--bank-code") { Description = "金融機関コード 4桁" };
        var branch = new Option<string?>("--branch-code") { Description = "支店コード 3桁" };
        var type = new Option<short?>("--account-type") { Description = "預金種目 1 普通、2 当座、4 貯蓄、9 その他" };
        var account = new Option<string?>("--account-no") { Description = "口座番号 7桁" };
        var holder = new Option<string?>("--holder") { Description = "口座名義" };
        var balance = new Option<long?>("--balance") { Description = "残高（円）" };
        var payer = new Option<string?>("--payer") { Description = "支払者（勤務先・年金の支払者・保険会社）" };
        var gross = new Option<long?>("--gross") { Description = "支給額（円）" };
        var deductions = new Option<long?>("--deductions") { Description = "控除額（円）" };
        var payDay = new Option<short?>("--pay-day") { Description = "支給日（日）" };
        var policy = new Option<string?>("--policy-no") { Description = "証券番号" };
        var surrender = new Option<long?>("--surrender-value") { Description = "解約返戻金（円）" };
        var location = new Option<string?>("--location") { Description = "不動産の所在" };
        var propertyKind = new Option<string?>("--property-kind") { Description = "土地・建物など" };
        var area = new Option<string?>("--area") { Description = "地積・床面積（㎡）" };
        var share = new Option<string?>("--share") { Description = "持分（例: 1/2）" };
        var note = new Option<string?>("--note") { Description = "備考（住民票・戸籍の回答は必須）" };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("answer", "照会の回答を1件記録します（口座・給与・保険・不動産など1つずつ）")
            { inquiry, asset, answered, source, asOf, bank, branch, type, account, holder, balance, payer, gross, deductions, payDay, policy, surrender, location, propertyKind, area, share, note, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var entry = new InquiryAnswerEntry(ParseAsset(parse.GetValue(asset)), LateFeeCommand.ParseDate(parse.GetValue(answered)!, "--answered"), parse.GetValue(source)!)
            {
                AsOf = parse.GetValue(asOf) is { } asOfText ? LateFeeCommand.ParseDate(asOfText, "--as-of") : null,
                BankCode = parse.GetValue(bank), BranchCode = parse.GetValue(branch), AccountType = parse.GetValue(type), AccountNo = parse.GetValue(account),
                Holder = parse.GetValue(holder), Balance = parse.GetValue(balance), Payer = parse.GetValue(payer), Gross = parse.GetValue(gross),
                Deductions = parse.GetValue(deductions), PayDay = parse.GetValue(payDay), PolicyNo = parse.GetValue(policy), SurrenderValue = parse.GetValue(surrender),
                Location = parse.GetValue(location), PropertyKind = parse.GetValue(propertyKind), Area = parse.GetValue(area), OwnerShare = parse.GetValue(share),
                Note = parse.GetValue(note),
            };
            var id = await CaseCommands.Guard(() => new Inquiries(db, cli.Clock).AnswerAsync(actor, parse.GetValue(inquiry), entry, ct));
            var a = (await new InquiryAnswers(db).FindAsync(id, ct))!;
            if (parse.GetValue(json)) cli.WriteJson(new { answerId = id, inquiryId = a.InquiryId, assetKind = a.AssetKindName, description = a.Description, amount = a.Amount });
            else cli.Out.WriteLine($"照会 {a.InquiryId} の回答 {id}（{a.Description}）を記録しました。");
            return 0;
        });
        return cmd;
    }

    private static Command Show(CliContext cli)
    {
        var taxpayer = new Option<string>("--taxpayer") { Description = "宛名番号", Required = true };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("show", "事案の照会と回答（財産）を表示します") { taxpayer, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var caseId = await CaseId(db, cli, parse.GetValue(taxpayer)!, ct);
            var (lines, answers) = await CaseCommands.Guard(() => new Inquiries(db, cli.Clock).ShowAsync(actor, caseId, ct));
            if (parse.GetValue(json))
            {
                cli.WriteJson(new
                {
                    caseId,
                    inquiries = lines.Select(Json),
                    answers = answers.Select(a => new { a.AnswerId, a.InquiryId, assetKind = a.AssetKindName, a.AnsweredOn, a.Source, a.Amount, a.Description }),
                });
                return 0;
            }
            cli.Out.WriteLine($"滞納整理事案 {caseId} の照会 {lines.Count}件");
            foreach (var l in lines) cli.Out.WriteLine("  " + Text(l));
            cli.Out.WriteLine($"回答 {answers.Count}件");
            foreach (var a in answers) cli.Out.WriteLine($"  回答 {a.AnswerId}\t照会 {a.InquiryId}\t{a.AnsweredOn:yyyy-MM-dd}\t{a.Description}\t{a.Source}");
            return 0;
        });
        return cmd;
    }

    private static Command Letters(CliContext cli)
    {
        var runKey = new Option<string>("--run-key") { Description = "実行キー（同じキーで再実行すると同じ照会書を再出力し、重ねて発送しません）", Required = true };
        var taxpayer = new Option<string?>("--taxpayer") { Description = "この納税義務者の事案の照会だけ（個別の照会書）" };
        var inquiries = new Option<long[]>("--inquiry") { Description = "この照会番号だけ", AllowMultipleArgumentsPerToken = true };
        var skip = new Option<bool>("--skip-deposits") { Description = "預貯金の照会を除きます（預貯金照会ファイルで送るとき）" };
        var output = new Option<string>("--out") { Description = "照会書 PDF の出力先ファイル", Required = true };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("letters", "未発送の照会の照会書を照会先ごとに1通作成し、発送済みにします（回答期限は設定 inquiry.answer_days）") { runKey, taxpayer, inquiries, skip, output, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            long? caseId = parse.GetValue(taxpayer) is { } t ? await CaseId(db, cli, t, ct) : null;
            var r = await CaseCommands.Guard(() => new InquiryLetters(db, cli.Clock).IssueAsync(actor,
                new InquiryLetterRequest(parse.GetValue(runKey)!, caseId, parse.GetValue(inquiries), parse.GetValue(skip)), parse.GetValue(output), ct));
            if (parse.GetValue(json)) cli.WriteJson(r);
            else cli.Out.WriteLine(r.Reprinted
                ? $"実行キー {r.RunKey} の照会書 {r.DocumentIds.Count}通（照会 {r.Inquiries}件）を再出力しました（新たな発送はありません）: {r.Path}"
                : $"照会書 {r.DocumentIds.Count}通（照会 {r.Inquiries}件、発送日 {CliContext.Date(r.SentOn)}、回答期限 {CliContext.Date(r.DueOn)}）を作成しました: {r.Path}");
            return 0;
        });
        return cmd;
    }

    private static Command Overdue(CliContext cli)
    {
        var asOf = new Option<string?>("--as-of") { Description = "基準日 YYYY-MM-DD（既定: 本日）。回答期限がこの日より前で未回答の照会" };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("overdue", "回答期限を過ぎても回答のない照会の一覧（回答期限超過）") { asOf, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var day = parse.GetValue(asOf) is { } a ? LateFeeCommand.ParseDate(a, "--as-of") : JapanTime.Today(cli.Clock);
            var lines = await CaseCommands.Guard(() => new Inquiries(db, cli.Clock).OverdueAsync(actor, day, ct));
            if (parse.GetValue(json)) { cli.WriteJson(lines.Select(Json)); return 0; }
            cli.Out.WriteLine($"回答期限超過 {CliContext.Date(day)} 時点 {lines.Count}件");
            foreach (var l in lines) cli.Out.WriteLine("  " + Text(l));
            return 0;
        });
        return cmd;
    }

    private static Command DepositFile(CliContext cli)
    {
        var runKey = new Option<string>("--run-key") { Description = "実行キー（同じキーで再実行すると同じファイルを作り直し、重ねて発送しません）", Required = true };
        var dir = new Option<string>("--out") { Description = "預貯金照会ファイルを書き出すディレクトリ（金融機関ごとに1ファイル）", Required = true };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("deposit-file", "未発送の預貯金の照会を金融機関ごとの照会ファイル（docs/formats.md）にして発送済みにします") { runKey, dir, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var r = await CaseCommands.Guard(() => new DepositInquiryFiles(db, cli.Clock, new CsvDepositInquiryChannel(parse.GetValue(dir)!)).SendAsync(actor, parse.GetValue(runKey)!, ct));
            if (parse.GetValue(json)) { cli.WriteJson(r); return 0; }
            cli.Out.WriteLine($"預貯金照会ファイル {r.Files.Count}件（照会 {r.Inquiries}件）を{(r.Repeated ? "作り直しました（新たな発送はありません）" : "作成しました")}。");
            foreach (var f in r.Files) cli.Out.WriteLine($"  {f.Reference}\t{f.Lines}件\tSHA-256 {f.Sha256}");
            return 0;
        });
        return cmd;
    }

    private static Command DepositAnswers(CliContext cli)
    {
        var file = new Argument<string>("FILE") { Description = "金融機関からの回答ファイル（docs/formats.md）" };
        var op = CaseCommands.Operator();
        var json = Json();
        var cmd = new Command("deposit-answers", "預貯金照会の回答ファイルを取り込みます（誤りのある行はエラーファイルに書き出します。再実行しても重ねて記録しません）") { file, op, json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new CliException($"回答ファイル {path} がありません。");
            var r = await CaseCommands.Guard(() => new DepositInquiryFiles(db, cli.Clock, new CsvDepositInquiryChannel(Path.GetDirectoryName(Path.GetFullPath(path))!))
                .ImportAnswersAsync(actor, path, ct));
            if (parse.GetValue(json)) { cli.WriteJson(r); return r.Errors.Count > 0 ? 2 : 0; }
            cli.Out.WriteLine($"回答ファイル {r.Source}: 記録 {r.Recorded}件、取込済み {r.AlreadyRecorded}件、エラー {r.Errors.Count}件");
            foreach (var e in r.Errors) cli.Out.WriteLine($"  {e.Source} {e.LineNo}行目 {e.Field}: {e.Message}");
            if (r.QuarantinePath is not null) cli.Out.WriteLine($"エラーの行は {r.QuarantinePath} に書き出しました。");
            return r.Errors.Count > 0 ? 2 : 0;
        });
        return cmd;
    }

    private static async Task<long> CaseId(Data.ChoshuDbContext db, CliContext cli, string taxpayerNo, CancellationToken ct) =>
        await new CaseUpdates(db, cli.Clock).FindIdAsync(taxpayerNo, ct) ?? throw new CliException($"宛名番号 {taxpayerNo} の滞納整理事案はありません（choshu case open で開始します）。");

    private static object Json(InquiryLine l) => new
    {
        l.Id, l.CaseId, l.TaxpayerNo, l.TaxpayerName, l.TargetId, l.TargetName, kind = l.KindName, status = l.StatusName, l.RecordedOn, l.SentOn, l.DueOn, l.AnsweredOn,
        l.SentBy, l.RunKey, l.DocumentId,
    };

    private static string Text(InquiryLine l) =>
        $"照会 {l.Id}\t{l.TaxpayerNo} {l.TaxpayerName}\t{l.TargetName}\t{l.KindName}\t{l.StatusName}\t発送 {CliContext.Date(l.SentOn)}\t期限 {CliContext.Date(l.DueOn)}\t回答 {CliContext.Date(l.AnsweredOn)}";
}
