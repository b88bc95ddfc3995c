using Choshu.TestSupport;

namespace Choshu.Cli.Tests;

/// <summary>
/// One language in the CLI: every C# string literal holding Japanese in the CLI's sources (its messages,
/// help texts, table headings) is read for Latin-letter words outside <see cref="LatinWords.Allowed"/>;
/// options (<c>--urls</c>), commands after <c>./choshu</c> or <c>choshu</c>, file names and setting keys
/// are not prose and are skipped. A failure names the file, the line and the word.
/// </summary>
public sealed class JapaneseMessagesTests
{
    /// <summary>
    /// The CLI's own words, which a message names as they are typed: every command name of the tree, the values
    /// its options take (用紙, 送達方法, 解消方法, 取込形式, 文字コード, 削除の範囲), the connection string's keys, the
    /// two database products, the system actor's name and the folders a message points to.
    /// </summary>
    private static readonly HashSet<string> Vocabulary = CommandNames().Concat(
    [
        "a4", "postcard", "threefold", "ordinary", "recorded", "registered", "by", "hand", "redispatched", "public", "notice", "closed",
        "bank", "store", "zengin", "eltax", "counter", "utf", "my", "numbers",
        "Host", "Data", "Source", "PostgreSQL", "SQLite", "system", "cli", "docs", "notices", "keys", "data",
        // certificate --kind and --requester values; 軽JNKS is the light-vehicle inspection system's name
        "amounts", "no", "arrears", "enforcement", "vehicle", "self", "agent", "staff", "JNKS",
        // refund overpayments --state values; refund-interest --cause values (income-tax)
        "appropriated", "awaiting", "refunded", "lapsed", "reduction", "request", "income", "tax", "erroneous",
        // case worklist --sort values; deferment add --kind and --reason-code values
        "amount", "contact", "sale", "application", "city", "disaster", "illness", "business", "closure", "loss", "similar",
        // liability add --kind values
        "joint", "second",
        // claim-for-distribution add --kind and --body-kind values; distribution compute --tax standing
        "participating", "court", "office", "trustee", "other", "seizing",
        // seizure add --kind values; seizable-wage --period units (1m = one month, 7d = seven days)
        "deposit", "wages", "pension", "receivable", "national", "refund", "real", "estate", "movables", "m", "d",
        // insolvency record --kind values
        "bankruptcy", "rehabilitation", "reorganization",
        // inquiry target add --kind, inquiry add --kind and inquiry answer --asset values
        "employer", "insurer", "pension", "registry", "municipality", "deposit", "salary", "insurance", "real", "estate", "residence", "none", "policy",
    ]).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> CommandNames()
    {
        var root = CliApp.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null, TimeProvider.System));
        var stack = new Stack<System.CommandLine.Command>([root]);
        while (stack.TryPop(out var c))
        {
            foreach (var part in c.Name.Split('-')) yield return part;
            foreach (var s in c.Subcommands) stack.Push(s);
        }
    }

    [Fact]
    public void CliSources_EveryJapaneseMessage_HasNoLatinWordsOutsideTheAllowList()
    {
        var root = Path.Combine(RepoRoot.Path, "src", "Choshu.Cli");
        var findings = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(f => LatinWords.InCSharp(Path.GetRelativePath(RepoRoot.Path, f), File.ReadAllText(f)))
            .Where(f => !Vocabulary.Contains(f.Word))
            .ToList();
        Assert.True(findings.Count == 0,
            $"{findings.Count} Latin word(s) in CLI messages. Write the Japanese word, or add a code, unit or product name staff read in Latin "
            + "letters to LatinWords.Allowed (tests/Choshu.TestSupport/LatinWords.cs) with the reason:\n" + string.Join("\n", findings.Select(f => "  " + f)));
    }
    // System.CommandLine's own headings come from its Japanese resources whatever the machine's locale.
    [Fact]
    public async Task Help_AnyLocale_HeadingsInJapanese()
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, await CliApp.RunAsync(["users", "--help"], output, new StringWriter(), TimeProvider.System));
            var text = output.ToString();
            Assert.Contains("使用法:", text);
            Assert.Contains("オプション:", text);
            Assert.Contains("コマンド:", text);
            Assert.DoesNotContain("Usage:", text);
            Assert.DoesNotContain("Options:", text);
            Assert.DoesNotContain("Commands:", text);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }
}
