namespace Choshu.App.Slips;

/// <summary>
/// Which installment to reissue a slip for (通知書番号 and 期, narrowed by 税目 and 調定年度 when the
/// notice number exists in several), and the issue day.
/// </summary>
public sealed record ReissuedSlipRequest(string NoticeNo, short Period, string? TaxKindCode, int? FiscalYear, DateOnly IssuedOn);
