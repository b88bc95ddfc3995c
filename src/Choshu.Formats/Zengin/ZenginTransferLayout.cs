namespace Choshu.Formats.Zengin;

/// <summary>
/// The record layouts of the 全銀協 総合振込 file (種別コード 21), domain.md §12: 120 bytes of code page 932 per record,
/// offsets 0-based (docs/formats.md lists them). Used for refunds (還付金の口座振込). The writer and the documentation take
/// the fields from here; the tests read files back from the layout as written in docs, not from here.
/// </summary>
public static class ZenginTransferLayout
{
    /// <summary>種別コード of 総合振込.</summary>
    public const string TypeCode = "21";

    private const ZenginFieldType N = ZenginFieldType.Numeric;
    private const ZenginFieldType C = ZenginFieldType.Text;
    private const ZenginFieldType F = ZenginFieldType.Filler;

    /// <summary>ヘッダー・レコード (data kind 1): the city as 依頼人 and the account paid from.</summary>
    public static class Header
    {
        public static readonly ZenginField DataKind = new("データ区分", 0, 1, N);
        public static readonly ZenginField TypeCode = new("種別コード", 1, 2, N);
        public static readonly ZenginField CodeKind = new("コード区分", 3, 1, N);
        public static readonly ZenginField RequesterCode = new("依頼人コード", 4, 10, N);
        public static readonly ZenginField RequesterName = new("依頼人名", 14, 40, C);
        public static readonly ZenginField TransferDate = new("振込指定日", 54, 4, N);
        public static readonly ZenginField BankCode = new("仕向銀行番号", 58, 4, N);
        public static readonly ZenginField BankName = new("仕向銀行名", 62, 15, C);
        public static readonly ZenginField BranchCode = new("仕向支店番号", 77, 3, N);
        public static readonly ZenginField BranchName = new("仕向支店名", 80, 15, C);
        public static readonly ZenginField AccountType = new("預金種目（依頼人）", 95, 1, N);
        public static readonly ZenginField AccountNo = new("口座番号（依頼人）", 96, 7, N);
        public static readonly ZenginField Filler = new("ダミー", 103, 17, F);
    }

    /// <summary>データ・レコード (data kind 2): one transfer.</summary>
    public static class Data
    {
        public static readonly ZenginField DataKind = new("データ区分", 0, 1, N);
        public static readonly ZenginField BankCode = new("被仕向銀行番号", 1, 4, N);
        public static readonly ZenginField BankName = new("被仕向銀行名", 5, 15, C);
        public static readonly ZenginField BranchCode = new("被仕向支店番号", 20, 3, N);
        public static readonly ZenginField BranchName = new("被仕向支店名", 23, 15, C);
        public static readonly ZenginField ClearingHouse = new("手形交換所番号", 38, 4, N);
        public static readonly ZenginField AccountType = new("預金種目", 42, 1, N);
        public static readonly ZenginField AccountNo = new("口座番号", 43, 7, N);
        public static readonly ZenginField PayeeName = new("受取人名", 50, 30, C);
        public static readonly ZenginField Amount = new("振込金額", 80, 10, N);
        public static readonly ZenginField NewCode = new("新規コード", 90, 1, N);
        public static readonly ZenginField CustomerCode1 = new("顧客コード1", 91, 10, N);
        public static readonly ZenginField CustomerCode2 = new("顧客コード2", 101, 10, N);
        public static readonly ZenginField TransferKind = new("振込区分", 111, 1, N);
        public static readonly ZenginField EdiFlag = new("識別表示", 112, 1, C);
        public static readonly ZenginField Filler = new("ダミー", 113, 7, F);
    }

    /// <summary>トレーラ・レコード (data kind 8).</summary>
    public static class Trailer
    {
        public static readonly ZenginField DataKind = new("データ区分", 0, 1, N);
        public static readonly ZenginField TotalCount = new("合計件数", 1, 6, N);
        public static readonly ZenginField TotalAmount = new("合計金額", 7, 12, N);
        public static readonly ZenginField Filler = new("ダミー", 19, 101, F);
    }

    /// <summary>エンド・レコード (data kind 9).</summary>
    public static class End
    {
        public static readonly ZenginField DataKind = new("データ区分", 0, 1, N);
        public static readonly ZenginField Filler = new("ダミー", 1, 119, F);
    }
}

/// <summary>
/// The header of a 総合振込 file: the city (依頼人) and its account the money leaves from. Numeric fields are ASCII
/// digit strings (zero-filled by the writer); text is converted to Zengin kana by the writer.
/// </summary>
public sealed record ZenginTransferHeader(
    string RequesterCode, string RequesterName, int TransferMonth, int TransferDay,
    string BankCode, string BankName, string BranchCode, string BranchName, int AccountType, string AccountNo);

/// <summary>
/// One transfer (データ・レコード): the payee's account (<see cref="ZenginTransferAccount"/> checks it), the amount, and two
/// 10-digit customer codes the payer chooses (Choshu: the refund number and the taxpayer number).
/// <paramref name="TransferKind"/> 7 = 電信 (the usual).
/// </summary>
public sealed record ZenginTransferRecord(
    string BankCode, string BankName, string BranchCode, string BranchName, int AccountType, string AccountNo,
    string PayeeName, long Amount, string CustomerCode1, string CustomerCode2, int TransferKind = 7);

/// <summary>The totals a 総合振込 file's trailer carries.</summary>
public sealed record ZenginTransferTrailer(int TotalCount, long TotalAmount);
