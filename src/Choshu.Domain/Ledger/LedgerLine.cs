using Choshu.Domain.Ledger;

namespace Choshu.Domain.Ledger;

/// <summary>The parts of a journal entry that decide an installment's position.</summary>
public readonly record struct LedgerLine(long Id, JournalEntryKind Kind, LedgerComponent Component, long Amount, DateOnly ValueDate, long? ReversesEntryId);
