namespace Choshu.App.Seeding;

/// <summary>How far a seed run is: taxpayers written out of the total, and rows written in all tables.</summary>
public sealed record SeedProgress(int TaxpayersWritten, int TaxpayersTotal, long RowsWritten, SeedPhase Phase);

public enum SeedPhase
{
    /// <summary>Generating and writing chunks.</summary>
    Writing,
    /// <summary>Committing, resetting identity sequences and refreshing statistics.</summary>
    Finishing,
    Done,
}
