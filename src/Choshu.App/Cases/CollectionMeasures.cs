using System.Globalization;
using Choshu.App.Assessments;
using Choshu.App.Claims;
using Choshu.App.Documents;
using Choshu.App.Notices;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Documents;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Claims;
using Choshu.Domain.Labels;
using Choshu.Domain.LateFees;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Choshu.Formats.Text;
using Choshu.Forms;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>A 執行停止 to decide: the ground, the first day, whether the liability is extinguished at once (ground 1 only),
/// why, and optionally the one notice (通知書番号) whose claims it covers (default: every claim in arrears).</summary>
public sealed record StayRequest(StayGround Ground, DateOnly From, bool Immediate, string Reason, string? NoticeNo = null);

/// <summary>A 猶予 to decide. <paramref name="Security"/> and <paramref name="Schedule"/> are noted (担保, 分割納付の計画).</summary>
public sealed record DefermentRequest(DefermentKind Kind, DefermentReason? ReasonCode, DateOnly From, DateOnly To, string Reason,
    string? Security = null, string? Schedule = null, string? NoticeNo = null);

/// <summary>One claim a measure touched, with its amounts on the measure's day.</summary>
public sealed record MeasureLine(InstallmentRef Installment, long EventId, long Principal, long ReminderFee, long LateFee, DateOnly? ExtinguishesOn);

/// <summary>The outcome of a stay or deferment decision: the claims, the seizures to release (ground 2), the notice, warnings.</summary>
public sealed record MeasureResult(string TaxpayerNo, IReadOnlyList<MeasureLine> Lines, IReadOnlyList<ClaimEvent> SeizuresToRelease,
    long? DocumentId, string? NoticePath, IReadOnlyList<string> Warnings);

/// <summary>
/// 執行停止 (地方税法15条の7) and 猶予 (15条, 15条の5, 15条の6) decided for a taxpayer's claims in one step: the approver's decision
/// (<see cref="Permission.DecideCollectionMeasures"/>; refused and audited otherwise), then through the case path
/// (<see cref="CaseCommand"/>, the officer-only policy, audited 3013 / 3019) one transaction that checks every claim with the
/// claim-event rules (<see cref="ClaimEvents.Check"/>), appends a claim event per claim and records the notice (執行停止通知書,
/// 執行停止取消通知書) as an issued document; the PDF is drawn by the one form engine after the commit. The late fee for the
/// stay or the deferment is relieved by the one calculator reading these events (<see cref="LateFeeReliefs"/>); the lapse day
/// and the extinction day by <see cref="ClaimLimitation"/>.
/// </summary>
public sealed class CollectionMeasures(ChoshuDbContext db, TimeProvider clock)
{
    public const string StayTemplate = "stay-notice";
    public const int StayTemplateVersion = 1;
    /// <summary>Security is required unless the amount is at most this (地方税法16条1項 ただし書).</summary>
    public const long SecurityFreeAmount = 1_000_000;
    /// <summary>… or the period at most this many months.</summary>
    public const int SecurityFreeMonths = 3;
    /// <summary>A deferment lasts at most 1 year, extended to at most 2 years in total (15条3項・4項, 15条の5第2項).</summary>
    public const int DefermentYears = 1, DefermentYearsInTotal = 2;

    /// <summary>The words naming a deferment kind in the CLI (<c>deferment add --kind</c>) and the case pages.</summary>
    public static readonly IReadOnlyDictionary<string, DefermentKind> DefermentKindWords = new Dictionary<string, DefermentKind>
    {
        ["collection"] = DefermentKind.Collection,
        ["sale-application"] = DefermentKind.SaleOnApplication,
        ["sale-city"] = DefermentKind.SaleByCity,
    };

    /// <summary>The words naming a 徴収猶予's reason in the CLI (<c>deferment add --reason-code</c>) and the case pages.</summary>
    public static readonly IReadOnlyDictionary<string, DefermentReason> DefermentReasonWords = new Dictionary<string, DefermentReason>
    {
        ["disaster"] = DefermentReason.Disaster,
        ["illness"] = DefermentReason.Illness,
        ["business-closure"] = DefermentReason.BusinessClosure,
        ["business-loss"] = DefermentReason.BusinessLoss,
        ["similar"] = DefermentReason.Similar,
    };

    private static readonly Lazy<FormRenderer> Renderer = new(() => new FormRenderer(FormFonts.Load()));

    /// <summary>Decides a stay on the taxpayer's claims in arrears and writes the 執行停止通知書 into <paramref name="noticeDirectory"/> (when given).</summary>
    public async Task<MeasureResult> StayAsync(Actor actor, string taxpayerNo, StayRequest request, string? noticeDirectory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Immediate && request.Ground != StayGround.NoProperty)
            throw new DomainException("stay.immediate_ground", "即時消滅（地方税法15条の7第5項）は無財産（1号）の執行停止にだけ指定できます。");
        var reason = Required(request.Reason, "執行停止の理由を入力してください。");
        var (taxpayerId, caseId) = await DecideAsync(actor, taxpayerNo, $"執行停止の決定（宛名番号 {taxpayerNo}）", ct);
        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        List<MeasureLine> lines = [];
        List<ClaimEvent> seizures = [];
        IReadOnlyList<long> seizureRows = [];
        IssuedDocument? doc = null;
        FormLetter? letter = null;
        await new CaseCommand(db, clock).RunAsync(actor, caseId, CaseUpdateKind.StayOfExecution, async change =>
        {
            var today = change.Stamp.On;
            var ledgers = await ClaimsInArrearsAsync(taxpayerId, request.NoticeNo, request.From, ct);
            if (ledgers.Count == 0)
                throw new DomainException("stay.no_claims", $"宛名番号 {taxpayerNo} には {D(request.From)} に執行停止できる滞納（納期限を過ぎた未納の期別）がありません。");
            var made = new List<(InstallmentRef Ref, InstallmentLedger Ledger, ClaimEvent Stay, ClaimEvent? Extinction)>();
            foreach (var (inst, ledger) in ledgers)
            {
                if (ClaimEvent.InForce(ledger.Events).FirstOrDefault(e => e.Kind == ClaimEventKind.Stay && (e.EndsOn is null || request.From < e.EndsOn)) is { } open)
                    throw new DomainException("stay.already_stayed", $"{Name(inst)} は既に執行停止中です（事績 {open.Id}、{D(open.On)}〜）。");
                var stay = ClaimEvent.Create(inst.InstallmentId, ClaimEventKind.Stay, request.From, actor.Name, change.Stamp.RecordedAtUtc,
                    ground: (short)request.Ground, reason: reason);
                ClaimEvents.Check(ledger, stay, today);
                var extinction = request.Immediate
                    ? ClaimEvent.Create(inst.InstallmentId, ClaimEventKind.ImmediateExtinction, request.From, actor.Name, change.Stamp.RecordedAtUtc, reason: reason)
                    : null;
                made.Add((inst, ledger, stay, extinction));
                seizures.AddRange(ClaimEvent.InForce(ledger.Events).Where(e => e.Kind == ClaimEventKind.Seizure && e.EndsOn is null));
            }
            // A hardship stay (2号): the seizures recorded in the seizures table must be released (15条の7第3項); marked here, listed until released.
            if (request.Ground == StayGround.Hardship)
                seizureRows = await Seizures.MarkReleaseRequiredAsync(db, taxpayerId, request.From, ct);
            (doc, letter) = await StayLetterAsync(actor, taxpayerId, taxpayerNo, request, null, made.Select(m => (m.Ref, m.Ledger)).ToList(), rates, today, ct);
            // The events carry the notice that announced them.
            var recorded = made.Select(m => (m.Ref, m.Ledger, Stay: WithDocument(m.Stay, doc.Id), Extinction: m.Extinction is null ? null : WithDocument(m.Extinction, doc.Id))).ToList();
            foreach (var m in recorded)
            {
                db.ClaimEvents.Add(m.Stay);
                if (m.Extinction is not null) db.ClaimEvents.Add(m.Extinction);
            }
            await db.SaveChangesAsync(ct);
            foreach (var m in recorded)
            {
                var withStay = InstallmentLedger.From(m.Ledger.Dates, [], m.Ledger.Events.Append(m.Stay).Concat(m.Extinction is null ? [] : [m.Extinction]));
                var (principal, fee, lateFee) = Amounts(m.Ledger, request.From.AddDays(-1), rates);
                lines.Add(new MeasureLine(m.Ref, m.Stay.Id, principal, fee, lateFee, withStay.Limitation.StayExtinguishesOn));
                if (m.Extinction is not null) Detach(m.Extinction.Id);
            }
            return $"執行停止 {JapaneseLabels.Of(request.Ground)} {D(request.From)}〜{(request.Immediate ? "（即時消滅）" : "")} {lines.Count} 件"
                + (request.Ground == StayGround.Hardship && seizures.Count > 0 ? $"、解除すべき差押 {seizures.Count} 件" : "") + $"、通知書 発行番号 {doc.Id}: {reason}";
        }, ct);
        foreach (var l in lines) Detach(l.EventId);
        var path = noticeDirectory is null ? null : Render(noticeDirectory, $"stay-notice-{doc!.Id}.pdf", letter!);
        var warnings = new List<string>();
        if (request.Ground == StayGround.Hardship && seizures.Count > 0)
            warnings.Add($"生活の窮迫（2号）による執行停止のため、差押 {seizures.Count} 件を解除してください（地方税法15条の7第3項）。");
        if (seizureRows.Count > 0)
            warnings.Add($"解除が必要な差押: {string.Join("、", seizureRows.Select(id => $"差押 {id}"))}（choshu seizure release で解除し、差押解除通知書を発行してください）。");
        return new MeasureResult(taxpayerNo, lines, request.Ground == StayGround.Hardship ? seizures : [], doc!.Id, path, warnings);
    }

    /// <summary>Cancels (15条の8) every stay of the taxpayer in force on <paramref name="on"/>, with the 執行停止取消通知書.</summary>
    public async Task<MeasureResult> CancelStayAsync(Actor actor, string taxpayerNo, DateOnly on, string reason, string? noticeDirectory, CancellationToken ct = default)
    {
        var why = Required(reason, "執行停止の取消の理由を入力してください。");
        var (taxpayerId, caseId) = await DecideAsync(actor, taxpayerNo, $"執行停止の取消（宛名番号 {taxpayerNo}）", ct);
        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        List<MeasureLine> lines = [];
        IssuedDocument? doc = null;
        FormLetter? letter = null;
        await new CaseCommand(db, clock).RunAsync(actor, caseId, CaseUpdateKind.StayOfExecution, async change =>
        {
            var today = change.Stamp.On;
            if (on > today) throw new DomainException("stay.cancel_in_future", $"取消日 {D(on)} は本日 {D(today)} より後です。");
            var ledgers = await TaxpayerLedgersAsync(taxpayerId, null, ct);
            var open = new List<(InstallmentRef Ref, InstallmentLedger Ledger, ClaimEvent Stay)>();
            foreach (var (inst, ledger) in ledgers)
            {
                if (ClaimEvent.InForce(ledger.Events).FirstOrDefault(e => e.Kind == ClaimEventKind.Stay && e.EndsOn is null && e.On < on) is not { } stay) continue;
                if (ledger.ClaimLapsed(on)) continue; // extinguished (3 years, at once, limitation): nothing to cancel
                open.Add((inst, ledger, stay));
            }
            if (open.Count == 0) throw new DomainException("stay.none_in_force", $"宛名番号 {taxpayerNo} には {D(on)} に取り消せる執行停止がありません。");
            var first = open[0].Stay;
            var request = new StayRequest(first.StayGround!.Value, first.On, false, why);
            (doc, letter) = await StayLetterAsync(actor, taxpayerId, taxpayerNo, request, on, open.Select(o => (o.Ref, o.Ledger)).ToList(), rates, today, ct);
            var ends = open.Select(o => ClaimEvent.Create(o.Stay.InstallmentId, ClaimEventKind.Stay, o.Stay.On, actor.Name, change.Stamp.RecordedAtUtc, endsOn: on,
                ground: o.Stay.Ground, reversesEventId: o.Stay.Id, reason: why, documentId: doc.Id)).ToList();
            db.ClaimEvents.AddRange(ends);
            await db.SaveChangesAsync(ct);
            for (var i = 0; i < open.Count; i++)
            {
                var (p, f, l) = Amounts(open[i].Ledger, on, rates);
                lines.Add(new MeasureLine(open[i].Ref, ends[i].Id, p, f, l, null));
            }
            return $"執行停止の取消 {D(on)} {lines.Count} 件（地方税法15条の8）、通知書 発行番号 {doc.Id}: {why}";
        }, ct);
        foreach (var l in lines) Detach(l.EventId);
        var path = noticeDirectory is null ? null : Render(noticeDirectory, $"stay-cancel-notice-{doc!.Id}.pdf", letter!);
        return new MeasureResult(taxpayerNo, lines, [], doc!.Id, path, []);
    }

    /// <summary>
    /// Decides a 猶予 on the taxpayer's claims in arrears for <see cref="DefermentRequest.From"/>–<see cref="DefermentRequest.To"/>
    /// (at most 1 year). A 徴収猶予 needs its reason (it decides the late-fee relief). Security: required unless the amount is at
    /// most 1,000,000 yen or the period at most 3 months (16条1項) — refused without <see cref="DefermentRequest.Security"/>.
    /// A 換価の猶予 on application more than 6 months after a claim's 納期限 (15条の6第1項) is warned about.
    /// </summary>
    public async Task<MeasureResult> DeferAsync(Actor actor, string taxpayerNo, DefermentRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reason = Required(request.Reason, "猶予の理由を入力してください。");
        if (request.Kind == DefermentKind.Collection && request.ReasonCode is null)
            throw new DomainException("deferment.reason_code_required", "徴収猶予には猶予の事由（--reason-code）が必要です（延滞金の免除額が事由で決まります）。");
        if (request.To < request.From) throw new DomainException("deferment.period_invalid", $"猶予期間の終了日 {D(request.To)} が開始日 {D(request.From)} より前です。");
        var maxTo = ClaimLimitation.AfterPeriod(request.From, DefermentYears, 0).AddDays(-1);
        if (request.To > maxTo)
            throw new DomainException("deferment.too_long", $"猶予期間は1年以内です（{D(request.From)} からは {D(maxTo)} まで）。延長は choshu deferment extend で行います（通算2年以内）。");
        var (taxpayerId, caseId) = await DecideAsync(actor, taxpayerNo, $"猶予の決定（宛名番号 {taxpayerNo}）", ct);
        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        var warnings = new List<string>();
        List<MeasureLine> lines = [];
        await new CaseCommand(db, clock).RunAsync(actor, caseId, CaseUpdateKind.Deferment, async change =>
        {
            var today = change.Stamp.On;
            var ledgers = await ClaimsInArrearsAsync(taxpayerId, request.NoticeNo, request.From, ct);
            if (ledgers.Count == 0)
                throw new DomainException("deferment.no_claims", $"宛名番号 {taxpayerNo} には {D(request.From)} に猶予できる滞納がありません。");
            var amount = ledgers.Sum(l => l.Ledger.PrincipalBalanceOn(request.From) + l.Ledger.ReminderFeeBalance);
            SecurityCheck(amount, request.From, request.To, request.Security);
            var text = Note(reason, request.Security, request.Schedule);
            var events = new List<(InstallmentRef Ref, InstallmentLedger Ledger, ClaimEvent Event)>();
            foreach (var (inst, ledger) in ledgers)
            {
                if (ClaimEvent.InForce(ledger.Events).FirstOrDefault(e => e.Kind == ClaimEventKind.Deferment && (e.EndsOn is null || request.From <= e.EndsOn)) is { } open)
                    throw new DomainException("deferment.overlaps", $"{Name(inst)} には既に猶予があります（事績 {open.Id}、{D(open.On)}〜{D(open.EndsOn)}）。延長は choshu deferment extend で行います。");
                if (request.Kind == DefermentKind.SaleOnApplication && ClaimLimitation.AfterMonths(ledger.DueDate.AddDays(1), 6) <= request.From)
                    warnings.Add($"{Name(inst)}: 納期限 {D(ledger.DueDate)} から6か月を過ぎた申請です（地方税法15条の6第1項。やむを得ない理由があるときに限る）。");
                var e = ClaimEvent.Create(inst.InstallmentId, ClaimEventKind.Deferment, request.From, actor.Name, change.Stamp.RecordedAtUtc, endsOn: request.To,
                    ground: (short)request.Kind, reason: text, reasonCode: request.ReasonCode is { } rc ? (short)rc : null);
                ClaimEvents.Check(ledger, e, today);
                events.Add((inst, ledger, e));
            }
            db.ClaimEvents.AddRange(events.Select(x => x.Event));
            await db.SaveChangesAsync(ct);
            foreach (var (inst, ledger, e) in events)
            {
                var (p, f, l) = Amounts(ledger, request.From, rates);
                lines.Add(new MeasureLine(inst, e.Id, p, f, l, null));
            }
            return $"{JapaneseLabels.Of(request.Kind)}{(request.ReasonCode is { } r ? "（" + JapaneseLabels.Of(r) + "）" : "")} {D(request.From)}〜{D(request.To)} {lines.Count} 件 {amount}円: {text}";
        }, ct);
        foreach (var l in lines) Detach(l.EventId);
        return new MeasureResult(taxpayerNo, lines, [], null, null, warnings);
    }

    /// <summary>
    /// Extends every deferment of the taxpayer in force on <paramref name="to"/>'s eve to <paramref name="to"/>: a replacement of each
    /// (same kind, reason and first day, the new last day) that reverses it. Refused beyond 2 years in total from the first day.
    /// </summary>
    public async Task<MeasureResult> ExtendDefermentAsync(Actor actor, string taxpayerNo, DateOnly to, string reason, string? security, CancellationToken ct = default)
    {
        var why = Required(reason, "猶予の延長の理由を入力してください。");
        var (taxpayerId, caseId) = await DecideAsync(actor, taxpayerNo, $"猶予の延長（宛名番号 {taxpayerNo}）", ct);
        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        List<MeasureLine> lines = [];
        await new CaseCommand(db, clock).RunAsync(actor, caseId, CaseUpdateKind.Deferment, async change =>
        {
            var ledgers = await TaxpayerLedgersAsync(taxpayerId, null, ct);
            var open = ledgers.Select(l => (l.Ref, l.Ledger, Event: ClaimEvent.InForce(l.Ledger.Events)
                    .LastOrDefault(e => e.Kind == ClaimEventKind.Deferment && e.EndsOn is { } end && end >= change.Stamp.On.AddDays(-1) && end < to)))
                .Where(x => x.Event is not null).ToList();
            if (open.Count == 0) throw new DomainException("deferment.none_to_extend", $"宛名番号 {taxpayerNo} には延長できる猶予（本日以後に終わるもの）がありません。");
            var events = new List<ClaimEvent>();
            foreach (var (inst, ledger, current) in open)
            {
                var maxTo = ClaimLimitation.AfterPeriod(current!.On, DefermentYearsInTotal, 0).AddDays(-1);
                if (to > maxTo)
                    throw new DomainException("deferment.extension_too_long",
                        $"{Name(inst)}: 猶予は延長を含めて通算2年以内です（{D(current.On)} からは {D(maxTo)} まで。地方税法15条4項）。");
                SecurityCheck(ledger.PrincipalBalance + ledger.ReminderFeeBalance, current.On, to, security);
                events.Add(ClaimEvent.Create(current.InstallmentId, ClaimEventKind.Deferment, current.On, actor.Name, change.Stamp.RecordedAtUtc, endsOn: to,
                    ground: current.Ground, reversesEventId: current.Id, reason: Note($"{current.Reason}／延長: {why}", security, null), reasonCode: current.ReasonCode));
            }
            db.ClaimEvents.AddRange(events);
            await db.SaveChangesAsync(ct);
            for (var i = 0; i < open.Count; i++)
            {
                var (p, f, l) = Amounts(open[i].Ledger, change.Stamp.On, rates);
                lines.Add(new MeasureLine(open[i].Ref, events[i].Id, p, f, l, null));
            }
            return $"猶予の延長 {D(to)} まで {lines.Count} 件: {why}";
        }, ct);
        foreach (var l in lines) Detach(l.EventId);
        return new MeasureResult(taxpayerNo, lines, [], null, null, []);
    }

    /// <summary>One 執行停止 or 猶予 in force on a claim (as the case pages list them).</summary>
    public sealed record MeasureInForce(InstallmentRef Installment, long EventId, ClaimEventKind Kind, string KindName, DateOnly From, DateOnly? To, string? Reason);

    /// <summary>
    /// The stays and deferments of the taxpayer's claims in force today (withdrawn and replaced ones left out; a stay's <c>To</c> is
    /// its cancellation day), by claim and day.
    /// </summary>
    public async Task<IReadOnlyList<MeasureInForce>> InForceAsync(long taxpayerId, CancellationToken ct = default)
    {
        var ids = await (from i in db.Installments.AsNoTracking()
                         join a in db.Assessments.AsNoTracking() on i.AssessmentId equals a.Id
                         where a.TaxpayerId == taxpayerId
                         select i.Id).ToListAsync(ct);
        var refs = await InstallmentFinder.ByIdsAsync(db, ids, ct);
        var events = await ClaimLedgers.EventsAsync(db, ids, ct);
        var today = JapanTime.Today(clock);
        return ids.SelectMany(id => ClaimEvent.InForce(events[id])
                .Where(e => (e.Kind == ClaimEventKind.Stay && (e.EndsOn is null || e.EndsOn > today))
                            || (e.Kind == ClaimEventKind.Deferment && e.EndsOn >= today))
                .Select(e => new MeasureInForce(refs[id], e.Id, e.Kind,
                    e.Kind == ClaimEventKind.Stay ? $"執行停止（{JapaneseLabels.Of(e.StayGround!.Value)}）"
                        : JapaneseLabels.Of(e.DefermentKind!.Value) + (e.DefermentReason is { } r ? $"（{JapaneseLabels.Of(r)}）" : ""),
                    e.On, e.EndsOn, e.Reason)))
            .OrderBy(m => m.Installment.FiscalYear).ThenBy(m => m.Installment.NoticeNo, StringComparer.Ordinal).ThenBy(m => m.Installment.Period).ThenBy(m => m.From)
            .ToList();
    }

    // ---- shared ------------------------------------------------------------------------------------------------------

    /// <summary>The approver's decision right (audited refusal), then the taxpayer and their case (a measure is a case update).</summary>
    private async Task<(long TaxpayerId, long CaseId)> DecideAsync(Actor actor, string taxpayerNo, string what, CancellationToken ct)
    {
        var taxpayerId = await db.Taxpayers.AsNoTracking().Where(t => t.TaxpayerNo == taxpayerNo.Trim()).Select(t => (long?)t.Id).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("taxpayer.not_found", $"宛名番号 {taxpayerNo} の納税義務者は登録されていません。");
        await AccessControl.DemandAsync(db, actor, Permission.DecideCollectionMeasures, clock, taxpayerId, what, ct);
        var caseId = await db.CollectionCases.AsNoTracking().Where(c => c.TaxpayerId == taxpayerId).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("claim_event.case_required",
                $"宛名番号 {taxpayerNo} の滞納整理事案がありません（choshu case open で開始してください）。執行停止・猶予は事案の更新です。");
        return (taxpayerId, caseId);
    }

    private async Task<List<(InstallmentRef Ref, InstallmentLedger Ledger)>> TaxpayerLedgersAsync(long taxpayerId, string? noticeNo, CancellationToken ct)
    {
        var q = from i in db.Installments.AsNoTracking()
                join a in db.Assessments.AsNoTracking() on i.AssessmentId equals a.Id
                where a.TaxpayerId == taxpayerId
                select new { i.Id, a.NoticeNo };
        if (noticeNo is { } n) q = q.Where(x => x.NoticeNo == n.Trim());
        var ids = await q.Select(x => x.Id).ToListAsync(ct);
        if (db.Provider == StoreProvider.Postgres && ids.Count > 0)
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM installments WHERE id = ANY({ids.ToArray()}) FOR UPDATE", ct);
        var refs = await InstallmentFinder.ByIdsAsync(db, ids, ct);
        var ledgers = await ClaimLedgers.LoadAsync(db, ids, ct);
        return ids.OrderBy(id => refs[id].FiscalYear).ThenBy(id => refs[id].NoticeNo, StringComparer.Ordinal).ThenBy(id => refs[id].Period)
            .Select(id => (refs[id], ledgers[id])).ToList();
    }

    /// <summary>The claims in arrears on <paramref name="on"/> (past the 納期限, something owed, not extinguished, not written off).</summary>
    private async Task<List<(InstallmentRef Ref, InstallmentLedger Ledger)>> ClaimsInArrearsAsync(long taxpayerId, string? noticeNo, DateOnly on, CancellationToken ct) =>
        (await TaxpayerLedgersAsync(taxpayerId, noticeNo, ct)).Where(x => ClaimStatus.Of(x.Ledger, on).InArrears).ToList();

    /// <summary>Principal and reminder fee unpaid on the day, and the late fee computed to it (relief applied).</summary>
    private static (long Principal, long ReminderFee, long LateFee) Amounts(InstallmentLedger ledger, DateOnly on, LateFeeRateTable rates) =>
        (ledger.PrincipalBalanceOn(on), ledger.ReminderFeeBalance, ledger.LateFeeOwed(on, rates).Owed);

    private static void SecurityCheck(long amount, DateOnly from, DateOnly to, string? security)
    {
        var shortPeriod = to < ClaimLimitation.AfterMonths(from, SecurityFreeMonths);
        if (amount > SecurityFreeAmount && !shortPeriod && string.IsNullOrWhiteSpace(security))
            throw new DomainException("deferment.security_required",
                $"猶予額 {YenText.Yen(amount)} が100万円を超え、猶予期間が3か月を超えるため担保が必要です（地方税法16条1項）。--security で担保の内容を記録してください。");
    }

    private static string Note(string reason, string? security, string? schedule) =>
        reason + (string.IsNullOrWhiteSpace(schedule) ? "" : $"／分割納付: {schedule.Trim()}") + (string.IsNullOrWhiteSpace(security) ? "" : $"／担保: {security.Trim()}");

    private static ClaimEvent WithDocument(ClaimEvent e, long documentId) =>
        ClaimEvent.Create(e.InstallmentId, e.Kind, e.On, e.Actor, e.RecordedAtUtc, e.EndsOn, e.ArrivedOn, e.Delivery, e.Ground, e.ReversesEventId, e.Reason, documentId);

    private void Detach(long eventId)
    {
        foreach (var entry in db.ChangeTracker.Entries<ClaimEvent>().Where(x => x.Entity.Id == eventId).ToList())
            entry.State = EntityState.Detached;
    }

    /// <summary>The 執行停止通知書 (or, with <paramref name="cancelledOn"/>, the 執行停止取消通知書): recorded as an issued document.</summary>
    private async Task<(IssuedDocument Doc, FormLetter Letter)> StayLetterAsync(Actor actor, long taxpayerId, string taxpayerNo, StayRequest request,
        DateOnly? cancelledOn, IReadOnlyList<(InstallmentRef Ref, InstallmentLedger Ledger)> claims, LateFeeRateTable rates, DateOnly today, CancellationToken ct)
    {
        var city = (await AppSettings.LoadAsync(db, ct)).City;
        var addressees = await NoticeAddressees.LoadAsync(db, [taxpayerId], today, ct);
        var to = addressees.Resolve(taxpayerId, null);
        var party = to?.To ?? addressees.Party(taxpayerId);
        // The stay letter shows the late fee to the day before the stay (its days are exempt); the cancellation letter to its day.
        var day = cancelledOn ?? request.From.AddDays(-1);
        var (title, body) = StayLetterText(request, cancelledOn);
        var rows = claims.Select(c =>
        {
            var (p, f, l) = Amounts(c.Ledger, day, rates);
            return new FormClaimLine(c.Ref.TaxKindName, c.Ref.FiscalYear, c.Ref.NoticeNo, c.Ref.Period, c.Ledger.DueDate, p, f, l, null);
        }).ToList();
        var data = new DocumentData().Add("title", title).Add("taxpayerNo", taxpayerNo).Add("issuedOn", today).Add("ground", (long)request.Ground)
            .Add("from", request.From).Add("cancelledOn", cancelledOn).Add("immediate", request.Immediate).Add("reason", request.Reason)
            .Add("body", string.Join("\n", body))
            .Add("claims", rows.Select((r, i) => new DocumentData().Add("installmentId", claims[i].Ref.InstallmentId).Add("principal", r.Principal)
                .Add("reminderFee", r.ReminderFee).Add("lateFee", r.LateFee)));
        var doc = await new IssuedDocuments(db, clock).RecordAsync(actor, new DocumentIssue(IssuedDocumentKinds.StayNotice, StayTemplate, StayTemplateVersion,
            taxpayerId, null, data, Summary: $"{title} {rows.Count} 件 {D(day)}"), ct);
        var recipient = new FormRecipient(party.PostalCode,
            new[] { party.TownName, party.StreetNumber, party.AddressSupplement }.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!).ToList(),
            party.Name, to?.Attention, to is { Kind: not 0 } ? to.Taxpayer.Name : null, taxpayerNo);
        var letter = new FormLetter(FormLayout.A4Letter, title, doc.Id.ToString(CultureInfo.InvariantCulture), today, recipient,
            new FormSender(city.Name, city.Office, city.Department, city.Address, city.Phone), body, rows, [],
            LetterTexts.AppealNotice(city).Split('\n'), cancelledOn is null ? "延滞金は執行停止の日の前日までの額です。執行停止の期間に対応する延滞金は免除されます（地方税法15条の9第1項）。" : null);
        Renderer.Value.Check([letter]);
        return (doc, letter);
    }

    /// <summary>The title and paragraphs of the stay letter (docs/forms.md).</summary>
    public static (string Title, List<string> Body) StayLetterText(StayRequest request, DateOnly? cancelledOn)
    {
        var item = (int)request.Ground;
        if (cancelledOn is { } c)
            return ("執行停止取消通知書", [
                $"{JapaneseDate.Wareki(request.From)}付けで行った滞納処分の執行の停止を、地方税法第15条の8第1項の規定により、{JapaneseDate.Wareki(c)}をもって取り消しましたので通知します。",
                "下記の市税を至急納付してください。",
                $"理由: {request.Reason}",
            ]);
        var body = new List<string>
        {
            $"下記の市税について、地方税法第15条の7第1項第{item}号（{GroundText(request.Ground)}）の規定により、{JapaneseDate.Wareki(request.From)}から滞納処分の執行を停止しましたので通知します。",
            request.Immediate
                ? "また、徴収することができないことが明らかであるため、同条第5項の規定により、下記の市税を納付する義務を直ちに消滅させました。"
                : $"執行の停止が3年間継続したときは、下記の市税を納付する義務は消滅します（同条第4項）。",
            "執行の停止の期間に対応する延滞金は免除されます（地方税法第15条の9第1項）。",
        };
        if (request.Ground == StayGround.Hardship) body.Add("既に行った差押えは解除します（同条第3項）。");
        if (!request.Immediate) body.Add("停止の理由がなくなったときは、執行の停止を取り消すことがあります（地方税法第15条の8）。");
        return ("執行停止通知書", body);
    }

    private static string GroundText(StayGround g) => g switch
    {
        StayGround.NoProperty => "滞納処分をすることができる財産がないとき",
        StayGround.Hardship => "滞納処分をすることによってその生活を著しく窮迫させるおそれがあるとき",
        _ => "その所在及び滞納処分をすることができる財産がともに不明であるとき",
    };

    private static string Render(string directory, string name, FormLetter letter)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        var part = path + ".part";
        using (var file = File.Create(part)) Renderer.Value.Render([letter], file);
        File.Move(part, path, overwrite: true);
        return path;
    }

    private static string Required(string? text, string message) =>
        string.IsNullOrWhiteSpace(text) ? throw new DomainException("measure.reason_required", message) : text.Trim();

    private static string Name(InstallmentRef i) => $"{i.TaxKindName} {i.FiscalYear}年度 通知書番号 {i.NoticeNo} 第{i.Period}期";

    private static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "未定";
}
