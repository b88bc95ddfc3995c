namespace Choshu.Formats.Zengin;

/// <summary>
/// One data record (データ・レコード, data kind 2): one debit from one depositor's account.
/// Numeric fields are strings of ASCII digits; the writer zero-fills a shorter value on the left and the
/// reader returns the full width, so a record read back equals the written one when its numeric strings
/// were given at full width ("0001", "001", "0001234", 20-digit customer number).
/// </summary>
/// <param name="BankCode">引落銀行番号, 4 digits.</param>
/// <param name="BankName">引落銀行名, up to 15 characters; may be empty.</param>
/// <param name="BranchCode">引落支店番号, 3 digits.</param>
/// <param name="BranchName">引落支店名, up to 15 characters; may be empty.</param>
/// <param name="AccountType">預金種目: 1 普通, 2 当座, 3 納税準備預金, 9 その他.</param>
/// <param name="AccountNo">口座番号, up to 7 digits.</param>
/// <param name="DepositorName">預金者名, up to 30 characters of Zengin text (the writer converts full-width
/// kana through <see cref="Kana.HalfWidthKana"/> and cuts beyond 30).</param>
/// <param name="Amount">振替金額 in yen, 0 to 9,999,999,999.</param>
/// <param name="NewCode">新規コード: 1 first debit from this account, 2 account changed, 0 other.</param>
/// <param name="CustomerNo">顧客番号, up to 20 digits: the city's key to what the debit pays.</param>
/// <param name="ResultCode">振替結果コード: null in a request (written as "0"), the bank's answer in a result.</param>
public sealed record ZenginDebitRecord(
    string BankCode,
    string BankName,
    string BranchCode,
    string BranchName,
    int AccountType,
    string AccountNo,
    string DepositorName,
    long Amount,
    int NewCode,
    string CustomerNo,
    ZenginResultCode? ResultCode = null);
