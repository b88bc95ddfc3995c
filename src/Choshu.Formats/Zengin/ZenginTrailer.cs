namespace Choshu.Formats.Zengin;

/// <summary>
/// The trailer record (トレーラ・レコード, data kind 8): the file's totals. In a request the 振替済 and
/// 振替不能 counts and amounts are 0; in a result they split the totals by 振替結果コード (0 = 振替済,
/// anything else = 振替不能).
/// </summary>
/// <param name="TotalCount">合計件数 (6 digits).</param>
/// <param name="TotalAmount">合計金額 (12 digits).</param>
/// <param name="DebitedCount">振替済件数 (6 digits).</param>
/// <param name="DebitedAmount">振替済金額 (12 digits).</param>
/// <param name="FailedCount">振替不能件数 (6 digits).</param>
/// <param name="FailedAmount">振替不能金額 (12 digits).</param>
public sealed record ZenginTrailer(
    int TotalCount,
    long TotalAmount,
    int DebitedCount,
    long DebitedAmount,
    int FailedCount,
    long FailedAmount);
