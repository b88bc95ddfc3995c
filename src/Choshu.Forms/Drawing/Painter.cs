using System.Collections.Concurrent;
using System.Text;
using SkiaSharp;

namespace Choshu.Forms.Drawing;

internal enum Align { Left, Center, Right }

/// <summary>
/// Draws on one page in millimetres (origin top left, y down); font sizes in points. With no canvas it
/// only measures, so the same layout code validates a letter before anything is written. Text is drawn as
/// runs that carry their characters and clusters, so the PDF marks each glyph whose font mapping is ambiguous
/// (IPAex maps 月, 日, 鹿 … to the same glyphs as the Kangxi radicals) with its real character (ActualText):
/// pdftotext and a search in a PDF viewer find "12月7日", not "12⽉7⽇".
/// </summary>
internal sealed class Painter : IDisposable
{
    public const float PtPerMm = 72f / 25.4f;
    public const float MmPerPt = 25.4f / 72f;

    // Advance widths at 1 pt, per code point; shared by every renderer of the process.
    private static readonly ConcurrentDictionary<int, float> Advances = new();

    private readonly SKTypeface _typeface;
    private readonly SKFont _unitFont;
    private readonly Dictionary<float, SKFont> _fonts = [];
    private readonly SKPaint _ink = new() { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint _stroke = new() { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke };
    private readonly SKPaint _fill = new() { IsAntialias = false, Style = SKPaintStyle.Fill };

    public Painter(SKTypeface typeface)
    {
        _typeface = typeface;
        _unitFont = new SKFont(typeface, 100f) { LinearMetrics = true, Hinting = SKFontHinting.None };
    }

    /// <summary>The page being drawn, or null while measuring.</summary>
    public SKCanvas? Canvas { get; set; }

    public bool Measuring => Canvas is null;

    /// <summary>Width of <paramref name="text"/> in mm at <paramref name="sizePt"/>.</summary>
    public float Width(string text, float sizePt)
    {
        float units = 0;
        foreach (var rune in text.EnumerateRunes()) units += Advance(rune);
        return units * sizePt * MmPerPt;
    }

    private float Advance(Rune rune) => Advances.GetOrAdd(rune.Value, static (v, font) =>
    {
        Span<char> buffer = stackalloc char[2];
        var n = new Rune(v).EncodeToUtf16(buffer);
        return font.MeasureText(buffer[..n]) / 100f;
    }, _unitFont);

    /// <summary>True when the font has a glyph for every character (no 外字 or emoji it would print as a box).</summary>
    public bool CanPrint(string text) => _unitFont.ContainsGlyphs(text);

    /// <summary>Draws one line of text with its baseline at <paramref name="baselineMm"/>.</summary>
    public void Text(string text, float xMm, float baselineMm, float sizePt, Align align = Align.Left, SKColor? color = null)
    {
        if (Canvas is null || text.Length == 0) return;
        if (align != Align.Left)
        {
            var w = Width(text, sizePt);
            xMm -= align == Align.Center ? w / 2 : w;
        }

        var font = Font(sizePt);
        var glyphs = font.GetGlyphs(text);
        var byteCount = Encoding.UTF8.GetByteCount(text);
        using var builder = new SKTextBlobBuilder();
        var run = builder.AllocateTextRun(font, glyphs.Length, xMm, baselineMm, byteCount);
        glyphs.AsSpan().CopyTo(run.Glyphs);
        Encoding.UTF8.GetBytes(text, run.Text);
        var clusters = run.Clusters;
        var offset = 0;
        var i = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            clusters[i++] = (uint)offset;
            offset += rune.Utf8SequenceLength;
        }

        using var blob = builder.Build();
        if (blob is null) return;
        _ink.Color = color ?? SKColors.Black;
        Canvas.DrawText(blob, 0, 0, _ink);
    }

    /// <summary>Text whose top (not baseline) is at <paramref name="topMm"/>.</summary>
    public void TextTop(string text, float xMm, float topMm, float sizePt, Align align = Align.Left, SKColor? color = null) =>
        Text(text, xMm, topMm + Ascent(sizePt), sizePt, align, color);

    /// <summary>Distance from a line's top to its baseline, in mm (IPAex: 0.88 em).</summary>
    public static float Ascent(float sizePt) => sizePt * MmPerPt * 0.88f;

    /// <summary>The height of a line of <paramref name="sizePt"/> with the given leading.</summary>
    public static float LineHeight(float sizePt, float leading = 1.5f) => sizePt * MmPerPt * leading;

    public void Line(float x1, float y1, float x2, float y2, float widthPt = 0.5f, float[]? dash = null, SKColor? color = null)
    {
        if (Canvas is null) return;
        _stroke.StrokeWidth = widthPt * MmPerPt;
        _stroke.Color = color ?? SKColors.Black;
        using var effect = dash is null ? null : SKPathEffect.CreateDash(dash, 0);
        _stroke.PathEffect = effect;
        Canvas.DrawLine(x1, y1, x2, y2, _stroke);
        _stroke.PathEffect = null;
    }

    public void Box(float x, float y, float w, float h, float widthPt = 0.5f, SKColor? color = null, float[]? dash = null)
    {
        if (Canvas is null) return;
        _stroke.StrokeWidth = widthPt * MmPerPt;
        _stroke.Color = color ?? SKColors.Black;
        using var effect = dash is null ? null : SKPathEffect.CreateDash(dash, 0);
        _stroke.PathEffect = effect;
        Canvas.DrawRect(x, y, w, h, _stroke);
        _stroke.PathEffect = null;
    }

    public void Fill(float x, float y, float w, float h, SKColor color)
    {
        if (Canvas is null) return;
        _fill.Color = color;
        Canvas.DrawRect(x, y, w, h, _fill);
    }

    /// <summary>
    /// Fills many rectangles (a barcode's bars, a QR code's row runs). Measured: one rectangle each is faster
    /// to write than one path holding them all.
    /// </summary>
    public void FillAll(IEnumerable<SKRect> rects, SKColor color)
    {
        if (Canvas is null) return;
        _fill.Color = color;
        foreach (var r in rects) Canvas.DrawRect(r, _fill);
    }

    /// <summary>
    /// Breaks <paramref name="text"/> into lines no wider than <paramref name="widthMm"/> (the first line
    /// <paramref name="firstIndentMm"/> narrower): between any two Japanese characters, never inside a run of
    /// ASCII letters and digits ("1,234円", "12月"), never a closing mark (、。）」…) at a line's start (it hangs
    /// past the edge instead) nor an opening bracket at a line's end. Line feeds in the text are kept.
    /// </summary>
    public List<string> Wrap(string text, float sizePt, float widthMm, float firstIndentMm = 0)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var first = lines.Count;
            var line = new StringBuilder();
            float used = 0;
            var max = widthMm - (lines.Count == 0 ? firstIndentMm : 0);
            foreach (var token in Tokens(paragraph))
            {
                var w = Width(token, sizePt);
                if (used + w > max && line.Length > 0)
                {
                    if (token.Length == 1 && IsClosing(token[0]))
                    {
                        line.Append(token); // hangs (ぶら下げ)
                        lines.Add(line.ToString());
                        line.Clear();
                        used = 0;
                        max = widthMm;
                        continue;
                    }

                    var carry = "";
                    if (line.Length > 1 && IsOpening(line[^1]))
                    {
                        carry = line[^1].ToString();
                        line.Length--;
                    }

                    lines.Add(line.ToString());
                    line.Clear().Append(carry);
                    used = Width(carry, sizePt);
                    max = widthMm;
                }

                line.Append(token);
                used += w;
            }

            // A paragraph whose last line ended on a hanging closing mark has nothing left: no empty line after it (an empty
            // paragraph still gives one).
            if (line.Length > 0 || lines.Count == first) lines.Add(line.ToString());
        }

        return lines;
    }

    private static IEnumerable<string> Tokens(string s)
    {
        var i = 0;
        while (i < s.Length)
        {
            if (IsWordChar(s[i]))
            {
                var start = i;
                while (i < s.Length && IsWordChar(s[i])) i++;
                yield return s[start..i];
            }
            else
            {
                var n = char.IsSurrogatePair(s, i) ? 2 : 1;
                yield return s.Substring(i, n);
                i += n;
            }
        }
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is ',' or '.' or '-' or '/' or ':' or '%';

    private static bool IsClosing(char c) => "、。，．）」』】〕〉》ー…・！？!?)]：；".Contains(c, StringComparison.Ordinal);

    private static bool IsOpening(char c) => "（「『【〔〈《([".Contains(c, StringComparison.Ordinal);

    private SKFont Font(float sizePt)
    {
        if (!_fonts.TryGetValue(sizePt, out var font))
        {
            font = new SKFont(_typeface, sizePt * MmPerPt) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };
            _fonts[sizePt] = font;
        }

        return font;
    }

    public void Dispose()
    {
        foreach (var f in _fonts.Values) f.Dispose();
        _unitFont.Dispose();
        _ink.Dispose();
        _stroke.Dispose();
        _fill.Dispose();
    }
}
