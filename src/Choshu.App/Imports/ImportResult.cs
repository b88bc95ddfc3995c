namespace Choshu.App.Imports;

/// <summary>A quarantined field of a line: line number (1 = header), header name ("" = whole line), reason in Japanese.</summary>
public sealed record ImportError(int Line, string Field, string Reason);

/// <summary>
/// What one import run did. Counts are per data line: <see cref="Read"/> = created + changed +
/// unchanged + quarantined. <see cref="Errors"/> lists each quarantined field, capped at
/// <see cref="ImportResult.MaxErrorsListed"/> (all of them are in the quarantine table).
/// </summary>
public sealed record ImportResult(
    string FileName,
    string Sha256,
    string Encoding,
    int Read,
    int Created,
    int Changed,
    int Unchanged,
    int Quarantined,
    IReadOnlyList<string> IgnoredColumns,
    IReadOnlyList<ImportError> Errors,
    int ErrorsNotListed,
    long ImportFileId,
    long ImportRunId)
{
    public const int MaxErrorsListed = 10_000;
}
