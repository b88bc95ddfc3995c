namespace Choshu.Data.Imports;

/// <summary>
/// A file taken in, identified by its SHA-256. One row per distinct file content and kind;
/// each time it is run is an <see cref="ImportRun"/>.
/// </summary>
public sealed class ImportFile
{
    public long Id { get; set; }
    /// <summary>"taxpayers", "assessments", later the payment formats.</summary>
    public string Kind { get; set; } = "";
    /// <summary>Lower-case hex SHA-256 of the file's bytes.</summary>
    public string Sha256 { get; set; } = "";
    /// <summary>The file name as first given (no directory).</summary>
    public string FileName { get; set; } = "";
    public long SizeBytes { get; set; }
    /// <summary>"utf-8" or "shift_jis".</summary>
    public string Encoding { get; set; } = "";
    public DateTime FirstImportedAtUtc { get; set; }
}
