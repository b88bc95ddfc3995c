using Choshu.Domain.Ledger;

namespace Choshu.Data.Ledger;

/// <summary>
/// One append-only entry of the journal. <see cref="Amount"/> is signed by its effect on what
/// the taxpayer owes on the component: a charge or an increase is positive, a payment or a
/// decrease negative. The balance of an installment's component is the sum of its entries.
/// Nothing is ever updated or deleted: a mistake is undone by a <see cref="JournalEntryKind.Reversal"/>
/// that links to the entry it reverses.
/// </summary>
public sealed class JournalEntry
{
    public long Id { get; set; }
    public long InstallmentId { get; set; }
    public JournalEntryKind Kind { get; set; }
    public LedgerComponent Component { get; set; }
    /// <summary>Yen, signed (see the class summary).</summary>
    public long Amount { get; set; }
    /// <summary>The business date the entry takes effect (調定日, 更正日, 納付日 …).</summary>
    public DateOnly ValueDate { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    /// <summary>A staff ID, or a system actor such as "system:import" or "system:seed".</summary>
    public string Actor { get; set; } = "";
    /// <summary>Reason code (e.g. "assessment.import", "amendment.import").</summary>
    public string? ReasonCode { get; set; }
    public string? Comment { get; set; }
    public long? ReversesEntryId { get; set; }
    /// <summary>
    /// 充当 (appropriation): the entry on the other side. The source entry (Appropriation, Overpayment +X, on the
    /// installment the overpayment arose on) links to the first target entry it was recorded with; every target-side
    /// entry (Appropriation −X on the claim's components, the late fee it finalised, any part left over) links to the source.
    /// </summary>
    public long? LinkedEntryId { get; set; }
    /// <summary>The received payment this entry books, for payment and reversal entries.</summary>
    public long? PaymentId { get; set; }
    public long? ImportFileId { get; set; }
    public int? SourceLine { get; set; }
    /// <summary>Unique when present: the same record applied twice is refused by the store.</summary>
    public string? IdempotencyKey { get; set; }
}
