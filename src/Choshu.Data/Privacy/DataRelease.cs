namespace Choshu.Data.Privacy;

public enum DataReleaseKind : short
{
    /// <summary>出力: a file copied out by a holder of the export right.</summary>
    Export = 1,
    /// <summary>移転: payment status sent to 市民税課 or 資産税課.</summary>
    Transfer = 2,
    /// <summary>
    /// 印刷: not written. A printed form is recorded as an issued document (<c>issued_documents</c>, written by
    /// Choshu.App's IssuedDocuments), and DataReleases refuses this kind; the number stays reserved.
    /// </summary>
    Print = 3,
}

/// <summary>
/// Every file that leaves the system (export, transfer; a printed form is an issued document instead): when, who, to whom, which items,
/// how many rows and the file's SHA-256 (seed III-3 リスク4, III-4).
/// </summary>
public sealed class DataRelease
{
    public long Id { get; set; }
    public DataReleaseKind Kind { get; set; }
    /// <summary>What was written: e.g. arrears-list, payment-status.</summary>
    public string Content { get; set; } = "";
    /// <summary>受領者: 市民税課, 資産税課, or the exporting person's own department.</summary>
    public string Recipient { get; set; } = "";
    /// <summary>The items (column names) the file holds, comma-separated, in order.</summary>
    public string Items { get; set; } = "";
    public int RowCount { get; set; }
    public string Sha256 { get; set; } = "";
    public string FileName { get; set; } = "";
    public string? Purpose { get; set; }
    public long? AccountId { get; set; }
    public string ActorName { get; set; } = "";
    public DateTime AtUtc { get; set; }
}
