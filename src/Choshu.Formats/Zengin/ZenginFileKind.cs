namespace Choshu.Formats.Zengin;

/// <summary>Which of the two direct-debit files the reader is given; the caller always knows.</summary>
public enum ZenginFileKind
{
    /// <summary>
    /// 振替依頼データ: the request the city sends. 振替結果コード is "0" or a space in every data record
    /// and the trailer's 振替済 and 振替不能 counts and amounts are 0.
    /// </summary>
    Request,

    /// <summary>
    /// 振替結果データ: the bank's answer. Every data record carries a 振替結果コード and the trailer
    /// splits the totals into 振替済 (code 0) and 振替不能 (any other code).
    /// </summary>
    Result,
}
