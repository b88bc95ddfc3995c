using System.Security.Cryptography;
using Choshu.Formats.Csv;

namespace Choshu.App.Imports;

/// <summary>What identifies an imported file: its SHA-256 and size, read in one streaming pass that also detects a CSV's encoding.</summary>
public sealed record FileFingerprint(string Sha256, long Size, CsvTextEncoding DetectedEncoding)
{
    public static async Task<FileFingerprint> ComputeAsync(string path, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new byte[CsvTextEncoding.DetectionWindow];
        var headLength = 0;
        var buffer = new byte[81920];
        long size = 0;
        await using var stream = File.OpenRead(path);
        int n;
        while ((n = await stream.ReadAsync(buffer, ct)) > 0)
        {
            sha.AppendData(buffer, 0, n);
            var take = Math.Min(n, head.Length - headLength);
            if (take > 0)
            {
                Array.Copy(buffer, 0, head, headLength, take);
                headLength += take;
            }
            size += n;
        }
        var encoding = CsvTextEncoding.Detect(head.AsSpan(0, headLength), isWholeFile: size <= head.Length);
        return new FileFingerprint(Convert.ToHexStringLower(sha.GetHashAndReset()), size, encoding);
    }
}
