namespace Choshu.TestSupport;

/// <summary>The checkout the tests run from: the nearest folder above the test binaries holding Choshu.slnx.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Choshu.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Choshu.slnx was not found above " + AppContext.BaseDirectory);
    }
}
