using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Imports;

/// <summary>
/// One run of a payment import: the file (name, SHA-256, size, encoding), who ran it and when, and the
/// counts the run recorded. For payments, <see cref="Created"/> = 消込 + 速報 + 未消込, <see cref="Changed"/> =
/// 速報取消, <see cref="Unchanged"/> = 重複 (records received before), <see cref="Quarantined"/> = 保留 lines.
/// </summary>
public sealed record ImportRunLine(
    long RunId,
    long FileId,
    string Format,
    string FileName,
    string Sha256,
    long SizeBytes,
    string Encoding,
    string Actor,
    string? ActorName,
    DateTime StartedAtUtc,
    DateTime? FinishedAtUtc,
    int Read,
    int Created,
    int Changed,
    int Unchanged,
    int Quarantined);

/// <summary>A page of runs, newest first.</summary>
public sealed record ImportHistoryPage(IReadOnlyList<ImportRunLine> Runs, int Page, int Size, int Total)
{
    public int Pages => Math.Max(1, (Total + Size - 1) / Size);
}

/// <summary>The payments that came from the run's file, by where they stand now.</summary>
public sealed record PaymentStatusCount(PaymentStatus Status, int Count, long Amount);

/// <summary>A run with its file's payments by status and its quarantined lines (line, field, Japanese reason).</summary>
public sealed record ImportRunDetails(
    ImportRunLine Run,
    IReadOnlyList<PaymentStatusCount> Payments,
    IReadOnlyList<ImportError> Quarantined,
    int QuarantinedTotal);

/// <summary>
/// 取込履歴 of payment files (the kinds <c>payments:*</c>): which files were taken in, by whom, when, with
/// what result. It shows file names, hashes, counts and the reasons lines were held back, never a
/// record's contents, so it reads no personal data; it needs <see cref="Permission.RecordPayments"/> (a
/// refusal is recorded by <see cref="AccessControl.DemandAsync"/>).
/// </summary>
public static class PaymentImportHistory
{
    public const string KindPrefix = "payments:";
    public const int DefaultPageSize = 50;
    /// <summary>Quarantined lines listed on a run's page (all of them stay in the quarantine table).</summary>
    public const int MaxQuarantinedListed = 1_000;

    public static async Task<ImportHistoryPage> ListAsync(ChoshuDbContext db, Actor actor, int page, TimeProvider clock,
        int size = DefaultPageSize, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock, what: "収納データの取込履歴", ct: ct);
        page = Math.Max(1, page);
        size = Math.Clamp(size, 1, 200);
        var q = Runs(db);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(r => r.StartedAtUtc).ThenByDescending(r => r.RunId)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new ImportHistoryPage(await WithNamesAsync(db, rows, ct), page, size, total);
    }

    /// <summary>One run of a payment import; null when there is none with that id (or it was not a payment import).</summary>
    public static async Task<ImportRunDetails?> RunAsync(ChoshuDbContext db, Actor actor, long runId, TimeProvider clock, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock, what: $"収納データの取込結果 取込番号 {runId}", ct: ct);
        var row = await Runs(db).Where(r => r.RunId == runId).SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var run = (await WithNamesAsync(db, [row], ct))[0];
        var payments = (await db.Payments.AsNoTracking().Where(p => p.ImportFileId == run.FileId)
                .GroupBy(p => p.Status).Select(g => new { Status = g.Key, Count = g.Count(), Amount = g.Sum(p => p.Amount) }).ToListAsync(ct))
            .OrderBy(g => g.Status).Select(g => new PaymentStatusCount(g.Status, g.Count, g.Amount)).ToList();
        var quarantined = db.QuarantinedRecords.AsNoTracking().Where(q => q.ImportFileId == run.FileId);
        var total = await quarantined.CountAsync(ct);
        var lines = await quarantined.OrderBy(q => q.LineNo).ThenBy(q => q.Id).Take(MaxQuarantinedListed)
            .Select(q => new ImportError(q.LineNo, q.Field, q.Reason)).ToListAsync(ct);
        return new ImportRunDetails(run, payments, lines, total);
    }

    /// <summary>"payments:bank" → "bank".</summary>
    public static string FormatOf(string kind) => kind.StartsWith(KindPrefix, StringComparison.Ordinal) ? kind[KindPrefix.Length..] : kind;

    // A member-init projection (not a record constructor) so that EF can filter and order on it.
    private static IQueryable<RunRow> Runs(ChoshuDbContext db) =>
        from r in db.ImportRuns.AsNoTracking()
        join f in db.ImportFiles on r.ImportFileId equals f.Id
        where f.Kind.StartsWith(KindPrefix)
        select new RunRow
        {
            RunId = r.Id, FileId = f.Id, Kind = f.Kind, FileName = f.FileName, Sha256 = f.Sha256, SizeBytes = f.SizeBytes, Encoding = f.Encoding,
            Actor = r.Actor, StartedAtUtc = r.StartedAtUtc, FinishedAtUtc = r.FinishedAtUtc, Read = r.LinesRead, Created = r.Created,
            Changed = r.Changed, Unchanged = r.Unchanged, Quarantined = r.Quarantined,
        };

    private static async Task<List<ImportRunLine>> WithNamesAsync(ChoshuDbContext db, List<RunRow> rows, CancellationToken ct)
    {
        var actors = rows.Select(r => r.Actor).Distinct().ToList();
        var names = await db.StaffAccounts.AsNoTracking().Where(a => actors.Contains(a.StaffNo))
            .Select(a => new { a.StaffNo, a.FullName }).ToDictionaryAsync(a => a.StaffNo, a => a.FullName, ct);
        return rows.Select(r => new ImportRunLine(r.RunId, r.FileId, FormatOf(r.Kind), r.FileName, r.Sha256, r.SizeBytes, r.Encoding, r.Actor,
            names.GetValueOrDefault(r.Actor), r.StartedAtUtc, r.FinishedAtUtc, r.Read, r.Created, r.Changed, r.Unchanged, r.Quarantined)).ToList();
    }

    private sealed class RunRow
    {
        public long RunId { get; init; }
        public long FileId { get; init; }
        public string Kind { get; init; } = "";
        public string FileName { get; init; } = "";
        public string Sha256 { get; init; } = "";
        public long SizeBytes { get; init; }
        public string Encoding { get; init; } = "";
        public string Actor { get; init; } = "";
        public DateTime StartedAtUtc { get; init; }
        public DateTime? FinishedAtUtc { get; init; }
        public int Read { get; init; }
        public int Created { get; init; }
        public int Changed { get; init; }
        public int Unchanged { get; init; }
        public int Quarantined { get; init; }
    }
}
