using Choshu.Domain.Ledger;
using Choshu.Domain.Taxpayers;

namespace Choshu.App.Taxpayers;

/// <summary>One taxpayer as staff see it: facts, agents, every assessment and installment with its balance.</summary>
public sealed record TaxpayerDetails(
    string TaxpayerNo,
    PersonKind PersonKind,
    string NameKanji,
    string NameKana,
    DateOnly? BirthDate,
    Sex? Sex,
    string? PostalCode,
    string Address,
    ResidencyStatus ResidencyStatus,
    string? HouseholdNo,
    string? CorporateNumber,
    /// <summary>Masked: whether a My Number is on file, never the digits.</summary>
    string? MyNumber,
    int HistorySeq,
    DateOnly EffectiveDate,
    IReadOnlyList<TaxAgentLine> TaxAgents,
    IReadOnlyList<AssessmentLine> Assessments,
    DateOnly AsOf);

public sealed record TaxAgentLine(string AgentTaxpayerNo, string AgentName, string? TaxKindCode, short AgentKind, DateOnly RegisteredOn, DateOnly? CancelledOn);

public sealed record AssessmentLine(
    string TaxKindCode,
    string TaxKindName,
    int FiscalYear,
    int LiabilityYear,
    string NoticeNo,
    IReadOnlyList<InstallmentLine> Installments);

public sealed record InstallmentLine(
    short Period,
    DateOnly NominalDueDate,
    DateOnly DueDate,
    /// <summary>Principal as assessed: charge plus amendments.</summary>
    long Principal,
    /// <summary>Principal paid (payments net of reversals).</summary>
    long PrincipalPaid,
    long PrincipalBalance,
    /// <summary>Late fee computed to <see cref="LateFeeComputedTo"/> (final once the principal is paid).</summary>
    long LateFee,
    DateOnly? LateFeeComputedTo,
    bool LateFeeFinal,
    InstallmentStatus Status,
    IReadOnlyList<JournalLine> Journal);

public sealed record JournalLine(long Id, JournalEntryKind Kind, LedgerComponent Component, long Amount, DateOnly ValueDate, string? ReasonCode);

/// <summary>納付状況 of an installment on a given day.</summary>
public enum InstallmentStatus
{
    /// <summary>完納</summary>
    Paid,
    /// <summary>一部納付 (not yet overdue)</summary>
    PartlyPaid,
    /// <summary>未納 (not yet due)</summary>
    NotDue,
    /// <summary>滞納 (past the due date, balance remaining)</summary>
    Overdue,
}
