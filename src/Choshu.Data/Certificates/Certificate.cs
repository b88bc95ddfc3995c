using Choshu.Domain.Certificates;

namespace Choshu.Data.Certificates;

/// <summary>
/// 納税証明書の交付記録: one certificate issued (at the counter or by the CLI), with its verification number (照合番号), what
/// it said (<see cref="Content"/>: the canonical data record whose hash the issued document holds), who asked for it,
/// the fee and the count of copies. Written once, never changed; <c>choshu certificate verify</c> and the verify page read it.
/// </summary>
public sealed class Certificate
{
    public long Id { get; set; }
    /// <summary>16 digits, unique (15 random digits and a Luhn check digit).</summary>
    public string VerificationNo { get; set; } = "";
    public CertificateKind Kind { get; set; }
    public long TaxpayerId { get; set; }
    /// <summary>The issued document (発行番号) it was recorded as.</summary>
    public long DocumentId { get; set; }
    /// <summary>The day of issue (Japan time).</summary>
    public DateOnly IssuedOn { get; set; }
    /// <summary>Money is counted up to and including this day.</summary>
    public DateOnly CoversUpTo { get; set; }
    /// <summary>The fiscal years printed, comma-separated (e.g. "2024,2025").</summary>
    public string Years { get; set; } = "";
    public string? VehicleNo { get; set; }
    public int Copies { get; set; }
    public CertificateRequester Requester { get; set; }
    /// <summary>The agent's or staff member's name when not the person (本人 leaves it null).</summary>
    public string? RequesterName { get; set; }
    /// <summary>手数料 in yen (all copies).</summary>
    public long Fee { get; set; }
    /// <summary>The canonical JSON data record the certificate was drawn from (no My Number).</summary>
    public string Content { get; set; } = "";
    public string ActorName { get; set; } = "";
    public long? AccountId { get; set; }
    public DateTime IssuedAtUtc { get; set; }
}

/// <summary>
/// One item of a transferred file (軽JNKS, コンビニ交付): which taxpayer (and vehicle) it carried and the SHA-256 of its row,
/// so the next コンビニ交付 file holds only taxpayers whose row would differ from the last one sent.
/// </summary>
public sealed class TransferItem
{
    public long Id { get; set; }
    /// <summary>The <c>data_releases</c> row of the file.</summary>
    public long DataReleaseId { get; set; }
    public long TaxpayerId { get; set; }
    /// <summary>What the item is about within the taxpayer: the vehicle number for 軽JNKS, "" for コンビニ交付.</summary>
    public string ItemKey { get; set; } = "";
    /// <summary>SHA-256 (hex) of the item's row as written.</summary>
    public string Sha256 { get; set; } = "";
}
