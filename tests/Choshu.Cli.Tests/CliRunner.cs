using Microsoft.Extensions.Time.Testing;

namespace Choshu.Cli.Tests;

/// <summary>Runs the choshu command in-process with captured streams and a frozen clock.</summary>
public static class CliRunner
{
    /// <summary>2026-11-26 12:00 in Japan.</summary>
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    public static async Task<(int ExitCode, string Out, string Err)> RunAsync(TimeProvider clock, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, clock);
        return (code, output.ToString(), error.ToString());
    }
}
