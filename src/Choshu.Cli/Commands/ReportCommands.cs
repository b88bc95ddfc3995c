using System.CommandLine;
using System.Globalization;
using System.Text;
using Choshu.App.Reports;
using Choshu.Domain.Calendar;
using Spectre.Console;
using Choshu.Domain.Labels;
using Choshu.Formats.Csv;

namespace Choshu.Cli.Commands;

/// <summary><c>choshu report daily --date D</c> (収納日計表) and <c>choshu report collection --fiscal-year Y</c> (調定収納集計), as a table, CSV or JSON.</summary>
public static class ReportCommands
{
    public static Command Create(CliContext cli)
    {
        var group = new Command("report", "帳票（収納日計表、調定収納集計、還付充当一覧）");
        group.Subcommands.Add(Daily(cli));
        group.Subcommands.Add(Collection(cli));
        group.Subcommands.Add(Refunds(cli));
        group.Subcommands.Add(MeasureCommands.WriteOffReport(cli));
        group.Subcommands.Add(ReliefCommands.Report(cli));
        return group;
    }

    private static (Option<bool> Json, Option<bool> Csv) OutputOptions() => (
        new Option<bool>("--json") { Description = "JSON で出力します" },
        new Option<bool>("--csv") { Description = "CSV（UTF-8、ヘッダー付き）で出力します" });

    private static Command Daily(CliContext cli)
    {
        var date = new Option<string>("--date") { Description = "収入日（YYYY-MM-DD）", Required = true };
        var (json, csv) = OutputOptions();
        var cmd = new Command("daily", "収納日計表: 収入日の収納を収入区分・税目別に（消込済・速報・未消込）") { date, json, csv };
        cmd.SetAction(async (parse, ct) =>
        {
            var day = LateFeeCommand.ParseDate(parse.GetValue(date)!, "--date");
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var r = await DailyReportQuery.LoadAsync(db, day, ct);
            var rows = r.Booked.Select(l => ("消込済", l)).Concat(r.Pending.Select(l => ("速報", l))).Concat(r.Unmatched.Select(l => ("未消込", l)))
                .Append(("合計（消込済）", r.BookedTotal)).ToList();
            // The CSV has the totals only; the table and the JSON list the late entries by notice, a read of individual data.
            if (!parse.GetValue(csv) || parse.GetValue(json))
                await DailyReportQuery.AuditLateEntriesAsync(db, CliContext.SystemActor, r, "収納日計表（report daily）", cli.Clock, ct);
            if (parse.GetValue(json)) { cli.WriteJson(r); return 0; }
            string[] header = ["区分", "収入区分", "税目", "件数", "金額", "本税", "督促手数料", "延滞金", "過誤納", "滞納処分費"];
            string[] Cells((string Kind, DailyLine L) x) =>
                [x.Kind, x.L.Channel is { } c ? JapaneseLabels.Of(c) : "", x.L.TaxKindName, x.L.Count.ToString(CultureInfo.InvariantCulture),
                 x.L.Amount.ToString(CultureInfo.InvariantCulture), x.L.Principal.ToString(CultureInfo.InvariantCulture), x.L.ReminderFee.ToString(CultureInfo.InvariantCulture),
                 x.L.LateFee.ToString(CultureInfo.InvariantCulture), x.L.Overpaid.ToString(CultureInfo.InvariantCulture),
                 x.L.EnforcementCost.ToString(CultureInfo.InvariantCulture)];
            if (parse.GetValue(csv)) { WriteCsv(cli, header, rows.Select(Cells)); return 0; }
            cli.Out.WriteLine($"収納日計表 収入日 {CliContext.Date(day)}" + (r.Closed is { } closed
                ? $"（日計締め済み {new DateTimeOffset(DateTime.SpecifyKind(closed.ClosedAtUtc, DateTimeKind.Utc)).ToOffset(JapanTime.Offset):yyyy-MM-dd HH:mm} {closed.ClosedBy}）" : "（未締め）"));
            WriteTable(cli, header, rows.Select(Cells), firstNumeric: 3);
            if (r.LateEntries is { Count: > 0 } late)
            {
                cli.Out.WriteLine($"うち後日入力（納付日の日計が締め済みのため、この収入日に計上） {late.Count} 件");
                foreach (var l in late)
                    cli.Out.WriteLine($"  領収番号 {l.ReceiptNo} 通知書番号 {l.NoticeNo} 第{l.Period}期 納付日 {CliContext.Date(l.PaidOn)} {CliContext.Yen(l.Amount)} 円");
            }
            return 0;
        });
        return cmd;
    }

    private static Command Collection(CliContext cli)
    {
        var year = new Option<int?>("--fiscal-year") { Description = "年度（省略時は本日の年度）" };
        var asOf = new Option<string?>("--as-of") { Description = "この日までの仕訳で集計します（既定: 本日）" };
        var (json, csv) = OutputOptions();
        var cmd = new Command("collection", "調定収納集計: 税目別に現年度・滞納繰越の調定額・収入額・還付額・未納額・収納率") { year, asOf, json, csv };
        cmd.SetAction(async (parse, ct) =>
        {
            var until = parse.GetValue(asOf) is { } a ? LateFeeCommand.ParseDate(a, "--as-of") : JapanTime.Today(cli.Clock);
            var fy = parse.GetValue(year) ?? CollectionReportQuery.FiscalYearOf(until);
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var r = await CollectionReportQuery.LoadAsync(db, fy, until, ct);
            if (parse.GetValue(json)) { cli.WriteJson(r); return 0; }
            string[] header = ["税目", "区分", "調定件数", "調定額", "収入額", "還付額", "不納欠損額", "未納額", "うち滞納額", "うち時効", "収納率"];
            string[] Cells(CollectionLine l) =>
                [l.TaxKindName, ReportExports.BucketName(l.Bucket), l.Assessments.ToString(CultureInfo.InvariantCulture),
                 l.Assessed.ToString(CultureInfo.InvariantCulture), l.Collected.ToString(CultureInfo.InvariantCulture), l.Refunded.ToString(CultureInfo.InvariantCulture),
                 l.WrittenOff.ToString(CultureInfo.InvariantCulture), l.Balance.ToString(CultureInfo.InvariantCulture), l.Overdue.ToString(CultureInfo.InvariantCulture), l.Lapsed.ToString(CultureInfo.InvariantCulture),
                 l.CollectionRate?.ToString("0.0", CultureInfo.InvariantCulture) ?? ""];
            var rows = r.Lines.Append(r.Total).Select(Cells).ToList();
            if (parse.GetValue(csv)) { WriteCsv(cli, header, rows); return 0; }
            cli.Out.WriteLine($"調定収納集計 {fy} 年度（{CliContext.Date(until)} 現在、本税）");
            WriteTable(cli, header, rows, firstNumeric: 2);
            return 0;
        });
        return cmd;
    }

    private static Command Refunds(CliContext cli)
    {
        var from = new Option<string>("--from") { Description = "最初の日（YYYY-MM-DD、充当適状日・支出決定日）", Required = true };
        var to = new Option<string>("--to") { Description = "最後の日（YYYY-MM-DD）", Required = true };
        var (json, csv) = OutputOptions();
        var cmd = new Command("refunds", "還付充当一覧: 日別・税目別に充当額（本税・督促手数料・延滞金、還付加算金）と還付金・還付加算金（戻出・歳出）") { from, to, json, csv };
        cmd.SetAction(async (parse, ct) =>
        {
            var first = LateFeeCommand.ParseDate(parse.GetValue(from)!, "--from");
            var last = LateFeeCommand.ParseDate(parse.GetValue(to)!, "--to");
            if (last < first)
            {
                cli.Err.WriteLine("--to は --from 以後の日付にしてください。");
                return 2;
            }
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var r = await RefundReportQuery.LoadAsync(db, first, last, ct);
            if (parse.GetValue(json)) { cli.WriteJson(r); return 0; }
            var table = ReportExports.RefundTable(r);
            if (parse.GetValue(csv))
            {
                var sb = new StringBuilder();
                CsvOut.AppendRecord(sb, table.Header.Select(CsvOut.Text));
                // 税目コード and 税目 are text (guarded); dates and amounts are written as they are.
                foreach (var row in table.Rows) CsvOut.AppendRecord(sb, row.Select((v, i) => i is 1 or 2 ? CsvOut.Text(v) : CsvOut.Raw(v)));
                cli.Out.Write(sb.ToString());
                return 0;
            }
            cli.Out.WriteLine($"還付充当一覧 {CliContext.Date(first)}〜{CliContext.Date(last)}");
            WriteTable(cli, table.Header.Where((_, i) => i != 1).ToArray(), table.Rows.Select(x => x.Where((_, i) => i != 1).ToArray()), firstNumeric: 2);
            return 0;
        });
        return cmd;
    }

    private static void WriteCsv(CliContext cli, string[] header, IEnumerable<string[]> rows)
    {
        cli.Out.WriteLine(CsvOut.Line(header));
        foreach (var r in rows) cli.Out.WriteLine(CsvOut.Line(r));
    }

    private static void WriteTable(CliContext cli, string[] header, IEnumerable<string[]> rows, int firstNumeric)
    {
        var t = new Table().Border(TableBorder.Simple).AddColumns(header.Select(Markup.Escape).ToArray());
        for (var c = firstNumeric; c < header.Length; c++) t.Columns[c].RightAligned();
        foreach (var r in rows)
            t.AddRow(r.Select((v, i) => i >= firstNumeric && long.TryParse(v, out var n) ? CliContext.Yen(n) : Markup.Escape(v)).ToArray());
        cli.Table().Write(t);
    }
}
