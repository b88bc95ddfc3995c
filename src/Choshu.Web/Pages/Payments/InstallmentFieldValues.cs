namespace Choshu.Web.Pages.Payments;

/// <summary>What the installment fields of a form show (as typed), and the prefix of their ids on the page.</summary>
public sealed record InstallmentFieldValues(string? NoticeNo, string? Period, string? TaxKind, string? FiscalYear, string IdPrefix, bool Invalid);
