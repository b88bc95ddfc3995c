using Choshu.Domain.Claims;

namespace Choshu.Domain.Ledger;

/// <summary>What renewed (更新) the limitation of an installment's claim, as the journal records it.</summary>
public enum LimitationRenewalKind : short
{
    /// <summary>督促: a reminder issued on <see cref="LimitationRenewal.On"/> (its 督促手数料 charge).</summary>
    Reminder = 1,
    /// <summary>承認: money applied to the installment on <see cref="LimitationRenewal.On"/> (a partial payment).</summary>
    Acknowledgement = 2,
    /// <summary>
    /// 告知 of an increase (増額の更正・決定) valued <see cref="LimitationRenewal.On"/>. The 納期限 the notice set
    /// for the increase is not recorded, so the restart cannot be placed: the claim is never treated as lapsed.
    /// </summary>
    IncreaseNotice = 3,
}

/// <summary>One event that renews the limitation period (時効の更新).</summary>
public readonly record struct LimitationRenewal(LimitationRenewalKind Kind, DateOnly On);

/// <summary>The due dates of a claim (domain.md §5): the 納期限 (late fee, reminder, seizable-from day) and the
/// 法定納期限 (limitation, appropriation, distribution priority, certificate window), equal for an ordinary installment; and the
/// 納期限 a 繰上徴収 notice brought forward (地方税法13条の2), when one did.</summary>
/// <param name="AcceleratedDueDate">The 納期限 set by a 繰上徴収の告知: from the day after it the claim is in arrears and may be seized
/// without a reminder (地方税法331条3項 and the parallel articles). The late fee still counts from <see cref="DueDate"/> and the limitation
/// from <see cref="StatutoryDueDate"/>, which the notice does not change.</param>
public readonly record struct ClaimDates(DateOnly DueDate, DateOnly StatutoryDueDate, DateOnly? AcceleratedDueDate = null)
{
    public static ClaimDates Ordinary(DateOnly dueDate) => new(dueDate, dueDate);

    /// <summary>The 納期限 in force: the accelerated one when a 繰上徴収 notice brought it forward, else <see cref="DueDate"/>.
    /// Until it has passed the claim is not due (納期未到来).</summary>
    public DateOnly DueDateInForce => AcceleratedDueDate is { } a && a < DueDate ? a : DueDate;
}

/// <summary>What an event or a payment did to the limitation of a claim.</summary>
public enum LimitationEffect : short
{
    /// <summary>起算: the period starts the day after the 法定納期限.</summary>
    Start = 1,
    /// <summary>更新 (before 2020-04-01: 中断): a new period starts on <see cref="LimitationStep.FirstCountedDay"/>.</summary>
    Renewed = 2,
    /// <summary>完成猶予 (before 2020-04-01: 停止): the period cannot complete before <see cref="LimitationStep.Through"/> has passed.</summary>
    Postponed = 3,
    /// <summary>The period does not run from <see cref="LimitationStep.On"/> to <see cref="LimitationStep.Through"/> (猶予).</summary>
    NotRunning = 4,
    /// <summary>The liability is extinguished on <see cref="LimitationStep.FirstCountedDay"/> (執行停止3年, 即時消滅).</summary>
    Extinguishes = 5,
    /// <summary>No effect on the dates (the reason says why).</summary>
    None = 6,
}

/// <summary>One line of the reasoning: the event, what it did, and why.</summary>
/// <param name="Source">The event kind, or null for money (a payment applied to the claim, 承認).</param>
/// <param name="FirstCountedDay">For a renewal, the first counted day of the new period; for an extinction, the first day the claim no longer exists.</param>
/// <param name="Through">For a postponement or a pause, its last day.</param>
/// <param name="Note">Japanese, for staff: the rule applied.</param>
public sealed record LimitationStep(DateOnly On, ClaimEventKind? Source, long? EventId, LimitationEffect Effect, DateOnly? FirstCountedDay, DateOnly? Through, string Note);

/// <summary>
/// The outcome of <see cref="ClaimLimitation.Evaluate"/>.
/// </summary>
/// <param name="LapsesOn">The first day on which the right to collect no longer exists, by limitation or by extinction
/// under a stay, whichever comes first; null when it cannot be placed (a seizure or claim for distribution pending, a
/// deferment without an end, an increase whose notice is not recorded) and nothing extinguishes the claim.</param>
/// <param name="LimitationLapsesOn">The first lapsed day by limitation alone (地方税法18条); null when it cannot be placed.</param>
/// <param name="StayExtinguishesOn">The first day after three years of continuous stay (15条の7第4項), or the day of an
/// extinction at once (同5項); null when none.</param>
public sealed record LimitationResult(DateOnly? LapsesOn, DateOnly? LimitationLapsesOn, DateOnly? StayExtinguishesOn, IReadOnlyList<LimitationStep> Steps)
{
    /// <summary>True when the right to collect no longer exists on <paramref name="on"/>.</summary>
    public bool HasLapsed(DateOnly on) => LapsesOn is { } l && on >= l;
}

/// <summary>
/// 時効 and the other ends of the right to collect: the one rule over a claim's events (<see cref="ClaimEvent"/>) and the
/// money applied to it, following domain.md §5. Pure: no clock, no store.
/// <list type="bullet">
/// <item>The right lapses when it is not exercised for 5 years counted from the day after the 法定納期限 (地方税法18条1項);
/// the lapse is absolute (同2項): nothing dated on or after it renews or postpones anything.</item>
/// <item>A period of years or months ends at the end of the day before the corresponding day of its last year or month,
/// or at the end of that month when it has no such day (民法143条2項); <see cref="AfterPeriod(DateOnly)"/> is the day after.</item>
/// <item>告知: postponed until its 納期限, renewed from the day after (18条の2第1項1号).</item>
/// <item>督促: only the one effective reminder counts (a reminder returned undelivered has no effect until it is dispatched
/// again or served by public notice); postponed until the 10th day counted from dispatch, renewed from the 11th (同2号).</item>
/// <item>交付要求・参加差押 and 差押: postponed while pending; renewed from the day after they end (同3号, 民法148条).
/// While one is pending the lapse cannot be placed.</item>
/// <item>承認 (a pledge, an acknowledgement, an application for deferment, and every payment applied to the claim):
/// renewed from the next day (民法152条, 140条).</item>
/// <item>催告: completion postponed until 6 months have passed from its arrival (民法150条1項); a 催告 arriving while an
/// earlier one's postponement runs has no effect (同2項); one without a provable arrival is not counted. Before 2020-04-01
/// (旧民法153条) a 催告 had effect only when a seizure or claim for distribution followed within 6 months.</item>
/// <item>猶予: the period does not run while it lasts (domain.md §5, marked verify).</item>
/// <item>執行停止: the limitation keeps running; three years of continuous stay extinguish the liability (15条の7第4項);
/// 即時消滅 extinguishes it on its day (同5項). The earlier end wins.</item>
/// </list>
/// Events before 2020-04-01 are worded with the old Civil Code's 中断・停止; the arithmetic of the kinds recorded here is the
/// same except for the 催告 above.
/// </summary>
public static class ClaimLimitation
{
    /// <summary>The limitation period of the right to collect, in years (地方税法18条1項).</summary>
    public const int Years = 5;

    /// <summary>督促状を発した日から起算して十日を経過した日 = the dispatch day + this many days (18条の2).</summary>
    public const int ReminderDays = 10;

    /// <summary>Months a 催告 postpones completion (民法150条).</summary>
    public const int DemandMonths = 6;

    /// <summary>Years of continuous stay that extinguish the liability (地方税法15条の7第4項).</summary>
    public const int StayYears = 3;

    /// <summary>The day the 2020 Civil Code amendments took effect: events before it follow 中断・停止.</summary>
    public static readonly DateOnly CivilCodeAmended = new(2020, 4, 1);

    /// <summary>The first day on which the claim has lapsed when nothing renewed it: 5 years from the day after <paramref name="statutoryDueDate"/>.</summary>
    public static DateOnly FirstLapsedDay(DateOnly statutoryDueDate) => AfterPeriod(statutoryDueDate.AddDays(1));

    /// <summary>
    /// Evaluates the claim: its lapse day and every step, from the events in force (withdrawn and replaced ones left
    /// out, see <see cref="ClaimEvent.InForce"/>) and the 納付日 of every payment applied to it.
    /// </summary>
    /// <param name="increaseWithoutNoticeOn">The value date of an increase of the principal whose notice (告知, with its
    /// 納期限) is not recorded as an event: the restart cannot be placed, so the lapse is unknown (never treated as lapsed).</param>
    public static LimitationResult Evaluate(ClaimDates claim, IEnumerable<ClaimEvent> events, IEnumerable<DateOnly> paidOn, DateOnly? increaseWithoutNoticeOn = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(paidOn);
        var inForce = ClaimEvent.InForce(events);
        var steps = new List<LimitationStep>();
        var start = claim.StatutoryDueDate.AddDays(1);
        steps.Add(new LimitationStep(claim.StatutoryDueDate, null, null, LimitationEffect.Start, start, null,
            $"法定納期限の翌日から起算（地方税法18条1項）"));

        // Pauses (猶予): intervals in which the period does not run, merged where they overlap (a day paused twice is one
        // day). An open-ended one makes the lapse unknown, if it began before the lapse (handled in the loop, at its date).
        var pauses = Merge(inForce.Where(e => e.Kind == ClaimEventKind.Deferment && e.EndsOn is not null).Select(d => (d.On, d.EndsOn!.Value)));

        var items = Timeline(inForce, paidOn, steps);
        // A late or past-year assessment (法定納期限 before the 納期限) whose notice is not recorded as an event: its 告知 is
        // taken as postponing to the 納期限 and renewing from the next day (18条の2第1項1号), as a recorded Notice would.
        var impliedNotice = claim.DueDate > claim.StatutoryDueDate && !inForce.Any(e => e.Kind == ClaimEventKind.Notice);
        if (impliedNotice)
        {
            items.Add(new TimelineItem(claim.DueDate, null, ImpliedNotice: true));
            items = Ordered(items);
        }
        DateOnly? postponedThrough = null;   // 催告: completion cannot happen on or before this day
        DateOnly? demandWindowEnd = null;    // the postponement of the latest counted 催告 since the last renewal
        var pending = false;                 // a seizure or claim for distribution without an end
        DateOnly? extinguished = null;

        DateOnly Lapse()
        {
            var l = AfterPeriodWithPauses(start, pauses);
            return postponedThrough is { } p && l <= p.AddDays(1) ? p.AddDays(1) : l;
        }

        void Renew(TimelineItem item, DateOnly firstCounted, string why)
        {
            if (firstCounted > start)
            {
                start = firstCounted;
                postponedThrough = null;
                demandWindowEnd = null;
            }
            steps.Add(new LimitationStep(item.On, item.Event?.Kind, item.Event?.Id, LimitationEffect.Renewed, firstCounted, null,
                $"{why}: {(item.On < CivilCodeAmended ? "中断" : "更新")}、{firstCounted:yyyy-MM-dd} から新たに起算"));
        }

        foreach (var item in items)
        {
            var e = item.Event;
            if (extinguished is { } x && item.On >= x)
            {
                steps.Add(None(item, "徴収権の消滅後のため効力なし"));
                continue;
            }
            if (!pending && item.On >= Lapse())
            {
                steps.Add(None(item, $"時効完成（{Lapse():yyyy-MM-dd} 消滅）後のため効力なし（地方税法18条2項）"));
                continue;
            }
            switch (e?.Kind)
            {
                case null when item.ImpliedNotice:
                    Renew(item, item.On.AddDays(1), $"告知（納期限 {item.On:yyyy-MM-dd} まで完成猶予。告知の記録がないため調定の納期限による）");
                    break;
                case null:
                    Renew(item, item.On.AddDays(1), "納付（承認）");
                    break;
                case ClaimEventKind.Acknowledgement:
                    Renew(item, item.On.AddDays(1), "承認（民法152条）");
                    break;
                case ClaimEventKind.Notice:
                    Renew(item, e.EndsOn!.Value.AddDays(1), $"告知（納期限 {e.EndsOn:yyyy-MM-dd} まで完成猶予）");
                    break;
                case ClaimEventKind.ReminderDispatched or ClaimEventKind.ReminderServedByPublicNotice:
                    Renew(item, item.On.AddDays(ReminderDays + 1), $"督促（{item.On.AddDays(ReminderDays):yyyy-MM-dd} まで完成猶予、地方税法18条の2）");
                    break;
                case ClaimEventKind.Seizure or ClaimEventKind.ClaimForDistribution:
                    var what = e.Kind == ClaimEventKind.Seizure ? "差押" : "交付要求・参加差押";
                    if (e.EndsOn is { } ended)
                        Renew(item, ended.AddDays(1), $"{what}（{ended:yyyy-MM-dd} 終了まで完成猶予）");
                    else
                    {
                        pending = true;
                        steps.Add(new LimitationStep(item.On, e.Kind, e.Id, LimitationEffect.Postponed, null, null,
                            $"{what}の手続中は時効が完成しない（終了の翌日から新たに起算）"));
                    }
                    break;
                case ClaimEventKind.Demand:
                    var arrival = item.On;
                    if (demandWindowEnd is { } w && arrival <= w)
                    {
                        steps.Add(None(item, $"催告による完成猶予中（{w:yyyy-MM-dd} まで）の再度の催告のため効力なし（民法150条2項）"));
                        break;
                    }
                    var through = AfterMonths(arrival.AddDays(1), DemandMonths).AddDays(-1);
                    if (arrival < CivilCodeAmended && !inForce.Any(s =>
                            s.Kind is ClaimEventKind.Seizure or ClaimEventKind.ClaimForDistribution && s.On > arrival && s.On <= through))
                    {
                        steps.Add(None(item, "旧民法153条: 6か月以内に差押え等がないため中断の効力なし"));
                        break;
                    }
                    demandWindowEnd = through;
                    if (postponedThrough is null || through > postponedThrough) postponedThrough = through;
                    steps.Add(new LimitationStep(item.On, e.Kind, e.Id, LimitationEffect.Postponed, null, through,
                        $"催告（{arrival:yyyy-MM-dd} 到達）: {through:yyyy-MM-dd} まで{(arrival < CivilCodeAmended ? "時効は完成しない（旧民法153条）" : "完成猶予（民法150条）")}"));
                    break;
                case ClaimEventKind.Deferment:
                    if (e.EndsOn is null) pending = true;
                    steps.Add(new LimitationStep(item.On, e.Kind, e.Id, LimitationEffect.NotRunning, null, e.EndsOn,
                        e.EndsOn is { } dt ? $"猶予期間（{dt:yyyy-MM-dd} まで）は時効が進行しない" : "猶予期間中は時効が進行しない（終了日未定）"));
                    break;
                case ClaimEventKind.Stay:
                    var extinctionDay = AfterPeriod(item.On.AddDays(1), StayYears, 0);
                    if (e.EndsOn is { } cancelled && cancelled < extinctionDay)
                        steps.Add(None(item, $"執行停止は {cancelled:yyyy-MM-dd} に取り消された（3年継続せず）。時効は進行を続ける"));
                    else
                    {
                        if (extinguished is null || extinctionDay < extinguished) extinguished = extinctionDay;
                        steps.Add(new LimitationStep(item.On, e.Kind, e.Id, LimitationEffect.Extinguishes, extinctionDay, null,
                            $"執行停止が3年継続すると {extinctionDay.AddDays(-1):yyyy-MM-dd} の終了をもって納付義務が消滅（地方税法15条の7第4項）。時効は進行を続ける"));
                    }
                    break;
                case ClaimEventKind.ImmediateExtinction:
                    if (extinguished is null || item.On < extinguished) extinguished = item.On;
                    steps.Add(new LimitationStep(item.On, e.Kind, e.Id, LimitationEffect.Extinguishes, item.On, null, "即時消滅（地方税法15条の7第5項）"));
                    break;
                default:
                    steps.Add(None(item, "時効の起算・完成に影響しない"));
                    break;
            }
        }

        // An increase whose notice is not recorded makes the lapse unknown only if it came while the claim was alive.
        var unplaced = increaseWithoutNoticeOn is { } i0 && (pending || i0 < Lapse());
        DateOnly? limitation = pending || unplaced ? null : Lapse();
        if (unplaced && increaseWithoutNoticeOn is { } inc)
            steps.Add(new LimitationStep(inc, null, null, LimitationEffect.None, null, null,
                "増額の更正・決定の告知（納期限）が記録されていないため、時効の完成日を特定できない"));
        DateOnly? lapsesOn = limitation is { } l2 && extinguished is { } x2 ? (l2 < x2 ? l2 : x2) : limitation ?? extinguished;
        return new LimitationResult(lapsesOn, limitation, extinguished, steps);
    }

    private static LimitationStep None(TimelineItem item, string why) =>
        new(item.On, item.Event?.Kind, item.Event?.Id, LimitationEffect.None, null, null, why);

    private sealed record TimelineItem(DateOnly On, ClaimEvent? Event, bool ImpliedNotice = false);

    /// <summary>The union of closed intervals, in date order.</summary>
    private static List<(DateOnly From, DateOnly To)> Merge(IEnumerable<(DateOnly From, DateOnly To)> intervals)
    {
        var merged = new List<(DateOnly From, DateOnly To)>();
        foreach (var (from, to) in intervals.OrderBy(i => i.From))
        {
            if (merged.Count > 0 && from <= merged[^1].To.AddDays(1))
            {
                if (to > merged[^1].To) merged[^1] = (merged[^1].From, to);
            }
            else merged.Add((from, to));
        }
        return merged;
    }

    /// <summary>
    /// The events that count, at the date they take effect (a 催告 at its arrival), with the money, in date order. Of the
    /// reminders only the effective one is kept; the others get their step here.
    /// </summary>
    private static List<TimelineItem> Timeline(IReadOnlyList<ClaimEvent> inForce, IEnumerable<DateOnly> paidOn, List<LimitationStep> steps)
    {
        var items = new List<TimelineItem>();
        ClaimEvent? reminder = null;
        foreach (var e in inForce)
        {
            switch (e.Kind)
            {
                case ClaimEventKind.ReminderDispatched or ClaimEventKind.ReminderServedByPublicNotice:
                    if (reminder is null) reminder = e;
                    else steps.Add(new LimitationStep(e.On, e.Kind, e.Id, LimitationEffect.None, null, null,
                        "督促は1回限り: 2回目以降は時効を更新しない"));
                    break;
                case ClaimEventKind.ReminderReturned:
                    if (reminder is not null)
                    {
                        steps.Add(new LimitationStep(e.On, e.Kind, e.Id, LimitationEffect.None, null, null,
                            $"{reminder.On:yyyy-MM-dd} 発付の督促状が返戻: 再発送または公示送達まで効力なし"));
                        reminder = null;
                    }
                    break;
                case ClaimEventKind.Demand:
                    if (e.ArrivedOn is { } a) items.Add(new TimelineItem(a, e));
                    else steps.Add(new LimitationStep(e.On, e.Kind, e.Id, LimitationEffect.None, null, null,
                        "催告の到達日が記録されていない（普通郵便など）ため考慮しない"));
                    break;
                case ClaimEventKind.WriteOff:
                    break;
                default:
                    items.Add(new TimelineItem(e.On, e));
                    break;
            }
        }
        if (reminder is not null) items.Add(new TimelineItem(reminder.On, reminder));
        foreach (var d in paidOn) items.Add(new TimelineItem(d, null));
        return Ordered(items);
    }

    /// <summary>Date order; on one day events first, then money (a payment on the day of a reminder renews from its own next day anyway).</summary>
    private static List<TimelineItem> Ordered(IEnumerable<TimelineItem> items) =>
        items.OrderBy(i => i.On).ThenBy(i => i.Event is null ? 1 : 0).ThenBy(i => i.Event?.Id ?? 0).ToList();

    /// <summary>
    /// The day after a period of <see cref="Years"/> years from <paramref name="firstCountedDay"/> that does not run
    /// during the pauses: each paused day inside the running period moves the end by one day.
    /// </summary>
    private static DateOnly AfterPeriodWithPauses(DateOnly firstCountedDay, List<(DateOnly From, DateOnly To)> pauses)
    {
        var end = AfterPeriod(firstCountedDay);
        foreach (var (from, to) in pauses.OrderBy(p => p.From))
        {
            var f = from > firstCountedDay ? from : firstCountedDay;
            if (to < f || f >= end) continue;
            end = end.AddDays(to.DayNumber - f.DayNumber + 1);
        }
        return end;
    }

    // ---- the earlier API, kept for its callers and tests: renewals as a list, answered by Evaluate ----

    /// <summary>
    /// The first day on which the claim has lapsed, with the renewals applied; null when it cannot be placed (an
    /// <see cref="LimitationRenewalKind.IncreaseNotice"/>). A shorthand for <see cref="Evaluate"/> on an ordinary claim.
    /// </summary>
    public static DateOnly? FirstLapsedDay(DateOnly statutoryDueDate, IEnumerable<LimitationRenewal> renewals)
    {
        ArgumentNullException.ThrowIfNull(renewals);
        var list = renewals as IReadOnlyList<LimitationRenewal> ?? renewals.ToList();
        if (list.Count == 0) return FirstLapsedDay(statutoryDueDate);
        var events = new List<ClaimEvent>();
        var money = new List<DateOnly>();
        DateOnly? increase = null;
        foreach (var r in list)
        {
            switch (r.Kind)
            {
                case LimitationRenewalKind.Reminder: events.Add(ClaimEvent.Of(events.Count + 1, ClaimEventKind.ReminderDispatched, r.On)); break;
                case LimitationRenewalKind.Acknowledgement: money.Add(r.On); break;
                default: increase ??= r.On; break;
            }
        }
        return Evaluate(ClaimDates.Ordinary(statutoryDueDate), events, money, increase).LapsesOn;
    }

    /// <summary>The last day the right to collect still exists (the day before the first lapsed day); null when unknown.</summary>
    public static DateOnly? LastCollectableDay(DateOnly statutoryDueDate, IEnumerable<LimitationRenewal> renewals) =>
        FirstLapsedDay(statutoryDueDate, renewals)?.AddDays(-1);

    /// <summary>True when the claim has lapsed on <paramref name="on"/> (on or after the first lapsed day).</summary>
    public static bool HasLapsed(DateOnly statutoryDueDate, IEnumerable<LimitationRenewal> renewals, DateOnly on) =>
        on >= FirstLapsedDay(statutoryDueDate) && FirstLapsedDay(statutoryDueDate, renewals) is { } lapses && on >= lapses;

    /// <summary>The first counted day of the new period a renewal starts.</summary>
    public static DateOnly FirstCountedDay(LimitationRenewal renewal) => renewal.Kind switch
    {
        LimitationRenewalKind.Reminder => renewal.On.AddDays(ReminderDays + 1),
        LimitationRenewalKind.Acknowledgement => renewal.On.AddDays(1),
        _ => throw new ArgumentOutOfRangeException(nameof(renewal), renewal.Kind, "An increase notice has no known restart."),
    };

    /// <summary>
    /// The day after a period of <see cref="Years"/> years whose first counted day is <paramref name="firstCountedDay"/>
    /// (民法143条2項): the corresponding day of the last year, or 1 March when that year has no 29 February.
    /// (Not DateOnly.AddYears, which clamps 02-29 to 02-28 and would end the period a day early.)
    /// </summary>
    public static DateOnly AfterPeriod(DateOnly firstCountedDay) => AfterPeriod(firstCountedDay, Years, 0);

    /// <summary>
    /// The day after a period of <paramref name="years"/> years and <paramref name="months"/> months whose first counted
    /// day is <paramref name="firstCountedDay"/> (民法143条2項): the corresponding day, or the first day of the next month
    /// when the last month has no corresponding day.
    /// </summary>
    public static DateOnly AfterPeriod(DateOnly firstCountedDay, int years, int months)
    {
        var monthIndex = firstCountedDay.Year * 12 + firstCountedDay.Month - 1 + years * 12 + months;
        int y = monthIndex / 12, m = monthIndex % 12 + 1;
        return firstCountedDay.Day <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, firstCountedDay.Day)
            : new DateOnly(y, m, 1).AddMonths(1);
    }

    /// <summary>The day after a period of <paramref name="months"/> months from <paramref name="firstCountedDay"/>.</summary>
    public static DateOnly AfterMonths(DateOnly firstCountedDay, int months) => AfterPeriod(firstCountedDay, 0, months);
}
