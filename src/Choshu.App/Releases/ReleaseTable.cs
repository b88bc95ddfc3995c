namespace Choshu.App.Releases;

/// <summary>
/// What a released CSV file holds: the header (the items, in order, as recorded with the release) and
/// one row of text cells per record. Rows are read once, while the file is written.
/// </summary>
public sealed record ReleaseTable(IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<string>> Rows);
