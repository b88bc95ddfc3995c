using Choshu.TestSupport;

namespace Choshu.Web.Tests;

/// <summary>
/// One language on the staff screens: every page (.cshtml under src/Choshu.Web) and every C# string literal
/// holding Japanese in the web app's code (messages its page models set) is read for Latin-letter words, and
/// any word outside <see cref="LatinWords.Allowed"/> fails the test with its file, line and word. Codes, units
/// and product names are allowed (PDF, CSV, Choshu, TOTP, QR, ID…); options, file names, setting keys and
/// commands are not prose and are skipped. A new page is covered as soon as it exists.
/// </summary>
public sealed class JapaneseTextTests
{
    private static string WebSource => Path.Combine(RepoRoot.Path, "src", "Choshu.Web");

    [Fact]
    public void WebPages_EveryTextStaffRead_HasNoLatinWordsOutsideTheAllowList()
    {
        var findings = Files(WebSource, "*.cshtml").SelectMany(f => LatinWords.InRazor(Relative(f), File.ReadAllText(f)))
            .Concat(Files(WebSource, "*.cs").SelectMany(f => LatinWords.InCSharp(Relative(f), File.ReadAllText(f))))
            .ToList();
        Assert.True(findings.Count == 0, Report(findings));
    }

    [Fact]
    public void LatinWords_MixedText_FindsEnglishNotCodesOptionsOrProductNames()
    {
        var page = """
            @page
            <h1>収納 Status</h1>
            <p title="Help text">PDF と CSV を出力します。--urls http://127.0.0.1:5081 や city.address、NZ01 はそのまま。</p>
            @{ var label = x ? "完了 Done" : "yyyy-MM-dd"; }
            <td>@Date(d)（@Model.Name）</td>
            """;
        var words = LatinWords.InRazor("x.cshtml", page).Select(f => (f.Line, f.Word)).ToList();
        Assert.Equal([(2, "Status"), (3, "Help"), (3, "text"), (4, "Done")], words);
    }

    internal static IEnumerable<string> Files(string root, string pattern) =>
        Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    internal static string Relative(string file) => Path.GetRelativePath(RepoRoot.Path, file);

    internal static string Report(IReadOnlyList<LatinWords.Finding> findings) =>
        $"{findings.Count} Latin word(s) in text staff read. Write the Japanese word, or, for a code, unit or product name staff "
        + "really read in Latin letters, add it to LatinWords.Allowed (tests/Choshu.TestSupport/LatinWords.cs) with the reason:\n"
        + string.Join("\n", findings.Select(f => "  " + f));
}
