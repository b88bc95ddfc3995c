namespace Choshu.Formats.Zengin;

/// <summary>
/// The header record (ヘッダー・レコード, data kind 1) of a direct-debit file: who collects, on which
/// day, into which account. 種別コード "91" and コード区分 "0" (JIS) are fixed and not carried here.
/// Numeric fields are strings of ASCII digits; the writer zero-fills a shorter value on the left, the
/// reader returns the full width (so "0001" rather than "1"). Text fields are Zengin text; the writer
/// converts them through <see cref="Kana.HalfWidthKana"/>, the reader returns them without trailing spaces.
/// </summary>
/// <param name="BillerCode">委託者コード, up to 10 digits: the city's code with the bank.</param>
/// <param name="BillerName">委託者名, up to 40 characters (cut beyond that when written).</param>
/// <param name="DebitMonth">引落日, month (1–12). The file carries no year.</param>
/// <param name="DebitDay">引落日, day of the month.</param>
/// <param name="BankCode">取引銀行番号, 4 digits: the bank the file goes to.</param>
/// <param name="BankName">取引銀行名, up to 15 characters.</param>
/// <param name="BranchCode">取引支店番号, 3 digits.</param>
/// <param name="BranchName">取引支店名, up to 15 characters.</param>
/// <param name="AccountType">預金種目 of the city's account: 1 普通, 2 当座, 9 その他.</param>
/// <param name="AccountNo">口座番号 of the city's account, up to 7 digits.</param>
public sealed record ZenginHeader(
    string BillerCode,
    string BillerName,
    int DebitMonth,
    int DebitDay,
    string BankCode,
    string BankName,
    string BranchCode,
    string BranchName,
    int AccountType,
    string AccountNo)
{
    /// <summary>The debit date in <paramref name="year"/> (the file itself carries only MMDD).</summary>
    public DateOnly DebitDateIn(int year) => new(year, DebitMonth, DebitDay);
}
