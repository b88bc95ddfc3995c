using Choshu.App.Imports;
using Choshu.Data;
using Choshu.Data.Imports;
using Choshu.Formats.Withholding;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Withholding;

/// <summary>
/// The end of a remittance import (employer payments, pension results): the held lines quarantined once per line and field (a
/// re-run adds none already there), the run's counts stored, and the errors listed for staff with file, line and field.
/// </summary>
internal static class RemittanceImportRuns
{
    /// <summary>Quarantines the errors not yet held for the file and finishes the run; returns the number of lines held.</summary>
    public static async Task<int> FinishAsync(ChoshuDbContext db, ImportRun run, long fileId, IReadOnlyList<RemittanceLineError> errors,
        int linesRead, int booked, int duplicate, DateTime now, CancellationToken ct)
    {
        var existing = (await db.QuarantinedRecords.Where(q => q.ImportFileId == fileId).Select(q => new { q.LineNo, q.Field }).ToListAsync(ct))
            .Select(x => (x.LineNo, x.Field)).ToHashSet();
        foreach (var e in errors.DistinctBy(e => (e.LineNo, e.Field)).Where(e => !existing.Contains((e.LineNo, e.Field))))
            db.QuarantinedRecords.Add(new QuarantinedRecord { ImportFileId = fileId, LineNo = e.LineNo, Field = e.Field, Reason = e.Reason, RawLine = e.RawText, QuarantinedAtUtc = now });
        db.ImportRuns.Attach(run);
        var quarantined = errors.Select(e => e.LineNo).Distinct().Count();
        run.LinesRead = linesRead;
        run.Created = booked;
        run.Unchanged = duplicate;
        run.Quarantined = quarantined;
        run.FinishedAtUtc = now;
        await db.SaveChangesAsync(ct);
        return quarantined;
    }

    /// <summary>The first errors by line, each naming the file, line and field in Japanese.</summary>
    public static IReadOnlyList<ImportError> Listed(string fileName, IEnumerable<RemittanceLineError> errors) =>
        errors.OrderBy(e => e.LineNo).Take(ImportResult.MaxErrorsListed).Select(e => new ImportError(e.LineNo, e.Field, $"{fileName} {e.LineNo}行目 {e.Field}: {e.Reason}")).ToList();
}
