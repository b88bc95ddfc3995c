using System.Globalization;
using System.CommandLine;
using Choshu.Cli.Commands;
using Choshu.Domain;

namespace Choshu.Cli;

/// <summary>The <c>choshu</c> command. Tests call <see cref="RunAsync"/> in-process with their own streams and clock.</summary>
public static class CliApp
{
    private static readonly CultureInfo JapaneseUi = CultureInfo.GetCultureInfo("ja-JP");

    /// <summary>
    /// No response files: System.CommandLine would read an argument starting with <c>@</c> (a name, a reason, a search
    /// term typed by staff) as the path of a file of more arguments. Every argument is taken literally.
    /// </summary>
    public static ParserConfiguration Parsing { get; } = new() { ResponseFileTokenReplacer = null };

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider clock, CancellationToken ct = default) =>
        RunAsync(args, output, error, clock, terminal: null, ct);

    /// <summary>Runs one command. <paramref name="terminal"/>: standard input, OS user and login token file (null: this process's console).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider clock, CliTerminal? terminal, CancellationToken ct = default)
    {
        // System.CommandLine's own words (help headings 使用法・オプション・コマンド・引数, parse errors) in Japanese,
        // from its ja resources, whatever the machine's locale. Flows into the invocation; restored on return.
        CultureInfo.CurrentUICulture = JapaneseUi;
        var cli = new CliContext(output, error, clock, terminal);
        var root = BuildRoot(cli);

        var parse = root.Parse(args, Parsing);
        cli.Invocation = parse;
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, ct);
        }
        catch (App.Security.AccessDeniedException ex)
        {
            // A refused right: already in the audit log. Exit 3 sets it apart from bad input (2).
            error.WriteLine($"エラー: {ex.Message}");
            return 3;
        }
        catch (DomainException ex)
        {
            error.WriteLine($"エラー: {ex.Message}");
            return 2;
        }
        catch (CliException ex)
        {
            error.WriteLine($"エラー: {ex.Message}");
            return ex.ExitCode;
        }
    }

    /// <summary>The command tree, built the same way for a run and for the tests that walk it (every leaf command is classified by Choshu.Cli.Tests' audit path table).</summary>
    public static RootCommand BuildRoot(CliContext cli)
    {
        var root = new RootCommand("Choshu（徴収）: 市税の収納・消込・滞納整理システム");
        root.Options.Add(cli.Db);
        root.Options.Add(cli.PromptCredentials);
        foreach (var c in SessionCommands.Create(cli)) root.Subcommands.Add(c);
        root.Subcommands.Add(DbCommands.Create(cli));
        // One line per command group.
        root.Subcommands.Add(ImportCommands.Create(cli));
        root.Subcommands.Add(DemoCommand.Create(cli));
        root.Subcommands.Add(DebitCommands.Create(cli));
        root.Subcommands.Add(LateFeeCommand.Create(cli));
        root.Subcommands.Add(RefundInterestCommand.Create(cli));
        root.Subcommands.Add(RefundCommands.Create(cli));
        root.Subcommands.Add(AppropriateCommand.Create(cli));
        root.Subcommands.Add(LimitationCommand.Create(cli));
        foreach (var c in PaymentCommands.Create(cli)) root.Subcommands.Add(c);
        root.Subcommands.Add(ReportCommands.Create(cli));
        root.Subcommands.Add(SeedCommand.Create(cli));
        root.Subcommands.Add(ServeCommand.Create(cli));
        root.Subcommands.Add(SlipCommand.Create(cli));
        root.Subcommands.Add(SettingsCommands.Create(cli));
        root.Subcommands.Add(SummaryCommand.Create(cli));
        root.Subcommands.Add(TaxpayerCommands.Create(cli));
        root.Subcommands.Add(UsersCommands.Create(cli));
        root.Subcommands.Add(CaseCommands.Create(cli));
        root.Subcommands.Add(PledgeCommands.Create(cli));
        root.Subcommands.Add(LiabilityCommands.Succession(cli));
        root.Subcommands.Add(LiabilityCommands.Liability(cli));
        root.Subcommands.Add(DistributionCommands.ClaimForDistribution(cli));
        root.Subcommands.Add(DistributionCommands.Enforcement(cli));
        root.Subcommands.Add(DistributionCommands.Distribution(cli));
        root.Subcommands.Add(PublicSaleCommands.PublicSale(cli));
        root.Subcommands.Add(PublicSaleCommands.Appeal(cli));
        root.Subcommands.Add(PublicSaleCommands.Insolvency(cli));
        root.Subcommands.Add(InquiryCommands.Create(cli));
        root.Subcommands.Add(ClaimCommands.Create(cli));
        foreach (var c in MeasureCommands.Create(cli)) root.Subcommands.Add(c);
        foreach (var c in SeizureCommands.Create(cli)) root.Subcommands.Add(c);
        root.Subcommands.Add(ReliefCommands.Create(cli));
        foreach (var c in EmployerCommands.Create(cli)) root.Subcommands.Add(c);
        root.Subcommands.Add(PensionCommands.Create(cli));
        root.Subcommands.Add(NoticeCommands.Create(cli));
        root.Subcommands.Add(ExportCommands.Create(cli));
        root.Subcommands.Add(TransferCommands.Create(cli));
        foreach (var c in BooksCommands.Create(cli)) root.Subcommands.Add(c);
        root.Subcommands.Add(CertificateCommands.Create(cli));
        root.Subcommands.Add(DeletionCommands.Create(cli));
        root.Subcommands.Add(DisclosureCommands.Create(cli));
        KeysCommands.Register(root, cli);
        root.Subcommands.Add(AuditCommands.Create(cli));
        return root;
    }
}

/// <summary>An error the user can fix, with a message in Japanese; printed without a stack trace.</summary>
public sealed class CliException(string message, int exitCode = 2) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
