using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Data.Taxpayers;

namespace Choshu.App.Seeding;

/// <summary>
/// The rows of a few thousand synthetic taxpayers, complete with their assessments and journal, ids
/// assigned. Every parent row a child refers to is in this chunk or an earlier one.
/// </summary>
public sealed class SeedChunk
{
    public List<Taxpayer> Taxpayers { get; } = [];
    public List<TaxpayerVersion> TaxpayerVersions { get; } = [];
    public List<TaxpayerMyNumber> TaxpayerMyNumbers { get; } = [];
    public List<TaxAgent> TaxAgents { get; } = [];
    public List<DirectDebitAccount> DirectDebitAccounts { get; } = [];
    public List<Assessment> Assessments { get; } = [];
    public List<Installment> Installments { get; } = [];
    /// <summary>The payment rows (収納) behind the journal's payment entries: channel, 納付日, 収入日, receipt.</summary>
    public List<Payment> PaymentRows { get; } = [];
    public List<JournalEntry> JournalEntries { get; } = [];

    /// <summary>Journal entries of kind Charge (the rest are payments).</summary>
    public int Charges { get; set; }

    public int Payments => JournalEntries.Count - Charges;

    public long RowCount =>
        (long)Taxpayers.Count + TaxpayerVersions.Count + TaxpayerMyNumbers.Count + TaxAgents.Count + DirectDebitAccounts.Count
        + Assessments.Count + Installments.Count + PaymentRows.Count + JournalEntries.Count;
}
