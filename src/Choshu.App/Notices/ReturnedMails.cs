using System.Globalization;
using Choshu.App.Claims;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Notices;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Claims;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Notices;

/// <summary>An unresolved return as listed: the letter, the taxpayer, when and why it came back.</summary>
public sealed record UnresolvedReturn(long ReturnId, long LetterId, long DocumentId, long RunId, string Kind, long TaxpayerId, string TaxpayerNo, string Name,
    DateOnly ReturnedOn, ReturnedMailReason Reason, string? Note);

/// <summary>
/// 返戻: a letter that came back (<see cref="RecordAsync"/>), and its resolution (<see cref="ResolveAsync"/>). A returned 督促状 has not
/// reached the person: its installments get a 督促状返戻 event, so the seizable-from day and the renewal wait; they come back when
/// the same letter is sent again to a right address (a 督促 event on the day, carrying the same document, no second fee) or when
/// it is served by public notice (公示送達: posted on a day, effective when 7 days have passed counting the posting day,
/// 地方税法20条の2第3項: posted D → effective D+7). Until resolved the taxpayer is left out of demand runs. Needs
/// <see cref="Permission.IssueNotices"/>; audited 3033 and 3034.
/// </summary>
public sealed class ReturnedMails(ChoshuDbContext db, TimeProvider clock)
{
    /// <summary>Days from the posting of a public notice to its effect (20条の2第3項: 7 days counting the posting day).</summary>
    public const int PublicNoticeDays = 7;

    public async Task<ReturnedMail> RecordAsync(Actor actor, long documentId, DateOnly returnedOn, ReturnedMailReason reason, string? note, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(reason)) throw new DomainException("returned.reason_invalid", $"返戻事由 {(short)reason} は定義されていません。");
        if (note is { Length: > 500 }) throw new DomainException("returned.note_too_long", $"備考は500文字以内にしてください（{note.Length}文字）。");
        var letter = await db.NoticeLetters.AsNoTracking().SingleOrDefaultAsync(l => l.DocumentId == documentId, ct)
            ?? throw new DomainException("returned.letter_not_found", $"発行番号 {documentId} の通知書はありません。");
        var run = await db.NoticeRuns.AsNoTracking().SingleAsync(r => r.Id == letter.RunId, ct);
        await AccessControl.DemandAsync(db, actor, NoticeRuns.PermissionFor(run.Kind), clock, letter.TaxpayerId, $"返戻の登録（発行番号 {documentId}）", ct);
        var today = JapanTime.Today(clock);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await NoticeRuns.LockAsync(db, ct); // a double submit records one return
        if (run.DispatchedOn is not { } sent || letter.Pulled)
            throw new DomainException("returned.not_sent", $"発行番号 {documentId} の通知書は発送されていません。");
        if (returnedOn < sent || returnedOn > today)
            throw new DomainException("returned.date_invalid", $"返戻日 {D(returnedOn)} は発付日 {D(sent)} から本日 {D(today)} までの日にしてください。");
        if (await db.ReturnedMail.AnyAsync(m => m.LetterId == letter.Id && m.Resolution == null, ct))
            throw new DomainException("returned.already_open", $"発行番号 {documentId} の通知書は返戻登録済み（未解消）です。");
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new ReturnedMail
        {
            LetterId = letter.Id, TaxpayerId = letter.TaxpayerId, ReturnedOn = returnedOn, Reason = reason, Note = Blank(note),
            RecordedBy = actor.Name, RecordedAtUtc = now,
        };
        db.ReturnedMail.Add(row);
        var earlier = await db.ReturnedMail.CountAsync(m => m.LetterId == letter.Id, ct);
        if (run.Kind == NoticeRunKinds.Reminder)
            await AddReminderEventsAsync(actor, letter, ClaimEventKind.ReminderReturned, returnedOn, $"returned:{letter.Id}:{earlier + 1}", $"返戻（{Label(reason)}）", ct);
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.ReturnedMailRecorded, TaxpayerId: letter.TaxpayerId,
            Detail: $"返戻 {row.Id}: 発行番号 {documentId}（{NoticeRuns.Label(run.Kind)}）返戻日 {D(returnedOn)} 事由 {Label(reason)}"), clock, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return row;
    }

    /// <summary>
    /// Resolves return <paramref name="returnId"/> on <paramref name="on"/>: <see cref="ReturnedMailResolution.Redispatched"/> (the
    /// letter sent again that day to a right address; the taxpayer's address should have been corrected first),
    /// <see cref="ReturnedMailResolution.PublicNotice"/> (<paramref name="on"/> is the posting day; refused before the effect day has
    /// come), or <see cref="ReturnedMailResolution.Closed"/>.
    /// </summary>
    public async Task<ReturnedMail> ResolveAsync(Actor actor, long returnId, ReturnedMailResolution resolution, DateOnly on, string? note, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(resolution)) throw new DomainException("returned.resolution_invalid", $"解消方法 {(short)resolution} は定義されていません。");
        var head = await db.ReturnedMail.AsNoTracking().SingleOrDefaultAsync(m => m.Id == returnId, ct)
            ?? throw new DomainException("returned.not_found", $"返戻 {returnId} はありません。");
        var headKind = await (from l in db.NoticeLetters join r in db.NoticeRuns on l.RunId equals r.Id where l.Id == head.LetterId select r.Kind).SingleAsync(ct);
        await AccessControl.DemandAsync(db, actor, NoticeRuns.PermissionFor(headKind), clock, head.TaxpayerId, $"返戻 {returnId} の解消", ct);
        var today = JapanTime.Today(clock);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await NoticeRuns.LockAsync(db, ct);
        var row = await db.ReturnedMail.SingleAsync(m => m.Id == returnId, ct);
        if (row.Resolution is not null)
            throw new DomainException("returned.already_resolved", $"返戻 {returnId} は {D(row.ResolvedOn)} に解消済みです。");
        if (on < row.ReturnedOn || on > today)
            throw new DomainException("returned.date_invalid", $"解消の日 {D(on)} は返戻日 {D(row.ReturnedOn)} から本日 {D(today)} までの日にしてください。");
        var letter = await db.NoticeLetters.AsNoTracking().SingleAsync(l => l.Id == row.LetterId, ct);
        var run = await db.NoticeRuns.AsNoTracking().SingleAsync(r => r.Id == letter.RunId, ct);
        var effective = on;
        if (resolution == ReturnedMailResolution.PublicNotice)
        {
            effective = on.AddDays(PublicNoticeDays);
            if (effective > today)
                throw new DomainException("returned.public_notice_not_effective",
                    $"公示送達は掲示の日 {D(on)} から起算して7日を経過した {D(effective)} に効力を生じます（地方税法20条の2）。{D(effective)} 以後に記録してください。");
        }
        if (run.Kind == NoticeRunKinds.Reminder && resolution != ReturnedMailResolution.Closed)
            await AddReminderEventsAsync(actor, letter,
                resolution == ReturnedMailResolution.Redispatched ? ClaimEventKind.ReminderDispatched : ClaimEventKind.ReminderServedByPublicNotice,
                effective, $"returned-resolved:{row.Id}", resolution == ReturnedMailResolution.Redispatched ? "返戻後の再送付" : $"公示送達（掲示 {D(on)}）", ct);
        row.Resolution = resolution;
        row.ResolvedOn = on;
        row.ResolvedBy = actor.Name;
        row.ResolvedAtUtc = clock.GetUtcNow().UtcDateTime;
        row.ResolutionNote = Blank(note);
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.ReturnedMailResolved, TaxpayerId: row.TaxpayerId,
            Detail: $"返戻 {returnId}（発行番号 {letter.DocumentId}）を解消: {Label(resolution)} {D(on)}"
                + (resolution == ReturnedMailResolution.PublicNotice ? $"（効力発生 {D(effective)}）" : "")), clock, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return row;
    }

    /// <summary>Every return not yet resolved, oldest first: a list of taxpayers, so it needs <see cref="Permission.IssueNotices"/> and is audited (2007).</summary>
    public async Task<IReadOnlyList<UnresolvedReturn>> UnresolvedAsync(Actor actor, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.IssueNotices, clock, what: "返戻一覧の参照", ct: ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var rows = await UnresolvedQuery().ToListAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.ReturnedMailListed, Detail: $"未解消の返戻 {rows.Count}件"), clock, ct);
        await tx.CommitAsync(ct);
        return rows;
    }

    private IQueryable<UnresolvedReturn> UnresolvedQuery() =>
        from m in db.ReturnedMail.AsNoTracking()
               join l in db.NoticeLetters on m.LetterId equals l.Id
               join r in db.NoticeRuns on l.RunId equals r.Id
               join t in db.Taxpayers on m.TaxpayerId equals t.Id
               where m.Resolution == null
               orderby m.ReturnedOn, m.Id
               select new UnresolvedReturn(m.Id, l.Id, l.DocumentId, r.Id, r.Kind, t.Id, t.TaxpayerNo, t.Facts.NameKanji, m.ReturnedOn, m.Reason, m.Note);

    private async Task AddReminderEventsAsync(Actor actor, NoticeLetter letter, ClaimEventKind kind, DateOnly on, string key, string reason, CancellationToken ct)
    {
        var items = await db.NoticeLetterItems.AsNoTracking().Where(i => i.LetterId == letter.Id).ToListAsync(ct);
        var ledgers = await ClaimLedgers.LoadAsync(db, items.Select(i => i.InstallmentId).ToList(), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = JapanTime.Today(clock);
        foreach (var item in items)
        {
            var e = ClaimEvent.Create(item.InstallmentId, kind, on, actor.Name, now, reason: reason, documentId: letter.DocumentId,
                idempotencyKey: $"{key}:{item.Id}");
            ClaimEvents.Check(ledgers[item.InstallmentId], e, today);
            db.ClaimEvents.Add(e);
        }
    }

    public static string Label(ReturnedMailReason r) => r switch
    {
        ReturnedMailReason.AddressUnknown => "あて所に尋ねあたりません",
        ReturnedMailReason.MovedNoForwarding => "転居先不明",
        ReturnedMailReason.Refused => "受取拒否",
        ReturnedMailReason.NotCollected => "保管期間経過",
        _ => "その他",
    };

    public static string Label(ReturnedMailResolution r) => r switch
    {
        ReturnedMailResolution.Redispatched => "再送付",
        ReturnedMailResolution.PublicNotice => "公示送達",
        _ => "その他（所在判明・納付等）",
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
