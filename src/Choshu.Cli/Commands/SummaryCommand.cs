using System.CommandLine;
using Choshu.App.Reports;
using Spectre.Console;

namespace Choshu.Cli.Commands;

/// <summary><c>choshu summary [--json]</c>: taxpayers, assessments and amounts due by tax kind.</summary>
public static class SummaryCommand
{
    public static Command Create(CliContext cli)
    {
        var json = new Option<bool>("--json") { Description = "JSON で出力します" };
        var cmd = new Command("summary", "市の概況: 納税義務者数、税目別の調定・収納・未納") { json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var db = await cli.OpenReadyStoreAsync(parse, ct);
            var s = await CitySummaryQuery.LoadAsync(db, cli.Clock, ct);
            if (parse.GetValue(json)) cli.WriteJson(s);
            else Print(cli, s, cli.StoreFrom(parse).Describe());
            return 0;
        });
        return cmd;
    }

    public static void Print(CliContext cli, CitySummary s, string storeDescription)
    {
        cli.Out.WriteLine($"{storeDescription}（{CliContext.Date(s.AsOf)} 現在、現年度 = {s.CurrentFiscalYear} 年度）");
        cli.Out.WriteLine($"納税義務者 {s.Taxpayers:#,0} 人（個人 {s.Individuals:#,0}、法人 {s.Corporations:#,0}）");
        var t = new Table().Border(TableBorder.Simple)
            .AddColumns("税目", "調定件数", "期別数", "調定額（本税）", "収納額", "未納額", "うち滞納額", "現年度収納率", "滞納繰越未納額");
        for (var c = 1; c < 9; c++) t.Columns[c].RightAligned();
        foreach (var k in s.ByTaxKind.Append(s.Total))
            t.AddRow(Markup.Escape(k.TaxKindName), k.Assessments.ToString("#,0"), k.Installments.ToString("#,0"),
                CliContext.Yen(k.Assessed), CliContext.Yen(k.Collected), CliContext.Yen(k.Outstanding), CliContext.Yen(k.Overdue),
                k.CurrentYearAssessed == 0 ? "-" : $"{100m * k.CurrentYearCollected / k.CurrentYearAssessed:0.0}%",
                CliContext.Yen(k.ArrearsOutstanding));
        cli.Table().Write(t);
        cli.Out.WriteLine("金額は円、本税のみ（延滞金・督促手数料を含まない）。滞納額は納期限（休日繰下げ後）を過ぎた未納額。");
    }
}
