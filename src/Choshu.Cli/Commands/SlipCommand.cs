using System.CommandLine;
using Choshu.App.Slips;
using Choshu.Domain.Calendar;
using Choshu.Formats.Barcodes;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu slip --notice-no N --period P [--tax-kind CODE] [--fiscal-year Y] [--as-of YYYY-MM-DD] [--json]</c>:
/// the data of a reissued payment slip (納付書の再発行データ) for one installment: amount to the slip's
/// deadline, 消込番号, eL番号 and the convenience-store barcode (none above 300,000 yen). Writes nothing to the
/// ledger; recorded as an issued document (発行番号) with its audit record (2005) as the system actor.
/// <c>choshu slip --reprint ID [--purpose TEXT] [--as-of YYYY-MM-DD] [--json]</c> prints issued slip ID again when
/// its data is unchanged (a reprint pointing at it), and refuses when it has changed.
/// </summary>
public static class SlipCommand
{
    public static Command Create(CliContext cli)
    {
        var noticeNo = new Option<string?>("--notice-no") { Description = "通知書番号（--reprint のときは不要）" };
        var period = new Option<short?>("--period") { Description = "期（1, 2, …。随時は 0）（--reprint のときは不要）" };
        var taxKind = new Option<string?>("--tax-kind") { Description = "税目コード（同じ通知書番号が複数の税目・年度にあるとき）" };
        var fiscalYear = new Option<int?>("--fiscal-year") { Description = "調定年度（同じ通知書番号が複数の税目・年度にあるとき）" };
        var asOf = new Option<string?>("--as-of") { Description = "発行日（YYYY-MM-DD。既定: 本日、--reprint のときは元の発行日）。支払期限はこの日から slip.valid_days 日後" };
        var reprint = new Option<long?>("--reprint") { Description = "発行番号: 発行済みの納付書を同じ内容で再印刷します（内容が変わっていれば拒否）" };
        var purpose = new Option<string?>("--purpose") { Description = "再印刷の理由（--reprint のとき）" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var command = new Command("slip", "再発行納付書のデータ（金額・支払期限・消込番号・eL番号・コンビニ収納バーコード）を作成し、発行記録を残します")
        {
            noticeNo, period, taxKind, fiscalYear, asOf, reprint, purpose, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var on = parse.GetValue(asOf) is { } a ? LateFeeCommand.ParseDate(a, "--as-of") : (DateOnly?)null;
            IssuedSlip issued;
            if (parse.GetValue(reprint) is { } documentId)
            {
                if (parse.GetValue(noticeNo) is not null || parse.GetValue(period) is not null || parse.GetValue(taxKind) is not null || parse.GetValue(fiscalYear) is not null)
                    throw new CliException("--reprint では --notice-no・--period・--tax-kind・--fiscal-year を指定しません（発行番号で決まります）。");
                await using var db = await cli.OpenReadyStoreAsync(parse, ct);
                issued = await ReissuedSlipQuery.ReprintAsync(db, CliContext.SystemActor, documentId, parse.GetValue(purpose)?.Trim() is { Length: > 0 } p ? p : null, on, cli.Clock, ct);
            }
            else
            {
                if (parse.GetValue(noticeNo) is not { } notice || parse.GetValue(period) is not { } per)
                    throw new CliException("--notice-no と --period を指定してください（再印刷は --reprint 発行番号）。");
                if (parse.GetValue(purpose) is not null)
                    throw new CliException("--purpose は --reprint のときに指定します。");
                await using var db = await cli.OpenReadyStoreAsync(parse, ct);
                issued = await ReissuedSlipQuery.IssueAsync(db, CliContext.SystemActor, new ReissuedSlipRequest(
                    notice.Trim(), per, parse.GetValue(taxKind)?.Trim(), parse.GetValue(fiscalYear), on ?? JapanTime.Today(cli.Clock)), cli.Clock, ct);
            }
            if (parse.GetValue(json)) cli.WriteJson(ToJson(issued));
            else Print(cli, issued);
            return 0;
        });
        return command;
    }

    /// <summary>The slip's fields (the same as its data record, <see cref="ReissuedSlipQuery.DataRecord"/>), then the document number, the original and the data hash.</summary>
    private static object ToJson(IssuedSlip issued)
    {
        var s = issued.Slip;
        return new
        {
            taxKindCode = s.Subject.TaxKindCode,
            taxKindName = s.Subject.TaxKindName,
            fiscalYear = s.Subject.FiscalYear,
            noticeNo = s.Subject.NoticeNo,
            period = s.Subject.Period,
            dueDate = CliContext.Date(s.Subject.DueDate),
            issuedOn = CliContext.Date(s.IssuedOn),
            deadline = CliContext.Date(s.Deadline),
            principal = s.Principal,
            reminderFee = s.ReminderFee,
            lateFee = s.LateFee,
            lateFeeFinal = s.LateFeeFinal,
            lateFeeComputedTo = s.LateFeeDetail is null ? null : CliContext.Date(s.LateFeeDetail.ComputedTo),
            amount = s.Amount,
            matchKey = s.MatchKey.Value,
            elNumber = s.ElNumber,
            barcode = s.Barcode,
            reissueCount = ReissuedSlip.ReissueCount,
            documentId = issued.DocumentId,
            reprintOf = issued.ReprintOfId,
            dataSha256 = issued.DataSha256,
        };
    }

    private static void Print(CliContext cli, IssuedSlip issued)
    {
        var o = cli.Out;
        var s = issued.Slip;
        var subject = s.Subject;
        o.WriteLine($"再発行納付書  {subject.FiscalYear}年度 {subject.TaxKindName}（{subject.TaxKindCode}） 通知書番号 {subject.NoticeNo} 第{subject.Period}期");
        o.WriteLine($"発行番号     {issued.DocumentId}" + (issued.ReprintOfId is { } of ? $"（発行番号 {of} の再印刷）" : ""));
        o.WriteLine($"納期限       {CliContext.Date(subject.DueDate)}"
            + (subject.DueDate != subject.NominalDueDate ? $"（休日のため {CliContext.Date(subject.NominalDueDate)} から繰下げ）" : ""));
        o.WriteLine($"本税         {CliContext.Yen(s.Principal),12} 円");
        o.WriteLine($"督促手数料   {CliContext.Yen(s.ReminderFee),12} 円");
        var lateFeeNote = s.LateFeeDetail is null ? ""
            : s.LateFeeFinal ? $"（確定。{CliContext.Date(s.LateFeeDetail.ComputedTo)} 完納分）"
            : $"（支払期限 {CliContext.Date(s.LateFeeDetail.ComputedTo)} に納付された場合の額）";
        o.WriteLine($"延滞金       {CliContext.Yen(s.LateFee),12} 円{lateFeeNote}");
        o.WriteLine($"合計         {CliContext.Yen(s.Amount),12} 円");
        o.WriteLine($"支払期限     {CliContext.Date(s.Deadline)}（発行日 {CliContext.Date(s.IssuedOn)}"
            + (s.Deadline != s.RequestedDeadline ? $"。{CliContext.Date(s.RequestedDeadline)} は休日のため繰下げ）" : "）"));
        o.WriteLine($"消込番号     {s.MatchKey.Value}");
        o.WriteLine($"eL番号       {s.ElNumber}");
        if (s.Barcode is not null)
            o.WriteLine($"バーコード   {s.Barcode}（再発行区分 {ReissuedSlip.ReissueCount}）");
        else
            o.WriteLine($"バーコード   なし: 合計が {CliContext.Yen(StoreBarcode.MaxBarcodeAmount)} 円を超えるため、コンビニエンスストアでは納付できません（金融機関の窓口・eL番号で納付）。");
    }
}
