using System.Diagnostics;
using SkiaSharp;
using ZXing;
using ZXing.Common;

namespace Choshu.TestSupport;

/// <summary>Reads a PDF back as a person would: its text (pdftotext) and its pages as pictures (pdftoppm).</summary>
public static class Poppler
{
    /// <summary>The text of the PDF (or of one page) as pdftotext extracts it; with <paramref name="layout"/>, in its printed layout (-layout).</summary>
    public static string Text(byte[] pdf, int? page = null, bool layout = false)
    {
        var path = Temp(pdf);
        try
        {
            var args = new List<string> { "-enc", "UTF-8" };
            if (layout) args.Add("-layout");
            if (page is { } p) args.AddRange(["-f", p.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", p.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            args.AddRange([path, "-"]);
            return Run("pdftotext", args, out _);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Page <paramref name="page"/> at <paramref name="dpi"/> as a decoded bitmap.</summary>
    public static SKBitmap Page(byte[] pdf, int page, int dpi)
    {
        var path = Temp(pdf);
        var prefix = path + "-page";
        try
        {
            var p = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Run("pdftoppm", ["-png", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", p, "-l", p, "-singlefile", path, prefix], out _);
            return SKBitmap.Decode(prefix + ".png") ?? throw new InvalidOperationException("pdftoppm gave no PNG");
        }
        finally
        {
            File.Delete(path);
            File.Delete(prefix + ".png");
        }
    }

    /// <summary>Decodes every symbol of the given formats in (a part of) a bitmap with ZXing.</summary>
    public static IReadOnlyList<Result> Decode(SKBitmap bitmap, SKRectI? crop, params BarcodeFormat[] formats)
    {
        using var part = new SKBitmap();
        var source = bitmap;
        if (crop is { } c)
        {
            if (!bitmap.ExtractSubset(part, c)) throw new InvalidOperationException($"The crop {c} is outside the page.");
            source = part;
        }

        var w = source.Width;
        var h = source.Height;
        var rgb = new byte[w * h * 3];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var px = source.GetPixel(x, y);
                var i = (y * w + x) * 3;
                rgb[i] = px.Red;
                rgb[i + 1] = px.Green;
                rgb[i + 2] = px.Blue;
            }
        }

        var luminance = new RGBLuminanceSource(rgb, w, h, RGBLuminanceSource.BitmapFormat.RGB24);
        var reader = new BarcodeReaderGeneric
        {
            AutoRotate = false,
            Options = new DecodingOptions { PossibleFormats = formats, TryHarder = true, AssumeGS1 = true },
        };
        return reader.DecodeMultiple(luminance) ?? [];
    }

    private static string Temp(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"choshu-forms-test-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }

    private static string Run(string tool, IEnumerable<string> args, out string stderr)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = System.Text.Encoding.UTF8 };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{tool} did not start (scripts/ensure-forms.sh installs poppler-utils)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed: {stderr}");
        return stdout.Result;
    }
}
