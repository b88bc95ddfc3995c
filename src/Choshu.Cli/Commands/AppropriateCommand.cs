using System.CommandLine;
using Choshu.App.Refunds;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu appropriate --as-of D [--taxpayer N] [--dry-run] [--json] [--operator STAFFNO] [--out DIR]</c>: the mandatory
/// appropriation run (一斉充当, <see cref="Appropriations.RunAsync"/>): every open overpayment applied to the same taxpayer's
/// unpaid claims, with the refund interest each appropriated part earned. <c>--dry-run</c> shows the plan and books nothing.
/// With <c>--out</c> a live run also writes the 充当通知書 (one PDF, a letter per taxpayer).
/// </summary>
public static class AppropriateCommand
{
    public static Command Create(CliContext cli)
    {
        var asOf = new Option<string>("--as-of") { Description = "基準日（この日までに納期限の来た滞納に充当します。YYYY-MM-DD）", Required = true };
        var taxpayer = new Option<string?>("--taxpayer") { Description = "宛名番号（省略時は過誤納金のある全員）" };
        var dryRun = new Option<bool>("--dry-run") { Description = "充当の予定を表示するだけで記録しません" };
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var op = new Option<string?>("--operator") { Description = "操作する職員の職員番号（本人の確認が必要: 先に choshu login --operator 職員番号、または --prompt-credentials。省略時はシステム。滞納整理事案のある納税義務者は担当者・承認者のみ充当できます）" };
        var outDir = new Option<string?>("--out") { Description = "充当通知書（PDF）を書き出すフォルダ" };
        var cmd = new Command("appropriate", "過誤納金を同じ納税義務者の滞納に充当します（地方税法17条の2、還付加算金は17条の4）") { asOf, taxpayer, dryRun, json, op, outDir };
        cmd.SetAction(async (parse, ct) =>
        {
            var day = LateFeeCommand.ParseDate(parse.GetValue(asOf)!, "--as-of");
            long? taxpayerId = null;
            App.Security.Actor actor;
            await using (var db = await cli.OpenReadyStoreAsync(parse, ct))
            {
                if (parse.GetValue(taxpayer) is { } no)
                    taxpayerId = await db.Taxpayers.Where(t => t.TaxpayerNo == no.Trim()).Select(t => (long?)t.Id).FirstOrDefaultAsync(ct)
                        ?? throw new CliException($"宛名番号 {no} の納税義務者は登録されていません。");
                actor = parse.GetValue(op) is { } staff ? await cli.OperatorAsync(db, staff, ct) : CliContext.SystemActor;
            }
            var store = cli.StoreFrom(parse);
            var r = await new Appropriations(store, cli.Clock, actor).RunAsync(new AppropriationRunRequest(day, taxpayerId, parse.GetValue(dryRun)), ct);
            AppropriationNoticeFile? pdf = null;
            if (!r.DryRun && parse.GetValue(outDir) is { } dir && r.Lines.Count > 0)
                pdf = await new AppropriationNotices(store, cli.Clock, actor).WriteAsync(r, dir, ct);
            if (parse.GetValue(json)) cli.WriteJson(ToJson(r, pdf));
            else Print(cli, r, pdf);
            return 0;
        });
        return cmd;
    }

    public static object ToJson(AppropriationRunResult r, AppropriationNoticeFile? pdf) => new
    {
        asOf = CliContext.Date(r.AsOf),
        dryRun = r.DryRun,
        count = r.Lines.Count,
        total = r.Total,
        refundInterestTotal = r.Lines.Sum(l => l.RefundInterest),
        appropriations = r.Lines.Select(l => new
        {
            overpaymentId = l.OverpaymentId,
            fromRefundInterest = l.FromInterest,
            taxpayerNo = l.TaxpayerNo,
            taxKind = l.TaxKindCode,
            taxKindName = l.TaxKindName,
            fiscalYear = l.FiscalYear,
            noticeNo = l.NoticeNo,
            period = l.Period,
            dueDate = CliContext.Date(l.DueDate),
            effectiveOn = CliContext.Date(l.EffectiveOn),
            amount = l.Amount,
            principal = l.Principal,
            reminderFee = l.ReminderFee,
            lateFee = l.LateFee,
            refundInterest = l.RefundInterest,
            sourceEntryId = l.SourceEntryId,
        }).ToList(),
        leftForRefund = r.Remainders.Select(x => new { taxpayerNo = x.TaxpayerNo, overpayment = x.Overpayment, refundInterest = x.RefundInterest }).ToList(),
        skipped = r.Skipped.Select(s => new { taxpayerNo = s.TaxpayerNo, reason = s.Reason }).ToList(),
        noticesPdf = pdf?.Path,
        noticesWritten = pdf?.Letters,
        noticesNotSent = pdf?.NotSent,
    };

    private static void Print(CliContext cli, AppropriationRunResult r, AppropriationNoticeFile? pdf)
    {
        var o = cli.Out;
        o.WriteLine($"基準日 {CliContext.Date(r.AsOf)}{(r.DryRun ? "（予定のみ。記録していません）" : "")}: 充当 {r.Lines.Count} 件 {CliContext.Yen(r.Total)} 円");
        foreach (var l in r.Lines)
            o.WriteLine($"  {l.TaxpayerNo} 過誤納 {l.OverpaymentId}{(l.FromInterest ? "（還付加算金）" : "")} → {l.TaxKindName} {l.FiscalYear}年度 {l.NoticeNo} {l.Period}期 充当日 {CliContext.Date(l.EffectiveOn)}"
                + $" {CliContext.Yen(l.Amount)} 円（本税 {CliContext.Yen(l.Principal)}、督促手数料 {CliContext.Yen(l.ReminderFee)}、延滞金 {CliContext.Yen(l.LateFee)}）還付加算金 {CliContext.Yen(l.RefundInterest)} 円");
        foreach (var x in r.Remainders)
            o.WriteLine($"  {x.TaxpayerNo} 還付へ: 過誤納金 {CliContext.Yen(x.Overpayment)} 円、還付加算金 {CliContext.Yen(x.RefundInterest)} 円");
        foreach (var s in r.Skipped)
            o.WriteLine($"  {s.TaxpayerNo} 対象外: {s.Reason}");
        if (pdf is not null)
            o.WriteLine($"充当通知書: {pdf.Path}（{pdf.Letters} 通{(pdf.NotSent.Count > 0 ? $"、宛先がないため作成しなかった宛名番号: {string.Join(", ", pdf.NotSent)}" : "")}）");
    }
}
