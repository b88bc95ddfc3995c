using Choshu.Data;
using Microsoft.EntityFrameworkCore;
using FailureRecord = Choshu.Formats.Payments.DebitFailure;
using FailureRow = Choshu.Data.Payments.DebitFailure;

namespace Choshu.App.Reconciliation;

/// <summary>
/// Records the 口座引落不能 of a Zengin result file (result codes other than 0) for the failure
/// notices, in the batch's transaction. A failure reported again (same debit date and customer
/// number) is not recorded twice.
/// </summary>
public static class DebitFailures
{
    public static async Task<int> RecordAsync(ChoshuDbContext db, IReadOnlyList<FailureRecord> failures, long importFileId, DateTime nowUtc, CancellationToken ct)
    {
        if (failures.Count == 0) return 0;
        var keys = failures.Select(f => f.IdempotencyKey).ToList();
        var known = (await db.DebitFailures.Where(f => keys.Contains(f.IdempotencyKey)).Select(f => f.IdempotencyKey).ToListAsync(ct)).ToHashSet();
        var ids = failures.Where(f => f.Key is not null).Select(f => f.Key!.Value.InstallmentId).Distinct().ToList();
        var existing = (await db.Installments.Where(i => ids.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct)).ToHashSet();
        var added = 0;
        foreach (var f in failures)
        {
            if (!known.Add(f.IdempotencyKey)) continue;
            db.DebitFailures.Add(new FailureRow
            {
                InstallmentId = f.Key is { } k && existing.Contains(k.InstallmentId) ? k.InstallmentId : null,
                CustomerNo = f.CustomerNo, DebitDate = f.DebitDate, Amount = f.Amount, ResultCode = (short)f.ResultCode,
                SourceCode = f.SourceCode, ImportFileId = importFileId, SourceLine = f.LineNo, IdempotencyKey = f.IdempotencyKey,
                RecordedAtUtc = nowUtc,
            });
            added++;
        }
        return added;
    }
}
