namespace Choshu.Domain.Refunds;

/// <summary>How a refund is paid. Numbers are stored.</summary>
public enum RefundMethod : short
{
    /// <summary>口座振込: to the account the taxpayer named (or the registered direct-debit account).</summary>
    Transfer = 1,
    /// <summary>窓口払: paid at the counter (送金通知書 / 支払通知書 with the notice).</summary>
    Counter = 2,
}

/// <summary>
/// The state of an overpayment as the refund screens show it (未処理, 充当済, 還付決定待ち, 還付済, 時効), derived from the
/// journal and the refunds: never stored.
/// </summary>
public enum OverpaymentState
{
    /// <summary>未処理: money still on the account and no refund drafted.</summary>
    Open,
    /// <summary>充当済: all of it appropriated to other tax.</summary>
    Appropriated,
    /// <summary>還付決定待ち: a refund drafted, not yet decided.</summary>
    AwaitingDecision,
    /// <summary>還付済: refunded (decided; paid or to be paid).</summary>
    Refunded,
    /// <summary>時効: the refund claim lapsed (地方税法18条の3) and the account was closed.</summary>
    Lapsed,
    /// <summary>取消: the overpayment was undone (its payment reversed).</summary>
    Cancelled,
}

/// <summary>Japanese names of the refund enums.</summary>
public static class RefundLabels
{
    public static string Of(RefundMethod m) => m switch
    {
        RefundMethod.Transfer => "口座振込",
        RefundMethod.Counter => "窓口払",
        _ => m.ToString(),
    };

    public static string Of(OverpaymentState s) => s switch
    {
        OverpaymentState.Open => "未処理",
        OverpaymentState.Appropriated => "充当済",
        OverpaymentState.AwaitingDecision => "還付決定待ち",
        OverpaymentState.Refunded => "還付済",
        OverpaymentState.Lapsed => "時効",
        OverpaymentState.Cancelled => "取消",
        _ => s.ToString(),
    };
}
