namespace Choshu.Data.Privacy;

public enum DisclosureKind : short
{
    /// <summary>開示請求.</summary>
    Disclosure = 1,
    /// <summary>訂正請求.</summary>
    Correction = 2,
    /// <summary>利用停止請求.</summary>
    SuspensionOfUse = 3,
    /// <summary>問合せ.</summary>
    Inquiry = 4,
}

public enum DisclosureDecision : short
{
    /// <summary>全部開示・訂正する・停止する.</summary>
    Granted = 1,
    /// <summary>一部.</summary>
    PartlyGranted = 2,
    /// <summary>不開示・訂正しない・停止しない.</summary>
    Refused = 3,
    /// <summary>問合せへの回答.</summary>
    Answered = 4,
}

/// <summary>開示・訂正・利用停止請求 and inquiries: received, reported on, answered, each step recorded.</summary>
public sealed class DisclosureRequest
{
    public long Id { get; set; }
    public long TaxpayerId { get; set; }
    public DisclosureKind Kind { get; set; }
    public DateOnly ReceivedOn { get; set; }
    /// <summary>回答期限: 30 days after receipt (個人情報保護法 第83条), extendable by the office.</summary>
    public DateOnly DueOn { get; set; }
    public string RequesterName { get; set; } = "";
    /// <summary>本人, 法定代理人, 任意代理人.</summary>
    public string RequesterRelation { get; set; } = "";
    public string Details { get; set; } = "";
    public long? RegisteredByAccountId { get; set; }
    public string RegisteredBy { get; set; } = "";
    public DateTime RegisteredAtUtc { get; set; }
    public DateTime? ReportProducedAtUtc { get; set; }
    public string? ReportSha256 { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public DisclosureDecision? Decision { get; set; }
    public string? Answer { get; set; }
    public string? AnsweredBy { get; set; }
}
