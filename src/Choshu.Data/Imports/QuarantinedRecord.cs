namespace Choshu.Data.Imports;

/// <summary>
/// A line of an import file that could not be applied, kept with the reason a clerk can read
/// (Japanese, naming the field). Never dropped; resolving it is a later, recorded act.
/// </summary>
public sealed class QuarantinedRecord
{
    public long Id { get; set; }
    public long ImportFileId { get; set; }
    /// <summary>Line number in the file, 1 = the header row.</summary>
    public int LineNo { get; set; }
    /// <summary>The header name of the field at fault, or "" when the whole line is at fault.</summary>
    public string Field { get; set; } = "";
    public string Reason { get; set; } = "";
    /// <summary>The line as read, decoded to text.</summary>
    public string RawLine { get; set; } = "";
    public DateTime QuarantinedAtUtc { get; set; }
}
