namespace Choshu.App.Imports;

/// <summary>
/// What to import: a file path, the encoding when the user forces one ("utf-8" or "shift_jis";
/// null = detect), and who is importing (staff ID or system actor, recorded on every row written).
/// </summary>
public sealed record ImportRequest(string Path, string? Encoding, string Actor);
