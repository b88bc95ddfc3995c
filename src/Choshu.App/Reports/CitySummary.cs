namespace Choshu.App.Reports;

/// <summary>The city at a glance: taxpayers, and per tax kind what was assessed, collected and is still owed.</summary>
public sealed record CitySummary(
    DateOnly AsOf,
    int CurrentFiscalYear,
    int Taxpayers,
    int Individuals,
    int Corporations,
    IReadOnlyList<TaxKindSummary> ByTaxKind,
    TaxKindSummary Total);

/// <summary>
/// One tax kind's figures, principal only (late fee and fees are not in these amounts).
/// Current = the current fiscal year's assessments (現年度); Arrears = earlier fiscal years (滞納繰越・過年度).
/// </summary>
public sealed record TaxKindSummary(
    string TaxKindCode,
    string TaxKindName,
    int Assessments,
    int Installments,
    long Assessed,
    long Collected,
    long Outstanding,
    /// <summary>Outstanding on installments whose due date has passed (滞納額).</summary>
    long Overdue,
    long CurrentYearAssessed,
    long CurrentYearCollected,
    long ArrearsOutstanding);
