using System.Globalization;
using System.Text.Json;
using Choshu.App.Reports;
using Choshu.App.Security;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Payments;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Reconciliation;

/// <summary>Whether a business day is closed, and by whom; the last reopening when it was reopened.</summary>
public sealed record BusinessDayStatus(DateOnly Day, bool Closed, DateTime? ClosedAtUtc, string? ClosedBy, int ClosedCount, long ClosedTotal,
    DateTime? ReopenedAtUtc, string? ReopenedBy, string? ReopenReason);

/// <summary>
/// 日計締め: a 収納担当 (<see cref="Permission.RecordPayments"/>) closes a business day (収入日) after checking its 収納日計表;
/// the report as it stands is stored and is the day's report from then on (<see cref="DailyReportQuery.LoadAsync"/>), so a
/// closed day's report never changes. While a day is closed no payment is given it as 収入日: the one rule
/// <see cref="ReceivedOn"/> moves it to the first open day from today (a late entry, 後日入力, keeps its true 納付日 for the
/// late fee). Reopening is an approver's act (<see cref="Permission.ReopenBusinessDay"/>) with a reason. Close and reopen
/// take the payments lock (no booking commits between the figures read and the close), and are audited (3072, 3073).
/// </summary>
public static class BusinessDays
{
    /// <summary>The closed days (a small table: one row per day ever closed).</summary>
    public static async Task<HashSet<DateOnly>> ClosedAsync(ChoshuDbContext db, CancellationToken ct = default) =>
        (await db.BusinessDays.AsNoTracking().Where(d => d.Closed).Select(d => d.Day).ToListAsync(ct)).ToHashSet();

    /// <summary>
    /// The 収入日 a payment gets: <paramref name="wanted"/> (its own 収入日, or 納付日 at the counter) unless that day is closed;
    /// then the first day from <paramref name="today"/> (or from <paramref name="wanted"/> when later) that is not closed.
    /// </summary>
    public static DateOnly ReceivedOn(DateOnly wanted, DateOnly today, IReadOnlySet<DateOnly> closed)
    {
        if (!closed.Contains(wanted)) return wanted;
        var day = wanted > today ? wanted : today;
        while (closed.Contains(day)) day = day.AddDays(1);
        return day;
    }

    public static async Task<BusinessDayStatus> StatusAsync(ChoshuDbContext db, DateOnly day, CancellationToken ct = default)
    {
        var row = await db.BusinessDays.AsNoTracking().SingleOrDefaultAsync(d => d.Day == day, ct);
        return row is null ? new BusinessDayStatus(day, false, null, null, 0, 0, null, null, null)
            : new BusinessDayStatus(day, row.Closed, row.ClosedAtUtc, row.ClosedBy, row.ClosedCount, row.ClosedTotal, row.ReopenedAtUtc, row.ReopenedBy, row.ReopenReason);
    }

    /// <summary>
    /// Closes <paramref name="day"/>: stores its 収納日計表 as it stands and returns it. Refused (Japanese) for a day after today
    /// or one already closed.
    /// </summary>
    public static async Task<DailyReport> CloseAsync(Store store, Actor actor, DateOnly day, TimeProvider clock, CancellationToken ct = default)
    {
        var what = $"日計締め 収入日 {Day(day)}";
        await using (var check = store.CreateContext())
            await AccessControl.DemandAsync(check, actor, Permission.RecordPayments, clock, what: what, ct: ct);
        var today = JapanTime.Today(clock);
        if (day > today)
            throw new DomainException("day.future", $"収入日 {Day(day)} はまだ来ていないため締められません。今日（{Day(today)}）以前の日を指定してください。");
        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            var row = await db.BusinessDays.SingleOrDefaultAsync(d => d.Day == day, ct);
            if (row is { Closed: true })
                throw new DomainException("day.closed", $"収入日 {Day(day)} は {Time(row.ClosedAtUtc!.Value)} に {row.ClosedBy} が締め済みです。");
            var report = await DailyReportQuery.LiveAsync(db, day, ct);
            if (row is null) db.BusinessDays.Add(row = new BusinessDay { Day = day });
            row.Closed = true;
            row.ClosedAtUtc = now;
            row.ClosedBy = actor.Name;
            row.ClosedCount = report.BookedTotal.Count;
            row.ClosedTotal = report.BookedTotal.Amount;
            row.ReportJson = JsonSerializer.Serialize(report);
            await db.SaveChangesAsync(ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.BusinessDayClosed,
                Detail: string.Create(CultureInfo.InvariantCulture,
                    $"日計締め: 収入日 {Day(day)} 消込済 {report.BookedTotal.Count} 件 {report.BookedTotal.Amount}円（本税 {report.BookedTotal.Principal}円 督促手数料 {report.BookedTotal.ReminderFee}円 延滞金 {report.BookedTotal.LateFee}円 過誤納 {report.BookedTotal.Overpaid}円、後日入力 {report.LateEntries?.Count ?? 0} 件）")), clock, ct);
            return report with { Closed = new DailyClose(now, actor.Name) };
        }, ct);
    }

    /// <summary>Reopens a closed day (an approver, with a reason): its report is computed live again until it is closed again.</summary>
    public static async Task<BusinessDayStatus> ReopenAsync(Store store, Actor actor, DateOnly day, string reason, TimeProvider clock, CancellationToken ct = default)
    {
        await using (var check = store.CreateContext())
            await AccessControl.DemandAsync(check, actor, Permission.ReopenBusinessDay, clock, what: $"日計締めの解除 収入日 {Day(day)}", ct: ct);
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("day.reason_required", "日計締めを解除する理由を入力してください（記録に残ります）。");
        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            var row = await db.BusinessDays.SingleOrDefaultAsync(d => d.Day == day, ct);
            if (row is not { Closed: true })
                throw new DomainException("day.not_closed", $"収入日 {Day(day)} は締められていません。解除するものはありません。");
            var reasonText = Audit.AuditText.MaskMyNumbers(reason.Trim());
            row.Closed = false;
            row.ReportJson = null;
            row.ReopenedAtUtc = now;
            row.ReopenedBy = actor.Name;
            row.ReopenReason = reasonText;
            await db.SaveChangesAsync(ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.BusinessDayReopened,
                Detail: string.Create(CultureInfo.InvariantCulture,
                    $"日計締めの解除: 収入日 {Day(day)}（締め {Time(row.ClosedAtUtc!.Value)} {row.ClosedBy}、締め時 {row.ClosedCount} 件 {row.ClosedTotal}円）: {reasonText}")), clock, ct);
            return new BusinessDayStatus(day, false, row.ClosedAtUtc, row.ClosedBy, row.ClosedCount, row.ClosedTotal, now, actor.Name, reasonText);
        }, ct);
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(JapanTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
