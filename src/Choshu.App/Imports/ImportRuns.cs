using Choshu.Data;
using Choshu.Data.Imports;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Imports;

/// <summary>
/// Records a file taken in (one <see cref="ImportFile"/> per kind and SHA-256, re-used when the same
/// content comes again) and starts an <see cref="ImportRun"/> over it. Every import calls this.
/// </summary>
public static class ImportRuns
{
    public static async Task<(ImportFile File, ImportRun Run)> StartAsync(ChoshuDbContext db, string kind, FileFingerprint fingerprint,
        string fileName, string encoding, string actor, DateTime nowUtc, CancellationToken ct)
    {
        var file = await db.ImportFiles.SingleOrDefaultAsync(f => f.Kind == kind && f.Sha256 == fingerprint.Sha256, ct);
        if (file is null)
        {
            file = new ImportFile
            {
                Kind = kind, Sha256 = fingerprint.Sha256, FileName = fileName, SizeBytes = fingerprint.Size,
                Encoding = encoding, FirstImportedAtUtc = nowUtc,
            };
            db.ImportFiles.Add(file);
            await db.SaveChangesAsync(ct);
        }
        var run = new ImportRun { ImportFileId = file.Id, Actor = actor, StartedAtUtc = nowUtc };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return (file, run);
    }
}
