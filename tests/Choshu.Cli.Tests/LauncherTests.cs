using System.Diagnostics;
using Choshu.TestSupport;

namespace Choshu.Cli.Tests;

/// <summary>
/// The <c>./choshu</c> launcher on a fresh clone: it says what it is doing before the build starts. The
/// script is copied into an empty folder (no .build/cli, so it must build) with a stand-in <c>dotnet</c>
/// first on PATH that takes 3 s over a "build" of two projects: nothing is compiled, and the first line
/// must arrive within 2 s, long before the stand-in's build ends.
/// </summary>
public sealed class LauncherTests
{
    [Fact]
    public async Task Launcher_FreshClone_SaysItIsBuildingWithin2SecondsThenShowsProgress()
    {
        if (OperatingSystem.IsWindows()) return; // a bash script
        var dir = Directory.CreateTempSubdirectory("choshu-launcher-");
        try
        {
            var root = dir.FullName;
            File.Copy(Path.Combine(RepoRoot.Path, "choshu"), Path.Combine(root, "choshu"));
            foreach (var p in new[] { "src/Choshu.Domain", "src/Choshu.Cli", "scripts", "bin" }) Directory.CreateDirectory(Path.Combine(root, p));
            File.WriteAllText(Path.Combine(root, "src/Choshu.Domain/Choshu.Domain.csproj"), "<Project />");
            File.WriteAllText(Path.Combine(root, "src/Choshu.Cli/Choshu.Cli.csproj"), "<Project />");
            File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), "<Project />");
            File.WriteAllText(Path.Combine(root, "scripts/ensure-forms.sh"), "");
            var fake = Path.Combine(root, "bin/dotnet");
            File.WriteAllText(fake, """
                #!/usr/bin/env bash
                if [ "$1" = build ]; then
                  sleep 3
                  echo "  Restored /x/src/Choshu.Cli/Choshu.Cli.csproj (in 1.2 sec)."
                  echo "  Choshu.Domain -> /x/.build/cli/Choshu.Domain.dll"
                  echo "  Choshu.Cli -> /x/.build/cli/choshu.dll"
                  exit 0
                fi
                echo "ran $*"
                """.Replace("\r", ""));
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(Path.Combine(root, "choshu"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            var psi = new ProcessStartInfo("bash", [Path.Combine(root, "choshu"), "demo"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root,
            };
            psi.Environment["PATH"] = Path.Combine(root, "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(psi)!;
            var first = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(2));
            var firstAt = watch.Elapsed;
            var rest = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var stdout = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.True(firstAt < TimeSpan.FromSeconds(2), $"first line after {firstAt.TotalSeconds:0.0} s");
            Assert.Equal("choshu: 初回のため、プログラムをビルドしています（一度だけ。3 分ほどかかります）。 / First run: building Choshu once (about 3 minutes).", first);
            Assert.Contains("[1/2] Choshu.Domain をビルドしました", rest);
            Assert.Contains("[2/2] Choshu.Cli をビルドしました", rest);
            Assert.Contains("パッケージを取得しました", rest);
            Assert.Contains("ビルドが終わりました", rest);
            Assert.Equal(0, process.ExitCode);
            Assert.Equal($"ran {Path.Combine(root, ".build/cli/choshu.dll")} demo\n", stdout);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
