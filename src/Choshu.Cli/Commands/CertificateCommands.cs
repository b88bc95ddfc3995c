using System.CommandLine;
using System.Globalization;
using Choshu.App.Certificates;
using Choshu.Domain.Certificates;
using Choshu.Domain.Labels;
using Choshu.Formats.Text;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu certificate issue|verify|jnks|store-data</c>: 納税証明書 (docs/operations.md 「納税証明書」). <c>issue N --kind
/// amounts|no-arrears|no-enforcement|vehicle --years Y… [--vehicle NO] --out FILE [--json]</c> issues one for 宛名番号 N
/// (recorded with its verification number, audited 4020), <c>verify NUMBER</c> tells whether it was issued and what it said
/// (2020); <c>jnks</c> and <c>store-data</c> write the 軽JNKS and コンビニ交付 files (transfers, 4021/4022). Each takes
/// <c>--operator STAFFNO</c>.
/// </summary>
public static class CertificateCommands
{
    public static Command Create(CliContext cli)
    {
        var group = new Command("certificate", "納税証明書の発行・照合、軽JNKS・コンビニ交付のデータ作成");
        group.Subcommands.Add(Issue(cli));
        group.Subcommands.Add(Verify(cli));
        group.Subcommands.Add(Jnks(cli));
        group.Subcommands.Add(StoreData(cli));
        return group;
    }

    public static CertificateKind ParseKind(string text) => text.Trim() switch
    {
        "amounts" => CertificateKind.Amounts,
        "no-arrears" => CertificateKind.NoArrears,
        "no-enforcement" => CertificateKind.NoEnforcement,
        "vehicle" => CertificateKind.Vehicle,
        _ => throw new CliException($"--kind は amounts（納税額）・no-arrears（完納）・no-enforcement（滞納処分なし）・vehicle（継続検査用）のいずれかです（指定: {text}）。"),
    };

    private static CertificateRequester ParseRequester(string text) => text.Trim() switch
    {
        "self" => CertificateRequester.Self,
        "agent" => CertificateRequester.AgentWithLetter,
        "staff" => CertificateRequester.CorporateStaff,
        _ => throw new CliException($"--requester は self（本人）・agent（代理人、委任状あり）・staff（法人の従業者）のいずれかです（指定: {text}）。"),
    };

    private static Command Issue(CliContext cli)
    {
        var taxpayer = new Argument<string>("taxpayer-no") { Description = "宛名番号" };
        var kind = new Option<string>("--kind") { Description = "amounts（納税額）, no-arrears（完納）, no-enforcement（滞納処分を受けたことがない）, vehicle（軽自動車 継続検査用）", Required = true };
        var years = new Option<int[]>("--years") { Description = "証明する年度（調定年度、西暦。複数可）", Required = true, AllowMultipleArgumentsPerToken = true };
        var vehicle = new Option<string?>("--vehicle") { Description = "車両番号（--kind vehicle のとき）" };
        var copies = new Option<int>("--copies") { Description = "通数（既定 1）", DefaultValueFactory = _ => 1 };
        var requester = new Option<string>("--requester") { Description = "請求者: self（本人）, agent（代理人、委任状あり）, staff（法人の従業者）", DefaultValueFactory = _ => "self" };
        var requesterName = new Option<string?>("--requester-name") { Description = "代理人・従業者の氏名" };
        var output = new Option<string>("--out") { Description = "証明書の PDF", Required = true };
        var json = new Option<bool>("--json") { Description = "印字した行を JSON で出力します" };
        var op = CaseCommands.Operator();
        var cmd = new Command("issue", "納税証明書を発行します（照合番号つき。発行記録と操作ログに残ります）")
        {
            taxpayer, kind, years, vehicle, copies, requester, requesterName, output, json, op,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var order = new CertificateOrder(parse.GetValue(taxpayer)!, ParseKind(parse.GetValue(kind)!), parse.GetValue(years) ?? [],
                parse.GetValue(vehicle), parse.GetValue(copies), ParseRequester(parse.GetValue(requester)!), parse.GetValue(requesterName));
            var path = Path.GetFullPath(parse.GetValue(output)!);
            if (!Directory.Exists(Path.GetDirectoryName(path))) throw new CliException($"出力先のフォルダ {Path.GetDirectoryName(path)} がありません。");
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var part = path + ".part";
            IssuedCertificate issued;
            try
            {
                await using (var file = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None))
                    issued = await CaseCommands.Guard(() => new TaxCertificates(db, cli.Clock).IssueAsync(actor, order, file, ct));
                File.Move(part, path, overwrite: true);
            }
            finally
            {
                if (File.Exists(part)) File.Delete(part);
            }
            var c = issued.Content;
            if (parse.GetValue(json))
            {
                cli.WriteJson(new
                {
                    certificateId = issued.CertificateId, documentId = issued.DocumentId, verificationNo = VerificationNumber.Format(issued.VerificationNo),
                    kind = parse.GetValue(kind), title = CertificatePdf.Title(c.Kind), taxpayerNo = issued.TaxpayerNo, name = issued.Name,
                    issuedOn = CliContext.Date(c.On), coversUpTo = CliContext.Date(c.CoversUpTo), firstYear = c.FirstYear, vehicleNo = c.VehicleNo,
                    copies = issued.Copies, fee = issued.Fee, pages = issued.Pages, file = path,
                    lines = issued.PrintedLines,
                    items = c.Lines.Select(l => new
                    {
                        taxKindCode = l.TaxKindCode, taxKindName = l.TaxKindName, fiscalYear = l.FiscalYear, amount = l.Amount, paid = l.Paid,
                        unpaid = l.Unpaid, feesUnpaid = l.FeesUnpaid, enforcementTaken = l.EnforcementTaken, pendingStoreAmount = l.PendingStoreAmount,
                        paidToday = l.PaidToday, note = CertificatePdf.Note(l, c.On),
                    }),
                    omitted = c.Omitted.Select(o => new { fiscalYear = o.FiscalYear, reason = CertificatePdf.Omission(o.Reason, c.FirstYear) }),
                });
                return 0;
            }
            cli.Out.WriteLine($"{CertificatePdf.Title(c.Kind)}を {path} に出力しました（発行番号 {issued.DocumentId}、照合番号 {VerificationNumber.Format(issued.VerificationNo)}、{issued.Copies}通、手数料 {YenText.Yen(issued.Fee)}）。");
            cli.Out.WriteLine($"  {issued.TaxpayerNo} {issued.Name}　{JapaneseDate.Wareki(c.On)}発行（{JapaneseDate.Wareki(c.CoversUpTo)}までの収納による）");
            foreach (var line in issued.PrintedLines) cli.Out.WriteLine("  " + line);
            foreach (var o in c.Omitted) cli.Out.WriteLine($"  {JapaneseDate.FiscalYear(o.FiscalYear)}: 記載なし（{CertificatePdf.Omission(o.Reason, c.FirstYear)}ため）");
            return 0;
        });
        return cmd;
    }

    private static Command Verify(CliContext cli)
    {
        var number = new Argument<string>("number") { Description = "照合番号（16桁。ハイフンは省略可）" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var op = CaseCommands.Operator();
        var cmd = new Command("verify", "照合番号から、納税証明書が発行されたか、何が記載されていたかを確認します") { number, json, op };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var v = await CaseCommands.Guard(() => new TaxCertificates(db, cli.Clock).VerifyAsync(actor, parse.GetValue(number)!, ct));
            if (parse.GetValue(json))
            {
                cli.WriteJson(v is null ? new { issued = false } : (object)new
                {
                    issued = true, certificateId = v.CertificateId, documentId = v.DocumentId, verificationNo = VerificationNumber.Format(v.VerificationNo),
                    title = CertificatePdf.Title(v.Kind), issuedOn = CliContext.Date(v.IssuedOn), coversUpTo = CliContext.Date(v.CoversUpTo),
                    taxpayerNo = v.TaxpayerNo, name = v.Name, vehicleNo = v.VehicleNo, copies = v.Copies, requester = JapaneseLabels.Of(v.Requester),
                    lines = v.Lines,
                });
                return v is null ? 1 : 0;
            }
            if (v is null)
            {
                cli.Out.WriteLine("この照合番号の納税証明書は発行されていません。");
                return 1;
            }
            cli.Out.WriteLine($"照合番号 {VerificationNumber.Format(v.VerificationNo)}: 発行済み（発行番号 {v.DocumentId}、{JapaneseDate.Wareki(v.IssuedOn)}、{v.Copies}通、請求者 {JapaneseLabels.Of(v.Requester)}）");
            cli.Out.WriteLine($"  {CertificatePdf.Title(v.Kind)}　{v.TaxpayerNo} {v.Name}{(v.VehicleNo is null ? "" : $"　車両番号 {v.VehicleNo}")}　{JapaneseDate.Wareki(v.CoversUpTo)}までの収納による");
            foreach (var l in v.Lines)
                cli.Out.WriteLine($"  {l.TaxKindName} {JapaneseDate.FiscalYear(l.FiscalYear)} 税額 {YenText.Yen(l.Amount)} 納付済額 {YenText.Yen(l.Paid)} 未納額 {(l.Unpaid == 0 ? "なし" : YenText.Yen(l.Unpaid))}");
            return 0;
        });
        return cmd;
    }

    private static Option<string> Encoding() => new("--encoding")
    {
        Description = "文字コード: utf-8（BOM 付き、既定）または cp932（Shift_JIS）", DefaultValueFactory = _ => "utf-8",
    };

    private static bool ShiftJis(string encoding) => encoding.Trim().ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => false,
        "cp932" or "shift_jis" or "sjis" => true,
        _ => throw new CliException($"--encoding は utf-8 または cp932 です（指定: {encoding}）。"),
    };

    private static Command Jnks(CliContext cli)
    {
        var output = new Option<string>("--out") { Description = "出力ファイル（CSV）", Required = true };
        var year = new Option<int?>("--fiscal-year") { Description = "この年度以降に課税のある車両（既定: 前年度）" };
        var enc = Encoding();
        var op = CaseCommands.Operator();
        var cmd = new Command("jnks", "軽JNKS 納付状況データ（車両ごとの軽自動車税（種別割）の納付状況）を作成します（移転として記録）") { output, year, enc, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var shiftJis = ShiftJis(parse.GetValue(enc)!);
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var path = parse.GetValue(output)!;
            var r = await CaseCommands.Guard(() => new CertificateFiles(db, cli.Clock).WriteVehicleStatusAsync(actor, path, shiftJis, parse.GetValue(year), ct));
            cli.Out.WriteLine($"軽JNKS 納付状況データを {path} に出力しました: {r.RowCount.ToString("#,0", CultureInfo.InvariantCulture)} 台、SHA-256 {r.Sha256}（移転記録 {r.ReleaseId}、{ExportCommands.Jst(r.AtUtc)}）。");
            return 0;
        });
        return cmd;
    }

    private static Command StoreData(CliContext cli)
    {
        var output = new Option<string>("--out") { Description = "出力ファイル（CSV）", Required = true };
        var enc = Encoding();
        var op = CaseCommands.Operator();
        var cmd = new Command("store-data", "コンビニ交付 証明書データ（前回から内容が変わった納税義務者）を作成します（移転として記録）") { output, enc, op };
        cmd.SetAction(async (parse, ct) =>
        {
            var shiftJis = ShiftJis(parse.GetValue(enc)!);
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var actor = await cli.OperatorAsync(db, parse.GetValue(op)!, ct);
            var path = parse.GetValue(output)!;
            var r = await CaseCommands.Guard(() => new CertificateFiles(db, cli.Clock).WriteStoreCertificateDataAsync(actor, path, shiftJis, ct));
            cli.Out.WriteLine($"コンビニ交付 証明書データを {path} に出力しました: {r.RowCount.ToString("#,0", CultureInfo.InvariantCulture)} 行、SHA-256 {r.Sha256}（移転記録 {r.ReleaseId}、{ExportCommands.Jst(r.AtUtc)}）。");
            return 0;
        });
        return cmd;
    }
}
