using System.CommandLine;
using System.Globalization;
using Choshu.App.Seeding;
using Choshu.Data.Bulk;
using Spectre.Console;

namespace Choshu.Cli.Commands;

/// <summary>
/// <c>choshu seed --taxpayers N [--seed S] [--json]</c>: builds the synthetic city in an initialised,
/// empty store (demo and benchmark data). Progress goes to stderr; the summary (or one JSON object
/// with <c>--json</c>) to stdout.
/// </summary>
public static class SeedCommand
{
    private static readonly (string Table, string Label)[] Tables =
    [
        ("taxpayers", "宛名"),
        ("taxpayer_versions", "宛名履歴"),
        ("taxpayer_my_numbers", "個人番号"),
        ("tax_agents", "納税管理人"),
        ("direct_debit_accounts", "口座振替"),
        ("assessments", "調定"),
        ("installments", "期別"),
        ("payments", "収納"),
        ("journal_entries", "仕訳"),
    ];

    public static Command Create(CliContext cli)
    {
        var taxpayers = new Option<int>("--taxpayers")
        {
            Description = $"作成する納税義務者の数（1～{SeedOptions.MaxTaxpayers:N0}）",
            Required = true,
        };
        var seed = new Option<long>("--seed")
        {
            Description = "乱数のシード（数とシードが同じなら、記録日時を除き同じデータになります）。省略時は 1",
            DefaultValueFactory = _ => 1,
        };
        var json = new Option<bool>("--json") { Description = "結果を JSON（1 つのオブジェクト）で出力します" };
        var command = new Command("seed", "合成データの市（納税義務者・5 年度分の調定・収納）を空のデータストアに作成します（デモ・性能測定用）")
        {
            taxpayers,
            seed,
            json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(taxpayers);
            var seedValue = parse.GetValue(seed);
            if (count < 1 || count > SeedOptions.MaxTaxpayers)
                throw new CliException($"--taxpayers は 1 以上 {SeedOptions.MaxTaxpayers:N0} 以下で指定してください。");
            if (seedValue < 0)
                throw new CliException("--seed は 0 以上の整数で指定してください。");
            var store = cli.StoreFrom(parse);
            var options = new SeedOptions(count, seedValue);

            SeedResult result;
            try
            {
                result = await RunWithProgressAsync(cli, store, options, ct);
            }
            catch (SeedRefusedException ex)
            {
                throw new CliException(ex.Message);
            }

            if (parse.GetValue(json))
                cli.WriteJson(ToJson(store.Describe(), result));
            else
                WriteSummary(cli.Out, store.Describe(), result);
            return 0;
        });
        return command;
    }

    internal static async Task<SeedResult> RunWithProgressAsync(CliContext cli, Data.Store store, SeedOptions options, CancellationToken ct)
    {
        var result = await SeedCityAsync(cli, store, options, ct);
        // Withholding employers and pensioners, through the services staff use (docs/seeding.md).
        var w = await WithholdingDemo.SeedAsync(store, cli.Clock, ct);
        cli.Err.WriteLine($"seed: 特別徴収義務者 {w.Employers}（従業員 {w.Employees}人）・年金保険者 {w.PensionPayers}（年金受給者 {w.Pensioners}人、停止 {w.PensionStops}人）");
        return result;
    }

    private static async Task<SeedResult> SeedCityAsync(CliContext cli, Data.Store store, SeedOptions options, CancellationToken ct)
    {
        if (!ReferenceEquals(cli.Err, Console.Error) || Console.IsErrorRedirected)
            return await SyntheticCitySeeder.SeedAsync(store, options, cli.Clock, new LineProgress(cli.Err), ct);

        // stderr is a terminal (checked above) even when stdout is redirected to a file: animate there.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Interactive = InteractionSupport.Yes,
        });
        SeedResult? result = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("合成データを作成中", maxValue: options.Taxpayers);
                var progress = new CallbackProgress(p =>
                {
                    task.Value = p.TaxpayersWritten;
                    if (p.Phase == SeedPhase.Finishing) task.Description = "確定・統計情報を更新中";
                    if (p.Phase == SeedPhase.Done) task.Description = "合成データを作成しました";
                });
                result = await SyntheticCitySeeder.SeedAsync(store, options, cli.Clock, progress, ct);
            });
        return result!;
    }

    private static void WriteSummary(TextWriter w, string store, SeedResult r)
    {
        var n = CultureInfo.InvariantCulture;
        w.WriteLine($"合成データの市を作成しました: {store}");
        w.WriteLine(string.Create(n, $"  納税義務者 {r.Taxpayers:N0} 人・シード {r.Seed}・基準日 {r.Today:yyyy-MM-dd}・{r.FiscalYears[0]}～{r.FiscalYears[^1]} 年度"));
        foreach (var (table, label) in Tables)
            w.WriteLine(string.Create(n, $"  {table,-20} {r.RowsByTable[table],14:N0}  {label}"));
        w.WriteLine(string.Create(n, $"  {"合計",-18} {r.TotalRows,14:N0}  （仕訳のうち調定 {r.Charges:N0}・収納 {r.Payments:N0}）"));
        w.WriteLine(string.Create(n, $"  所要時間 {r.Elapsed.TotalSeconds:F1} 秒（{r.RowsPerSecond:N0} 行/秒）"));
    }

    private static object ToJson(string store, SeedResult r) => new
    {
        store,
        taxpayers = r.Taxpayers,
        seed = r.Seed,
        today = r.Today,
        fiscalYears = r.FiscalYears,
        rows = Tables.ToDictionary(t => t.Table, t => r.RowsByTable[t.Table]),
        totalRows = r.TotalRows,
        charges = r.Charges,
        payments = r.Payments,
        elapsedSeconds = Math.Round(r.Elapsed.TotalSeconds, 3),
        rowsPerSecond = Math.Round(r.RowsPerSecond),
    };

    private sealed class CallbackProgress(Action<SeedProgress> report) : IProgress<SeedProgress>
    {
        public void Report(SeedProgress value) => report(value);
    }

    /// <summary>Progress for a log file or a test: a line at every tenth of the taxpayers and at each phase.</summary>
    private sealed class LineProgress(TextWriter err) : IProgress<SeedProgress>
    {
        private int _lastTenth = -1;

        public void Report(SeedProgress p)
        {
            var n = CultureInfo.InvariantCulture;
            switch (p.Phase)
            {
                case SeedPhase.Writing:
                    var tenth = (int)(10L * p.TaxpayersWritten / p.TaxpayersTotal);
                    if (tenth == _lastTenth) return;
                    _lastTenth = tenth;
                    err.WriteLine(string.Create(n, $"seed: 納税義務者 {p.TaxpayersWritten:N0} / {p.TaxpayersTotal:N0}（{tenth * 10}%）・{p.RowsWritten:N0} 行"));
                    break;
                case SeedPhase.Finishing:
                    err.WriteLine("seed: 確定し、統計情報を更新しています…");
                    break;
            }
        }
    }
}
