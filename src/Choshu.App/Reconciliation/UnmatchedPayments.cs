using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Reconciliation;

/// <summary>One payment in the unmatched queue, with its raw record (which may carry a payer's name).</summary>
public sealed record UnmatchedPayment(long Id, PaymentChannel Channel, long Amount, DateOnly PaidOn, DateOnly? ReceivedOn, string RawKey, string? Reason, string Raw);

/// <summary>
/// The unmatched queue (未消込一覧) as staff read it. The raw records may name the payer, so reading the
/// list needs <see cref="Permission.RecordPayments"/> and is recorded in the audit log (2004, with the
/// count) in the same transaction as the read.
/// </summary>
public static class UnmatchedPayments
{
    public static async Task<IReadOnlyList<UnmatchedPayment>> ListAsync(ChoshuDbContext db, Actor actor, TimeProvider clock, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock, what: "未消込一覧の参照", ct: ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var rows = await db.Payments.AsNoTracking().Where(p => p.Status == PaymentStatus.Unmatched)
            .OrderBy(p => p.ReceivedOn).ThenBy(p => p.Id)
            .Select(p => new UnmatchedPayment(p.Id, p.Channel, p.Amount, p.PaidOn, p.ReceivedOn, p.RawKey, p.StatusReason, p.RawRecord))
            .ToListAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.UnmatchedPaymentsListed,
            Detail: $"未消込 {rows.Count} 件 {rows.Sum(r => r.Amount)}円"), clock, ct);
        await tx.CommitAsync(ct);
        return rows;
    }
}
