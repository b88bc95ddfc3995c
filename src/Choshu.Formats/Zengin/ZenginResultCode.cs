namespace Choshu.Formats.Zengin;

/// <summary>
/// 振替結果コード: what the bank did with one debit, in the data record of a result file
/// (domain.md §6). The numbers are the codes written in the file.
/// </summary>
public enum ZenginResultCode
{
    /// <summary>0 振替済: debited.</summary>
    Debited = 0,

    /// <summary>1 資金不足: insufficient funds.</summary>
    InsufficientFunds = 1,

    /// <summary>2 取引なし: no such account (closed or never existed).</summary>
    NoSuchAccount = 2,

    /// <summary>3 預金者の都合による振替停止: stopped at the depositor's request.</summary>
    StoppedByDepositor = 3,

    /// <summary>4 依頼書なし: the bank holds no direct-debit authorisation (預金口座振替依頼書).</summary>
    NoAuthorisation = 4,

    /// <summary>8 委託者の都合による振替停止: stopped at the biller's (the city's) request.</summary>
    StoppedByBiller = 8,

    /// <summary>9 その他: any other reason.</summary>
    Other = 9,
}

/// <summary>Japanese names of <see cref="ZenginResultCode"/> for screens, notices and messages.</summary>
public static class ZenginResultCodeNames
{
    /// <summary>振替済, 資金不足, 取引なし, 預金者の都合による振替停止, 依頼書なし, 委託者の都合による振替停止, その他.</summary>
    public static string ToDisplayName(this ZenginResultCode code) => code switch
    {
        ZenginResultCode.Debited => "振替済",
        ZenginResultCode.InsufficientFunds => "資金不足",
        ZenginResultCode.NoSuchAccount => "取引なし",
        ZenginResultCode.StoppedByDepositor => "預金者の都合による振替停止",
        ZenginResultCode.NoAuthorisation => "依頼書なし",
        ZenginResultCode.StoppedByBiller => "委託者の都合による振替停止",
        ZenginResultCode.Other => "その他",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    /// <summary>True for a code the standard defines (0, 1, 2, 3, 4, 8, 9).</summary>
    public static bool IsDefined(int code) => code is 0 or 1 or 2 or 3 or 4 or 8 or 9;
}
