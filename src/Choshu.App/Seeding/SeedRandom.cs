namespace Choshu.App.Seeding;

/// <summary>
/// The synthetic city's random numbers: SplitMix64 (Steele, Lea, Flood 2014), written out here so that
/// a seed gives the same city on every platform and .NET version (<see cref="Random"/>'s seeded
/// algorithm carries no such promise). Only integer arithmetic and IEEE multiplication are used
/// downstream, never <see cref="Math.Pow"/> or other library functions whose last bit may differ.
/// </summary>
public sealed class SeedRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>0 ≤ result &lt; <paramref name="maxExclusive"/> (multiply-shift; the bias is below 2⁻³²).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    /// <summary><paramref name="min"/> ≤ result ≤ <paramref name="maxInclusive"/>.</summary>
    public int Between(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

    /// <summary>0 ≤ result &lt; 1, with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>A day between <paramref name="from"/> and <paramref name="to"/> inclusive (<paramref name="from"/> when the range is empty).</summary>
    public DateOnly DateBetween(DateOnly from, DateOnly to) =>
        to <= from ? from : from.AddDays(Next(to.DayNumber - from.DayNumber + 1));
}
