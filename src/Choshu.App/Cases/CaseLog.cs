using Choshu.App.Notices;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Documents;
using Choshu.Domain;
using Choshu.Domain.Cases;
using Choshu.Domain.Labels;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>
/// One line of the case log as shown: a 経過記録 entry, or a record the system keeps elsewhere that shows in the log by itself
/// (a notice sent, a form issued). <see cref="EntryId"/> is set for 経過記録 entries only; <see cref="CorrectedBy"/> names
/// the entry that corrects this one.
/// </summary>
public sealed record CaseLogLine(
    DateOnly On, TimeOnly? At, string Method, string Counterpart, string Content, string? NextAction, DateOnly? NextActionOn,
    string Source, string By, long? EntryId = null, long? CorrectsEntryId = null, long? CorrectedBy = null);

/// <summary>What a source of the case log is given: the store, the case and taxpayer, and what the case file read already.</summary>
public sealed record CaseLogContext(ChoshuDbContext Db, long CaseId, long TaxpayerId, IReadOnlyList<NoticeHistoryLine> Notices);

/// <summary>
/// The case log view: the union of the <c>case_log_entries</c> table and the records kept elsewhere — notices dispatched
/// (<c>notice_letters</c> of dispatched runs), forms issued (<c>issued_documents</c> other than those letters) and promises and
/// pledges made, cancelled or completed (<c>pledges</c>, <c>pledge_events</c>) — newest first. Each part is one
/// <see cref="Sources"/> entry: a later feature (seizures) adds its own.
/// </summary>
public static class CaseLogView
{
    public delegate Task<IEnumerable<CaseLogLine>> Source(CaseLogContext context, CancellationToken ct);

    /// <summary>The parts of the log. Add a source here to make a feature's records show in every case log.</summary>
    public static readonly IReadOnlyList<Source> Sources = [EntriesAsync, NoticesAsync, DocumentsAsync, PledgesAsync];

    public static async Task<IReadOnlyList<CaseLogLine>> ForCaseAsync(ChoshuDbContext db, long caseId, long taxpayerId,
        IReadOnlyList<NoticeHistoryLine>? notices = null, CancellationToken ct = default)
    {
        var context = new CaseLogContext(db, caseId, taxpayerId, notices ?? await NoticeHistory.ForTaxpayerAsync(db, taxpayerId, ct));
        var lines = new List<CaseLogLine>();
        foreach (var source in Sources) lines.AddRange(await source(context, ct));
        return lines.OrderByDescending(l => l.On).ThenByDescending(l => l.At ?? TimeOnly.MaxValue).ThenByDescending(l => l.EntryId ?? 0).ToList();
    }

    /// <summary>経過記録, each marked with the entry that corrects it.</summary>
    private static async Task<IEnumerable<CaseLogLine>> EntriesAsync(CaseLogContext c, CancellationToken ct)
    {
        var rows = await c.Db.CaseLogEntries.AsNoTracking().Where(e => e.CaseId == c.CaseId).ToListAsync(ct);
        var correctedBy = rows.Where(r => r.CorrectsEntryId is not null).GroupBy(r => r.CorrectsEntryId!.Value).ToDictionary(g => g.Key, g => g.Max(r => r.Id));
        return rows.Select(r => new CaseLogLine(r.ContactedOn, r.ContactedTime, JapaneseLabels.Of(r.Method), r.Counterpart, r.Content, r.NextAction, r.NextActionOn,
            r.Source == CaseLogSource.CallCentre ? "納税お知らせセンター" : "経過記録", r.ActorName, r.Id, r.CorrectsEntryId,
            correctedBy.TryGetValue(r.Id, out var by) ? by : null));
    }

    /// <summary>Notices dispatched (督促状, 催告書 …), on their dispatch day.</summary>
    private static Task<IEnumerable<CaseLogLine>> NoticesAsync(CaseLogContext c, CancellationToken ct) =>
        Task.FromResult(c.Notices.Where(n => n.DispatchedOn is not null && !n.Cancelled && !n.Pulled)
            .Select(n => new CaseLogLine(n.DispatchedOn!.Value, null, JapaneseLabels.Of(CaseLogMethod.Document), "",
                $"{NoticeRuns.Label(n.Kind)} 発送（発行番号 {n.DocumentId}、{n.Amount:#,0}円）"
                + (n.ReturnedOn is { } r ? $" {r:yyyy-MM-dd} 返戻" : ""), null, null, "通知書", "システム")));

    /// <summary>Forms issued to or about the taxpayer (納付書, 領収証書, 納税証明書 …), but not the notice letters shown above.</summary>
    private static async Task<IEnumerable<CaseLogLine>> DocumentsAsync(CaseLogContext c, CancellationToken ct)
    {
        var letters = c.Notices.Select(n => n.DocumentId).ToHashSet();
        var docs = await c.Db.IssuedDocuments.AsNoTracking().Where(d => d.TaxpayerId == c.TaxpayerId)
            .Select(d => new { d.Id, d.Kind, d.Template, d.ReprintOfId, d.ActorName, d.IssuedAtUtc, d.Purpose }).ToListAsync(ct);
        return docs.Where(d => !letters.Contains(d.Id) && !(d.ReprintOfId is { } o && letters.Contains(o))).Select(d =>
        {
            var local = (d.IssuedAtUtc + Domain.Calendar.JapanTime.Offset);
            return new CaseLogLine(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), JapaneseLabels.Of(CaseLogMethod.Document), "",
                $"{DocumentName(d.Kind)} 発行（発行番号 {d.Id}{(d.ReprintOfId is { } of ? $"、{of} の再発行" : "")}）" + (d.Purpose is null ? "" : $" {d.Purpose}"),
                null, null, "発行記録", d.ActorName);
        });
    }

    /// <summary>
    /// Promises and pledges of the case: made (on the day made, with the schedule's size and total) and cancelled or completed
    /// (with the reason). Their printed forms show as documents above.
    /// </summary>
    private static async Task<IEnumerable<CaseLogLine>> PledgesAsync(CaseLogContext c, CancellationToken ct)
    {
        var pledges = await c.Db.Pledges.AsNoTracking().Where(p => p.CaseId == c.CaseId)
            .Select(p => new { p.Id, p.Kind, p.MadeOn, p.RecordedBy, p.RecordedAtUtc }).ToListAsync(ct);
        if (pledges.Count == 0) return [];
        var ids = pledges.Select(p => p.Id).ToList();
        var instalments = (await c.Db.PledgeInstalments.AsNoTracking().Where(i => EF.Parameter(ids).Contains(i.PledgeId))
                .Select(i => new { i.PledgeId, i.DueOn, i.Amount }).ToListAsync(ct))
            .ToLookup(i => i.PledgeId);
        var ended = await c.Db.PledgeEvents.AsNoTracking()
            .Where(e => EF.Parameter(ids).Contains(e.PledgeId) && (e.Kind == PledgeEventKind.Cancelled || e.Kind == PledgeEventKind.Completed))
            .Select(e => new { e.PledgeId, e.Kind, e.On, e.Reason, e.Actor }).ToListAsync(ct);
        var kindOf = pledges.ToDictionary(p => p.Id, p => p.Kind);
        string Name(PledgeKind k) => k == PledgeKind.Promise ? "約束" : "分納誓約";
        var made = pledges.Select(p =>
        {
            var schedule = instalments[p.Id].OrderBy(i => i.DueOn).ToList();
            var content = p.Kind == PledgeKind.Promise && schedule.Count == 1
                ? $"約束 {p.Id}: {schedule[0].DueOn:yyyy-MM-dd} までに {schedule[0].Amount:#,0}円"
                : $"分納誓約 {p.Id}: {schedule.Count} 回、計 {schedule.Sum(i => i.Amount):#,0}円（{schedule.FirstOrDefault()?.DueOn:yyyy-MM-dd}〜{schedule.LastOrDefault()?.DueOn:yyyy-MM-dd}）";
            var local = p.RecordedAtUtc + Domain.Calendar.JapanTime.Offset;
            return new CaseLogLine(p.MadeOn, p.MadeOn == DateOnly.FromDateTime(local) ? TimeOnly.FromDateTime(local) : null,
                JapaneseLabels.Of(p.Kind == PledgeKind.Promise ? CaseLogMethod.Other : CaseLogMethod.Document), "本人", content,
                null, null, Name(p.Kind), p.RecordedBy);
        });
        var closes = ended.Select(e => new CaseLogLine(e.On, null, JapaneseLabels.Of(CaseLogMethod.Other), "",
            $"{Name(kindOf[e.PledgeId])} {e.PledgeId} {(e.Kind == PledgeEventKind.Cancelled ? "取消" : "完了")}" + (e.Reason is { Length: > 0 } r ? $": {r}" : ""),
            null, null, Name(kindOf[e.PledgeId]), e.Actor));
        return made.Concat(closes).ToList();
    }

    /// <summary>The Japanese name of an issued document's kind.</summary>
    public static string DocumentName(string kind) => kind switch
    {
        IssuedDocumentKinds.Slip => "納付書",
        IssuedDocumentKinds.Reminder => "督促状",
        IssuedDocumentKinds.Demand => "催告書",
        IssuedDocumentKinds.Receipt => "領収証書",
        IssuedDocumentKinds.Certificate => "納税証明書",
        IssuedDocumentKinds.RefundNotice => "還付通知書",
        IssuedDocumentKinds.AppropriationNotice => "充当通知書",
        IssuedDocumentKinds.Pledge => "納付誓約書",
        IssuedDocumentKinds.PledgeBreach => "分納不履行通知書",
        IssuedDocumentKinds.StayNotice => "執行停止通知書",
        IssuedDocumentKinds.SecondaryLiabilityNotice => "納付通知書（第二次納税義務）",
        IssuedDocumentKinds.ClaimForDistribution => "交付要求書",
        IssuedDocumentKinds.ParticipatingSeizure => "参加差押書",
        IssuedDocumentKinds.DistributionStatement => "配当計算書",
        IssuedDocumentKinds.AcceleratedCollection => "繰上徴収告知書",
        IssuedDocumentKinds.ProtectiveSeizure => "保全差押金額通知書",
        IssuedDocumentKinds.ClaimForDistributionNotice => "交付要求通知書",
        _ => kind,
    };
}

/// <summary>What staff enter for a 経過記録 entry. <see cref="At"/> defaults to now (Japan time).</summary>
public sealed record CaseLogInput(
    CaseLogMethod Method, string Content, string? Counterpart = null, string? NextAction = null, DateOnly? NextActionOn = null,
    DateOnly? On = null, TimeOnly? At = null, long? CorrectsEntryId = null);

/// <summary>
/// Writes 経過記録 through the officer-only path (<see cref="CaseCommand"/>, <see cref="CaseUpdateKind.CaseLog"/>): the officer in
/// charge or an approver; audited 3220 in the same transaction. Never changes an entry: a correction is a new one naming it.
/// </summary>
public sealed class CaseLogs(ChoshuDbContext db, TimeProvider clock)
{
    private readonly CaseCommand command = new(db, clock);

    public async Task<CaseLogEntry> RecordAsync(Actor actor, long caseId, CaseLogInput input, CancellationToken ct = default) =>
        await RecordAsync(await command.AuthorizeAsync(actor, caseId, CaseUpdateKind.CaseLog, ct), input, CaseLogSource.Staff, null, ct);

    /// <summary>Records under a grant already given (the call-centre import asks once per case).</summary>
    internal async Task<CaseLogEntry> RecordAsync(CaseUpdateGrant grant, CaseLogInput input, CaseLogSource source, string? externalKey, CancellationToken ct)
    {
        CaseLogEntry? entry = null;
        await command.RunAsync(grant, async change =>
        {
            if (input.CorrectsEntryId is { } corrects
                && !await change.Db.CaseLogEntries.AnyAsync(e => e.Id == corrects && e.CaseId == change.Case.Id, ct))
                throw new DomainException("caselog.corrects_not_found", $"訂正する経過記録 {corrects} はこの事案にありません。");
            var now = (change.Stamp.RecordedAtUtc + Domain.Calendar.JapanTime.Offset);
            entry = CaseLogEntry.Create(change.Case.Id, input.On ?? change.Stamp.On, input.At ?? TimeOnly.FromDateTime(now), input.Method,
                input.Counterpart, input.Content, input.NextAction, input.NextActionOn, input.CorrectsEntryId, source, externalKey, change.Stamp);
            change.Db.CaseLogEntries.Add(entry);
            return $"経過記録 {JapaneseLabels.Of(input.Method)} {entry.ContactedOn:yyyy-MM-dd}" + (input.CorrectsEntryId is { } c ? $"（{c} の訂正）" : "");
        }, ct);
        return entry!;
    }
}
