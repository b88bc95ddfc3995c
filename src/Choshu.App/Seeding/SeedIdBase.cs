namespace Choshu.App.Seeding;

/// <summary>The largest id already in each identity table; the synthetic city numbers its rows after these.</summary>
public sealed record SeedIdBase(long Taxpayers, long TaxpayerVersions, long TaxAgents, long Assessments, long Installments, long JournalEntries, long DirectDebitAccounts, long Payments = 0)
{
    public static readonly SeedIdBase Empty = new(0, 0, 0, 0, 0, 0, 0);
}
