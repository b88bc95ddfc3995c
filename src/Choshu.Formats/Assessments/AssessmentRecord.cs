namespace Choshu.Formats.Assessments;

/// <summary>One line of an assessment file: one installment (期別) of one assessment (調定), validated.</summary>
public sealed record AssessmentRecord
{
    public required string TaxpayerNo { get; init; }
    /// <summary>税目コード (two digits), resolved from the name, an alias or the code.</summary>
    public required string TaxKindCode { get; init; }
    public required int FiscalYear { get; init; }
    public required int LiabilityYear { get; init; }
    public required string NoticeNo { get; init; }
    public required short Period { get; init; }
    /// <summary>納期限 as printed in the notice (before any holiday shift).</summary>
    public required DateOnly NominalDueDate { get; init; }
    /// <summary>税額 of the installment, whole yen.</summary>
    public required long Amount { get; init; }
    /// <summary>更正日: the value date of an amendment, when given.</summary>
    public DateOnly? AmendedOn { get; init; }
    /// <summary>
    /// 法定納期限 as the law fixes it (before any holiday shift), when given: for a late or past-year assessment
    /// (随時・過年度) or a 法人市民税 filing. Absent for an ordinary installment, whose 法定納期限 is its 納期限.
    /// </summary>
    public DateOnly? NominalStatutoryDueDate { get; init; }
    /// <summary>車両番号 (標識番号, e.g. 鹿児島480あ1234) of a 軽自動車税（種別割） assessment, when given (up to 20 characters).</summary>
    public string? VehicleNo { get; init; }
    /// <summary>
    /// 更正事由 of a reduction (1 賦課決定・更正, 2 更正の請求による更正, 3 所得税の更正等に基因): the cause of refund interest
    /// (17条の4第1項第1–3号) of any overpayment the reduction makes. Required with 更正日 on a line that lowers the 税額.
    /// </summary>
    public Domain.Refunds.RefundInterestCause? AmendmentCause { get; init; }
    /// <summary>更正請求日: the day of the 更正の請求 (cause 2).</summary>
    public DateOnly? RequestedOn { get; init; }
    /// <summary>所得税更正通知日: the notice (or filing) of the income-tax 更正 (cause 3).</summary>
    public DateOnly? IncomeTaxNoticeOn { get; init; }
}
