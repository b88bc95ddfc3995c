using System.Globalization;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Audit;

/// <summary>What <c>choshu audit list</c> shows: Japan dates (inclusive), the actor (staff number or system actor name), an event kind, a taxpayer.</summary>
public sealed record AuditListFilter(DateOnly? From = null, DateOnly? To = null, string? ActorName = null, AuditEventKind? Kind = null, string? TaxpayerNo = null)
{
    /// <summary>The filter in words for the audit record of the viewing itself.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (From is { } f) parts.Add("from=" + f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (To is { } t) parts.Add("to=" + t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (ActorName is not null) parts.Add("user=" + ActorName);
        if (Kind is { } k) parts.Add("kind=" + (int)k);
        if (TaxpayerNo is not null) parts.Add("taxpayer=" + TaxpayerNo);
        return parts.Count == 0 ? "条件なし" : string.Join(" ", parts);
    }
}

/// <summary>The lines found (in id order) and whether more matched than the limit.</summary>
public sealed record AuditListResult(IReadOnlyList<AuditLine> Lines, bool Truncated);

/// <summary>
/// <c>choshu audit list</c>, the log viewer: records matching a filter, oldest first, up to a limit.
/// Needs <see cref="Permission.ReviewAudit"/>; the viewing is itself recorded (<see cref="AuditEventKind.AuditLogViewed"/>)
/// in the same transaction, since the log tells who looked at whom.
/// </summary>
public static class AuditListQuery
{
    public const int DefaultLimit = 1_000;

    public static Task<AuditListResult> LoadAsync(ChoshuDbContext db, Actor actor, AuditListFilter filter, int limit, TimeProvider clock, CancellationToken ct = default) =>
        LoadPageAsync(db, actor, filter, 0, limit, clock, ct);

    /// <summary>
    /// One page of the matching records: the <paramref name="skip"/> first (in id order) are passed over, then up to
    /// <paramref name="limit"/>; <see cref="AuditListResult.Truncated"/> says whether more follow (the web viewer's
    /// next page). The viewing is recorded as for <see cref="LoadAsync"/>, with the page's first position.
    /// </summary>
    public static async Task<AuditListResult> LoadPageAsync(ChoshuDbContext db, Actor actor, AuditListFilter filter, int skip, int limit, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        await AccessControl.DemandAsync(db, actor, Permission.ReviewAudit, clock, what: "操作ログの閲覧", ct: ct);
        if (filter.From is { } f && filter.To is { } t && t < f)
            throw new DomainException("audit.range_invalid", "--to は --from 以降の日付にしてください。");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var q = db.AuditEvents.AsNoTracking().AsQueryable();
        if (filter.From is { } from)
        {
            var fromUtc = AuditPeriod.StartOfJapanDayUtc(from);
            q = q.Where(e => e.OccurredAtUtc >= fromUtc);
        }
        if (filter.To is { } to)
        {
            var toUtc = AuditPeriod.StartOfJapanDayUtc(to.AddDays(1));
            q = q.Where(e => e.OccurredAtUtc < toUtc);
        }
        if (filter.ActorName is { } name) q = q.Where(e => e.ActorName == name);
        if (filter.Kind is { } kind) q = q.Where(e => e.Kind == kind);
        if (filter.TaxpayerNo is { } no)
        {
            var id = await db.Taxpayers.AsNoTracking().Where(x => x.TaxpayerNo == no).Select(x => (long?)x.Id).FirstOrDefaultAsync(ct)
                ?? throw new DomainException("taxpayer.not_found", $"宛名番号 {no} は登録されていません。");
            q = q.Where(e => e.TaxpayerId == id);
        }
        var ordered = q.OrderBy(e => e.Id);
        var rows = await (skip > 0 ? ordered.Skip(skip) : ordered).Take(limit + 1).ToListAsync(ct);
        var truncated = rows.Count > limit;
        if (truncated) rows.RemoveAt(rows.Count - 1);
        var lines = await AuditLine.FromAsync(db, rows, ct);

        await AuditLog.AppendAsync(db, actor,
            new AuditRecord(AuditEventKind.AuditLogViewed, Detail: $"{filter.Describe()}: {(skip > 0 ? $"{skip + 1} 件目から " : "")}{lines.Count} 件{(truncated ? "（以降省略）" : "")}"), clock, ct);
        await tx.CommitAsync(ct);
        return new AuditListResult(lines, truncated);
    }
}
