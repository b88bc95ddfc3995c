using System.CommandLine;
using Choshu.App.DirectDebit;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu debit request --date YYYY-MM-DD --out FILE [--bank CODE] [--json]</c>: the Zengin direct-debit
/// request files (口座振替依頼データ) for the registered, unpaid installments due on that date. With
/// --bank, that bank's file at FILE; without, one file per bank beside FILE (FILE-0185.txt …).
/// Nothing to debit: no file, and it says so (exit 0). Each file written is recorded in the audit log (4003:
/// SHA-256 and row count) as the system actor.
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
                    files = result.Files.Select(f => new { bank = f.BankCode, path = f.Path, count = f.Count, amount = f.Amount }),
                });
            else Print(cli, result, bankCode);
            return 0;
        });
        group.Subcommands.Add(request);
        return group;
    }

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
        if (r.SkippedPending > 0)
            o.WriteLine($"コンビニ収納の速報があり確報待ちの {r.SkippedPending:#,0} 件は、二重に収納しないよう振替対象から除きました。");
    }
}
