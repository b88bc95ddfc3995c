using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Choshu.Bench.Reconcile;
using Choshu.Forms;

namespace Choshu.Bench.Forms;

/// <summary>
/// <c>forms --letters 2000 [--layout A4Letter] [--out FILE]</c>: renders N synthetic reminder letters
/// (<see cref="FormSamples"/>: claims table, 教示, slip with GS1-128 barcode, eL-QR and customer barcode)
/// into one PDF and prints letters per second, pages and megabytes, with the time of the checking pass
/// (layout without drawing) apart from the drawing and writing pass.
/// </summary>
public static class FormsCommand
{
    public static Command Create()
    {
        var letters = new Option<int>("--letters") { Description = "Letters to render", DefaultValueFactory = _ => 2000 };
        var layout = new Option<FormLayout>("--layout") { Description = "A4Letter, SealedPostcard or ThreeFold", DefaultValueFactory = _ => FormLayout.A4Letter };
        var output = new Option<string?>("--out") { Description = "PDF file to keep (default: a temporary file, deleted)" };
        var command = new Command("forms", "The form engine: N letters with slips, barcodes and QR into one PDF") { letters, layout, output };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(letters);
            if (n < 1)
            {
                Console.Error.WriteLine("--letters must be 1 or more");
                return 2;
            }

            var path = parse.GetValue(output) ?? Path.Combine(Path.GetTempPath(), $"choshu-forms-{Environment.ProcessId}.pdf");
            var list = Enumerable.Range(1, n).Select(i => FormSamples.Reminder(i, parse.GetValue(layout))).ToList();
            var renderer = new FormRenderer(FormFonts.Load());

            // Warm-up (JIT, font tables) on a few letters, not counted.
            using (var warm = new MemoryStream()) renderer.Render(list.Take(5), warm);

            var sw = Stopwatch.StartNew();
            int pages;
            using (var file = File.Create(path))
            {
                var last = 0;
                pages = renderer.Render(list, file, new Progress<int>(done =>
                {
                    if (done - last < Math.Max(1, n / 10) && done != n) return;
                    last = done;
                    Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{done:N0}/{n:N0} letters"));
                }));
            }

            sw.Stop();
            Console.Error.WriteLine();
            var mb = new FileInfo(path).Length / 1_048_576.0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"forms: {n:N0} letters ({parse.GetValue(layout)}), {pages:N0} pages, {mb:N1} MB in {sw.Elapsed.TotalSeconds:N1} s: {n / sw.Elapsed.TotalSeconds:N0} letters/s, {pages / sw.Elapsed.TotalSeconds:N0} pages/s"));

            // Where the time goes: the checking pass alone (layout, measuring, barcode encoding; no PDF).
            var check = Stopwatch.StartNew();
            try
            {
                renderer.Render(list, Stream.Null);
            }
            finally
            {
                check.Stop();
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"forms: a second render to a null stream took {check.Elapsed.TotalSeconds:N1} s (no disk); peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576:N0} MB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; load average {MachineLoad.LoadAverage()}"));
            if (parse.GetValue(output) is null) File.Delete(path);
            else Console.WriteLine($"written: {path}");
            return 0;
        });
        return command;
    }
}
