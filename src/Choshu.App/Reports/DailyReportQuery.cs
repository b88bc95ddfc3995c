using System.Globalization;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Reports;

/// <summary>
/// Builds <see cref="DailyReport"/> with set-based queries: payments received (収入日) on the day, the
/// journal entries that booked them grouped by component, their overpayments; 速報 paid that day and
/// still pending; payments received that day and unmatched; the late entries (後日入力) counted that day. A closed day
/// (日計締め, <see cref="Reconciliation.BusinessDays"/>) is answered with the figures stored at its close.
/// The totals name no one; the list of late entries names notices (通知書番号・期別, each a taxpayer's), so showing it
/// is a read of individual data: <see cref="AuditLateEntriesAsync"/> records it (2001 per taxpayer listed).
/// </summary>
public static class DailyReportQuery
{
    public static async Task<DailyReport> LoadAsync(ChoshuDbContext db, DateOnly date, CancellationToken ct = default)
    {
        var closed = await db.BusinessDays.AsNoTracking().Where(d => d.Day == date && d.Closed).SingleOrDefaultAsync(ct);
        if (closed?.ReportJson is { } stored)
            return System.Text.Json.JsonSerializer.Deserialize<DailyReport>(stored)! with { Closed = new DailyClose(closed.ClosedAtUtc!.Value, closed.ClosedBy!) };
        return await LiveAsync(db, date, ct);
    }

    /// <summary>
    /// Records the showing of the report's late entries (うち後日入力) as a read of each listed taxpayer's data
    /// (<see cref="AuditEventKind.TaxpayerViewed"/>, one record per taxpayer, naming the notices shown). Nothing
    /// is recorded when the list is empty. The taxpayer is found through the payment (a closed day's stored report
    /// keeps the payment ids).
    /// </summary>
    public static async Task AuditLateEntriesAsync(ChoshuDbContext db, Actor actor, DailyReport report, string purpose, TimeProvider clock,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.LateEntries is not { Count: > 0 } late) return;
        var paymentIds = late.Select(l => l.PaymentId).ToList();
        var owners = await (
                from p in db.Payments.AsNoTracking()
                join i in db.Installments on p.InstallmentId equals i.Id
                join a in db.Assessments on i.AssessmentId equals a.Id
                where paymentIds.Contains(p.Id)
                select new { p.Id, a.TaxpayerId })
            .ToDictionaryAsync(x => x.Id, x => x.TaxpayerId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var group in late.Where(l => owners.ContainsKey(l.PaymentId)).GroupBy(l => owners[l.PaymentId]).OrderBy(g => g.Key))
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: group.Key,
                Detail: string.Create(CultureInfo.InvariantCulture,
                    $"{purpose}: 収入日 {report.Date:yyyy-MM-dd} うち後日入力 {string.Join("、", group.Select(l => $"通知書番号 {l.NoticeNo} 第{l.Period}期"))}")), clock, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The report computed from the payments and the journal as they stand now (what a close stores).</summary>
    public static async Task<DailyReport> LiveAsync(ChoshuDbContext db, DateOnly date, CancellationToken ct = default)
    {
        var kinds = await db.TaxKinds.AsNoTracking().ToDictionaryAsync(k => k.Code, k => k.Name, ct);
        var booked = db.Payments.Where(p => p.Status == PaymentStatus.Booked && p.ReceivedOn == date);
        var counts = await (
                from p in booked
                join i in db.Installments on p.InstallmentId equals i.Id
                join a in db.Assessments on i.AssessmentId equals a.Id
                group p by new { p.Channel, a.TaxKindCode } into g
                select new { g.Key.Channel, g.Key.TaxKindCode, Count = g.Count(), Amount = g.Sum(p => p.Amount) })
            .ToListAsync(ct);
        // A reversal counts as the kind it reverses, so a payment booked again after a correction nets out.
        var parts = await (
                from p in booked
                join j in db.JournalEntries on p.Id equals j.PaymentId
                join r in db.JournalEntries on j.ReversesEntryId equals r.Id into rs
                from reversed in rs.DefaultIfEmpty()
                join i in db.Installments on j.InstallmentId equals i.Id
                join a in db.Assessments on i.AssessmentId equals a.Id
                where (reversed == null ? j.Kind : reversed.Kind) == JournalEntryKind.Payment
                group j by new { p.Channel, a.TaxKindCode, j.Component } into g
                select new { g.Key.Channel, g.Key.TaxKindCode, g.Key.Component, Amount = -g.Sum(j => j.Amount) })
            .ToListAsync(ct);
        var overpaid = await (
                from p in booked
                join o in db.Overpayments on p.Id equals o.PaymentId
                join i in db.Installments on p.InstallmentId equals i.Id
                join a in db.Assessments on i.AssessmentId equals a.Id
                where o.CancelledAtUtc == null
                group o by new { p.Channel, a.TaxKindCode } into g
                select new { g.Key.Channel, g.Key.TaxKindCode, Amount = g.Sum(o => o.Amount) })
            .ToListAsync(ct);
        // 滞納処分費 taken first out of these payments (never in the journal).
        var costs = await (
                from p in booked
                join c in db.EnforcementCostPayments on p.Id equals c.PaymentId
                join i in db.Installments on p.InstallmentId equals i.Id
                join a in db.Assessments on i.AssessmentId equals a.Id
                group c by new { p.Channel, a.TaxKindCode } into g
                select new { g.Key.Channel, g.Key.TaxKindCode, Amount = g.Sum(x => x.Amount) })
            .ToListAsync(ct);

        long Part(PaymentChannel c, string k, LedgerComponent comp) =>
            parts.Where(x => x.Channel == c && x.TaxKindCode == k && x.Component == comp).Sum(x => x.Amount);
        var bookedLines = counts
            .OrderBy(c => c.Channel).ThenBy(c => c.TaxKindCode)
            .Select(c => new DailyLine(c.Channel, c.TaxKindCode, kinds.GetValueOrDefault(c.TaxKindCode, c.TaxKindCode), c.Count, c.Amount,
                Part(c.Channel, c.TaxKindCode, LedgerComponent.Principal), Part(c.Channel, c.TaxKindCode, LedgerComponent.ReminderFee),
                Part(c.Channel, c.TaxKindCode, LedgerComponent.LateFee),
                overpaid.Where(o => o.Channel == c.Channel && o.TaxKindCode == c.TaxKindCode).Sum(o => o.Amount),
                costs.Where(o => o.Channel == c.Channel && o.TaxKindCode == c.TaxKindCode).Sum(o => o.Amount)))
            .ToList();

        var pending = await db.Payments.Where(p => p.Status == PaymentStatus.Pending && p.PaidOn == date)
            .GroupBy(p => p.Channel).Select(g => new { Channel = g.Key, Count = g.Count(), Amount = g.Sum(p => p.Amount) }).ToListAsync(ct);
        var unmatched = await db.Payments.Where(p => p.Status == PaymentStatus.Unmatched && p.ReceivedOn == date)
            .GroupBy(p => p.Channel).Select(g => new { Channel = g.Key, Count = g.Count(), Amount = g.Sum(p => p.Amount) }).ToListAsync(ct);

        DailyLine Simple(PaymentChannel c, int count, long amount, string label) => new(c, "", label, count, amount, 0, 0, 0, 0);
        var total = new DailyLine(null, "", "合計", bookedLines.Sum(l => l.Count), bookedLines.Sum(l => l.Amount), bookedLines.Sum(l => l.Principal),
            bookedLines.Sum(l => l.ReminderFee), bookedLines.Sum(l => l.LateFee), bookedLines.Sum(l => l.Overpaid), bookedLines.Sum(l => l.EnforcementCost));
        // 後日入力: counter payments counted today but paid on an earlier day (the counter gives 収入日 = 納付日 unless that day was closed).
        var late = await (
                from p in booked
                join i in db.Installments on p.InstallmentId equals i.Id
                join a in db.Assessments on i.AssessmentId equals a.Id
                where p.Channel == PaymentChannel.Counter && p.PaidOn < date
                orderby p.Id
                select new { p.Id, p.Channel, p.IdempotencyKey, p.PaidOn, a.NoticeNo, i.Period, p.Amount })
            .ToListAsync(ct);
        return new DailyReport(date, bookedLines,
            pending.OrderBy(p => p.Channel).Select(p => Simple(p.Channel, p.Count, p.Amount, "速報（未確定）")).ToList(),
            unmatched.OrderBy(p => p.Channel).Select(p => Simple(p.Channel, p.Count, p.Amount, "未消込")).ToList(),
            total,
            late.Select(l => new DailyLateEntry(l.Id, l.Channel, Reconciliation.CounterReceipts.ReceiptNoOf(l.IdempotencyKey), l.PaidOn, l.NoticeNo, l.Period, l.Amount)).ToList());
    }
}
