namespace Choshu.App.Cases;

/// <summary>A delinquency case as staff see it: the taxpayer's number, the officer in charge and the 一斉催告停止 flag.</summary>
public sealed record CaseView(
    long Id,
    long TaxpayerId,
    string TaxpayerNo,
    long? OfficerAccountId,
    string? OfficerStaffNo,
    string? OfficerName,
    bool DemandRunHold,
    string? DemandRunHoldReason,
    DateOnly OpenedOn,
    DateOnly? ClosedOn,
    DateTime UpdatedAtUtc,
    string UpdatedBy);
