using System.Diagnostics;
using System.Globalization;

namespace Choshu.Bench.Reconcile;

/// <summary>
/// What the machine was doing while something was timed (Linux /proc): CPU seconds of the whole machine,
/// of this process and of the PostgreSQL server processes, and the load average at the end. On a
/// shared machine the rest is other people's work.
/// </summary>
public sealed class MachineLoad
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly double _machineBusy = MachineBusySeconds();
    private readonly TimeSpan _own = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly Dictionary<int, double> _postgres = PostgresSeconds();
    private readonly Stopwatch _wall = Stopwatch.StartNew();

    public static MachineLoad Start() => new();

    /// <summary>One line: wall time, CPU seconds by whom, load average.</summary>
    public string Describe()
    {
        var wall = _wall.Elapsed.TotalSeconds;
        var cores = Environment.ProcessorCount;
        var machineCpu = MachineBusySeconds() - _machineBusy;
        var own = (Process.GetCurrentProcess().TotalProcessorTime - _own).TotalSeconds;
        var postgres = PostgresSeconds().Sum(p => p.Value - _postgres.GetValueOrDefault(p.Key));
        var others = Math.Max(0, machineCpu - own - postgres);
        return string.Create(CultureInfo.InvariantCulture,
            $"{wall:N1} s wall on {cores} cores ({cores * wall:N1} core-s): CPU used {machineCpu:N1} s = this process {own:N1} s + PostgreSQL {postgres:N1} s + other work {others:N1} s; load average {LoadAverage()}");
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    /// <summary>CPU seconds all cores have spent busy since boot (user, nice, system, irq, softirq, steal).</summary>
    private static double MachineBusySeconds()
    {
        try
        {
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var idle = cpu[3] + cpu[4]; // idle + iowait
            return (cpu.Take(8).Sum() - idle) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>
    /// utime + stime of every process named postgres, in seconds, by process id (what a process used
    /// before it ended is lost: a server process that ends during the measurement is not counted).
    /// </summary>
    private static Dictionary<int, double> PostgresSeconds()
    {
        var seconds = new Dictionary<int, double>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!char.IsAsciiDigit(Path.GetFileName(dir)[0])) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                if (stat[(open + 1)..close] != "postgres") continue;
                var fields = stat[(close + 2)..].Split(' ');
                seconds[int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture)] =
                    (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the process ended meanwhile
            }
        }
        return seconds;
    }
}
