using System.Collections;
using Choshu.Formats.Barcodes;
using QRCoder;
using SkiaSharp;
using ZXing;
using ZXing.OneD;

namespace Choshu.Forms.Drawing;

/// <summary>
/// Barcode symbols drawn from the modules a library computes, never from hand-written bar widths:
/// GS1-128 by ZXing.Net (CODE_128 with FNC1 in first position), QR by QRCoder, the postal customer barcode
/// from <see cref="CustomerBarcode"/>'s bars.
/// </summary>
internal static class Symbols
{
    private static readonly Dictionary<EncodeHintType, object> Gs1Hints = new()
    {
        [EncodeHintType.GS1_FORMAT] = true,
        [EncodeHintType.MARGIN] = 0,
    };

    /// <summary>The modules of a GS1-128 symbol for <paramref name="data"/> (digits, AI included), true = bar.</summary>
    public static bool[] Gs1128(string data)
    {
        var matrix = new Code128Writer().encode(data, BarcodeFormat.CODE_128, 1, 1, Gs1Hints);
        var modules = new bool[matrix.Width];
        for (var x = 0; x < matrix.Width; x++) modules[x] = matrix[x, 0];
        return modules;
    }

    /// <summary>Draws a GS1-128 symbol: <paramref name="moduleMm"/> wide modules, bars of <paramref name="heightMm"/>.</summary>
    public static float DrawGs1128(Painter p, string data, float x, float y, float moduleMm, float heightMm)
    {
        var modules = Gs1128(data);
        var bars = new List<SKRect>();
        for (var i = 0; i < modules.Length;)
        {
            if (!modules[i]) { i++; continue; }
            var start = i;
            while (i < modules.Length && modules[i]) i++;
            bars.Add(SKRect.Create(x + start * moduleMm, y, (i - start) * moduleMm, heightMm));
        }

        p.FillAll(bars, SKColors.Black);
        return modules.Length * moduleMm;
    }

    /// <summary>The QR modules of <paramref name="payload"/> (error correction M), without the quiet zone.</summary>
    public static bool[,] Qr(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var rows = data.ModuleMatrix;
        const int quiet = 4;
        var n = rows.Count - 2 * quiet;
        var m = new bool[n, n];
        for (var r = 0; r < n; r++)
        {
            BitArray row = rows[r + quiet];
            for (var c = 0; c < n; c++) m[r, c] = row[c + quiet];
        }

        return m;
    }

    /// <summary>Draws a QR code filling a <paramref name="sizeMm"/> square (quiet zone to be left by the caller).</summary>
    public static void DrawQr(Painter p, string payload, float x, float y, float sizeMm)
    {
        if (p.Measuring) return; // nothing to check: any payload of the allowed length encodes
        var m = Qr(payload);
        var n = m.GetLength(0);
        var module = sizeMm / n;
        var runs = new List<SKRect>();
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n;)
            {
                if (!m[r, c]) { c++; continue; }
                var start = c;
                while (c < n && m[r, c]) c++;
                runs.Add(SKRect.Create(x + start * module, y + r * module, (c - start) * module, module));
            }
        }

        // One path, filled with the non-zero rule: rows that touch leave no seams.
        p.FillAll(runs, SKColors.Black);
    }

    /// <summary>
    /// Width of the customer barcode in mm: 67 bars at a pitch of 1.2 mm less the last gap (10 pt size,
    /// 郵便番号・バーコードマニュアル p12).
    /// </summary>
    public const float CustomerPitch = 1.2f;

    public const float CustomerBarWidth = 0.6f;

    public const float CustomerLongBar = 3.6f;

    /// <summary>Draws the customer barcode with its top at <paramref name="y"/>; returns its width.</summary>
    public static float DrawCustomerBarcode(Painter p, CustomerBarcodeSymbol symbol, float x, float y)
    {
        const float third = CustomerLongBar / 3; // timing part: the middle 1.2 mm
        var bars = new List<SKRect>(symbol.Bars.Count);
        for (var i = 0; i < symbol.Bars.Count; i++)
        {
            var (top, height) = symbol.Bars[i] switch
            {
                CustomerBarcodeBar.Long => (0f, CustomerLongBar),
                CustomerBarcodeBar.SemiLongUpper => (0f, 2 * third),
                CustomerBarcodeBar.SemiLongLower => (third, 2 * third),
                _ => (third, third),
            };
            bars.Add(SKRect.Create(x + i * CustomerPitch, y + top, CustomerBarWidth, height));
        }

        p.FillAll(bars, SKColors.Black);

        return (symbol.Bars.Count - 1) * CustomerPitch + CustomerBarWidth;
    }
}
