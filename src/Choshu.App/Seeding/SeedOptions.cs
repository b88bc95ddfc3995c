namespace Choshu.App.Seeding;

/// <summary>What to build: how many taxpayers, from which seed, in chunks of how many taxpayers.</summary>
public sealed record SeedOptions(int Taxpayers, long Seed)
{
    /// <summary>A prefecture-wide deployment holds several million taxpayers; 10-digit numbers allow far more.</summary>
    public const int MaxTaxpayers = 5_000_000;

    /// <summary>Taxpayers generated and written together (memory stays bounded by a few chunks).</summary>
    public int ChunkSize { get; init; } = 5_000;

    public void Validate()
    {
        if (Taxpayers < 1 || Taxpayers > MaxTaxpayers)
            throw new ArgumentOutOfRangeException(nameof(Taxpayers), Taxpayers, $"納税義務者の数は 1 以上 {MaxTaxpayers:N0} 以下で指定してください。");
        if (Seed < 0)
            throw new ArgumentOutOfRangeException(nameof(Seed), Seed, "シードは 0 以上の整数で指定してください。");
        if (ChunkSize < 1)
            throw new ArgumentOutOfRangeException(nameof(ChunkSize), ChunkSize, "ChunkSize must be positive.");
    }
}
