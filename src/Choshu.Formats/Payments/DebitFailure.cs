using Choshu.Domain.Reconciliation;
using Choshu.Formats.Zengin;

namespace Choshu.Formats.Payments;

/// <summary>
/// 口座引落不能: a data record of a Zengin result file with a result code other than 0. No money moved,
/// so it is not a payment; the importer records it with its code for the failure notice (口座不能通知書).
/// </summary>
/// <param name="LineNo">Record number in the file (1 = the header).</param>
/// <param name="CustomerNo">顧客番号 as the record carries it (20 digits).</param>
/// <param name="Key">The match key read from <paramref name="CustomerNo"/>, or null when it does not read as one.</param>
/// <param name="Amount">振替金額: what the city asked to debit.</param>
/// <param name="ResultCode">振替結果コード (1, 2, 3, 4, 8 or 9).</param>
/// <param name="DebitDate">The header's 引落日, dated in the year the reader was given.</param>
/// <param name="SourceCode">引落銀行番号-引落支店番号, e.g. "0123-456".</param>
/// <param name="IdempotencyKey">"zengin:{引落日 yyyy-MM-dd}:{顧客番号}", the same scheme as a debited record's.</param>
/// <param name="RawText">The 120-byte record decoded (My Number-like numbers masked).</param>
public sealed record DebitFailure(
    int LineNo,
    string CustomerNo,
    MatchKey? Key,
    long Amount,
    ZenginResultCode ResultCode,
    DateOnly DebitDate,
    string SourceCode,
    string IdempotencyKey,
    string RawText);
