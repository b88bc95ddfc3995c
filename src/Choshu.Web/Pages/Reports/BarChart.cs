using System.Globalization;
using Choshu.Web.Formatting;

namespace Choshu.Web.Pages.Reports;

/// <summary>One series of bars (e.g. 調定額), its colour and its name in the legend.</summary>
public sealed record BarSeries(string Name, string Color);

/// <summary>One category (e.g. 市民税・現年度) with one value per series, in yen.</summary>
public sealed record BarRow(string Label, IReadOnlyList<long> Values);

/// <summary>One bar as drawn: position and size in the SVG's user units, its colour and the amount written beside it.</summary>
public sealed record BarShape(double X, double Y, double Width, double Height, string Color, string ValueText, double TextX, double TextY);

/// <summary>
/// A horizontal bar chart drawn on the server as inline SVG (<c>_BarChart.cshtml</c>): no script, no
/// library, nothing fetched; allowed by the Content-Security-Policy (presentation attributes only, no
/// <c>style</c>). Accessible as one image (<c>role="img"</c> with a title and a description that reads
/// out every figure); the page always shows the same figures in a table beside it. Colours meet the
/// 3:1 contrast WCAG asks of graphics against white, and each series is named in a legend.
/// </summary>
public sealed class BarChart
{
    public const double Width = 720;
    public const double LabelWidth = 190;
    public const double ValueWidth = 120;
    public const double BarHeight = 16;
    public const double BarGap = 3;
    public const double RowGap = 12;
    public const double LegendHeight = 28;

    /// <summary>Brand blue, 12.5:1 on white.</summary>
    public const string Blue = "#12355b";
    /// <summary>Orange, 4.8:1 on white.</summary>
    public const string Orange = "#c24e00";

    public BarChart(string id, string title, IReadOnlyList<BarSeries> series, IReadOnlyList<BarRow> rows)
    {
        if (rows.Any(r => r.Values.Count != series.Count))
            throw new ArgumentException("Every row needs one value per series.", nameof(rows));
        Id = id;
        Title = title;
        Series = series;
        Rows = rows;
        var max = Math.Max(1, rows.SelectMany(r => r.Values).DefaultIfEmpty(0).Max());
        var area = Width - LabelWidth - ValueWidth;
        var rowHeight = series.Count * BarHeight + (series.Count - 1) * BarGap;
        var bars = new List<BarShape>();
        var labels = new List<(string Text, double Y)>();
        var y = LegendHeight + RowGap;
        foreach (var row in rows)
        {
            labels.Add((row.Label, y + rowHeight / 2));
            for (var s = 0; s < series.Count; s++)
            {
                var value = row.Values[s];
                var w = value <= 0 ? 0 : Math.Max(1, Math.Round(area * value / max, 1));
                var top = y + s * (BarHeight + BarGap);
                bars.Add(new BarShape(LabelWidth, top, w, BarHeight, series[s].Color, Display.Yen(value), LabelWidth + w + 6, top + BarHeight - 3));
            }
            y += rowHeight + RowGap;
        }
        Bars = bars;
        Labels = labels;
        Height = Math.Max(y, LegendHeight + RowGap * 2);
    }

    public string Id { get; }
    public string Title { get; }
    public IReadOnlyList<BarSeries> Series { get; }
    public IReadOnlyList<BarRow> Rows { get; }
    public IReadOnlyList<BarShape> Bars { get; }
    public IReadOnlyList<(string Text, double Y)> Labels { get; }
    public double Height { get; }

    /// <summary>Every figure in words, for the SVG's description: "市民税・現年度: 調定額 95,000円、収入額 65,000円。…".</summary>
    public string Description =>
        Rows.Count == 0
            ? "該当するデータはありません。"
            : string.Join("", Rows.Select(r => $"{r.Label}: {string.Join("、", Series.Select((s, i) => $"{s.Name} {Display.Yen(r.Values[i])}"))}。"));

    /// <summary>A number for an SVG attribute ("190", "42.5"), never with a comma whatever the culture.</summary>
    public static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
