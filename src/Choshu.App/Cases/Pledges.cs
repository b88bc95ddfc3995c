using System.Globalization;
using Choshu.App.Assessments;
using Choshu.App.Claims;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Cases;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Cases;
using Choshu.Domain.Claims;
using Choshu.Domain.Labels;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>What staff record: a promise (one amount and date) or a signed installment pledge (a schedule), for a taxpayer.</summary>
/// <param name="MadeOn">The day of the promise, or the day the 納付誓約書 was signed (the 承認 day).</param>
/// <param name="InstallmentIds">The claims covered; null or empty: every claim of the taxpayer in arrears on <paramref name="MadeOn"/>, oldest first.</param>
public sealed record PledgeRequest(
    string TaxpayerNo,
    PledgeKind Kind,
    DateOnly MadeOn,
    IReadOnlyList<PledgeInstalment> Schedule,
    IReadOnlyList<long>? InstallmentIds = null,
    string? Note = null);

/// <summary>A covered claim on the day: what it owes, its status and its lapse day (after the 承認 of the signing).</summary>
public sealed record PledgeClaimView(InstallmentRef Installment, long Owed, long? ClaimEventId, ClaimStatusKind Status, DateOnly? LapsesOn);

/// <summary>A pledge as staff read it on <see cref="PledgeStanding.AsOf"/>.</summary>
public sealed record PledgeView(
    long Id,
    long TaxpayerId,
    string TaxpayerNo,
    string TaxpayerName,
    long CaseId,
    PledgeKind Kind,
    DateOnly MadeOn,
    string? Note,
    string RecordedBy,
    int GraceDays,
    PledgeStanding Standing,
    IReadOnlyList<PledgeClaimView> Claims,
    IReadOnlyList<PledgeEvent> Events);

/// <summary>One line of the pledge list.</summary>
public sealed record PledgeListRow(long Id, long TaxpayerId, string TaxpayerNo, string TaxpayerName, PledgeKind Kind, DateOnly MadeOn,
    string? OfficerStaffNo, PledgeStanding Standing);

/// <summary>What the list is filtered by: the state on the day, the kind, the officer in charge (職員番号), a 宛名番号.</summary>
public sealed record PledgeFilter(PledgeState? State = null, PledgeKind? Kind = null, string? Officer = null, string? TaxpayerNo = null, bool OpenOnly = false);

/// <summary>
/// 約束・分納誓約 (issue 13 item 5). Recording, cancelling and completing pass the officer-only policy
/// (<see cref="CaseUpdatePolicy"/>, kind <see cref="CaseUpdateKind.Pledge"/>: the officer in charge or an approver; the taxpayer
/// must have a case) and are audited 3240 (分納誓約), 3241 (約束), 3242 (取消・完了) in the change's transaction, last. The signing
/// of a pledge is recorded as a <see cref="ClaimEventKind.Acknowledgement"/> (<see cref="AcknowledgementForm.InstallmentPledge"/>,
/// <c>EndsOn</c> the last scheduled day) on each covered claim, checked by <see cref="ClaimEvents.Check"/>: the one limitation rule
/// (<see cref="ClaimLimitation"/>) starts a new period the next day. A cancellation or completion ends that 分納中 period (a
/// replacement 承認 with the same signing day and the end day, as <see cref="ClaimEvents.EndAsync"/> ends a period), so the claim's
/// status and the demand runs see it. The standing (履行中・不履行・履行済) is derived from the journal (<see cref="PledgeQueries"/>).
/// </summary>
public sealed class Pledges(ChoshuDbContext db, TimeProvider clock)
{
    /// <summary>Records a promise or a signed pledge; returns it as it stands today.</summary>
    public async Task<PledgeView> AddAsync(Actor actor, PledgeRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var taxpayer = await db.Taxpayers.AsNoTracking().Where(t => t.TaxpayerNo == request.TaxpayerNo.Trim())
            .Select(t => new { t.Id, t.TaxpayerNo }).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("taxpayer.not_found", $"宛名番号 {request.TaxpayerNo} の納税義務者は登録されていません。");
        var caseId = await db.CollectionCases.AsNoTracking().Where(c => c.TaxpayerId == taxpayer.Id).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("pledge.case_required",
                $"{JapaneseLabels.Of(request.Kind)}は滞納整理事案の更新です。宛名番号 {taxpayer.TaxpayerNo} の事案がありません（choshu case open で開始し、担当者を設定してください）。");
        var grant = await new CaseCommand(db, clock).AuthorizeAsync(actor, caseId, CaseUpdateKind.Pledge, ct);
        var today = JapanTime.Today(clock);
        if (request.MadeOn > today)
            throw new DomainException("pledge.date_in_future", $"{(request.Kind == PledgeKind.Promise ? "約束の日" : "誓約日")} {D(request.MadeOn)} は本日 {D(today)} より後です。");
        if (request.Note is { Length: > Pledge.NoteMaxLength })
            throw new DomainException("pledge.note_too_long", $"備考は{Pledge.NoteMaxLength}文字以内で入力してください。");
        var schedule = request.Schedule.Select((s, i) => s with { No = i + 1 }).ToList();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Provider == StoreProvider.Postgres)
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM collection_cases WHERE id = {caseId} FOR UPDATE", ct);
        await EnsureOfficerAsync(grant, ct);
        var covered = await CoveredClaimsAsync(taxpayer.Id, request, ct);
        var ledgers = await LoadLedgersForUpdateAsync(covered.Select(c => c.InstallmentId).ToList(), ct);
        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        var last = schedule.Count > 0 ? schedule[^1].DueOn : request.MadeOn;
        long minimum = 0, maximum = 0;
        var unbounded = false;
        foreach (var c in covered)
        {
            var l = ledgers[c.InstallmentId];
            var basic = Math.Max(0, l.PrincipalBalance) + Math.Max(0, l.ReminderFeeBalance);
            minimum += basic;
            maximum += basic;
            // The late fee estimate needs the rates of every year to the last day; a year not yet registered (the rate of a
            // coming year is published in December) leaves the sum without an upper bound rather than refusing the pledge.
            try { maximum += Math.Max(0, l.LateFeeOwed(last, rates).Owed); }
            catch (DomainException) { unbounded = true; }
        }
        if (unbounded) maximum = long.MaxValue;
        PledgeRules.Validate(request.Kind, schedule, request.MadeOn, minimum, maximum);
        if (request.Kind == PledgeKind.InstallmentPledge)
        {
            var open = (await PledgeQueries.StandingsAsync(db, await db.Pledges.AsNoTracking()
                    .Where(p => p.TaxpayerId == taxpayer.Id && p.Kind == PledgeKind.InstallmentPledge).Select(p => p.Id).ToListAsync(ct), today, ct))
                .FirstOrDefault(s => s.Value.Standing.Open);
            if (open.Value is not null)
                throw new DomainException("pledge.already_open",
                    $"宛名番号 {taxpayer.TaxpayerNo} には{JapaneseLabels.Of(open.Value.Standing.State)}の分納誓約 {open.Key} があります。取消または完了の後に記録してください。");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var pledge = new Pledge
        {
            TaxpayerId = taxpayer.Id, CaseId = caseId, Kind = request.Kind, MadeOn = request.MadeOn, Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            RecordedBy = actor.Name, RecordedAtUtc = now,
        };
        db.Pledges.Add(pledge);
        await db.SaveChangesAsync(ct);
        foreach (var s in schedule) db.PledgeInstalments.Add(new PledgeInstalmentRow { PledgeId = pledge.Id, No = s.No, DueOn = s.DueOn, Amount = s.Amount });
        var position = 0;
        foreach (var c in covered)
        {
            long? eventId = null;
            if (request.Kind == PledgeKind.InstallmentPledge)
            {
                var e = ClaimEvent.Create(c.InstallmentId, ClaimEventKind.Acknowledgement, request.MadeOn, actor.Name, now, endsOn: last,
                    ground: (short)AcknowledgementForm.InstallmentPledge, reason: $"分納誓約 {pledge.Id}");
                ClaimEvents.Check(ledgers[c.InstallmentId], e, today);
                db.ClaimEvents.Add(e);
                await db.SaveChangesAsync(ct);
                eventId = e.Id;
            }
            db.PledgeClaims.Add(new PledgeClaim { PledgeId = pledge.Id, InstallmentId = c.InstallmentId, Position = ++position, ClaimEventId = eventId });
        }
        await db.SaveChangesAsync(ct);
        var what = request.Kind == PledgeKind.Promise
            ? $"約束 {pledge.Id}: {D(schedule[0].DueOn)} までに {Yen(schedule[0].Amount)}"
            : $"分納誓約 {pledge.Id}: 誓約日 {D(request.MadeOn)}、{schedule.Count}回 計 {Yen(schedule.Sum(s => s.Amount))}（{D(schedule[0].DueOn)}〜{D(last)}）";
        await AuditLog.AppendAsync(db, actor, new AuditRecord(request.Kind == PledgeKind.Promise ? AuditEventKind.PromiseRecorded : AuditEventKind.PledgeRecorded,
            TaxpayerId: taxpayer.Id, Detail: $"事案 {caseId}: {what}、対象 {string.Join("・", covered.Select(c => c.Name))}"), clock, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return await LoadAsync(pledge.Id, today, ct);
    }

    /// <summary>Cancels (取消) or completes (完了) a pledge on today's date, with a reason; the covered claims leave 分納中. Audited 3242.</summary>
    public async Task<PledgeView> EndAsync(Actor actor, long pledgeId, PledgeEventKind kind, string? reason, CancellationToken ct = default)
    {
        if (kind is not (PledgeEventKind.Cancelled or PledgeEventKind.Completed)) throw new ArgumentOutOfRangeException(nameof(kind));
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("pledge.reason_required", $"{JapaneseLabels.Of(kind)}の理由を入力してください。");
        if (reason.Trim().Length > Pledge.NoteMaxLength) throw new DomainException("pledge.note_too_long", $"理由は{Pledge.NoteMaxLength}文字以内で入力してください。");
        var pledge = await FindAsync(pledgeId, ct);
        var grant = await new CaseCommand(db, clock).AuthorizeAsync(actor, pledge.CaseId, CaseUpdateKind.Pledge, ct);
        var today = JapanTime.Today(clock);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Provider == StoreProvider.Postgres)
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM collection_cases WHERE id = {pledge.CaseId} FOR UPDATE", ct);
        await EnsureOfficerAsync(grant, ct);
        var standing = (await PledgeQueries.StandingsAsync(db, [pledgeId], today, ct))[pledgeId].Standing;
        if (standing.State is PledgeState.Cancelled or PledgeState.Completed)
            throw new DomainException("pledge.already_ended", $"{JapaneseLabels.Of(pledge.Kind)} {pledgeId} は既に{JapaneseLabels.Of(standing.State)}です。");
        var now = clock.GetUtcNow().UtcDateTime;
        var r = reason.Trim();
        db.PledgeEvents.Add(new PledgeEvent { PledgeId = pledgeId, Kind = kind, On = today, Reason = r, Actor = actor.Name, RecordedAtUtc = now });
        // The 分納中 period of each covered claim ends: a replacement 承認 (same signing day, the day before today as its end) reverses the open one.
        var claims = await db.PledgeClaims.AsNoTracking().Where(c => c.PledgeId == pledgeId && c.ClaimEventId != null).ToListAsync(ct);
        var ledgers = await LoadLedgersForUpdateAsync(claims.Select(c => c.InstallmentId).ToList(), ct);
        foreach (var c in claims)
        {
            var inForce = ClaimEvent.InForce(ledgers[c.InstallmentId].Events);
            var current = inForce.FirstOrDefault(e => e.Id == c.ClaimEventId)
                ?? inForce.LastOrDefault(e => e.AcknowledgementForm == AcknowledgementForm.InstallmentPledge && e.Reason == $"分納誓約 {pledgeId}");
            // 分納中 up to the day before (the signing day itself when ended the same day).
            var lastDay = today > current?.On ? today.AddDays(-1) : current?.On ?? today;
            if (current is null || current.EndsOn is { } end && end <= lastDay) continue;
            db.ClaimEvents.Add(ClaimEvent.Create(current.InstallmentId, ClaimEventKind.Acknowledgement, current.On, actor.Name, now, lastDay, ground: current.Ground,
                reversesEventId: current.Id, reason: $"分納誓約 {pledgeId} の{JapaneseLabels.Of(kind)}: {r}"));
        }
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.PledgeEnded, TaxpayerId: pledge.TaxpayerId,
            Detail: $"事案 {pledge.CaseId}: {JapaneseLabels.Of(pledge.Kind)} {pledgeId} を{JapaneseLabels.Of(kind)}（{JapaneseLabels.Of(standing.State)}、納付済 {Yen(standing.Paid)}／{Yen(standing.Total)}）: {r}"), clock, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return await LoadAsync(pledgeId, today, ct);
    }

    /// <summary>A pledge on <paramref name="asOf"/> for a person with <see cref="Permission.ViewTaxpayer"/>; audited as a view (2001).</summary>
    public async Task<PledgeView> ShowAsync(Actor actor, long pledgeId, DateOnly asOf, CancellationToken ct = default)
    {
        var pledge = await FindAsync(pledgeId, ct);
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, pledge.TaxpayerId, $"{JapaneseLabels.Of(pledge.Kind)}の参照", ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var view = await LoadAsync(pledgeId, asOf, ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: pledge.TaxpayerId,
            Detail: $"{JapaneseLabels.Of(pledge.Kind)} {pledgeId}（{D(asOf)} 現在 {JapaneseLabels.Of(view.Standing.State)}）"), clock, ct);
        await tx.CommitAsync(ct);
        return view;
    }

    /// <summary>
    /// Every pledge and promise on <paramref name="asOf"/> that meets <paramref name="filter"/>, breached first, then by next
    /// due day; for a person with <see cref="Permission.ViewTaxpayer"/>, audited 3243 (how many, how many breached).
    /// </summary>
    public async Task<IReadOnlyList<PledgeListRow>> ListAsync(Actor actor, DateOnly asOf, PledgeFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, what: "分納誓約・約束の一覧", ct: ct);
        var q = from p in db.Pledges.AsNoTracking()
                join t in db.Taxpayers on p.TaxpayerId equals t.Id
                join c in db.CollectionCases on p.CaseId equals c.Id
                join a in db.StaffAccounts on c.OfficerAccountId equals a.Id into officers
                from o in officers.DefaultIfEmpty()
                where p.MadeOn <= asOf
                select new { p.Id, p.TaxpayerId, t.TaxpayerNo, t.Facts.NameKanji, p.Kind, p.MadeOn, Officer = o == null ? null : o.StaffNo };
        if (filter.Kind is { } k) q = q.Where(x => x.Kind == k);
        if (!string.IsNullOrWhiteSpace(filter.Officer)) { var s = filter.Officer.Trim(); q = q.Where(x => x.Officer == s); }
        if (!string.IsNullOrWhiteSpace(filter.TaxpayerNo)) { var n = filter.TaxpayerNo.Trim(); q = q.Where(x => x.TaxpayerNo == n); }
        var rows = await q.ToListAsync(ct);
        var standings = await PledgeQueries.StandingsAsync(db, rows.Select(r => r.Id).ToList(), asOf, ct);
        var list = rows.Select(r => new PledgeListRow(r.Id, r.TaxpayerId, r.TaxpayerNo, r.NameKanji, r.Kind, r.MadeOn, r.Officer, standings[r.Id].Standing))
            .Where(r => filter.State is not { } st || r.Standing.State == st)
            .Where(r => !filter.OpenOnly || r.Standing.Open)
            .OrderBy(r => r.Standing.State == PledgeState.Breached ? 0 : r.Standing.Open ? 1 : 2)
            .ThenBy(r => r.Standing.BreachedOn ?? r.Standing.NextDueOn ?? DateOnly.MaxValue)
            .ThenBy(r => r.Id)
            .ToList();
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.PledgesListed,
            Detail: $"{D(asOf)} 現在 {list.Count}件（うち不履行 {list.Count(r => r.Standing.InBreach)}件）"
                + $"{(filter.State is { } fs ? $" 状態 {JapaneseLabels.Of(fs)}" : "")}{(filter.Kind is { } fk ? $" 種類 {JapaneseLabels.Of(fk)}" : "")}"
                + $"{(filter.Officer is { Length: > 0 } fo ? $" 担当 {fo}" : "")}{(filter.TaxpayerNo is { Length: > 0 } ft ? $" 宛名番号 {ft}" : "")}"), clock, ct);
        return list;
    }

    /// <summary>The pledge on <paramref name="asOf"/> without a check or an audit record (the callers above do both).</summary>
    public async Task<PledgeView> LoadAsync(long pledgeId, DateOnly asOf, CancellationToken ct = default)
    {
        var p = await FindAsync(pledgeId, ct);
        var taxpayer = await db.Taxpayers.AsNoTracking().Where(t => t.Id == p.TaxpayerId).Select(t => new { t.TaxpayerNo, t.Facts.NameKanji }).SingleAsync(ct);
        var standing = (await PledgeQueries.StandingsAsync(db, [pledgeId], asOf, ct))[pledgeId];
        var claims = await db.PledgeClaims.AsNoTracking().Where(c => c.PledgeId == pledgeId).OrderBy(c => c.Position).ToListAsync(ct);
        var ids = claims.Select(c => c.InstallmentId).ToList();
        var refs = await InstallmentFinder.ByIdsAsync(db, ids, ct);
        var ledgers = await ClaimLedgers.LoadAsync(db, ids, ct);
        var views = claims.Select(c =>
        {
            var l = ledgers[c.InstallmentId];
            var status = ClaimStatus.Of(l, asOf);
            return new PledgeClaimView(refs[c.InstallmentId], l.Owed, c.ClaimEventId, status.Kind, l.ClaimLapsesOn);
        }).ToList();
        var events = await db.PledgeEvents.AsNoTracking().Where(e => e.PledgeId == pledgeId).OrderBy(e => e.Id).ToListAsync(ct);
        return new PledgeView(p.Id, p.TaxpayerId, taxpayer.TaxpayerNo, taxpayer.NameKanji, p.CaseId, p.Kind, p.MadeOn, p.Note, p.RecordedBy,
            standing.GraceDays, standing.Standing, views, events);
    }

    /// <summary>The pledge row, or a Japanese refusal.</summary>
    public async Task<Pledge> FindAsync(long pledgeId, CancellationToken ct = default) =>
        await db.Pledges.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pledgeId, ct)
        ?? throw new DomainException("pledge.not_found", $"分納誓約・約束 {pledgeId} は登録されていません。");

    /// <summary>The claims covered, oldest 納期限 first: those asked for (the taxpayer's, owing, not ended), or every one in arrears on the day.</summary>
    private async Task<List<InstallmentRef>> CoveredClaimsAsync(long taxpayerId, PledgeRequest request, CancellationToken ct)
    {
        var all = await (from i in db.Installments.AsNoTracking()
                         join a in db.Assessments on i.AssessmentId equals a.Id
                         where a.TaxpayerId == taxpayerId
                         select i.Id).ToListAsync(ct);
        var refs = await InstallmentFinder.ByIdsAsync(db, all, ct);
        var ledgers = await ClaimLedgers.LoadAsync(db, all, ct);
        List<InstallmentRef> chosen;
        if (request.InstallmentIds is { Count: > 0 } asked)
        {
            chosen = [];
            foreach (var id in asked.Distinct())
            {
                if (!refs.TryGetValue(id, out var r))
                    throw new DomainException("pledge.claim_not_taxpayers", $"期別 {id} は宛名番号 {request.TaxpayerNo} の納税義務者の期別ではありません。");
                var s = ClaimStatus.Of(ledgers[id], request.MadeOn);
                if (s.Extinguished || ledgers[id].Owed <= 0)
                    throw new DomainException("pledge.claim_not_owing", $"{r.Name} は{JapaneseLabels.Of(s.Kind)}です（未納額がないか徴収権が消滅しています）。");
                chosen.Add(r);
            }
        }
        else
        {
            chosen = refs.Values.Where(r => ClaimStatus.Of(ledgers[r.InstallmentId], request.MadeOn).InArrears).ToList();
            if (chosen.Count == 0)
                throw new DomainException("pledge.nothing_owed", $"宛名番号 {request.TaxpayerNo} には {D(request.MadeOn)} 現在で滞納となっている期別がありません。");
        }
        return chosen.OrderBy(r => r.DueDate).ThenBy(r => r.FiscalYear).ThenBy(r => r.TaxKindCode).ThenBy(r => r.NoticeNo).ThenBy(r => r.Period).ToList();
    }

    private async Task<Dictionary<long, InstallmentLedger>> LoadLedgersForUpdateAsync(List<long> ids, CancellationToken ct)
    {
        if (db.Provider == StoreProvider.Postgres && ids.Count > 0)
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM installments WHERE id = ANY({ids.ToArray()}) FOR UPDATE", ct);
        return await ClaimLedgers.LoadAsync(db, ids, ct);
    }

    /// <summary>As <see cref="CaseUpdates.RecordChangeAsync"/> checks: the officer in charge is still the one the right was given under.</summary>
    private async Task EnsureOfficerAsync(CaseUpdateGrant grant, CancellationToken ct)
    {
        var officer = await db.CollectionCases.Where(c => c.Id == grant.CaseId).Select(c => c.OfficerAccountId).SingleAsync(ct);
        if (officer != grant.OfficerAccountId)
            throw new DomainException("case.officer_changed", $"滞納整理事案 {grant.CaseId} の担当者が変わりました。もう一度操作してください。");
        if (await db.CollectionCases.Where(c => c.Id == grant.CaseId).Select(c => c.ClosedOn).SingleAsync(ct) is { } closed)
            throw new DomainException("case.closed", $"滞納整理事案 {grant.CaseId} は {D(closed)} に終了しています。再開してから操作してください。");
    }

    internal static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    internal static string Yen(long v) => v.ToString("#,0", CultureInfo.InvariantCulture) + "円";
}
