using System.Numerics;

namespace Choshu.App.Seeding;

/// <summary>
/// Distinct random-looking numbers of a fixed width: the n-th is (a·n + b) mod m with a coprime to m,
/// a bijection on 0…m−1, so no two taxpayers share a My Number or corporate number without any lookup.
/// a and b come from the seed.
/// </summary>
public sealed class IdentifierSequence
{
    private readonly UInt128 _modulus, _multiplier, _offset;
    private readonly ulong _floor;
    private ulong _n;

    /// <param name="floor">Smallest value produced (e.g. 10¹⁰ so that 11 digits never start with 0).</param>
    /// <param name="count">How many values there are: floor … floor + count − 1.</param>
    public IdentifierSequence(SeedRandom rng, ulong floor, ulong count)
    {
        _floor = floor;
        _modulus = count;
        var a = rng.NextUInt64() % count | 1;
        while (BigInteger.GreatestCommonDivisor(a, count) != 1) a += 2;
        _multiplier = a % count;
        _offset = rng.NextUInt64() % count;
    }

    public ulong Next() => _floor + (ulong)((_multiplier * _n++ + _offset) % _modulus);
}
