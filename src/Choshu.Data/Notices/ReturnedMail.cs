namespace Choshu.Data.Notices;

/// <summary>
/// 返戻: a letter that came back undelivered, with its reason, and how it was resolved: sent again to a right address
/// (<see cref="ReturnedMailResolution.Redispatched"/>, the same letter, on <see cref="ResolvedOn"/>), served by public
/// notice (公示送達: posted on <see cref="ResolvedOn"/>, effective 7 days later, 地方税法20条の2), or closed otherwise. Until it is
/// resolved the taxpayer is left out of demand runs.
/// </summary>
public sealed class ReturnedMail
{
    public long Id { get; set; }
    public long LetterId { get; set; }
    public long TaxpayerId { get; set; }
    public DateOnly ReturnedOn { get; set; }
    public ReturnedMailReason Reason { get; set; }
    public string? Note { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
    public ReturnedMailResolution? Resolution { get; set; }
    public DateOnly? ResolvedOn { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTime? ResolvedAtUtc { get; set; }
    public string? ResolutionNote { get; set; }
}

/// <summary>返戻事由 (the post office's label).</summary>
public enum ReturnedMailReason : short
{
    /// <summary>あて所に尋ねあたりません.</summary>
    AddressUnknown = 1,
    /// <summary>転居先不明.</summary>
    MovedNoForwarding = 2,
    /// <summary>受取拒否.</summary>
    Refused = 3,
    /// <summary>保管期間経過.</summary>
    NotCollected = 4,
    /// <summary>その他.</summary>
    Other = 9,
}

/// <summary>How a return was resolved.</summary>
public enum ReturnedMailResolution : short
{
    /// <summary>再送付: the same letter sent again to a right address.</summary>
    Redispatched = 1,
    /// <summary>公示送達.</summary>
    PublicNotice = 2,
    /// <summary>その他（所在判明・納付等）: closed without sending again.</summary>
    Closed = 3,
}
