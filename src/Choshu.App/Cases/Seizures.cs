using System.Globalization;
using System.Text.Json;
using Choshu.App.Assessments;
using Choshu.App.Claims;
using Choshu.App.Documents;
using Choshu.App.Notices;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Cases;
using Choshu.Data.Documents;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Cases;
using Choshu.Domain.Claims;
using Choshu.Domain.Enforcement;
using Choshu.Domain.LateFees;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Formats.Payments;
using Choshu.Formats.Text;
using Choshu.Forms;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>
/// A seizure to record. <paramref name="Amount"/>: for a receivable the money seized (at most the claims' total with the late fee to
/// <paramref name="SeizedOn"/>, 国税徴収法48条1項); for property 0 (the claims' total is recorded). <paramref name="Claims"/>: the claims it
/// covers (default: every claim of the taxpayer in arrears and past its seizable-from day). A deposit may name its
/// <paramref name="Balance"/> and the money from protected sources in it (<paramref name="ProtectedAmount"/>, e.g. 児童手当, with
/// <paramref name="ProtectedNote"/>): the seizure takes at most the balance less that money. Property needs <paramref name="EstimatedValue"/>;
/// a value above the claims' total needs <paramref name="ExcessReason"/> (不可分 etc., 48条1項). A wage or pension seizure may carry the
/// pay (<paramref name="Wage"/>): the 債権差押通知書 shows the protected-amount computation.
/// </summary>
public sealed record SeizureRequest(
    string TaxpayerNo,
    SeizureKind Kind,
    DateOnly SeizedOn,
    long Amount,
    string Property,
    string? ThirdPartyName = null,
    string? ThirdPartyAddress = null,
    long? InquiryAnswerId = null,
    IReadOnlyList<InstallmentQuery>? Claims = null,
    long? EstimatedValue = null,
    string? ExcessReason = null,
    long? Balance = null,
    long ProtectedAmount = 0,
    string? ProtectedNote = null,
    WageSeizureInput? Wage = null);

/// <summary>One claim a seizure covers: its amounts on the seizure day and the claim event of the seizure's period.</summary>
public sealed record SeizureClaimLine(InstallmentRef Installment, long Principal, long ReminderFee, long LateFee, long? EventId, long? EndEventId)
{
    public long Total => Principal + ReminderFee + LateFee;
}

/// <summary>A seizure as the case file, the CLI and the forms show it.</summary>
public sealed record SeizureView(
    long Id, long CaseId, long TaxpayerId, string TaxpayerNo, string TaxpayerName, SeizureKind Kind, SeizureState State,
    DateOnly SeizedOn, DateOnly? SentOn, DateOnly? ArrivedOn, string? ThirdPartyName, string? ThirdPartyAddress, long? InquiryAnswerId,
    string Property, long Amount, long? EstimatedValue, long? Balance, long ProtectedAmount, string? ProtectedNote, WageSeizureResult? Wage,
    long Collected, DateOnly? ReleaseRequiredOn, DateOnly? ReleasedOn, string? ReleaseReason, DateOnly? EndedOn,
    long? RecordDocumentId, long? NoticeDocumentId, long? ReleaseDocumentId, IReadOnlyList<SeizureClaimLine> Claims)
{
    public string KindName => SeizureKinds.Japanese(Kind);
    public string StateName => SeizureKinds.Japanese(State);
    public long ClaimsTotal => Claims.Sum(c => c.Total);
    /// <summary>Money still to collect from the seized receivable.</summary>
    public long Remaining => Math.Max(0, Amount - Collected);
    public bool IsOpen => State is SeizureState.Recorded or SeizureState.InForce;
}

/// <summary>One payment a recovery booked.</summary>
public sealed record RecoveryPayment(InstallmentRef Installment, long? PaymentId, long Amount, long Overpaid, BookingOutcome Outcome);

/// <summary>What a 取立 did: the payments (none when <see cref="Duplicate"/>), and whether the seizure ended.</summary>
public sealed record RecoveryResult(long SeizureId, string Key, bool Duplicate, long Amount, IReadOnlyList<RecoveryPayment> Payments, bool Ended, SeizureState State);

/// <summary>One claim that could be seized but is not (差押可能で未着手): past its seizable-from day by at least N days, owed, no open seizure.</summary>
public sealed record UntouchedClaim(long CaseId, string TaxpayerNo, string TaxpayerName, InstallmentRef Installment, long Owed, DateOnly SeizableFrom, int Days);

/// <summary>
/// 差押 (国税徴収法 through 地方税法's 滞納処分の例): recording a seizure for some of a taxpayer's claims, its notice to the third-party
/// debtor (債権差押通知書 / 差押通知書) and record (差押調書), its arrival (送達: the effect starts, a claim event 差押 on every claim covered,
/// so the lapse day moves: <see cref="ClaimLimitation"/>), its release (差押解除 with the 差押解除通知書) and the money collected from the
/// third-party debtor (取立: booked as payments of the claims through the reconciliation path, channel
/// <see cref="PaymentChannel.Seizure"/>, ended when the claims are paid or the seized amount is collected). Every change is a case update
/// (<see cref="CaseUpdateKind.Disposition"/>: the officer in charge or an approver), through <see cref="CaseCommand"/> with a case event
/// 90–93 and the audit record 3360–3364 in the same transaction; a 取立 is authorised the same way and runs in the booking transaction
/// (<see cref="BookingTransaction"/>), audited 3363 (and 3364 when it ends the seizure). Refusals are Japanese
/// <see cref="DomainException"/>s (codes <c>seizure.*</c> and the claim-event rules' <c>claim_event.*</c>).
/// </summary>
public sealed class Seizures(ChoshuDbContext db, TimeProvider clock)
{
    public const string RecordTemplate = "seizure-record";
    public const string NoticeTemplate = "seizure-notice";
    public const string ReleaseTemplate = "seizure-release-notice";
    public const int TemplateVersion = 1;
    public const string RecoveryKeyPrefix = "seizure:";

    private static readonly Lazy<FormRenderer> Renderer = new(() => new FormRenderer(FormFonts.Load()));

    // ---- seize ---------------------------------------------------------------------------------------------------------

    /// <summary>Records a seizure and issues its 差押調書 (written to <paramref name="directory"/> when given).</summary>
    public async Task<(SeizureView Seizure, string? RecordPath)> SeizeAsync(Actor actor, SeizureRequest request, string? directory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var property = Required(request.Property, "差押財産の表示（口座・勤務先・所在地・登録番号など）を入力してください。", 500);
        if (request.Amount < 0) throw new DomainException("seizure.amount", "差押金額（--amount）は 0 以上の整数（円）で指定してください。");
        if (request.ProtectedAmount < 0) throw new DomainException("seizure.protected", "差押禁止財産の額（--protected-amount）は 0 以上の整数（円）で指定してください。");
        var receivable = SeizureKinds.IsReceivable(request.Kind);
        if (receivable && string.IsNullOrWhiteSpace(request.ThirdPartyName))
            throw new DomainException("seizure.third_party_required", $"{SeizureKinds.Japanese(request.Kind)}の差押には第三債務者（--third-party）が必要です。");
        if (receivable && string.IsNullOrWhiteSpace(request.ThirdPartyAddress))
            throw new DomainException("seizure.third_party_address_required", $"{SeizureKinds.Japanese(request.Kind)}の差押には第三債務者の所在地（--third-party-address）が必要です（債権差押通知書の送付先）。");
        if (receivable && request.Amount <= 0)
            throw new DomainException("seizure.amount", "債権の差押には差押金額（--amount、1円以上）が必要です。");
        if (!receivable && request.EstimatedValue is not > 0)
            throw new DomainException("seizure.estimated_value_required",
                $"{SeizureKinds.Japanese(request.Kind)}の差押には見積価額（--estimated-value、1円以上）が必要です（差押えても残余の見込みがない財産は差し押さえられません、国税徴収法48条2項）。");
        var (taxpayerId, taxpayerNo, caseId) = await CaseOfAsync(request.TaxpayerNo, ct);
        if (request.InquiryAnswerId is { } answerId)
        {
            // The seizure of an answered asset (財産調査の回答): the answer must be about this taxpayer and name property of the kind seized.
            var answer = await new InquiryAnswers(db).FindAsync(answerId, ct);
            if (answer is null || answer.TaxpayerId != taxpayerId)
                throw new DomainException("seizure.answer_not_found", $"照会の回答 {answerId} は宛名番号 {taxpayerNo} の回答ではありません。");
            if (answer.AssetKind == InquiryAssetKind.Deposit && request.Kind != SeizureKind.Deposit)
                throw new DomainException("seizure.answer_kind", $"照会の回答 {answerId} は預貯金の回答です。差押財産は預貯金を選んでください。");
        }
        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        WageSeizureResult? wage = request.Wage is { } w ? SeizableWage.Compute(w) : null;
        Seizure? row = null;
        FormLetter? letter = null;
        await new CaseCommand(db, clock).RunAsync(actor, caseId, CaseUpdateKind.Disposition, async change =>
        {
            var today = change.Stamp.On;
            var on = request.SeizedOn;
            if (on > today) throw new DomainException("seizure.date_in_future", $"差押日 {D(on)} は本日 {D(today)} より後です。");
            var all = await LedgersAsync(taxpayerId, ct);
            if (all.Select(x => StayOn(x.Ledger, on)).FirstOrDefault(s => s is not null) is { } stay)
                throw new DomainException("seizure.case_stayed",
                    $"宛名番号 {taxpayerNo} は {D(on)} に執行停止中です（事績 {stay.Id}、{D(stay.On)}〜）。執行停止中は差押できません（地方税法15条の7）。");
            var chosen = await ChooseClaimsAsync(all, request.Claims, on, taxpayerNo, ct);
            var lines = new List<SeizureClaimLine>();
            foreach (var (inst, ledger) in chosen)
            {
                // The claim-event rules: a reminder sent, the seizable-from day reached, no 徴収猶予, not extinguished.
                var probe = ClaimEvent.Create(inst.InstallmentId, ClaimEventKind.Seizure, on, actor.Name, change.Stamp.RecordedAtUtc);
                try
                {
                    ClaimEvents.Check(ledger, probe, today);
                }
                catch (DomainException ex)
                {
                    throw new DomainException(ex.Code, $"{inst.Name}: {ex.Message}");
                }
                var (p, f, l) = Amounts(ledger, on, rates);
                if (p + f + l <= 0) throw new DomainException("seizure.claim_paid", $"{inst.Name} は {D(on)} に納めるべき額がありません。");
                lines.Add(new SeizureClaimLine(inst, p, f, l, null, null));
            }
            var total = lines.Sum(x => x.Total);
            var amount = request.Amount;
            if (request.Kind == SeizureKind.Deposit && request.ProtectedAmount > 0)
            {
                var free = (request.Balance ?? amount) - request.ProtectedAmount;
                if (free <= 0)
                    throw new DomainException("seizure.all_protected",
                        $"預金の残高 {YenText.Yen(request.Balance ?? amount)} はすべて差押禁止財産（{request.ProtectedNote ?? "児童手当等"} {YenText.Yen(request.ProtectedAmount)}）に由来するため、差し押さえられません。");
                amount = Math.Min(amount, free);
            }
            else if (request.Balance is { } bal && amount > bal)
                throw new DomainException("seizure.over_balance", $"差押金額 {YenText.Yen(amount)} が預金残高 {YenText.Yen(bal)} を超えています。");
            if (receivable && amount > total)
                throw new DomainException("seizure.exceeds_claims",
                    $"差押金額 {YenText.Yen(amount)} が差押に係る滞納額 {YenText.Yen(total)}（本税・督促手数料・{D(on)} までの延滞金）を超えています。"
                    + "必要な額を超える差押はできません（国税徴収法48条1項）。");
            if (!receivable)
            {
                if (request.EstimatedValue > total && string.IsNullOrWhiteSpace(request.ExcessReason))
                    throw new DomainException("seizure.exceeds_claims",
                        $"見積価額 {YenText.Yen(request.EstimatedValue!.Value)} が滞納額 {YenText.Yen(total)} を超えています。超過差押は禁止されています（国税徴収法48条1項）。"
                        + "不可分で他に差し押さえる財産がない等の理由があるときは、その理由（--excess-reason）を記録してください。");
                amount = total;
            }
            if (wage is not null && request.Kind is not (SeizureKind.Wages or SeizureKind.Pension))
                throw new DomainException("seizure.wage_only", "差押禁止額の計算（給与の内訳）は給与・年金の差押にだけ指定できます。");
            var now = change.Stamp.RecordedAtUtc;
            row = new Seizure
            {
                CaseId = caseId, TaxpayerId = taxpayerId, Kind = request.Kind, State = SeizureState.Recorded, SeizedOn = on,
                ThirdPartyName = Trim(request.ThirdPartyName, 200), ThirdPartyAddress = Trim(request.ThirdPartyAddress, 300), InquiryAnswerId = request.InquiryAnswerId,
                Property = property + (string.IsNullOrWhiteSpace(request.ExcessReason) ? "" : $"（超過差押の理由: {request.ExcessReason.Trim()}）"),
                Amount = amount, EstimatedValue = request.EstimatedValue, Balance = request.Balance,
                ProtectedAmount = request.ProtectedAmount, ProtectedNote = request.ProtectedAmount > 0 ? Trim(request.ProtectedNote ?? "差押禁止財産（児童手当等）", 500) : null,
                WageInputJson = request.Wage is null ? null : JsonSerializer.Serialize(request.Wage),
                CreatedBy = actor.Name, CreatedAtUtc = now, UpdatedAtUtc = now,
            };
            if (row.Property.Length > 500) row.Property = row.Property[..500];
            db.Seizures.Add(row);
            await db.SaveChangesAsync(ct);
            db.SeizureClaims.AddRange(lines.Select(x => new SeizureClaim
            {
                SeizureId = row.Id, InstallmentId = x.Installment.InstallmentId, Principal = x.Principal, ReminderFee = x.ReminderFee, LateFee = x.LateFee,
            }));
            var view = await ViewAsync(row, lines, ct);
            IssuedDocument doc;
            (doc, letter) = await LetterAsync(actor, view, LetterKind.Record, today, null, ct);
            row.RecordDocumentId = doc.Id;
            change.Case.RecordEnforcement(CaseEventKind.SeizureRecorded,
                $"差押 {row.Id} {SeizureKinds.Japanese(row.Kind)} {YenText.Yen(amount)} {D(on)} {lines.Count} 件", change.Stamp);
            return $"差押 {row.Id} {SeizureKinds.Japanese(row.Kind)}（{property}）{YenText.Yen(amount)} {D(on)}、期別 {lines.Count} 件 {YenText.Yen(total)}、差押調書 発行番号 {doc.Id}"
                + (row.ProtectedAmount > 0 ? $"、差押禁止財産 {YenText.Yen(row.ProtectedAmount)}（{row.ProtectedNote}）" : "");
        }, ct);
        Detach();
        var path = directory is null ? null : Render(directory, $"seizure-record-{row!.RecordDocumentId}.pdf", letter!);
        return (await GetAsync(row!.Id, ct), path);
    }

    // ---- notice, arrival, release ----------------------------------------------------------------------------------------

    /// <summary>Issues the 債権差押通知書 (a receivable: to the third-party debtor) or 差押通知書 (property: to the taxpayer), sent on <paramref name="sentOn"/>.</summary>
    public async Task<(SeizureView Seizure, string? NoticePath)> SendNoticeAsync(Actor actor, long seizureId, DateOnly sentOn, string? directory, CancellationToken ct = default)
    {
        await DemandUpdateAsync(actor, seizureId, "差押通知書の発行", ct);
        var s = await FindAsync(seizureId, ct);
        FormLetter? letter = null;
        long docId = 0;
        await new CaseCommand(db, clock).RunAsync(actor, s.CaseId, CaseUpdateKind.Disposition, async change =>
        {
            var row = await LockAsync(seizureId, ct);
            if (row.State != SeizureState.Recorded)
                throw new DomainException("seizure.not_pending", $"差押 {row.Id} は{SeizureKinds.Japanese(row.State)}のため、差押通知書は発送できません。");
            if (sentOn < row.SeizedOn || sentOn > change.Stamp.On)
                throw new DomainException("seizure.sent_on", $"発送日 {D(sentOn)} は差押日 {D(row.SeizedOn)} から本日 {D(change.Stamp.On)} までの日にしてください。");
            row.SentOn = sentOn;
            row.UpdatedAtUtc = change.Stamp.RecordedAtUtc;
            var view = await GetAsync(row.Id, ct);
            IssuedDocument doc;
            (doc, letter) = await LetterAsync(actor, view with { SentOn = sentOn }, LetterKind.Notice, change.Stamp.On, null, ct);
            row.NoticeDocumentId = docId = doc.Id;
            return $"差押 {row.Id}: {NoticeTitle(row.Kind)} 発行番号 {doc.Id} 発送 {D(sentOn)}";
        }, ct);
        Detach();
        var path = directory is null ? null : Render(directory, $"seizure-notice-{docId}.pdf", letter!);
        return (await GetAsync(seizureId, ct), path);
    }

    /// <summary>Records the arrival (送達) of the notice on <paramref name="arrivedOn"/>: the seizure takes effect; a claim event 差押 on every claim covered.</summary>
    public async Task<SeizureView> ArriveAsync(Actor actor, long seizureId, DateOnly arrivedOn, CancellationToken ct = default)
    {
        await DemandUpdateAsync(actor, seizureId, "差押の到達日の記録", ct);
        var s = await FindAsync(seizureId, ct);
        await new CaseCommand(db, clock).RunAsync(actor, s.CaseId, CaseUpdateKind.Disposition, async change =>
        {
            var row = await LockAsync(seizureId, ct);
            if (row.State != SeizureState.Recorded)
                throw new DomainException("seizure.not_pending", $"差押 {row.Id} は{SeizureKinds.Japanese(row.State)}です。到達日は送達待ちの差押にだけ記録できます。");
            if (arrivedOn < (row.SentOn ?? row.SeizedOn))
                throw new DomainException("seizure.arrived_on", $"到達日 {D(arrivedOn)} が{(row.SentOn is null ? "差押日" : "発送日")} {D(row.SentOn ?? row.SeizedOn)} より前です。");
            if (arrivedOn > change.Stamp.On) throw new DomainException("seizure.arrived_on", $"到達日 {D(arrivedOn)} は本日 {D(change.Stamp.On)} より後です。");
            var claims = await db.SeizureClaims.Where(c => c.SeizureId == row.Id).OrderBy(c => c.Id).ToListAsync(ct);
            var ids = claims.Select(c => c.InstallmentId).ToList();
            await LockInstallmentsAsync(ids, ct);
            var ledgers = await ClaimLedgers.LoadAsync(db, ids, ct);
            var refs = await InstallmentFinder.ByIdsAsync(db, ids, ct);
            var events = new List<(SeizureClaim Claim, ClaimEvent Event)>();
            foreach (var c in claims)
            {
                if (StayOn(ledgers[c.InstallmentId], arrivedOn) is { } stay)
                    throw new DomainException("seizure.case_stayed", $"{refs[c.InstallmentId].Name} は {D(arrivedOn)} に執行停止中です（事績 {stay.Id}）。差押の効力を生じさせることはできません。");
                var e = ClaimEvent.Create(c.InstallmentId, ClaimEventKind.Seizure, arrivedOn, actor.Name, change.Stamp.RecordedAtUtc,
                    arrivedOn: arrivedOn, reason: $"差押 {row.Id}（{SeizureKinds.Japanese(row.Kind)}）", documentId: row.NoticeDocumentId ?? row.RecordDocumentId);
                try
                {
                    ClaimEvents.Check(ledgers[c.InstallmentId], e, change.Stamp.On);
                }
                catch (DomainException ex)
                {
                    throw new DomainException(ex.Code, $"{refs[c.InstallmentId].Name}: {ex.Message}");
                }
                db.ClaimEvents.Add(e);
                events.Add((c, e));
            }
            await db.SaveChangesAsync(ct);
            foreach (var (c, e) in events) c.EventId = e.Id;
            row.ArrivedOn = arrivedOn;
            row.State = SeizureState.InForce;
            row.UpdatedAtUtc = change.Stamp.RecordedAtUtc;
            change.Case.RecordEnforcement(CaseEventKind.SeizureArrived, $"差押 {row.Id} 到達 {D(arrivedOn)}", change.Stamp);
            return $"差押 {row.Id}: 到達 {D(arrivedOn)}（効力発生）、差押の事績 {string.Join("・", events.Select(x => x.Event.Id))}";
        }, ct);
        Detach();
        return await GetAsync(seizureId, ct);
    }

    /// <summary>Releases (差押解除) the seizure on <paramref name="releasedOn"/> with the reason; issues the 差押解除通知書; ends the claims' seizure periods.</summary>
    public async Task<(SeizureView Seizure, string? NoticePath)> ReleaseAsync(Actor actor, long seizureId, DateOnly releasedOn, string reason, string? directory,
        CancellationToken ct = default)
    {
        await DemandUpdateAsync(actor, seizureId, "差押解除", ct);
        var why = Required(reason, "差押解除の理由を入力してください。", 1000);
        var s = await FindAsync(seizureId, ct);
        FormLetter? letter = null;
        long docId = 0;
        await new CaseCommand(db, clock).RunAsync(actor, s.CaseId, CaseUpdateKind.Disposition, async change =>
        {
            var row = await LockAsync(seizureId, ct);
            if (row.State is not (SeizureState.Recorded or SeizureState.InForce))
                throw new DomainException("seizure.not_open", $"差押 {row.Id} は既に{SeizureKinds.Japanese(row.State)}しています。");
            if (releasedOn < row.SeizedOn || releasedOn > change.Stamp.On)
                throw new DomainException("seizure.released_on", $"解除日 {D(releasedOn)} は差押日 {D(row.SeizedOn)} から本日 {D(change.Stamp.On)} までの日にしてください。");
            var ended = await EndClaimEventsAsync(actor, row, releasedOn, $"差押解除: {why}", change.Stamp.RecordedAtUtc, ct);
            row.State = SeizureState.Released;
            row.ReleasedOn = releasedOn;
            row.ReleaseReason = why;
            row.UpdatedAtUtc = change.Stamp.RecordedAtUtc;
            var view = await GetAsync(row.Id, ct);
            IssuedDocument doc;
            (doc, letter) = await LetterAsync(actor, view with { State = SeizureState.Released, ReleasedOn = releasedOn, ReleaseReason = why },
                LetterKind.Release, change.Stamp.On, null, ct);
            row.ReleaseDocumentId = docId = doc.Id;
            change.Case.RecordEnforcement(CaseEventKind.SeizureReleased, $"差押 {row.Id} 解除 {D(releasedOn)}: {why}", change.Stamp);
            return $"差押 {row.Id}: 解除 {D(releasedOn)}、差押解除通知書 発行番号 {doc.Id}、終了した事績 {ended} 件: {why}";
        }, ct);
        Detach();
        var path = directory is null ? null : Render(directory, $"seizure-release-notice-{docId}.pdf", letter!);
        return (await GetAsync(seizureId, ct), path);
    }

    // ---- recovery --------------------------------------------------------------------------------------------------------

    /// <summary>
    /// 取立: <paramref name="amount"/> collected from the third-party debtor on <paramref name="collectedOn"/>, booked as payments of the seized
    /// claims (oldest first, each up to what it owes that day; anything beyond them on the last, where the booker records it as an overpayment
    /// to refund: 残余金) through the reconciliation path, channel 6, each payment allocated by the configured order (principal first). Once per
    /// <paramref name="key"/>: the same key again books nothing and answers <see cref="RecoveryResult.Duplicate"/>. The seizure ends (its claims'
    /// seizure periods end on <paramref name="collectedOn"/>, the limitation starts again the next day) when its claims owe nothing or the seized
    /// amount is collected.
    /// </summary>
    public async Task<RecoveryResult> RecoverAsync(Store store, Actor actor, long seizureId, string key, DateOnly collectedOn, long amount, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await DemandUpdateAsync(actor, seizureId, "差押財産の取立", ct);
        var k = Required(key, "取立の番号（--key: 入金の伝票番号など、同じ取立を二重に計上しないための番号）を入力してください。", 60);
        if (amount <= 0) throw new DomainException("seizure.recovery_amount", "取立額（--amount）は 1 円以上の整数（円）で指定してください。");
        var s = await FindAsync(seizureId, ct);
        var grant = await new CaseCommand(db, clock).AuthorizeAsync(actor, s.CaseId, CaseUpdateKind.Disposition, ct);
        var fullKey = $"{RecoveryKeyPrefix}{seizureId}:{k}";
        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (tx, writer, booker, now) =>
        {
            var today = JapanTime.Today(clock);
            if (await tx.SeizureRecoveries.AsNoTracking().FirstOrDefaultAsync(r => r.Key == fullKey, ct) is { } done)
            {
                var st = await tx.Seizures.AsNoTracking().Where(x => x.Id == seizureId).Select(x => x.State).SingleAsync(ct);
                return new RecoveryResult(seizureId, k, true, done.Amount, [], st == SeizureState.Ended, st);
            }
            if (tx.Provider == StoreProvider.Postgres)
                await tx.Database.ExecuteSqlAsync($"SELECT 1 FROM seizures WHERE id = {seizureId} FOR UPDATE", ct);
            var row = await tx.Seizures.SingleAsync(x => x.Id == seizureId, ct);
            var c = await tx.CollectionCases.Include(x => x.Events).SingleAsync(x => x.Id == row.CaseId, ct);
            if (c.State.OfficerAccountId != grant.OfficerAccountId)
                throw new DomainException("case.officer_changed", $"滞納整理事案 {c.Id} の担当者が変わりました。もう一度操作してください。");
            if (row.State != SeizureState.InForce)
                throw new DomainException("seizure.not_in_force",
                    $"差押 {row.Id} は{SeizureKinds.Japanese(row.State)}です。取立は到達日を記録した執行中の差押にだけ記録できます。");
            if (collectedOn < row.ArrivedOn!.Value || collectedOn > today)
                throw new DomainException("seizure.collected_on", $"取立日 {D(collectedOn)} は到達日 {D(row.ArrivedOn)} から本日 {D(today)} までの日にしてください。");
            if (SeizureKinds.IsReceivable(row.Kind) && amount > row.Amount - row.Collected)
                throw new DomainException("seizure.recovery_exceeds",
                    $"取立額 {YenText.Yen(amount)} が差押金額の残り {YenText.Yen(row.Amount - row.Collected)}（差押金額 {YenText.Yen(row.Amount)}、取立済 {YenText.Yen(row.Collected)}）を超えています。");
            var claims = await tx.SeizureClaims.Where(x => x.SeizureId == row.Id).OrderBy(x => x.Id).ToListAsync(ct);
            var refs = await InstallmentFinder.ByIdsAsync(tx, claims.Select(x => x.InstallmentId).ToList(), ct);
            var ordered = claims.Select(x => refs[x.InstallmentId])
                .OrderBy(r => r.DueDate).ThenBy(r => r.FiscalYear).ThenBy(r => r.NoticeNo, StringComparer.Ordinal).ThenBy(r => r.Period).ToList();
            var parts = await ReceiptSplit.SplitAsync(tx, ordered.Select(r => (r, (long?)null)).ToList(), amount, collectedOn, ct);
            var records = parts.Select((p, i) =>
            {
                var mk = new MatchKey(p.Ref.InstallmentId);
                return new PaymentRecord(i + 1, PaymentRecordKind.Payment, PaymentChannel.Seizure, mk.Value, mk, p.Amount, collectedOn, collectedOn, "差押",
                    $"{fullKey}:{p.Ref.InstallmentId}",
                    $"差押 {row.Id} の取立（{row.ThirdPartyName ?? SeizureKinds.Japanese(row.Kind)}）: {p.Ref.Name} {p.Amount}円 取立日 {collectedOn:yyyy-MM-dd}");
            }).ToList();
            var results = await booker.BookAsync(tx, writer, records, null, now, ct);
            var payments = parts.Select((p, i) => new RecoveryPayment(p.Ref, results[i].PaymentId, results[i].Amount, results[i].Overpaid, results[i].Outcome)).ToList();
            tx.SeizureRecoveries.Add(new SeizureRecovery
            {
                SeizureId = row.Id, Key = fullKey, CollectedOn = collectedOn, Amount = amount,
                PaymentIds = string.Join(",", payments.Select(p => p.PaymentId?.ToString(CultureInfo.InvariantCulture) ?? "-")),
                RecordedBy = actor.Name, RecordedAtUtc = now,
            });
            row.Collected += amount;
            row.UpdatedAtUtc = now;
            await tx.SaveChangesAsync(ct);
            var ledgers = await ClaimLedgers.LoadAsync(tx, claims.Select(x => x.InstallmentId).ToList(), ct);
            var rates = booker.Rates;
            var stillOwed = ledgers.Values.Sum(l => l.PrincipalBalance + l.ReminderFeeBalance + l.LateFeeOwed(collectedOn, rates).Owed);
            var exhausted = SeizureKinds.IsReceivable(row.Kind) && row.Collected >= row.Amount;
            var ended = stillOwed == 0 || exhausted;
            var stamp = new CaseStamp(actor.Name, actor.AccountId, today, now);
            var detail = $"差押 {row.Id}: 取立 {YenText.Yen(amount)} {D(collectedOn)}（番号 {k}）、"
                + string.Join("、", payments.Select(p => $"{p.Installment.Name} 収納 {p.PaymentId} {YenText.Yen(p.Amount)}{(p.Overpaid > 0 ? $"（過誤納 {YenText.Yen(p.Overpaid)}）" : "")}"));
            await AuditLog.AppendAsync(tx, actor, new AuditRecord(AuditEventKind.SeizureRecovered, TaxpayerId: row.TaxpayerId, Detail: $"事案 {c.Id}: {detail}"), clock, ct);
            if (ended)
            {
                await EndClaimEventsAsync(tx, actor, row, collectedOn, stillOwed == 0 ? "取立により完納" : "差押債権の取立完了", now, ct);
                row.State = SeizureState.Ended;
                row.EndedOn = collectedOn;
                c.RecordEnforcement(CaseEventKind.SeizureEnded, $"差押 {row.Id} 終了 {D(collectedOn)}（{(stillOwed == 0 ? "滞納額完納" : "差押債権の取立完了")}）", stamp);
                await tx.SaveChangesAsync(ct);
                await AuditLog.AppendAsync(tx, actor, new AuditRecord(AuditEventKind.SeizureEnded, TaxpayerId: row.TaxpayerId,
                    Detail: $"事案 {c.Id}: 差押 {row.Id} 終了 {D(collectedOn)}（{(stillOwed == 0 ? "滞納額完納" : "差押債権の取立完了")}、取立済 {YenText.Yen(row.Collected)}）"), clock, ct);
            }
            return new RecoveryResult(seizureId, k, false, amount, payments, ended, row.State);
        }, ct);
    }

    // ---- the hardship stay -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Marks the taxpayer's open seizures as to be released (a hardship stay, 執行停止2号, began on <paramref name="from"/>: 15条の7第3項), inside the
    /// stay's transaction. Returns the seizures marked; they show on the case file and the list of seizures in force until released.
    /// </summary>
    public static async Task<IReadOnlyList<long>> MarkReleaseRequiredAsync(ChoshuDbContext db, long taxpayerId, DateOnly from, CancellationToken ct)
    {
        var open = await db.Seizures.Where(s => s.TaxpayerId == taxpayerId && (s.State == SeizureState.Recorded || s.State == SeizureState.InForce)).ToListAsync(ct);
        foreach (var s in open) s.ReleaseRequiredOn ??= from;
        return open.Select(s => s.Id).ToList();
    }

    // ---- reads -----------------------------------------------------------------------------------------------------------

    /// <summary>The seizures of a case, newest first (the case file's section; the caller audits the read of the case).</summary>
    public async Task<IReadOnlyList<SeizureView>> ForCaseAsync(long caseId, CancellationToken ct = default)
    {
        var ids = await db.Seizures.AsNoTracking().Where(s => s.CaseId == caseId).OrderByDescending(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        var list = new List<SeizureView>();
        foreach (var id in ids) list.Add(await GetAsync(id, ct));
        return list;
    }

    /// <summary>One seizure for a person with 閲覧, audited as a view of the taxpayer (2001).</summary>
    public async Task<SeizureView> ShowAsync(Actor actor, long seizureId, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, what: $"差押 {seizureId} の参照", ct: ct);
        var s = await FindAsync(seizureId, ct);
        var view = await GetAsync(seizureId, ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: s.TaxpayerId, Detail: $"差押 {seizureId}"), clock, ct);
        return view;
    }

    /// <summary>The seizures not ended nor released (送達待ち・執行中), those to be released first; audited 3365.</summary>
    public async Task<IReadOnlyList<SeizureView>> InForceAsync(Actor actor, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, what: "執行中の差押一覧", ct: ct);
        var ids = await db.Seizures.AsNoTracking().Where(s => s.State == SeizureState.Recorded || s.State == SeizureState.InForce)
            .OrderBy(s => s.ReleaseRequiredOn == null).ThenBy(s => s.SeizedOn).ThenBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        var list = new List<SeizureView>();
        foreach (var id in ids) list.Add(await GetAsync(id, ct));
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.SeizuresListed, Detail: $"執行中の差押一覧 {list.Count} 件"), clock, ct);
        return list;
    }

    /// <summary>
    /// The claims of open cases seizable for at least <paramref name="days"/> days (their seizable-from day that many days ago or earlier),
    /// still owed, with no open seizure and no stay or deferment today; oldest seizable first. Audited 3365.
    /// </summary>
    public async Task<IReadOnlyList<UntouchedClaim>> UntouchedAsync(Actor actor, int days, CancellationToken ct = default)
    {
        if (days is < 0 or > 3650) throw new DomainException("seizure.days", "日数（--days）は 0 以上 3650 以下で指定してください。");
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, what: "差押可能で未着手の期別一覧", ct: ct);
        var today = JapanTime.Today(clock);
        var cases = await (from c in db.CollectionCases.AsNoTracking()
                           join t in db.Taxpayers.AsNoTracking() on c.TaxpayerId equals t.Id
                           where c.ClosedOn == null
                           select new { c.Id, c.TaxpayerId, t.TaxpayerNo, Name = t.Facts.NameKanji }).ToListAsync(ct);
        var byTaxpayer = cases.ToDictionary(c => c.TaxpayerId);
        var taxpayerIds = byTaxpayer.Keys.ToList();
        var installmentIds = await (from i in db.Installments.AsNoTracking()
                                    join a in db.Assessments.AsNoTracking() on i.AssessmentId equals a.Id
                                    where taxpayerIds.Contains(a.TaxpayerId)
                                    select i.Id).ToListAsync(ct);
        var seized = (await (from sc in db.SeizureClaims.AsNoTracking()
                             join s in db.Seizures.AsNoTracking() on sc.SeizureId equals s.Id
                             where s.State == SeizureState.Recorded || s.State == SeizureState.InForce
                             select sc.InstallmentId).ToListAsync(ct)).ToHashSet();
        var ledgers = await ClaimLedgers.LoadAsync(db, installmentIds, ct);
        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        var candidates = new List<(long Id, DateOnly From, long Owed)>();
        foreach (var entry in ledgers)
        {
            var (id, ledger) = (entry.Key, entry.Value);
            if (seized.Contains(id) || ledger.Owed <= 0 && ledger.PrincipalBalance <= 0) continue;
            var status = ClaimStatus.Of(ledger, today);
            if (!status.InArrears || status.SeizableFrom is not { } from || from > today.AddDays(-days)) continue;
            if (StayOn(ledger, today) is not null) continue;
            if (ClaimEvent.InForce(ledger.Events).Any(e => e.Kind == ClaimEventKind.Deferment && e.On <= today && (e.EndsOn is null || today <= e.EndsOn))) continue;
            var (p, f, l) = Amounts(ledger, today, rates);
            candidates.Add((id, from, p + f + l));
        }
        var refs = await InstallmentFinder.ByIdsAsync(db, candidates.Select(x => x.Id).ToList(), ct);
        var rows = candidates.Select(x =>
        {
            var r = refs[x.Id];
            var c = byTaxpayer[r.TaxpayerId];
            return new UntouchedClaim(c.Id, c.TaxpayerNo, c.Name, r, x.Owed, x.From, today.DayNumber - x.From.DayNumber);
        }).OrderBy(x => x.SeizableFrom).ThenBy(x => x.TaxpayerNo, StringComparer.Ordinal).ThenBy(x => x.Installment.Period).ToList();
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.SeizuresListed, Detail: $"差押可能で未着手の期別一覧（{days}日以上）{rows.Count} 件"), clock, ct);
        return rows;
    }

    /// <summary>The notice or record of a seizure drawn again from its stored data for a PDF (a reprint goes through <see cref="IssuedDocuments.ReprintAsync"/>).</summary>
    public async Task<FormLetter> DrawAsync(long seizureId, string which, CancellationToken ct = default)
    {
        var v = await GetAsync(seizureId, ct);
        var kind = which switch { "record" => LetterKind.Record, "notice" => LetterKind.Notice, "release" => LetterKind.Release, _ => throw new ArgumentOutOfRangeException(nameof(which)) };
        return (await LetterAsync(null, v, kind, JapanTime.Today(clock), kind switch
        {
            LetterKind.Record => v.RecordDocumentId,
            LetterKind.Notice => v.NoticeDocumentId,
            _ => v.ReleaseDocumentId,
        }, ct)).Letter;
    }

    /// <summary>Writes a letter as a PDF (the one form engine).</summary>
    public static string Render(string directory, string name, FormLetter letter)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        var part = path + ".part";
        using (var file = File.Create(part)) Renderer.Value.Render([letter], file);
        File.Move(part, path, overwrite: true);
        return path;
    }

    public static void Render(Stream stream, FormLetter letter) => Renderer.Value.Render([letter], stream);

    public static string NoticeTitle(SeizureKind kind) => SeizureKinds.IsReceivable(kind) ? "債権差押通知書" : "差押通知書";

    // ---- shared ----------------------------------------------------------------------------------------------------------

    private enum LetterKind { Record, Notice, Release }

    private async Task<(long TaxpayerId, string TaxpayerNo, long CaseId)> CaseOfAsync(string taxpayerNo, CancellationToken ct)
    {
        var no = taxpayerNo?.Trim() ?? "";
        var t = await db.Taxpayers.AsNoTracking().Where(x => x.TaxpayerNo == no).Select(x => new { x.Id, x.TaxpayerNo }).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("taxpayer.not_found", $"宛名番号 {no} の納税義務者は登録されていません。");
        var caseId = await db.CollectionCases.AsNoTracking().Where(c => c.TaxpayerId == t.Id).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("claim_event.case_required", $"宛名番号 {no} の滞納整理事案がありません（choshu case open で開始してください）。差押は事案の更新です。");
        return (t.Id, t.TaxpayerNo, caseId);
    }

    /// <summary>The right to change cases at all, before the seizure is even looked up (refused and audited 5000/5001); the officer-only rule follows in <see cref="CaseCommand"/>.</summary>
    private Task DemandUpdateAsync(Actor actor, long seizureId, string what, CancellationToken ct) =>
        AccessControl.DemandAsync(db, actor, Permission.UpdateCases, clock, what: $"{what}（差押 {seizureId}）", ct: ct);

    private async Task<Seizure> FindAsync(long id, CancellationToken ct) =>
        await db.Seizures.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct)
        ?? throw new DomainException("seizure.not_found", $"差押 {id} は登録されていません。");

    private async Task<Seizure> LockAsync(long id, CancellationToken ct)
    {
        if (db.Provider == StoreProvider.Postgres)
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM seizures WHERE id = {id} FOR UPDATE", ct);
        return await db.Seizures.SingleAsync(s => s.Id == id, ct);
    }

    private async Task LockInstallmentsAsync(List<long> ids, CancellationToken ct)
    {
        if (db.Provider == StoreProvider.Postgres && ids.Count > 0)
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM installments WHERE id = ANY({ids.ToArray()}) FOR UPDATE", ct);
    }

    private async Task<List<(InstallmentRef Ref, InstallmentLedger Ledger)>> LedgersAsync(long taxpayerId, CancellationToken ct)
    {
        var ids = await (from i in db.Installments.AsNoTracking()
                         join a in db.Assessments.AsNoTracking() on i.AssessmentId equals a.Id
                         where a.TaxpayerId == taxpayerId
                         select i.Id).ToListAsync(ct);
        await LockInstallmentsAsync(ids, ct);
        var refs = await InstallmentFinder.ByIdsAsync(db, ids, ct);
        var ledgers = await ClaimLedgers.LoadAsync(db, ids, ct);
        return ids.OrderBy(id => refs[id].FiscalYear).ThenBy(id => refs[id].NoticeNo, StringComparer.Ordinal).ThenBy(id => refs[id].Period)
            .Select(id => (refs[id], ledgers[id])).ToList();
    }

    /// <summary>The named claims (each must be the taxpayer's), or every claim in arrears past its seizable-from day on <paramref name="on"/>.</summary>
    private async Task<List<(InstallmentRef Ref, InstallmentLedger Ledger)>> ChooseClaimsAsync(List<(InstallmentRef Ref, InstallmentLedger Ledger)> all,
        IReadOnlyList<InstallmentQuery>? named, DateOnly on, string taxpayerNo, CancellationToken ct)
    {
        if (named is { Count: > 0 })
        {
            var chosen = new List<(InstallmentRef, InstallmentLedger)>();
            foreach (var q in named)
            {
                var found = await InstallmentFinder.FindAsync(db, q.NoticeNo.Trim(), q.Period, q.TaxKindCode, q.FiscalYear, ct);
                var hit = all.FirstOrDefault(x => x.Ref.InstallmentId == found.InstallmentId);
                if (hit.Ref is null) throw new DomainException("seizure.claim_not_taxpayers", $"{found.Name} は宛名番号 {taxpayerNo} の期別ではありません。");
                if (!chosen.Any(c => c.Item1.InstallmentId == found.InstallmentId)) chosen.Add(hit);
            }
            return chosen;
        }
        var inArrears = all.Where(x => ClaimStatus.Of(x.Ledger, on).InArrears).ToList();
        var seizable = inArrears.Where(x => ClaimStatus.Of(x.Ledger, on).SeizableFrom is { } f && f <= on).ToList();
        if (seizable.Count > 0) return seizable;
        if (inArrears.Count == 0) throw new DomainException("seizure.no_claims", $"宛名番号 {taxpayerNo} には {D(on)} に滞納している期別がありません。");
        var first = inArrears[0];
        var from = ClaimStatus.Of(first.Ledger, on).SeizableFrom;
        throw new DomainException("claim_event.seizure_too_early",
            $"{first.Ref.Name}: " + (from is { } f2
                ? $"差押ができるのは督促状の発付から10日を経過した日の翌日 {D(f2)} 以後です（地方税法331条1項ほか）。"
                : "督促状が発付されていないため差押できません（地方税法331条1項ほか）。"));
    }

    private static ClaimEvent? StayOn(InstallmentLedger ledger, DateOnly on) =>
        ClaimEvent.InForce(ledger.Events).FirstOrDefault(e => e.Kind == ClaimEventKind.Stay && e.On <= on && (e.EndsOn is null || on < e.EndsOn));

    private static (long Principal, long ReminderFee, long LateFee) Amounts(InstallmentLedger ledger, DateOnly on, LateFeeRateTable rates) =>
        (ledger.PrincipalBalanceOn(on), ledger.ReminderFeeBalance, ledger.LateFeeOwed(on, rates).Owed);

    private Task<int> EndClaimEventsAsync(Actor actor, Seizure row, DateOnly endsOn, string reason, DateTime now, CancellationToken ct) =>
        EndClaimEventsAsync(db, actor, row, endsOn, reason, now, ct);

    /// <summary>Ends the seizure period of every claim it took effect on: a replacement of the claim event with the end (the limitation renews the next day).</summary>
    private static async Task<int> EndClaimEventsAsync(ChoshuDbContext db, Actor actor, Seizure row, DateOnly endsOn, string reason, DateTime now, CancellationToken ct)
    {
        var claims = await db.SeizureClaims.Where(c => c.SeizureId == row.Id && c.EventId != null && c.EndEventId == null).ToListAsync(ct);
        var ends = new List<(SeizureClaim Claim, ClaimEvent Event)>();
        foreach (var c in claims)
        {
            var open = await db.ClaimEvents.AsNoTracking().SingleAsync(e => e.Id == c.EventId, ct);
            var end = ClaimEvent.Create(open.InstallmentId, ClaimEventKind.Seizure, open.On, actor.Name, now, Max(endsOn, open.On), open.ArrivedOn, open.Delivery,
                open.Ground, reversesEventId: open.Id, reason: reason, documentId: open.DocumentId);
            db.ClaimEvents.Add(end);
            ends.Add((c, end));
        }
        await db.SaveChangesAsync(ct);
        foreach (var (c, e) in ends) c.EndEventId = e.Id;
        await db.SaveChangesAsync(ct);
        return ends.Count;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>A seizure with its claims, as stored now.</summary>
    public async Task<SeizureView> GetAsync(long id, CancellationToken ct = default)
    {
        var s = await db.Seizures.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new DomainException("seizure.not_found", $"差押 {id} は登録されていません。");
        var claims = await db.SeizureClaims.AsNoTracking().Where(c => c.SeizureId == id).OrderBy(c => c.Id).ToListAsync(ct);
        var refs = await InstallmentFinder.ByIdsAsync(db, claims.Select(c => c.InstallmentId).ToList(), ct);
        return await ViewAsync(s, claims.Select(c => new SeizureClaimLine(refs[c.InstallmentId], c.Principal, c.ReminderFee, c.LateFee, c.EventId, c.EndEventId)).ToList(), ct);
    }

    private async Task<SeizureView> ViewAsync(Seizure s, IReadOnlyList<SeizureClaimLine> lines, CancellationToken ct)
    {
        var t = await db.Taxpayers.AsNoTracking().Where(x => x.Id == s.TaxpayerId).Select(x => new { x.TaxpayerNo, Name = x.Facts.NameKanji }).SingleAsync(ct);
        var wage = s.WageInputJson is { } json ? SeizableWage.Compute(JsonSerializer.Deserialize<WageSeizureInput>(json)!) : null;
        return new SeizureView(s.Id, s.CaseId, s.TaxpayerId, t.TaxpayerNo, t.Name, s.Kind, s.State, s.SeizedOn, s.SentOn, s.ArrivedOn, s.ThirdPartyName,
            s.ThirdPartyAddress, s.InquiryAnswerId, s.Property, s.Amount, s.EstimatedValue, s.Balance, s.ProtectedAmount, s.ProtectedNote, wage, s.Collected,
            s.ReleaseRequiredOn, s.ReleasedOn, s.ReleaseReason, s.EndedOn, s.RecordDocumentId, s.NoticeDocumentId, s.ReleaseDocumentId, lines);
    }

    /// <summary>
    /// A seizure's letter: the 差押調書 (to the taxpayer, a copy kept), the 債権差押通知書 / 差押通知書 (a receivable: to the third-party debtor, with
    /// the protected-amount computation for wages and pensions) or the 差押解除通知書. With <paramref name="actor"/> it is recorded as an issued
    /// document (audited 4001 in the caller's transaction); without, it is drawn again for a document already issued (<paramref name="documentId"/>).
    /// </summary>
    private async Task<(IssuedDocument Doc, FormLetter Letter)> LetterAsync(Actor? actor, SeizureView v, LetterKind kind, DateOnly today, long? documentId, CancellationToken ct)
    {
        var city = (await AppSettings.LoadAsync(db, ct)).City;
        var addressees = await NoticeAddressees.LoadAsync(db, [v.TaxpayerId], today, ct);
        var to = addressees.Resolve(v.TaxpayerId, null);
        var party = to?.To ?? addressees.Party(v.TaxpayerId);
        var taxpayerAddress = string.Join(" ", new[] { party.TownName, party.StreetNumber, party.AddressSupplement }.Where(x => !string.IsNullOrWhiteSpace(x)));
        var toThirdParty = kind != LetterKind.Record && SeizureKinds.IsReceivable(v.Kind);
        var title = kind switch { LetterKind.Record => "差押調書", LetterKind.Notice => NoticeTitle(v.Kind), _ => "差押解除通知書" };
        var body = new List<string>();
        var what = $"差押財産: {v.KindName} {v.Property}" + (v.ThirdPartyName is null ? "" : $"（第三債務者 {v.ThirdPartyName}{(v.ThirdPartyAddress is null ? "" : $" {v.ThirdPartyAddress}")}）");
        switch (kind)
        {
            case LetterKind.Record:
                body.Add($"滞納者 {v.TaxpayerName}（宛名番号 {v.TaxpayerNo}、{taxpayerAddress}）の下記の市税を徴収するため、地方税法の滞納処分の例により国税徴収法第47条の規定に基づき、{JapaneseDate.Wareki(v.SeizedOn)}、下記の財産を差し押さえました。");
                body.Add(what);
                body.Add(SeizureKinds.IsReceivable(v.Kind) ? $"差押金額: {YenText.Yen(v.Amount)}" : $"見積価額: {YenText.Yen(v.EstimatedValue ?? 0)}");
                break;
            case LetterKind.Notice when toThirdParty:
                body.Add($"滞納者 {v.TaxpayerName}（宛名番号 {v.TaxpayerNo}、{taxpayerAddress}）の下記の市税を徴収するため、同人があなたに対して有する下記の債権を国税徴収法第62条（地方税法の滞納処分の例）により差し押さえましたので通知します。");
                body.Add(what);
                body.Add($"差押金額: {YenText.Yen(v.Amount)}（滞納額の合計 {YenText.Yen(v.ClaimsTotal)}）");
                body.Add("この通知書の到達により、あなたは差し押さえた債権の弁済を滞納者にすることが禁止され、履行期限までに市へ支払ってください。");
                if (v.Wage is { } w)
                {
                    body.Add("差押禁止額の計算（国税徴収法第76条・第77条）:");
                    body.AddRange(SeizableWage.Explain(w).Select(x => "　" + x));
                    body.Add("毎回の支給ごとに上記の方法で計算した差押可能額を、差押金額に達するまで市へ支払ってください。");
                }
                break;
            case LetterKind.Notice:
                body.Add($"あなたの下記の市税を徴収するため、{JapaneseDate.Wareki(v.SeizedOn)}、国税徴収法第47条（地方税法の滞納処分の例）により下記の財産を差し押さえましたので通知します。");
                body.Add(what);
                break;
            default:
                body.Add($"滞納者 {v.TaxpayerName}（宛名番号 {v.TaxpayerNo}、{taxpayerAddress}）について{JapaneseDate.Wareki(v.SeizedOn)}付けで行った下記の差押えを、{JapaneseDate.Wareki(v.ReleasedOn ?? today)}に解除しましたので通知します（国税徴収法第79条・第80条）。");
                body.Add(what);
                body.Add($"解除の理由: {v.ReleaseReason}");
                break;
        }
        if (v.ProtectedAmount > 0)
            body.Add($"差押禁止財産: {v.ProtectedNote}（{YenText.Yen(v.ProtectedAmount)}）は差押の対象から除きました。");
        var rows = v.Claims.Select(c => new FormClaimLine(c.Installment.TaxKindName, c.Installment.FiscalYear, c.Installment.NoticeNo, c.Installment.Period,
            c.Installment.DueDate, c.Principal, c.ReminderFee, c.LateFee, null)).ToList();
        var data = new DocumentData().Add("title", title).Add("seizureId", v.Id).Add("taxpayerNo", v.TaxpayerNo).Add("kind", (long)v.Kind).Add("seizedOn", v.SeizedOn)
            .Add("sentOn", v.SentOn).Add("releasedOn", v.ReleasedOn).Add("amount", v.Amount).Add("estimatedValue", v.EstimatedValue)
            .Add("thirdParty", v.ThirdPartyName).Add("property", v.Property).Add("protectedAmount", v.ProtectedAmount).Add("reason", v.ReleaseReason)
            .Add("body", string.Join("\n", body))
            .Add("claims", v.Claims.Select(c => new DocumentData().Add("installmentId", c.Installment.InstallmentId).Add("principal", c.Principal)
                .Add("reminderFee", c.ReminderFee).Add("lateFee", c.LateFee)));
        IssuedDocument doc;
        if (actor is not null)
        {
            var docKind = kind switch { LetterKind.Record => IssuedDocumentKinds.SeizureRecord, LetterKind.Notice => IssuedDocumentKinds.SeizureNotice, _ => IssuedDocumentKinds.SeizureRelease };
            var template = kind switch { LetterKind.Record => RecordTemplate, LetterKind.Notice => NoticeTemplate, _ => ReleaseTemplate };
            doc = await new IssuedDocuments(db, clock).RecordAsync(actor, new DocumentIssue(docKind, template, TemplateVersion, v.TaxpayerId, null, data,
                Summary: $"{title} 差押 {v.Id} {YenText.Yen(v.Amount)}"), ct);
        }
        else
            doc = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.Id == documentId, ct);
        FormRecipient recipient = toThirdParty
            // The third-party debtor (a bank, an employer) is the addressee, 御中: the delinquent and the 宛名番号 are in the body, not in the address block.
            ? new FormRecipient(null, string.IsNullOrWhiteSpace(v.ThirdPartyAddress) ? [] : [v.ThirdPartyAddress!], v.ThirdPartyName ?? "", "第三債務者", null, "", Honorific: "御中")
            : new FormRecipient(party.PostalCode,
                new[] { party.TownName, party.StreetNumber, party.AddressSupplement }.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!).ToList(),
                party.Name, to?.Attention, to is { Kind: not 0 } ? to.Taxpayer.Name : null, v.TaxpayerNo);
        var letter = new FormLetter(FormLayout.A4Letter, title, doc.Id.ToString(CultureInfo.InvariantCulture), today, recipient,
            new FormSender(city.Name, city.Office, city.Department, city.Address, city.Phone), body, rows, [],
            toThirdParty ? [] : LetterTexts.AppealNotice(city).Split('\n'),
            kind == LetterKind.Release ? null : $"延滞金は{JapaneseDate.Wareki(v.SeizedOn)}までの額です。納付の日までの延滞金を加算して徴収します。");
        Renderer.Value.Check([letter]);
        return (doc, letter);
    }

    private void Detach()
    {
        foreach (var e in db.ChangeTracker.Entries().Where(e => e.Entity is Seizure or SeizureClaim or ClaimEvent).ToList()) e.State = EntityState.Detached;
    }

    private static string Required(string? text, string message, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("seizure.required", message);
        var t = text.Trim();
        return t.Length <= max ? t : throw new DomainException("seizure.too_long", $"{max}文字以内で入力してください: {message}");
    }

    private static string? Trim(string? text, int max) => string.IsNullOrWhiteSpace(text) ? null : text.Trim() is var t && t.Length > max ? t[..max] : text.Trim();

    private static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "未定";
}
