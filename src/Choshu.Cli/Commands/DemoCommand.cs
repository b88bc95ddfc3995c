using System.CommandLine;
using Choshu.App.Reports;
using Choshu.App.Seeding;
using Choshu.App.Stores;
using Choshu.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu demo</c>: the README's run command. Initialises the store (the embedded SQLite file by
/// default), builds a synthetic city the first time, and prints the city's summary with a few
/// taxpayers worth looking at.
/// </summary>
public static class DemoCommand
{
    public static Command Create(CliContext cli)
    {
        var taxpayers = new Option<int>("--taxpayers") { Description = "初回に作成する納税義務者の数（既定 2,000）", DefaultValueFactory = _ => 2_000 };
        var seed = new Option<long>("--seed") { Description = "合成データのシード（既定 1）", DefaultValueFactory = _ => 1 };
        var cmd = new Command("demo", "デモ: データストアを初期化し、初回は合成データの市を作成して概況を表示します") { taxpayers, seed };
        cmd.SetAction(async (parse, ct) =>
        {
            var store = cli.StoreFrom(parse);
            await StoreInitializer.InitializeAsync(store, ct);
            await using (var db = store.CreateContext())
            {
                if (!await db.Taxpayers.AnyAsync(ct))
                {
                    cli.Err.WriteLine($"{store.Describe()} に合成データの市（{parse.GetValue(taxpayers):#,0} 人）を作成します…");
                    await SeedCommand.RunWithProgressAsync(cli, store, new SeedOptions(parse.GetValue(taxpayers), parse.GetValue(seed)), ct);
                }
            }

            await using var read = store.CreateContext();
            SummaryCommand.Print(cli, await CitySummaryQuery.LoadAsync(read, cli.Clock, ct), store.Describe());
            var today = JapanTime.Today(cli.Clock);
            var overdue = await (
                    from t in read.Taxpayers
                    join a in read.Assessments on t.Id equals a.TaxpayerId
                    join i in read.Installments on a.Id equals i.AssessmentId
                    where i.DueDate < today && read.JournalEntries.Where(j => j.InstallmentId == i.Id).Sum(j => j.Amount) > 0
                    orderby t.TaxpayerNo
                    select t.TaxpayerNo)
                .FirstOrDefaultAsync(ct);
            var first = await read.Taxpayers.OrderBy(t => t.TaxpayerNo).Select(t => t.TaxpayerNo).FirstOrDefaultAsync(ct);
            cli.Out.WriteLine();
            cli.Out.WriteLine("次に試せること:");
            if (overdue is not null) cli.Out.WriteLine($"  ./choshu taxpayer show {overdue}          # 滞納のある納税義務者（延滞金は本日まで計算、個人番号はマスク）");
            if (first is not null && first != overdue) cli.Out.WriteLine($"  ./choshu taxpayer show {first}          # 納税義務者の照会");
            cli.Out.WriteLine("  ./choshu late-fee --principal 500000 --due 2025-09-01 --paid 2026-03-15");
            cli.Out.WriteLine("  ./choshu --help");
            return 0;
        });
        return cmd;
    }
}
