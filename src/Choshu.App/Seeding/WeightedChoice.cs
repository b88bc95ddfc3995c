namespace Choshu.App.Seeding;

/// <summary>Picks one of a fixed list of items with integer weights.</summary>
public sealed class WeightedChoice<T>
{
    private readonly T[] _items;
    private readonly int[] _cumulative;

    public WeightedChoice(IEnumerable<(T Item, int Weight)> items)
    {
        var list = items.ToList();
        if (list.Count == 0 || list.Any(x => x.Weight <= 0))
            throw new ArgumentException("A weighted choice needs items with positive weights.", nameof(items));
        _items = list.Select(x => x.Item).ToArray();
        _cumulative = new int[list.Count];
        var sum = 0;
        for (var i = 0; i < list.Count; i++) _cumulative[i] = sum += list[i].Weight;
    }

    public IReadOnlyList<T> Items => _items;

    public T Pick(SeedRandom rng)
    {
        var x = rng.Next(_cumulative[^1]);
        var i = Array.BinarySearch(_cumulative, x);
        // BinarySearch gives the index of an equal element, else the complement of the next larger one.
        return _items[i >= 0 ? i + 1 : ~i];
    }
}
