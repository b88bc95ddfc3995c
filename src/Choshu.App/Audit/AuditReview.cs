using System.Globalization;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Security;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Audit;

/// <summary>
/// <c>choshu audit review --month YYYY-MM</c>: reads the month's records (Japan time) and builds the
/// <see cref="AuditReviewReport"/>; writing the review is itself recorded (7002) in the same transaction.
/// <list type="bullet">
/// <item>Outside working hours: records of access or change (login 1000, re-authentication 1006,
/// 2xxx–4xxx, 6xxx–9xxx; failed logins and refusals have their own sections) made on a Saturday,
/// Sunday, a day of the <c>holidays</c> table, 29 Dec–3 Jan, or outside <c>audit.working_hours</c>.</item>
/// <item>Heavy lookups: per user (actor name) and Japan day, the number of distinct taxpayer ids in
/// that user's successful reading records (2000–2999: a search with a single hit, a view, a My
/// Number reveal or search, a slip); listed when it exceeds <c>audit.daily_taxpayer_threshold</c>.</item>
/// <item>Lookups without activity: taxpayers in those reading records with no <c>collection_cases</c>
/// row open during the month, no journal entry recorded or valued in the month and no payment
/// paid, received or recorded in the month on any of their installments.</item>
/// </list>
/// </summary>
public static class AuditReview
{
    private static readonly AuditEventKind[] FailedLoginKinds =
    [
        AuditEventKind.LoginFailed, AuditEventKind.LockedOut, AuditEventKind.TotpReplayRefused, AuditEventKind.ReauthenticationFailed,
        AuditEventKind.SignInThrottled,
    ];

    public static async Task<AuditReviewReport> RunAsync(ChoshuDbContext db, Actor actor, AuditPeriod period, TimeProvider clock, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.ReviewAudit, clock, what: $"操作ログ月次点検 {period.Label}", ct: ct);
        var settings = await AuditReviewSettings.LoadAsync(db, ct);
        var holidays = await db.Holidays.AsNoTracking()
            .Where(h => h.Date >= period.First && h.Date <= period.Last)
            .ToDictionaryAsync(h => h.Date, h => h.Name, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var from = period.FromUtc;
        var to = period.ToUtc;
        var outside = new List<(AuditEvent Event, string Reason)>();
        var myNumber = new List<AuditEvent>();
        var failed = new List<AuditEvent>();
        var lapsed = new List<AuditEvent>();
        var denied = new List<AuditEvent>();
        var perUserDay = new Dictionary<(string Actor, DateOnly Day), (HashSet<long> Taxpayers, int Lookups)>();
        var lookups = new Dictionary<long, (int Count, SortedSet<string> Actors, AuditEvent First)>();
        var count = 0;

        await foreach (var e in db.AuditEvents.AsNoTracking().Where(e => e.OccurredAtUtc >= from && e.OccurredAtUtc < to)
                           .OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            var kind = (int)e.Kind;
            if (IsAccess(e.Kind) && OutsideReason(e.OccurredAtUtc, settings.WorkingHours, holidays) is { } reason)
                outside.Add((e, reason));
            if (e.Kind is AuditEventKind.MyNumberRevealed or AuditEventKind.MyNumberSearched) myNumber.Add(e);
            if (FailedLoginKinds.Contains(e.Kind)) failed.Add(e);
            if (e.Kind == AuditEventKind.AccessDeniedLapsedRights) lapsed.Add(e);
            if (e.Kind == AuditEventKind.AccessDenied) denied.Add(e);

            if (kind is >= 2000 and < 3000 && e.Outcome == AuditOutcome.Succeeded && e.TaxpayerId is { } taxpayerId)
            {
                var key = (e.ActorName, DateOnly.FromDateTime(AuditPeriod.ToJapan(e.OccurredAtUtc)));
                var day = perUserDay.TryGetValue(key, out var d) ? d : ([], 0);
                day.Taxpayers.Add(taxpayerId);
                perUserDay[key] = (day.Taxpayers, day.Lookups + 1);
                if (lookups.TryGetValue(taxpayerId, out var l))
                {
                    l.Actors.Add(e.ActorName);
                    lookups[taxpayerId] = (l.Count + 1, l.Actors, l.First);
                }
                else lookups[taxpayerId] = (1, new SortedSet<string>(StringComparer.Ordinal) { e.ActorName }, e);
            }
        }

        var heavy = perUserDay
            .Where(p => p.Value.Taxpayers.Count > settings.DailyTaxpayerThreshold)
            .OrderBy(p => p.Key.Day).ThenBy(p => p.Key.Actor, StringComparer.Ordinal)
            .Select(p => new HeavyLookupDay(p.Key.Day, p.Key.Actor, p.Value.Taxpayers.Count, p.Value.Lookups))
            .ToList();

        var active = await ActiveTaxpayersAsync(db, lookups.Keys.ToList(), period, ct);
        var quiet = lookups.Where(l => !active.Contains(l.Key)).ToList();
        var listed = outside.Select(o => o.Event).Concat(myNumber).Concat(failed).Concat(lapsed).Concat(denied);
        var numbers = await AuditLine.TaxpayerNumbersAsync(db,
            listed.Where(e => e.TaxpayerId is not null).Select(e => e.TaxpayerId!.Value).Concat(quiet.Select(q => q.Key)), ct);
        AuditLine Line(AuditEvent e) => AuditLine.From(e, e.TaxpayerId is { } id ? numbers.GetValueOrDefault(id) : null);

        var withoutActivity = quiet
            .Select(q => new LookupWithoutActivity(numbers.GetValueOrDefault(q.Key) ?? $"(ID {q.Key})", q.Value.Count, q.Value.Actors.ToList(), q.Value.First.OccurredAtJst))
            .OrderBy(q => q.TaxpayerNo, StringComparer.Ordinal)
            .ToList();

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"月次点検 {period.Label}: 記録 {count} 件、時間外 {outside.Count} 件、多数照会 {heavy.Count} 件、活動のない照会 {withoutActivity.Count} 人、個人番号 {myNumber.Count} 件、ログイン失敗 {failed.Count} 件、失効権限 {lapsed.Count} 件、その他の拒否 {denied.Count} 件");
        var own = await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.AuditReviewed, Detail: summary), clock, ct);
        await tx.CommitAsync(ct);

        return new AuditReviewReport(
            period.Label, from, to, settings.WorkingHours.ToString(), settings.DailyTaxpayerThreshold, count,
            outside.Select(o => new OutsideHoursAccess(Line(o.Event), o.Reason)).ToList(),
            heavy, withoutActivity,
            myNumber.Select(Line).ToList(), failed.Select(Line).ToList(), lapsed.Select(Line).ToList(), denied.Select(Line).ToList(),
            own.Id, own.Hash);
    }

    /// <summary>Kinds that are an access or a change (the outside-hours section); failed logins and refusals are listed in their own sections.</summary>
    public static bool IsAccess(AuditEventKind kind)
    {
        var k = (int)kind;
        return kind is AuditEventKind.LoginSucceeded or AuditEventKind.Reauthenticated
            || k is >= 2000 and < 5000
            || k >= 6000;
    }

    /// <summary>Why a UTC instant is outside working hours in Japan, or null when it is inside.</summary>
    public static string? OutsideReason(DateTime utc, WorkingHours hours, IReadOnlyDictionary<DateOnly, string> holidays)
    {
        var jst = AuditPeriod.ToJapan(utc);
        var day = DateOnly.FromDateTime(jst);
        if (day.DayOfWeek == DayOfWeek.Saturday) return "土曜日";
        if (day.DayOfWeek == DayOfWeek.Sunday) return "日曜日";
        if (holidays.TryGetValue(day, out var name)) return $"祝日（{name}）";
        if ((day.Month == 12 && day.Day >= 29) || (day.Month == 1 && day.Day <= 3)) return "年末年始";
        var time = TimeOnly.FromDateTime(jst);
        return hours.Contains(time) ? null : $"時間外（{time.ToString("HH:mm", CultureInfo.InvariantCulture)}、業務時間 {hours}）";
    }

    /// <summary>Of the given taxpayers, those with a case open during the period, or a journal entry or payment in it.</summary>
    private static async Task<HashSet<long>> ActiveTaxpayersAsync(ChoshuDbContext db, IReadOnlyList<long> taxpayerIds, AuditPeriod period, CancellationToken ct)
    {
        var active = new HashSet<long>();
        var (first, last, fromUtc, toUtc) = (period.First, period.Last, period.FromUtc, period.ToUtc);
        foreach (var chunk in taxpayerIds.Chunk(1_000))
        {
            active.UnionWith(await db.CollectionCases.AsNoTracking()
                .Where(c => chunk.Contains(c.TaxpayerId) && c.OpenedOn <= last && (c.ClosedOn == null || c.ClosedOn >= first))
                .Select(c => c.TaxpayerId).ToListAsync(ct));
            active.UnionWith(await (from j in db.JournalEntries
                                    join i in db.Installments on j.InstallmentId equals i.Id
                                    join a in db.Assessments on i.AssessmentId equals a.Id
                                    where chunk.Contains(a.TaxpayerId)
                                          && ((j.RecordedAtUtc >= fromUtc && j.RecordedAtUtc < toUtc) || (j.ValueDate >= first && j.ValueDate <= last))
                                    select a.TaxpayerId).Distinct().ToListAsync(ct));
            active.UnionWith(await (from p in db.Payments
                                    join i in db.Installments on p.InstallmentId equals i.Id
                                    join a in db.Assessments on i.AssessmentId equals a.Id
                                    where chunk.Contains(a.TaxpayerId)
                                          && ((p.PaidOn >= first && p.PaidOn <= last)
                                              || (p.ReceivedOn != null && p.ReceivedOn >= first && p.ReceivedOn <= last)
                                              || (p.RecordedAtUtc >= fromUtc && p.RecordedAtUtc < toUtc))
                                    select a.TaxpayerId).Distinct().ToListAsync(ct));
        }
        return active;
    }
}
