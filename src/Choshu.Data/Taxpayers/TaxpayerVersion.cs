using Choshu.Domain.Taxpayers;

namespace Choshu.Data.Taxpayers;

/// <summary>
/// One version of a taxpayer record (宛名履歴): append-only. 履歴連番 counts from 1 per taxpayer.
/// Records where the change came from: an import file and line, or a manual entry with its note.
/// </summary>
public sealed class TaxpayerVersion
{
    public long Id { get; set; }
    public long TaxpayerId { get; set; }
    /// <summary>履歴連番</summary>
    public int HistorySeq { get; set; }
    /// <summary>適用日: the day from which this version is true.</summary>
    public DateOnly EffectiveDate { get; set; }
    public TaxpayerFacts Facts { get; set; } = new();
    public string? CorporateNumber { get; set; }
    /// <summary>The 個人番号 was set or changed by this version (the value itself is not kept here).</summary>
    public bool MyNumberChanged { get; set; }
    public ChangeSource Source { get; set; }
    /// <summary>登録事由 as given by the source (free text or the platform's code).</summary>
    public string? Reason { get; set; }
    /// <summary>The import file this version came from, when it came from one.</summary>
    public long? ImportFileId { get; set; }
    /// <summary>Line of that file (1 = header).</summary>
    public int? SourceLine { get; set; }
    /// <summary>Who recorded it: a staff ID, or a system actor's name (<see cref="Domain.Security.SystemActor"/>).</summary>
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}
