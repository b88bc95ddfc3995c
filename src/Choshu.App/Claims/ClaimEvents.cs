using Choshu.App.Assessments;
using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Claims;
using Choshu.Domain.Labels;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Claims;

/// <summary>What staff record on a claim: the kind and its dates, the delivery and ground where the kind has them, why.</summary>
public sealed record ClaimEventRequest(
    ClaimEventKind Kind,
    DateOnly On,
    DateOnly? EndsOn = null,
    DateOnly? ArrivedOn = null,
    DeliveryMethod? Delivery = null,
    short? Ground = null,
    string? Reason = null);

/// <summary>
/// A claim (one installment) as <c>choshu claim show</c> reads it on <see cref="AsOf"/>: its two due dates, every event
/// recorded (withdrawn and replaced ones too, <see cref="InForce"/> telling which still count), what is owed, the one
/// status (<see cref="ClaimStatus.Of"/>) and the lapse day with every step (<see cref="ClaimLimitation.Evaluate"/>).
/// </summary>
public sealed record ClaimView(
    InstallmentRef Installment,
    string TaxpayerNo,
    ClaimDates Dates,
    DateOnly AsOf,
    long Owed,
    IReadOnlyList<ClaimEvent> Events,
    IReadOnlySet<long> InForce,
    ClaimStatusResult Status,
    LimitationResult Limitation);

/// <summary>
/// Records the append-only events of a claim (<see cref="ClaimEvent"/>, one installment): an event, the end of an open
/// period (a seizure or claim for distribution ended, a deferment ended, a stay cancelled: a replacement of the same kind
/// with both dates that reverses the open one), and the withdrawal of an event recorded in error; and shows a claim.
/// Each change is checked against the domain rules on the claim's money and events, read under a lock of the installment
/// row in the change's transaction, and refused with a Japanese <see cref="DomainException"/> (codes <c>claim_event.*</c>)
/// on an illegal move. Who may record what:
/// <list type="bullet">
/// <item>執行停止・即時消滅 (<see cref="CaseUpdateKind.StayOfExecution"/>), 不納欠損 (<see cref="CaseUpdateKind.WriteOff"/>),
/// 差押・交付要求 (<see cref="CaseUpdateKind.Disposition"/>) and 猶予 (<see cref="CaseUpdateKind.Deferment"/>), their ends and
/// withdrawals, are case updates: they go through <see cref="CaseCommand"/> (the officer in charge or an approver; the
/// taxpayer must have a case) and are audited under the case kind (3013, 3014, 3015, 3019);</item>
/// <item>督促, 督促状返戻 and 公示送達 need <see cref="Permission.RecordPayments"/> or <see cref="Permission.UpdateCases"/>
/// (収納担当 issue reminders); 告知, 催告 and 承認 need <see cref="Permission.UpdateCases"/>. Audited 3100–3105, a
/// withdrawal 3190, in the change's transaction, last.</item>
/// </list>
/// </summary>
public sealed class ClaimEvents(ChoshuDbContext db, TimeProvider clock)
{
    /// <summary>The kinds that have an open period an end can close.</summary>
    private static readonly ClaimEventKind[] PeriodKinds =
        [ClaimEventKind.Seizure, ClaimEventKind.ClaimForDistribution, ClaimEventKind.Deferment, ClaimEventKind.Stay];

    /// <summary>The case update an event of this kind is, or null when it is not one.</summary>
    public static CaseUpdateKind? CaseKind(ClaimEventKind kind) => kind switch
    {
        ClaimEventKind.Stay or ClaimEventKind.ImmediateExtinction => CaseUpdateKind.StayOfExecution,
        ClaimEventKind.WriteOff => CaseUpdateKind.WriteOff,
        ClaimEventKind.Seizure or ClaimEventKind.ClaimForDistribution => CaseUpdateKind.Disposition,
        ClaimEventKind.Deferment => CaseUpdateKind.Deferment,
        _ => null,
    };

    /// <summary>The audit kind that records an event which is not a case update (3100–3105).</summary>
    public static AuditEventKind AuditKind(ClaimEventKind kind) => kind switch
    {
        ClaimEventKind.Notice => AuditEventKind.ClaimNoticeRecorded,
        ClaimEventKind.ReminderDispatched => AuditEventKind.ClaimReminderRecorded,
        ClaimEventKind.ReminderReturned => AuditEventKind.ClaimReminderReturnedRecorded,
        ClaimEventKind.ReminderServedByPublicNotice => AuditEventKind.ClaimReminderPublicNoticeRecorded,
        ClaimEventKind.Demand => AuditEventKind.ClaimDemandRecorded,
        ClaimEventKind.Acknowledgement => AuditEventKind.ClaimAcknowledgementRecorded,
        ClaimEventKind.Withdrawal => AuditEventKind.ClaimEventWithdrawn,
        _ => CaseKind(kind) is { } k ? CaseUpdatePolicy.EventKind(k) : throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Records an event on the installment. A withdrawal is <see cref="WithdrawAsync"/>, an end <see cref="EndAsync"/>.</summary>
    public async Task<ClaimEvent> RecordAsync(Actor actor, long installmentId, ClaimEventRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind == ClaimEventKind.Withdrawal)
            throw new DomainException("claim_event.use_withdraw", "取消は事績の取消（claim event withdraw）で記録します。");
        var inst = await InstallmentFinder.FindByIdAsync(db, installmentId, ct);
        return await ChangeAsync(actor, inst, request.Kind, $"{JapaneseLabels.Of(request.Kind)}の記録", async (now, today) =>
        {
            var ledger = await LoadForUpdateAsync(inst.InstallmentId, ct);
            var e = ClaimEvent.Create(inst.InstallmentId, request.Kind, request.On, actor.Name, now, request.EndsOn, request.ArrivedOn,
                request.Delivery, request.Ground, reason: request.Reason);
            Check(ledger, e, today);
            return (e, $"{Name(inst)}: {Describe(e)}{Why(e.Reason)}");
        }, ct);
    }

    /// <summary>
    /// Ends the open period of event <paramref name="eventId"/> (a seizure or claim for distribution ended, a deferment
    /// ended, a stay cancelled) on <paramref name="endsOn"/>: records a replacement of the same kind and dates with the end,
    /// which reverses it.
    /// </summary>
    public async Task<ClaimEvent> EndAsync(Actor actor, long eventId, DateOnly endsOn, string? reason, CancellationToken ct = default)
    {
        var target = await FindEventAsync(eventId, ct);
        if (Array.IndexOf(PeriodKinds, target.Kind) < 0 || target.EndsOn is not null) throw NotOpen(target);
        var inst = await InstallmentFinder.FindByIdAsync(db, target.InstallmentId, ct);
        return await ChangeAsync(actor, inst, target.Kind, $"{JapaneseLabels.Of(target.Kind)}の終了", async (now, today) =>
        {
            var ledger = await LoadForUpdateAsync(inst.InstallmentId, ct);
            var current = ledger.Events.Single(e => e.Id == eventId);
            if (!ClaimEvent.InForce(ledger.Events).Contains(current)) throw AlreadyWithdrawn(current);
            if (current.EndsOn is not null) throw NotOpen(current);
            if (endsOn > today)
                throw new DomainException("claim_event.date_in_future", $"終了日 {D(endsOn)} は本日 {D(today)} より後です。");
            if (ledger.ClaimLapsed(endsOn))
                throw new DomainException("claim_event.claim_extinguished",
                    $"徴収権は {D(ledger.ClaimLapsesOn)} に消滅しています。その後の日付で{JapaneseLabels.Of(current.Kind)}を終了することはできません。");
            var e = ClaimEvent.Create(current.InstallmentId, current.Kind, current.On, actor.Name, now, endsOn, current.ArrivedOn, current.Delivery,
                current.Ground, reversesEventId: current.Id, reason: reason, documentId: current.DocumentId);
            return (e, $"{Name(inst)}: 事績 {current.Id} {JapaneseLabels.Of(current.Kind)}（{D(current.On)}〜）を {D(endsOn)} に終了{Why(e.Reason)}");
        }, ct);
    }

    /// <summary>Withdraws event <paramref name="eventId"/>, recorded in error: it counts for nothing from now on. A reason is required.</summary>
    public async Task<ClaimEvent> WithdrawAsync(Actor actor, long eventId, string? reason, CancellationToken ct = default)
    {
        var target = await FindEventAsync(eventId, ct);
        if (target.Kind == ClaimEventKind.Withdrawal)
            throw new DomainException("claim_event.withdrawal_final", $"事績 {target.Id} は取消の記録です。取消を取り消すことはできません。事績を記録し直してください。");
        var inst = await InstallmentFinder.FindByIdAsync(db, target.InstallmentId, ct);
        // Withdrawing a reminder moves the lapse day earlier: a 収納担当 may record a reminder, but only the delinquency
        // staff (滞納整理担当, 承認者) may take one back.
        if (target.Kind is ClaimEventKind.ReminderDispatched or ClaimEventKind.ReminderReturned or ClaimEventKind.ReminderServedByPublicNotice)
            await AccessControl.DemandAsync(db, actor, Permission.UpdateCases, clock, inst.TaxpayerId, $"{JapaneseLabels.Of(target.Kind)}の取消（{Name(inst)}）", ct);
        return await ChangeAsync(actor, inst, target.Kind, $"{JapaneseLabels.Of(target.Kind)}の取消", async (now, today) =>
        {
            var ledger = await LoadForUpdateAsync(inst.InstallmentId, ct);
            var current = ledger.Events.Single(e => e.Id == eventId);
            if (!ClaimEvent.InForce(ledger.Events).Contains(current)) throw AlreadyWithdrawn(current);
            var e = ClaimEvent.Create(current.InstallmentId, ClaimEventKind.Withdrawal, today, actor.Name, now, reversesEventId: current.Id, reason: reason);
            return (e, $"{Name(inst)}: 事績 {current.Id} {Describe(current)} を取消{Why(e.Reason)}");
        }, ct, withdrawal: true);
    }

    /// <summary>
    /// The claim on <paramref name="asOf"/> (events recorded up to now; the status and lapse from the events dated up to
    /// that day count), for a person with <see cref="Permission.ViewTaxpayer"/>; audited as a view (2001) in the read's transaction.
    /// </summary>
    public async Task<ClaimView> ShowAsync(Actor actor, long installmentId, DateOnly asOf, CancellationToken ct = default)
    {
        var inst = await InstallmentFinder.FindByIdAsync(db, installmentId, ct);
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, inst.TaxpayerId, $"期別の参照（{Name(inst)}）", ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ledger = await LoadAsync(inst.InstallmentId, ct);
        var taxpayerNo = await db.Taxpayers.Where(t => t.Id == inst.TaxpayerId).Select(t => t.TaxpayerNo).SingleAsync(ct);
        var status = ClaimStatus.Of(ledger, asOf);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: inst.TaxpayerId, Detail: $"期別 {Name(inst)}"), clock, ct);
        await tx.CommitAsync(ct);
        var inForce = ClaimEvent.InForce(ledger.Events).Select(e => e.Id).ToHashSet();
        return new ClaimView(inst, taxpayerNo, ledger.Dates, asOf, ledger.Owed, ledger.Events.OrderBy(e => e.Id).ToList(), inForce, status, ledger.Limitation);
    }

    /// <summary>
    /// The rules an event must meet on the claim as it stands (<paramref name="ledger"/>: its money and events). Pure; the
    /// dates come from the domain rules (<see cref="ClaimStatus"/>, <see cref="ClaimLimitation"/>), none computed here.
    /// </summary>
    public static void Check(InstallmentLedger ledger, ClaimEvent e, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(e);
        var inForce = ClaimEvent.InForce(ledger.Events);
        var label = JapaneseLabels.Of(e.Kind);
        if (e.On > today)
            throw new DomainException("claim_event.date_in_future", $"{label}の日付 {D(e.On)} は本日 {D(today)} より後です。");
        if (inForce.FirstOrDefault(x => x.Kind == ClaimEventKind.WriteOff) is { } writtenOff)
            throw new DomainException("claim_event.written_off", $"この期別は {D(writtenOff.On)} に不納欠損しています（事績 {writtenOff.Id}）。事績は記録できません。");
        if (e.Kind != ClaimEventKind.WriteOff && ledger.ClaimLapsed(e.On))
            throw new DomainException("claim_event.claim_extinguished",
                $"徴収権は {D(ledger.ClaimLapsesOn)} に消滅しています（時効・執行停止3年・即時消滅）。{D(e.On)} の{label}は記録できません（不納欠損のみ記録できます）。");
        var reminder = ClaimStatus.EffectiveReminder(inForce);
        switch (e.Kind)
        {
            case ClaimEventKind.ReminderDispatched or ClaimEventKind.ReminderServedByPublicNotice:
                if (e.On <= ledger.DueDate)
                    throw new DomainException("claim_event.reminder_before_due",
                        $"督促は納期限 {D(ledger.DueDate)} の翌日以後に発します（地方税法329条1項ほか）。{D(e.On)} は記録できません。");
                if (reminder is { } r)
                    throw new DomainException("claim_event.reminder_already_dispatched",
                        $"督促状は {D(r)} に発付済みです。督促は1回限りで、返戻の記録があるときだけ再発送・公示送達を記録できます。");
                if (CollectionDeferment(inForce, e.On) is { } d)
                    throw new DomainException("claim_event.reminder_during_deferment", $"{D(e.On)} は徴収猶予中（事績 {d.Id}、{Period(d)}）のため督促できません。");
                break;
            case ClaimEventKind.ReminderReturned:
                if (reminder is not { } sent || sent > e.On)
                    throw new DomainException("claim_event.no_reminder_to_return", $"{D(e.On)} までに発付された有効な督促状がないため、返戻は記録できません。");
                break;
            case ClaimEventKind.Seizure:
                var before = ClaimStatus.EffectiveReminder(inForce.Where(x => x.On <= e.On));
                if (ClaimStatus.SeizableFrom(ledger.Dates, before) is not { } seizableFrom)
                    throw new DomainException("claim_event.seizure_without_reminder", $"{D(e.On)} までに督促状が発付されていないため、差押は記録できません（地方税法331条1項ほか）。");
                if (e.On < seizableFrom)
                    throw new DomainException("claim_event.seizure_too_early", before is { } dispatched && seizableFrom == ClaimStatus.SeizableFrom(dispatched)
                        ? $"差押ができるのは督促状の発付（{D(dispatched)}）から10日を経過した日の翌日 {D(seizableFrom)} 以後です。"
                        : $"差押ができるのは繰上徴収の納期限 {D(ledger.Dates.AcceleratedDueDate)} の翌日 {D(seizableFrom)} 以後です（地方税法331条3項ほか）。");
                if (CollectionDeferment(inForce, e.On) is { } cd)
                    throw new DomainException("claim_event.seizure_during_deferment", $"{D(e.On)} は徴収猶予中（事績 {cd.Id}、{Period(cd)}）のため差押できません。");
                break;
            case ClaimEventKind.Stay:
                if (e.On <= ledger.DueDate)
                    throw new DomainException("claim_event.not_in_arrears", $"執行停止は滞納（納期限 {D(ledger.DueDate)} 経過後）の期別にだけ記録できます。");
                break;
            case ClaimEventKind.ImmediateExtinction:
                if (!inForce.Any(x => x.StayGround == StayGround.NoProperty && x.On <= e.On && (x.EndsOn is null || e.On < x.EndsOn)))
                    throw new DomainException("claim_event.extinction_without_stay", $"即時消滅は {D(e.On)} に無財産（1号）の執行停止中の期別にだけ記録できます（地方税法15条の7第5項）。");
                break;
            case ClaimEventKind.WriteOff:
                var limitation = ledger.Limitation;
                var ground = e.WriteOffGround!.Value;
                var extinguishedOn = ground switch
                {
                    WriteOffGround.Limitation => limitation.LimitationLapsesOn,
                    WriteOffGround.StayThreeYears when inForce.Any(x => x.Kind == ClaimEventKind.Stay) => limitation.StayExtinguishesOn,
                    WriteOffGround.ImmediateExtinction when inForce.Any(x => x.Kind == ClaimEventKind.ImmediateExtinction) => limitation.StayExtinguishesOn,
                    _ => null,
                };
                if (extinguishedOn is not { } x2 || e.On < x2)
                    throw new DomainException("claim_event.writeoff_not_extinguished",
                        $"{D(e.On)} にはこの期別の徴収権は{JapaneseLabels.Of(ground)}により消滅していないため、不納欠損できません"
                        + (limitation.LapsesOn is { } l ? $"（徴収権の消滅日 {D(l)}）。" : "（消滅日を特定できません）。"));
                break;
        }
    }

    // ---- the path of a change: authorization, then one transaction with the audit record last ----------------------

    private async Task<ClaimEvent> ChangeAsync(Actor actor, InstallmentRef inst, ClaimEventKind kind, string what,
        Func<DateTime, DateOnly, Task<(ClaimEvent Event, string Detail)>> make, CancellationToken ct, bool withdrawal = false)
    {
        ClaimEvent? recorded = null;
        try
        {
            if (CaseKind(kind) is { } caseKind)
            {
                var caseId = await db.CollectionCases.AsNoTracking().Where(c => c.TaxpayerId == inst.TaxpayerId).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct)
                    ?? throw new DomainException("claim_event.case_required",
                        $"{JapaneseLabels.Of(kind)}は滞納整理事案の更新です。この納税義務者の事案がありません（choshu case open で開始し、担当者を設定してください）。");
                await new CaseCommand(db, clock).RunAsync(actor, caseId, caseKind, async change =>
                {
                    var (e, detail) = await make(change.Stamp.RecordedAtUtc, change.Stamp.On);
                    recorded = await SaveAsync(e, ct);
                    return $"{detail}（事績 {recorded.Id}）";
                }, ct);
                return recorded!;
            }

            await DemandAsync(actor, kind, inst.TaxpayerId, $"{what}（{Name(inst)}）", ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var (ev, d) = await make(clock.GetUtcNow().UtcDateTime, JapanTime.Today(clock));
            recorded = await SaveAsync(ev, ct);
            await AuditLog.AppendAsync(db, actor,
                new AuditRecord(AuditKind(withdrawal ? ClaimEventKind.Withdrawal : kind), TaxpayerId: inst.TaxpayerId, Detail: $"{d}（事績 {recorded.Id}）"), clock, ct);
            await tx.CommitAsync(ct);
            return recorded;
        }
        finally
        {
            if (recorded is not null) db.Entry(recorded).State = EntityState.Detached;
        }
    }

    private async Task<ClaimEvent> SaveAsync(ClaimEvent e, CancellationToken ct)
    {
        db.ClaimEvents.Add(e);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            db.Entry(e).State = EntityState.Detached;
            throw;
        }
        return e;
    }

    /// <summary>督促・返戻・公示送達: 収納担当 (<see cref="Permission.RecordPayments"/>) or the delinquency staff; the rest <see cref="Permission.UpdateCases"/>.</summary>
    private async Task DemandAsync(Actor actor, ClaimEventKind kind, long taxpayerId, string what, CancellationToken ct)
    {
        if (kind is ClaimEventKind.ReminderDispatched or ClaimEventKind.ReminderReturned or ClaimEventKind.ReminderServedByPublicNotice)
        {
            if (await AccessControl.AllowsAsync(db, actor, Permission.UpdateCases, clock, ct)) return;
            await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock, taxpayerId, what, ct);
            return;
        }
        await AccessControl.DemandAsync(db, actor, Permission.UpdateCases, clock, taxpayerId, what, ct);
    }

    /// <summary>The claim's money and events after locking the installment row until the commit (PostgreSQL; SQLite has one writer).</summary>
    private async Task<InstallmentLedger> LoadForUpdateAsync(long installmentId, CancellationToken ct)
    {
        if (db.Provider == StoreProvider.Postgres)
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM installments WHERE id = {installmentId} FOR UPDATE", ct);
        return await LoadAsync(installmentId, ct);
    }

    private async Task<InstallmentLedger> LoadAsync(long installmentId, CancellationToken ct) =>
        (await ClaimLedgers.LoadAsync(db, [installmentId], ct))[installmentId];

    private async Task<ClaimEvent> FindEventAsync(long eventId, CancellationToken ct) =>
        await db.ClaimEvents.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, ct)
        ?? throw new DomainException("claim_event.not_found", $"事績 {eventId} は登録されていません。");

    private static ClaimEvent? CollectionDeferment(IEnumerable<ClaimEvent> inForce, DateOnly on) =>
        inForce.LastOrDefault(x => x.DefermentKind == DefermentKind.Collection && x.On <= on && (x.EndsOn is null || on <= x.EndsOn));

    private static DomainException NotOpen(ClaimEvent e) => new("claim_event.period_not_open",
        $"事績 {e.Id}（{Describe(e)}）は終了日の決まっていない期間（差押・交付要求・猶予・執行停止）ではないため、終了を記録できません。");

    private static DomainException AlreadyWithdrawn(ClaimEvent e) => new("claim_event.already_withdrawn",
        $"事績 {e.Id}（{Describe(e)}）は既に取り消されているか、終了の記録で置き換えられています。");

    /// <summary>One event in words: kind, dates, ground.</summary>
    public static string Describe(ClaimEvent e)
    {
        var ground = e.DefermentKind is { } dk ? JapaneseLabels.Of(dk)
            : e.StayGround is { } sg ? JapaneseLabels.Of(sg)
            : e.WriteOffGround is { } wg ? JapaneseLabels.Of(wg)
            : e.AcknowledgementForm is { } af ? JapaneseLabels.Of(af)
            : e.Delivery is { } dm ? JapaneseLabels.Of(dm)
            : null;
        var dates = e.EndsOn is { } end ? $"{D(e.On)}〜{D(end)}" : Array.IndexOf(PeriodKinds, e.Kind) >= 0 ? $"{D(e.On)}〜" : D(e.On);
        return $"{JapaneseLabels.Of(e.Kind)} {dates}{(ground is null ? "" : $"（{ground}）")}{(e.ArrivedOn is { } a ? $" 到達 {D(a)}" : "")}";
    }

    private static string Period(ClaimEvent e) => e.EndsOn is { } end ? $"{D(e.On)}〜{D(end)}" : $"{D(e.On)}〜";

    private static string Name(InstallmentRef i) => $"通知書番号 {i.NoticeNo} 第{i.Period}期";

    private static string Why(string? reason) => string.IsNullOrWhiteSpace(reason) ? "" : $": {reason.Trim()}";

    private static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "未定";
}
