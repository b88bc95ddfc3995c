namespace Choshu.Formats.Zengin;

/// <summary>
/// The record layouts of the 全銀協 direct-debit file (預金口座振替, 種別コード 91), domain.md §6.
/// Every record is 120 bytes of code page 932; offsets here are 0-based (docs/formats.md lists them
/// 1-based as well). The reader, the writer, the tests and the documentation all take the fields from here.
/// </summary>
public static class ZenginLayout
{
    /// <summary>Bytes in every record, line break not counted.</summary>
    public const int RecordLength = 120;

    /// <summary>種別コード of direct debit.</summary>
    public const string DirectDebitTypeCode = "91";

    /// <summary>コード区分 0 = JIS (the only one Choshu reads and writes; 1 = EBCDIC is refused).</summary>
    public const string JisCodeKind = "0";

    private const ZenginFieldType N = ZenginFieldType.Numeric;
    private const ZenginFieldType C = ZenginFieldType.Text;
    private const ZenginFieldType F = ZenginFieldType.Filler;

    /// <summary>ヘッダー・レコード (data kind 1).</summary>
    public static class Header
    {
        public static readonly ZenginField DataKind = new("データ区分", 0, 1, N);
        public static readonly ZenginField TypeCode = new("種別コード", 1, 2, N);
        public static readonly ZenginField CodeKind = new("コード区分", 3, 1, N);
        public static readonly ZenginField BillerCode = new("委託者コード", 4, 10, N);
        public static readonly ZenginField BillerName = new("委託者名", 14, 40, C);
        public static readonly ZenginField DebitDate = new("引落日", 54, 4, N);
        public static readonly ZenginField BankCode = new("取引銀行番号", 58, 4, N);
        public static readonly ZenginField BankName = new("取引銀行名", 62, 15, C);
        public static readonly ZenginField BranchCode = new("取引支店番号", 77, 3, N);
        public static readonly ZenginField BranchName = new("取引支店名", 80, 15, C);
        public static readonly ZenginField AccountType = new("預金種目（委託者）", 95, 1, N);
        public static readonly ZenginField AccountNo = new("口座番号（委託者）", 96, 7, N);
        public static readonly ZenginField Filler = new("ダミー", 103, 17, F);

        public static IReadOnlyList<ZenginField> Fields { get; } =
            [DataKind, TypeCode, CodeKind, BillerCode, BillerName, DebitDate, BankCode, BankName, BranchCode, BranchName, AccountType, AccountNo, Filler];
    }

    /// <summary>データ・レコード (data kind 2): one debit.</summary>
    public static class Data
    {
        public static readonly ZenginField DataKind = new("データ区分", 0, 1, N);
        public static readonly ZenginField BankCode = new("引落銀行番号", 1, 4, N);
        public static readonly ZenginField BankName = new("引落銀行名", 5, 15, C);
        public static readonly ZenginField BranchCode = new("引落支店番号", 20, 3, N);
        public static readonly ZenginField BranchName = new("引落支店名", 23, 15, C);
        public static readonly ZenginField Filler1 = new("ダミー", 38, 4, F);
        public static readonly ZenginField AccountType = new("預金種目", 42, 1, N);
        public static readonly ZenginField AccountNo = new("口座番号", 43, 7, N);
        public static readonly ZenginField DepositorName = new("預金者名", 50, 30, C);
        public static readonly ZenginField Amount = new("振替金額", 80, 10, N);
        public static readonly ZenginField NewCode = new("新規コード", 90, 1, N);
        public static readonly ZenginField CustomerNo = new("顧客番号", 91, 20, N);
        public static readonly ZenginField ResultCode = new("振替結果コード", 111, 1, N);
        public static readonly ZenginField Filler2 = new("ダミー", 112, 8, F);

        public static IReadOnlyList<ZenginField> Fields { get; } =
            [DataKind, BankCode, BankName, BranchCode, BranchName, Filler1, AccountType, AccountNo, DepositorName, Amount, NewCode, CustomerNo, ResultCode, Filler2];
    }

    /// <summary>トレーラ・レコード (data kind 8): the file's totals.</summary>
    public static class Trailer
    {
        public static readonly ZenginField DataKind = new("データ区分", 0, 1, N);
        public static readonly ZenginField TotalCount = new("合計件数", 1, 6, N);
        public static readonly ZenginField TotalAmount = new("合計金額", 7, 12, N);
        public static readonly ZenginField DebitedCount = new("振替済件数", 19, 6, N);
        public static readonly ZenginField DebitedAmount = new("振替済金額", 25, 12, N);
        public static readonly ZenginField FailedCount = new("振替不能件数", 37, 6, N);
        public static readonly ZenginField FailedAmount = new("振替不能金額", 43, 12, N);
        public static readonly ZenginField Filler = new("ダミー", 55, 65, F);

        public static IReadOnlyList<ZenginField> Fields { get; } =
            [DataKind, TotalCount, TotalAmount, DebitedCount, DebitedAmount, FailedCount, FailedAmount, Filler];
    }

    /// <summary>エンド・レコード (data kind 9).</summary>
    public static class End
    {
        public static readonly ZenginField DataKind = new("データ区分", 0, 1, N);
        public static readonly ZenginField Filler = new("ダミー", 1, 119, F);

        public static IReadOnlyList<ZenginField> Fields { get; } = [DataKind, Filler];
    }
}
