namespace Choshu.Domain.Refunds;

/// <summary>
/// Why an overpayment arose, in the four classes of 地方税法17条の4第1項 (domain.md §4). The class fixes the day from
/// which refund interest (還付加算金) runs; the numbers are stored and must not change.
/// </summary>
public enum RefundInterestCause : short
{
    /// <summary>1: reduced by 更正・決定・賦課決定 (固定資産税, 普通徴収住民税, 軽自動車税 reductions): from the day after payment.</summary>
    Reduction = 1,

    /// <summary>2: 更正 following a 更正の請求: from the day after the earlier of 3 months after the request and 1 month after the 更正.</summary>
    Request = 2,

    /// <summary>3: reduction caused by an income-tax 更正 or return: from the day after 1 month has passed since the income-tax notice.</summary>
    IncomeTax = 3,

    /// <summary>4: 誤納 and everything else (paid twice, paid after the lapse, paid with no liability): from the day after 1 month has passed since payment.</summary>
    Erroneous = 4,
}
