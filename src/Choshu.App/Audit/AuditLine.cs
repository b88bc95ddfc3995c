using Choshu.Data;
using Choshu.Data.Security;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;
using Choshu.Domain.Labels;

namespace Choshu.App.Audit;

/// <summary>One audit record as the security officer reads it: the taxpayer named by 宛名番号, the kind by its number and Japanese name.</summary>
public sealed record AuditLine(
    long Id,
    DateTime OccurredAtUtc,
    string OccurredAtJst,
    ActorKind ActorKind,
    string ActorName,
    string Terminal,
    AuditEventKind Kind,
    string KindName,
    AuditOutcome Outcome,
    string? TaxpayerNo,
    string? Purpose,
    string? Detail)
{
    /// <summary>Turns records into lines, looking up the 宛名番号 of every taxpayer id they name (in chunks).</summary>
    public static async Task<IReadOnlyList<AuditLine>> FromAsync(ChoshuDbContext db, IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        var numbers = await TaxpayerNumbersAsync(db, events.Where(e => e.TaxpayerId is not null).Select(e => e.TaxpayerId!.Value), ct);
        return events.Select(e => From(e, e.TaxpayerId is { } id ? numbers.GetValueOrDefault(id) : null)).ToList();
    }

    public static AuditLine From(AuditEvent e, string? taxpayerNo) => new(
        e.Id, e.OccurredAtUtc, e.OccurredAtJst, e.ActorKind, e.ActorName, e.Terminal, e.Kind, JapaneseLabels.Of(e.Kind),
        e.Outcome, taxpayerNo ?? (e.TaxpayerId is { } id ? $"(ID {id})" : null), e.Purpose, e.Detail);

    /// <summary>宛名番号 by taxpayer id, read 1,000 ids at a time.</summary>
    public static async Task<Dictionary<long, string>> TaxpayerNumbersAsync(ChoshuDbContext db, IEnumerable<long> ids, CancellationToken ct)
    {
        var result = new Dictionary<long, string>();
        foreach (var chunk in ids.Distinct().Chunk(1_000))
        {
            var part = await db.Taxpayers.AsNoTracking().Where(t => chunk.Contains(t.Id)).Select(t => new { t.Id, t.TaxpayerNo }).ToListAsync(ct);
            foreach (var p in part) result[p.Id] = p.TaxpayerNo;
        }
        return result;
    }
}
