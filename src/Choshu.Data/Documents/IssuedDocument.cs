namespace Choshu.Data.Documents;

/// <summary>
/// 発行記録: every document the system issues (a slip, a reminder, a demand letter, a receipt), recorded once when
/// it is drawn: which template and version, the SHA-256 of the canonical data record the form was drawn from
/// (and of the file, when one was written), the run that made it, the person it concerns, who issued it and when.
/// A reprint is a new record pointing at the original. Claim events that a letter carried point here
/// (<c>claim_events.document_id</c>).
/// </summary>
public sealed class IssuedDocument
{
    public long Id { get; set; }
    /// <summary>What was issued: <see cref="IssuedDocumentKinds"/> (slip, reminder, demand, receipt, …).</summary>
    public string Kind { get; set; } = "";
    /// <summary>The form template's name.</summary>
    public string Template { get; set; } = "";
    public int TemplateVersion { get; set; }
    public long? TaxpayerId { get; set; }
    public long? InstallmentId { get; set; }
    /// <summary>SHA-256 (hex, lower case) of the canonical data record the form was drawn from.</summary>
    public string DataSha256 { get; set; } = "";
    /// <summary>SHA-256 of the written file (PDF), when one was written.</summary>
    public string? FileSha256 { get; set; }
    /// <summary>The batch run (e.g. a reminder run) that issued it; null for a single document issued at the desk.</summary>
    public long? RunId { get; set; }
    /// <summary>The document this one reprints.</summary>
    public long? ReprintOfId { get; set; }
    /// <summary>A staff name, or a system actor name.</summary>
    public string ActorName { get; set; } = "";
    public long? AccountId { get; set; }
    public DateTime IssuedAtUtc { get; set; }
    /// <summary>Why it was issued, when staff gave a reason (a reprint, a request).</summary>
    public string? Purpose { get; set; }
}

/// <summary>The values of <see cref="IssuedDocument.Kind"/>.</summary>
public static class IssuedDocumentKinds
{
    /// <summary>納付書: a payment slip.</summary>
    public const string Slip = "slip";
    /// <summary>督促状.</summary>
    public const string Reminder = "reminder";
    /// <summary>催告書.</summary>
    public const string Demand = "demand";
    /// <summary>領収証書.</summary>
    public const string Receipt = "receipt";
    /// <summary>納税証明書 (with its <c>certificates</c> row).</summary>
    public const string Certificate = "certificate";
    /// <summary>還付通知書 (送金通知書 for the counter).</summary>
    public const string RefundNotice = "refund-notice";
    /// <summary>充当通知書 / 還付充当通知書 (地方税法17条の2第5項).</summary>
    public const string AppropriationNotice = "appropriation";
    /// <summary>執行停止通知書 / 執行停止取消通知書 (地方税法15条の7第2項, 15条の8第2項).</summary>
    public const string StayNotice = "stay-notice";
    /// <summary>納付通知書 to a 第二次納税義務者 (地方税法11条1項).</summary>
    public const string SecondaryLiabilityNotice = "secondary-liability-notice";
    /// <summary>納付誓約書 with one slip per instalment (分納誓約).</summary>
    public const string Pledge = "pledge";
    /// <summary>分納不履行通知.</summary>
    public const string PledgeBreach = "pledge-breach";
    /// <summary>交付要求書 (国税徴収法82条 as applied to local tax).</summary>
    public const string ClaimForDistribution = "claim-for-distribution";
    /// <summary>参加差押書 (国税徴収法86条).</summary>
    public const string ParticipatingSeizure = "participating-seizure";
    /// <summary>配当計算書 (国税徴収法131条).</summary>
    public const string DistributionStatement = "distribution-statement";
    /// <summary>繰上徴収の告知書 (地方税法13条の2).</summary>
    public const string AcceleratedCollection = "accelerated-collection";
    /// <summary>保全差押金額通知書 (地方税法16条の4).</summary>
    public const string ProtectiveSeizure = "protective-seizure";
    /// <summary>差押調書 (国税徴収法54条).</summary>
    public const string SeizureRecord = "seizure-record";
    /// <summary>債権差押通知書 (to the third-party debtor, 62条) / 差押通知書 (property).</summary>
    public const string SeizureNotice = "seizure-notice";
    /// <summary>差押解除通知書 (80条).</summary>
    public const string SeizureRelease = "seizure-release-notice";
    /// <summary>照会書 (財産調査): one per target and run, listing every taxpayer asked of it.</summary>
    public const string InquiryLetter = "inquiry-letter";
    /// <summary>交付要求通知書: the delinquent told of a 交付要求 or 参加差押 made (国税徴収法82条2項, 86条3項).</summary>
    public const string ClaimForDistributionNotice = "claim-for-distribution-notice";
}
