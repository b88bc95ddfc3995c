using System.CommandLine;
using Choshu.App.Reconciliation;
using Choshu.Formats.Csv;
using Choshu.Formats.Payments;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu import payments --format {bank|store|zengin|eltax|counter} FILE [--json]</c>: checks the
/// whole file (trailer count and total), then books it (消込). Exit 0 when every record was applied
/// (booked, pending, cancelled, duplicate or unmatched), 3 when some lines were quarantined, 2 when the
/// file was refused and nothing was booked.
/// </summary>
public static class PaymentImportCommand
{
    public static Command Create(CliContext cli)
    {
        var format = new Option<string>("--format") { Description = "ファイルの形式: bank（指定金融機関）, store（コンビニ）, zengin（口座振替結果）, eltax（地方税共通納税）, counter（窓口）", Required = true };
        format.AcceptOnlyFromAmong([.. PaymentFormats.Names]);
        var file = new Argument<FileInfo>("FILE") { Description = "収納データのファイル" };
        var encoding = new Option<string?>("--encoding") { Description = "CSV の文字コード（省略時は自動判定）: utf-8 または shift_jis" };
        encoding.AcceptOnlyFromAmong([.. CsvTextEncoding.Names]);
        var debitYear = new Option<int?>("--debit-year") { Description = "zengin: 振替日の年（ヘッダーは月日のみ。省略時は本日以前で最も近い年）" };
        var batch = new Option<int>("--batch-size") { Description = "1 トランザクションで消し込む件数（既定 5,000）", DefaultValueFactory = _ => PaymentImport.DefaultBatchSize };
        var json = new Option<bool>("--json") { Description = "結果を JSON（1 つのオブジェクト）で出力します" };
        var command = new Command("payments", "収納データを取り込み、消し込みます（同じファイル・同じ収納は二度計上しません）") { format, file, encoding, debitYear, batch, json };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!.FullName;
            await (await cli.OpenReadyStoreAsync(parse, ct)).DisposeAsync();
            var import = new PaymentImport(cli.StoreFrom(parse), cli.Clock) { BatchSize = Math.Max(1, parse.GetValue(batch)) };
            PaymentImportSummary s;
            try
            {
                s = await import.RunAsync(new PaymentImportRequest(path, parse.GetValue(format)!, CliContext.Actor, parse.GetValue(encoding), parse.GetValue(debitYear), CliContext.SystemActor), ct);
            }
            catch (PaymentFileRefusedException ex)
            {
                if (parse.GetValue(json)) cli.WriteJson(new { file = Path.GetFileName(path), refused = true, errors = ex.Messages });
                foreach (var m in ex.Messages) cli.Err.WriteLine($"エラー: {m}");
                cli.Err.WriteLine("ファイル全体を受け付けませんでした。消込は行っていません。");
                return ImportCommands.ExitRefused;
            }
            catch (CsvFileRefusedException ex)
            {
                cli.Err.WriteLine($"エラー: {ex.Message}");
                return ImportCommands.ExitRefused;
            }

            if (parse.GetValue(json))
                cli.WriteJson(new
                {
                    file = s.File, sha256 = s.Sha256, format = s.Format, encoding = s.Encoding,
                    read = s.Read, booked = s.Booked, bookedAmount = s.BookedAmount, duplicate = s.Duplicate,
                    unmatched = s.Unmatched, unmatchedAmount = s.UnmatchedAmount, quarantined = s.Quarantined,
                    overpaid = s.Overpaid, overpaidAmount = s.OverpaidAmount, pending = s.Pending, cancelled = s.Cancelled,
                    debitFailures = s.DebitFailures,
                    errors = s.Errors.Select(e => new { line = e.Line, field = e.Field, reason = e.Reason }),
                });
            else
            {
                cli.Out.WriteLine($"ファイル   {s.File}（{s.Format}、文字コード {s.Encoding}、SHA-256 {s.Sha256}）");
                cli.Out.WriteLine($"読込 {s.Read:#,0} 件: 消込 {s.Booked:#,0} 件 {CliContext.Yen(s.BookedAmount)} 円、重複 {s.Duplicate:#,0}、未消込 {s.Unmatched:#,0} 件 {CliContext.Yen(s.UnmatchedAmount)} 円、保留 {s.Quarantined:#,0}");
                if (s.Overpaid > 0) cli.Out.WriteLine($"過誤納 {s.Overpaid:#,0} 件 {CliContext.Yen(s.OverpaidAmount)} 円");
                if (s.Pending + s.Cancelled > 0) cli.Out.WriteLine($"速報 {s.Pending:#,0} 件、速報取消 {s.Cancelled:#,0} 件");
                if (s.DebitFailures > 0) cli.Out.WriteLine($"口座引落不能 {s.DebitFailures:#,0} 件（口座不能通知書の対象）");
                foreach (var e in s.Errors)
                    cli.Err.WriteLine(e.Field.Length == 0 ? $"{s.File}:{e.Line} {e.Reason}" : $"{s.File}:{e.Line} {e.Field}: {e.Reason}");
            }
            return s.Quarantined > 0 ? ImportCommands.ExitQuarantined : 0;
        });
        return command;
    }
}
