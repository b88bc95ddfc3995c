namespace Choshu.Forms.Drawing;

/// <summary>One indivisible piece of a letter's running content (a line, a table row, the 教示 box).</summary>
internal sealed class FlowItem(float height, Action<Painter, float, float> draw)
{
    public float Height { get; } = height;

    /// <summary>Draws the item with its top left corner at (x, y).</summary>
    public Action<Painter, float, float> Draw { get; } = draw;

    /// <summary>For a table row: the header drawn again when the row starts a new region.</summary>
    public FlowItem? Header { get; init; }

    public static FlowItem Gap(float height) => new(height, static (_, _, _) => { });
}

/// <summary>A rectangle the running content fills, top to bottom.</summary>
internal readonly record struct Region(float X, float Top, float Bottom);

/// <summary>Places flow items into regions; a region's list can grow (A4 continuation pages) or not (folded cards).</summary>
internal static class FlowPlacer
{
    /// <summary>
    /// Splits <paramref name="items"/> over regions: returns, per region used, the items with their y.
    /// <paramref name="nextRegion"/> gives region i (0-based) or null when there is none (then
    /// <paramref name="overflow"/> is called and its exception thrown).
    /// </summary>
    public static List<List<(FlowItem Item, float Y)>> Place(
        IReadOnlyList<FlowItem> items, Func<int, Region?> nextRegion, Func<Exception> overflow)
    {
        var result = new List<List<(FlowItem, float)>>();
        var index = 0;
        var region = nextRegion(0) ?? throw overflow();
        var current = new List<(FlowItem, float)>();
        result.Add(current);
        var y = region.Top;
        foreach (var item in items)
        {
            if (y + item.Height > region.Bottom + 0.01f && current.Count > 0)
            {
                region = nextRegion(++index) ?? throw overflow();
                current = [];
                result.Add(current);
                y = region.Top;
                if (item.Header is { } header)
                {
                    current.Add((header, y));
                    y += header.Height;
                }
            }

            if (y + item.Height > region.Bottom + 0.01f)
            {
                throw overflow();
            }

            current.Add((item, y));
            y += item.Height;
        }

        return result;
    }
}
