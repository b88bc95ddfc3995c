namespace Choshu.Data.Imports;

/// <summary>One run of an import over a file, with the counts it reported.</summary>
public sealed class ImportRun
{
    public long Id { get; set; }
    public long ImportFileId { get; set; }
    public string Actor { get; set; } = "";
    public DateTime StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    /// <summary>Data lines read (the header is not counted).</summary>
    public int LinesRead { get; set; }
    /// <summary>Records created.</summary>
    public int Created { get; set; }
    /// <summary>Records changed (a new taxpayer version, an amendment).</summary>
    public int Changed { get; set; }
    /// <summary>Records identical to what the store already held.</summary>
    public int Unchanged { get; set; }
    public int Quarantined { get; set; }
}
