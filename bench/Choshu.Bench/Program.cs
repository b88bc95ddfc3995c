using System.CommandLine;
using Choshu.Bench.Appropriate;
using Choshu.Bench.CaseFile;
using Choshu.Bench.CrashPoints;
using Choshu.Bench.Forms;
using Choshu.Bench.Reconcile;
using Choshu.Bench.Web;

namespace Choshu.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Choshu.Bench -- reconcile|web|forms|appropriate|crashpoints|casefile …</c>: throughput benchmarks at
/// city scale. Each prints its figures; docs/performance.md records them with the command and the machine.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("Choshu throughput benchmarks (results: docs/performance.md)");
        root.Subcommands.Add(ReconcileCommand.Create());
        root.Subcommands.Add(WebCommand.Create());
        root.Subcommands.Add(FormsCommand.Create());
        root.Subcommands.Add(AppropriateCommand.Create());
        root.Subcommands.Add(CrashPointsCommand.Create());
        root.Subcommands.Add(CaseFileCommand.Create());
        return await root.Parse(args).InvokeAsync();
    }
}
