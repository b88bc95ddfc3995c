using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Security;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Audit;

/// <summary>What is wrong at the first broken link of the audit chain.</summary>
public enum AuditBreakKind
{
    /// <summary>The record with this id is not there: ids must run 1, 2, 3, … without gaps (a DELETE).</summary>
    Missing,
    /// <summary>The record's hash is not the hash of its own fields (an UPDATE, a forged or swapped row).</summary>
    HashMismatch,
    /// <summary>The record's PrevHash is not the previous record's hash (reordering, a row put in from elsewhere).</summary>
    PrevHashMismatch,
    /// <summary>An anchor (a chain position and hash written down outside the store) no longer holds.</summary>
    AnchorMismatch,
}

/// <summary>The first broken link: the id where the chain stops being what was written, and what is wrong there.</summary>
public sealed record AuditBreak(long Id, AuditBreakKind Kind, string Message);

/// <summary>The outcome of walking the chain: intact (count and last hash) or the first broken link.</summary>
public sealed record AuditVerification(long Count, long LastId, string LastHash, AuditBreak? FirstBreak)
{
    public bool Intact => FirstBreak is null;
}

/// <summary>A chain position and its hash as written down outside the store (the monthly review prints one).</summary>
public sealed record AuditAnchor(long Id, string Hash)
{
    /// <summary>Parses "ID:HASH" (e.g. "1234:9f86d0…").</summary>
    public static AuditAnchor Parse(string text)
    {
        var parts = text.Trim().Split(':', 2);
        if (parts.Length != 2 || !long.TryParse(parts[0], out var id) || id < 1 || parts[1].Length != 64)
            throw new Domain.DomainException("audit.anchor_invalid", $"アンカー「{text}」は「番号:ハッシュ（16進64桁）」の形で指定してください。");
        return new AuditAnchor(id, parts[1].ToLowerInvariant());
    }
}

/// <summary>
/// <c>choshu audit verify</c>: reads the 操作ログ in id order, a page at a time, and checks every link:
/// ids run 1..n without gaps, each PrevHash is the previous record's Hash (the first one's is
/// <see cref="AuditChain.Genesis"/>), and each Hash is <see cref="AuditChain.ComputeHash"/> of the record.
/// Any UPDATE, DELETE or reordering done in the store breaks one of these at the first record touched.
/// What a chain alone cannot show: the last records deleted together (the tail), or a whole tail
/// recomputed by someone who knows the algorithm; an anchor written down outside the store (the last id
/// and hash the monthly review prints) closes both.
/// </summary>
public static class AuditVerifier
{
    public const int PageSize = 5_000;

    /// <summary>
    /// Verifies as <paramref name="actor"/> (needs <see cref="Permission.ReviewAudit"/>) and records the
    /// verification and its outcome (7001) after the walk: intact with the count and last hash, or the first break.
    /// </summary>
    public static async Task<AuditVerification> VerifyAndRecordAsync(ChoshuDbContext db, Actor actor, IReadOnlyCollection<AuditAnchor>? anchors, TimeProvider clock, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.ReviewAudit, clock, what: "操作ログの検証", ct: ct);
        var v = await VerifyAsync(db, anchors, ct);
        var detail = v.FirstBreak is { } b
            ? $"破損: {b.Id} 番 {b.Kind}（{v.Count} 件目まで正常）"
            : $"正常: {v.Count} 件、最終 {v.LastId} 番 {v.LastHash}";
        await AuditLog.AppendAsync(db, actor,
            new AuditRecord(AuditEventKind.AuditVerified, v.Intact ? AuditOutcome.Succeeded : AuditOutcome.Failed, Detail: detail), clock, ct);
        return v;
    }

    public static async Task<AuditVerification> VerifyAsync(ChoshuDbContext db, IReadOnlyCollection<AuditAnchor>? anchors = null, CancellationToken ct = default)
    {
        var anchorById = (anchors ?? []).ToDictionary(a => a.Id, a => a.Hash);
        long expectedId = 1;
        var prevHash = AuditChain.Genesis;
        long count = 0;
        AuditBreak? found = null;
        // Ids start at 1 (CHECK id > 0 in the store); a row below that was put in around the constraint.
        if (await db.AuditEvents.AsNoTracking().Where(e => e.Id <= 0).OrderBy(e => e.Id).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct) is { } below)
            found = new AuditBreak(below, AuditBreakKind.Missing,
                $"{below} 番の記録があります（記録の番号は 1 から始まります）。ストアの外で書き込まれています。");
        while (found is null)
        {
            var from = expectedId - 1;
            var page = await db.AuditEvents.AsNoTracking().Where(e => e.Id > from).OrderBy(e => e.Id).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var e in page)
            {
                found = Check(e, expectedId, prevHash, anchorById);
                if (found is not null) break;
                count++;
                prevHash = e.Hash;
                expectedId = e.Id + 1;
            }
        }
        if (found is null)
        {
            // An anchor beyond the end: the records up to it were there once and are gone (the tail deleted).
            var beyond = anchorById.Keys.Where(id => id >= expectedId).Order().FirstOrDefault();
            if (beyond > 0)
                found = new AuditBreak(expectedId, AuditBreakKind.AnchorMismatch,
                    $"記録は {expectedId - 1} 番で終わっていますが、アンカーの {beyond} 番がありません（末尾の記録が削除されています）。");
        }
        return new AuditVerification(count, expectedId - 1, prevHash, found);
    }

    private static AuditBreak? Check(AuditEvent e, long expectedId, string prevHash, Dictionary<long, string> anchors)
    {
        if (e.Id != expectedId)
            return new AuditBreak(expectedId, AuditBreakKind.Missing,
                $"{expectedId} 番の記録がありません（次は {e.Id} 番）。記録が削除されています。");
        if (!string.Equals(e.PrevHash, prevHash, StringComparison.Ordinal))
            return new AuditBreak(e.Id, AuditBreakKind.PrevHashMismatch,
                $"{e.Id} 番の前レコードハッシュが {(expectedId == 1 ? "起点" : $"{expectedId - 1} 番のハッシュ")} と一致しません（並べ替え・差し替え）。");
        if (!string.Equals(AuditChain.ComputeHash(e), e.Hash, StringComparison.Ordinal))
            return new AuditBreak(e.Id, AuditBreakKind.HashMismatch,
                $"{e.Id} 番の内容がハッシュと一致しません（記録が書き換えられています）。");
        if (anchors.TryGetValue(e.Id, out var anchored) && !string.Equals(anchored, e.Hash, StringComparison.Ordinal))
            return new AuditBreak(e.Id, AuditBreakKind.AnchorMismatch,
                $"{e.Id} 番のハッシュがアンカーと一致しません（この番号までの記録が作り直されています）。");
        return null;
    }
}
