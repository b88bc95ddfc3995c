using Choshu.Fuzz;
using SharpFuzz;

// choshu-fuzz TARGET: run by libfuzzer-dotnet (fuzz/run.sh) with --target_arg=TARGET; each input is one
// whole file given to that reader (FuzzTargets). An exception escaping the target is a crash.
if (args.Length != 1 || !FuzzTargets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: choshu-fuzz TARGET   (TARGET: {string.Join(", ", FuzzTargets.Names)})");
    return 2;
}

// The target is looked up inside the callback: no instrumented code may run before libFuzzer's coverage map exists.
var name = args[0];
Action<ReadOnlyMemory<byte>>? target = null;
Fuzzer.LibFuzzer.Run(span => (target ??= FuzzTargets.For(name))(span.ToArray()));
return 0;
