using Choshu.Formats.Payments;
using Choshu.Fuzz;
using Choshu.TestSupport;

namespace Choshu.Formats.Tests.Fuzz;

/// <summary>
/// CI's share of the fuzzing (docs/security.md「Fuzzing」): every seed in fuzz/corpus/READER/ and every
/// crash ever found, fuzz/crashes/READER/, fed through the fuzz harness (<see cref="FuzzTargets"/>, the
/// same source the fuzzer runs, uninstrumented) must end in an outcome the importer handles: the file
/// refused, lines quarantined, or the file read. Crashes not fixed yet wait in fuzz/crashes/pending/
/// (listed in its README.md) and are not replayed here; fixing one means moving it up to fuzz/crashes/READER/.
/// </summary>
public sealed class FuzzCorpusReplayTests
{
    private static readonly string Root = Path.Combine(RepoRoot.Path, "fuzz");

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in new[] { "corpus", "crashes" })
            foreach (var reader in FuzzTargets.Names)
            {
                var dir = Path.Combine(Root, folder, reader);
                if (!Directory.Exists(dir)) continue;
                foreach (var file in Directory.GetFiles(dir).Where(f => Path.GetFileName(f) != ".gitkeep").Order(StringComparer.Ordinal))
                    data.Add(reader, Path.GetRelativePath(Root, file));
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Replay_SeedOrPastCrash_EndsInAnOutcomeTheImporterHandles(string reader, string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Root, file));

        var thrown = Record.Exception(() => FuzzTargets.Run(reader, bytes));

        Assert.True(thrown is null, $"{file} ({bytes.Length} bytes) through {reader}: {thrown}");
    }

    [Fact]
    public void Corpus_EveryReaderHasSeeds_AndEveryFolderNamesAReader()
    {
        foreach (var reader in FuzzTargets.Names)
            Assert.True(Directory.GetFiles(Path.Combine(Root, "corpus", reader)).Length >= 2, $"fuzz/corpus/{reader} needs seeds");
        var folders = Directory.GetDirectories(Path.Combine(Root, "corpus"))
            .Concat(Directory.GetDirectories(Path.Combine(Root, "crashes")).Where(d => Path.GetFileName(d) != "pending"))
            .Select(Path.GetFileName);
        Assert.All(folders, f => Assert.Contains(f, FuzzTargets.Names));
    }

    /// <summary>The seeds are valid files: each reader accepts them, so the fuzzer starts from the deep paths.</summary>
    [Fact]
    public void Corpus_SeedsAreFilesTheReadersAccept()
    {
        Assert.Equal(["assessments", "bank", "counter", "eltax", "store", "taxpayers", "zengin", "zengin-records"],
            FuzzTargets.Names.Order(StringComparer.Ordinal));
        foreach (var format in new[] { "bank", "store", "eltax", "counter", "zengin" })
            foreach (var file in Directory.GetFiles(Path.Combine(Root, "corpus", format)))
            {
                var reader = PaymentFormats.Create(format, new PaymentReaderOptions { DebitOnOrBefore = FuzzTargets.Today });
                var check = reader.Check(new MemoryStream(File.ReadAllBytes(file)), Path.GetFileName(file));
                Assert.True(check.IsAccepted && check.InvalidRecordCount == 0 && check.DataRecordCount >= 2,
                    $"{format}/{Path.GetFileName(file)}: {string.Join(" / ", check.Errors.Select(e => e.Message))} ({check.InvalidRecordCount} bad of {check.DataRecordCount})");
            }
    }
}
