namespace Choshu.App.Releases;

/// <summary>The record of one released file: its <c>data_releases</c> id, rows (header excluded), SHA-256 of the bytes, size, and when.</summary>
public sealed record ReleaseReceipt(long ReleaseId, string FileName, IReadOnlyList<string> Items, int RowCount, string Sha256, long Bytes, DateTime AtUtc);
