using Choshu.App.Assessments;
using Choshu.App.Claims;
using Choshu.App.Settings;
using Choshu.App.Slips;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Notices;
using Choshu.Data.Payments;
using Choshu.Domain;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Notices;

/// <summary>What a reminder run selects: installments due in [<paramref name="DueFrom"/>, <paramref name="DueTo"/>] (either
/// open), as of <paramref name="AsOf"/>; the slips' deadline (default: as of + slip.valid_days, past closed days).</summary>
public sealed record ReminderRequest(DateOnly AsOf, DateOnly? DueFrom = null, DateOnly? DueTo = null, DateOnly? Deadline = null, string? Layout = null);

/// <summary>
/// 督促状の対象抽出: every installment not fully paid (principal) by its 納期限 that has no reminder yet (none dispatched, none in a
/// run that is not cancelled or pulled), due in the range, listed by due date so none is skipped; those past the 20-day window
/// (<see cref="ClaimStatus.ReminderDeadline"/>) are marked, not dropped. Left out, each with its reason: a payment on its way
/// (a store 速報 not yet confirmed), a deferment or stay running on the day, a claim that has ended, a deceased taxpayer without
/// an heirs' representative, no address. One letter per installment; the reminder fee (setting reminder.fee_yen) is printed
/// on it and charged only at dispatch.
/// </summary>
public static class ReminderSelection
{
    public static async Task<NoticePlan> PlanAsync(ChoshuDbContext db, ReminderRequest request, CancellationToken ct = default)
    {
        if (request.DueFrom is { } f && request.DueTo is { } t && f > t)
            throw new DomainException("notice.range_invalid", $"納期限の範囲が逆です（--due-from {D(f)} が --due-to {D(t)} より後）。");
        var (settings, calendar, rates, deadline, layout) = await NoticeSetup.LoadAsync(db, request.AsOf, request.Deadline, request.Layout, ct);
        var asOf = request.AsOf;

        // Candidates in SQL: past due, principal unpaid, no reminder event that was not withdrawn, not in a live reminder run.
        var q = from i in db.Installments.AsNoTracking()
                where i.DueDate < asOf
                      && db.JournalEntries.Where(j => j.InstallmentId == i.Id && j.Component == LedgerComponent.Principal).Sum(j => j.Amount) > 0
                      && !db.ClaimEvents.Any(e => e.InstallmentId == i.Id
                            && (e.Kind == ClaimEventKind.ReminderDispatched || e.Kind == ClaimEventKind.ReminderServedByPublicNotice)
                            && !db.ClaimEvents.Any(w => w.ReversesEventId == e.Id && w.Kind == ClaimEventKind.Withdrawal))
                      && !(from x in db.NoticeLetterItems
                           join l in db.NoticeLetters on x.LetterId equals l.Id
                           join r in db.NoticeRuns on x.RunId equals r.Id
                           where x.InstallmentId == i.Id && r.Kind == NoticeRunKinds.Reminder && r.CancelledAtUtc == null && !l.Pulled
                                 // a dispatched reminder withdrawn since (claim event withdraw) no longer holds the installment
                                 && (x.ClaimEventId == null || !db.ClaimEvents.Any(w => w.ReversesEventId == x.ClaimEventId && w.Kind == ClaimEventKind.Withdrawal))
                           select x.Id).Any()
                select new { i.Id, i.DueDate };
        if (request.DueFrom is { } from) q = q.Where(x => x.DueDate >= from);
        if (request.DueTo is { } to) q = q.Where(x => x.DueDate <= to);
        var candidates = await q.OrderBy(x => x.DueDate).ThenBy(x => x.Id).Select(x => x.Id).ToListAsync(ct);

        var refs = await InstallmentFinder.ByIdsAsync(db, candidates, ct);
        var pending = new HashSet<long>();
        foreach (var chunk in candidates.Chunk(5000))
        {
            var ids = chunk.ToList();
            pending.UnionWith(await db.Payments.AsNoTracking()
                .Where(p => p.Status == PaymentStatus.Pending && p.InstallmentId != null && EF.Parameter(ids).Contains(p.InstallmentId.Value))
                .Select(p => p.InstallmentId!.Value).ToListAsync(ct));
        }
        var addressees = await NoticeAddressees.LoadAsync(db, refs.Values.Select(r => r.TaxpayerId).ToList(), asOf, ct);

        var letters = new List<PlannedLetter>();
        var excluded = new List<NoticeExclusion>();
        foreach (var chunk in candidates.Chunk(5000))
        {
            var ledgers = await ClaimLedgers.LoadAsync(db, chunk, ct);
            foreach (var id in chunk)
            {
                var inst = refs[id];
                var ledger = ledgers[id];
                var party = addressees.Party(inst.TaxpayerId);
                void Exclude(string code, string reason) => excluded.Add(new NoticeExclusion(inst.TaxpayerId, party.TaxpayerNo, inst, code, reason));
                if (ClaimEvent.InForce(ledger.Events).Any(e => e.Kind is ClaimEventKind.ReminderDispatched or ClaimEventKind.ReminderServedByPublicNotice))
                    continue; // reminded (a withdrawal of the withdrawal cannot exist; belt and braces)
                if (pending.Contains(id)) { Exclude(NoticeExclusionCodes.PaymentPending, "納付の速報があり、確報待ちです（督促状は発しません）。"); continue; }
                var status = ClaimStatus.Of(ledger, asOf);
                switch (status.Kind)
                {
                    case ClaimStatusKind.Paid or ClaimStatusKind.NotDue: continue;
                    case ClaimStatusKind.Deferred: Exclude(NoticeExclusionCodes.Deferred, $"猶予中です（{D(status.Until)} まで）。猶予中は督促しません。"); continue;
                    case ClaimStatusKind.Stayed: Exclude(NoticeExclusionCodes.Stayed, "執行停止中です。"); continue;
                    case ClaimStatusKind.Lapsed or ClaimStatusKind.WrittenOff: Exclude(NoticeExclusionCodes.Ended, $"徴収権が消滅しています（{D(status.LapsesOn)}）。"); continue;
                }
                var addressee = addressees.Resolve(inst.TaxpayerId, inst.TaxKindCode);
                if (addressee is null) { Exclude(NoticeExclusionCodes.DeceasedNoHeir, "納税義務者が死亡しており、相続人代表者の届出がありません。担当者が相続人を確認してください。"); continue; }
                if (!addressee.To.HasAddress) { Exclude(NoticeExclusionCodes.NoAddress, $"送付先（宛名番号 {addressee.To.TaxpayerNo}）の住所がありません。"); continue; }
                ReissuedSlip slip;
                try
                {
                    slip = ReissuedSlip.Compute(inst, ledger, asOf, settings.SlipValidDays, settings.StoreBillerCode, calendar, rates,
                        reminderFeeToCharge: settings.ReminderFee, fixedDeadline: deadline);
                }
                catch (DomainException e) { Exclude(NoticeExclusionCodes.SlipRefused, e.Message); continue; }
                var item = new PlannedItem(inst, slip.Principal, slip.ReminderFee, slip.LateFee, slip.Deadline, slip.MatchKey, slip.Barcode,
                    null, asOf > ClaimStatus.ReminderDeadline(inst.DueDate));
                letters.Add(new PlannedLetter(addressee, [item], LetterTexts.Reminder));
            }
        }
        var conditions = NoticeConditionsJson.Of(("asOf", D(asOf)), ("dueFrom", D(request.DueFrom)), ("dueTo", D(request.DueTo)), ("deadline", D(deadline)));
        var through = await db.Payments.AsNoTracking().MaxAsync(p => (DateTime?)p.RecordedAtUtc, ct);
        return new NoticePlan(NoticeRunKinds.Reminder, asOf, deadline, conditions, null, layout, null, letters, excluded) { PaymentsRecordedThrough = through };
    }

    private static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}

/// <summary>What every notice selection reads first: the settings, the calendar and rates, the run's deadline and paper.</summary>
public static class NoticeSetup
{
    /// <summary>
    /// The settings (a broken stored value refused, naming its key), calendar and late-fee rates; the deadline (the one given,
    /// moved past closed days, else as of + slip.valid_days), refused unless after <paramref name="asOf"/>; the layout (the one
    /// given, else the setting notices.layout).
    /// </summary>
    public static async Task<(AppSettings Settings, Domain.Calendar.HolidayCalendar Calendar, Domain.LateFees.LateFeeRateTable Rates, DateOnly Deadline, string Layout)>
        LoadAsync(ChoshuDbContext db, DateOnly asOf, DateOnly? deadline, string? layout, CancellationToken ct)
    {
        var settings = await AppSettings.LoadAsync(db, ct);
        var calendar = await ReferenceData.LoadCalendarAsync(db, ct);
        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        var due = deadline is { } dl ? calendar.EffectiveDueDate(dl) : SlipDeadline.For(asOf, settings.SlipValidDays, calendar);
        if (due <= asOf)
            throw new DomainException("notice.deadline_invalid",
                $"指定期限 {due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} は基準日 {asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} より後の日にしてください。");
        return (settings, calendar, rates, due, NoticeLayouts.Parse(layout ?? settings.City.NoticeLayout));
    }
}

/// <summary>The paper layouts by their setting names (a4, postcard, threefold).</summary>
public static class NoticeLayouts
{
    public static readonly IReadOnlyList<string> Names = ["a4", "postcard", "threefold"];

    public static string Parse(string value) =>
        Names.Contains(value) ? value
        : throw new DomainException("notice.layout_invalid", $"用紙「{value}」は使えません（a4: A4封書、postcard: 圧着はがき、threefold: A4三つ折り圧着）。");
}

/// <summary>The conditions of a run as canonical text (sorted names, no whitespace), for the run record.</summary>
public static class NoticeConditionsJson
{
    public static string Of(params (string Name, string Value)[] fields) =>
        new Documents.DocumentData().AddAll(fields.Where(f => f.Value.Length > 0)).ToCanonicalJson();

    private static Documents.DocumentData AddAll(this Documents.DocumentData d, IEnumerable<(string Name, string Value)> fields)
    {
        foreach (var (n, v) in fields) d.Add(n, v);
        return d;
    }
}
