namespace Choshu.App.Imports;

/// <summary>
/// What to import: a file path, the encoding when the user forces one ("utf-8" or "shift_jis";
/// null = detect), and who is importing (staff ID or system actor, recorded on every row written).
/// <paramref name="By"/> is who the audit record names (the run's one record: file, SHA-256, counts);
/// when null, the system actor of this host under the name <paramref name="Actor"/>.
/// </summary>
public sealed record ImportRequest(string Path, string? Encoding, string Actor, Security.Actor? By = null);
