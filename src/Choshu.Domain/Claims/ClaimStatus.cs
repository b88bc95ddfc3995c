using Choshu.Domain.Ledger;

namespace Choshu.Domain.Claims;

/// <summary>The status of a claim on a day, with the dates behind it.</summary>
/// <param name="Kind">The one status.</param>
/// <param name="LapsesOn">The first day the right to collect no longer exists (null when it cannot be placed).</param>
/// <param name="ReminderOn">The day the effective reminder was dispatched (or served by public notice); null when none.</param>
/// <param name="SeizableFrom">The first day a seizure is lawful (督促状を発した日から起算して10日を経過した日の翌日, or the day after a
/// 繰上徴収 納期限 when earlier); null without a reminder or an acceleration.</param>
/// <param name="Until">The last day of the state shown, when it has one (a deferment's end, a pledge's last day).</param>
public sealed record ClaimStatusResult(ClaimStatusKind Kind, DateOnly? LapsesOn, DateOnly? ReminderOn, DateOnly? SeizableFrom, DateOnly? Until)
{
    /// <summary>Nothing may be collected on it any more (時効 or 欠損): no slip, no debit, no counter payment, not in arrears lists.</summary>
    public bool Extinguished => Kind is ClaimStatusKind.Lapsed or ClaimStatusKind.WrittenOff;

    /// <summary>Something is owed and collectable, past the due date (what a reminder, demand or arrears list is about).</summary>
    public bool InArrears => Kind is ClaimStatusKind.Unpaid or ClaimStatusKind.Reminded or ClaimStatusKind.PayingByPledge
        or ClaimStatusKind.Deferred or ClaimStatusKind.Seized or ClaimStatusKind.Stayed;
}

/// <summary>
/// The one status of a claim (installment), derived from its ledger (money) and its events, never stored. Every caller
/// asks it: the booker, the counter, slips, direct debits, the arrears list, reports, the taxpayer page and the CLI.
/// Precedence, first match wins:
/// <list type="number">
/// <item>欠損: a write-off (不納欠損) in force on or before the day;</item>
/// <item>完納: nothing owed (principal, reminder fee and booked late fee);</item>
/// <item>時効: the right to collect no longer exists (<see cref="ClaimLimitation.Evaluate"/>: limitation, three years of
/// stay, extinction at once) with something left;</item>
/// <item>納期未到来: on or before the 納期限;</item>
/// <item>執行停止中, 差押中 (a seizure or claim for distribution pending), 猶予中, 分納中 (a written installment pledge up to its
/// last scheduled day): the state in force that day, in that order;</item>
/// <item>督促済: the effective reminder was dispatched on or before the day;</item>
/// <item>未納.</item>
/// </list>
/// </summary>
public static class ClaimStatus
{
    /// <summary>Days after the 納期限 within which the reminder is to be issued (地方税法329条1項 and parallel articles; directory).</summary>
    public const int ReminderWithinDays = 20;

    /// <summary>The status on <paramref name="asOf"/> of the claim whose money and events <paramref name="ledger"/> holds
    /// (<see cref="InstallmentLedger.From(ClaimDates, IEnumerable{LedgerLine}, IEnumerable{ClaimEvent})"/>).</summary>
    public static ClaimStatusResult Of(InstallmentLedger ledger, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var inForce = ClaimEvent.InForce(ledger.Events).Where(e => e.On <= asOf).ToList();
        var reminder = EffectiveReminder(inForce);
        var seizable = SeizableFrom(ledger.Dates, reminder);
        var lapsesOn = ledger.ClaimLapsesOn;

        ClaimStatusResult Result(ClaimStatusKind kind, DateOnly? until = null) => new(kind, lapsesOn, reminder, seizable, until);

        if (inForce.Any(e => e.Kind == ClaimEventKind.WriteOff)) return Result(ClaimStatusKind.WrittenOff);
        if (ledger.Owed <= 0) return Result(ClaimStatusKind.Paid);
        if (ledger.ClaimLapsed(asOf)) return Result(ClaimStatusKind.Lapsed);
        if (asOf <= ledger.Dates.DueDateInForce) return Result(ClaimStatusKind.NotDue);
        if (Running(inForce, ClaimEventKind.Stay, asOf, endIsExclusive: true) is { } stay) return Result(ClaimStatusKind.Stayed, stay.EndsOn);
        if ((Running(inForce, ClaimEventKind.Seizure, asOf) ?? Running(inForce, ClaimEventKind.ClaimForDistribution, asOf)) is { } seizure)
            return Result(ClaimStatusKind.Seized, seizure.EndsOn);
        if (Running(inForce, ClaimEventKind.Deferment, asOf) is { } deferment) return Result(ClaimStatusKind.Deferred, deferment.EndsOn);
        var pledge = inForce.LastOrDefault(e => e.AcknowledgementForm == AcknowledgementForm.InstallmentPledge);
        if (pledge is not null && (pledge.EndsOn is null || asOf <= pledge.EndsOn)) return Result(ClaimStatusKind.PayingByPledge, pledge.EndsOn);
        if (reminder is not null) return Result(ClaimStatusKind.Reminded);
        return Result(ClaimStatusKind.Unpaid);
    }

    /// <summary>The day by which the reminder is to be issued: 20 days after the 納期限.</summary>
    public static DateOnly ReminderDeadline(DateOnly dueDate) => dueDate.AddDays(ReminderWithinDays);

    /// <summary>
    /// The first day a seizure is lawful when the claim is still unpaid (地方税法331条1項): the reminder sent on D, the
    /// day on which 10 days have passed counting from D is D+10, so seizure is lawful from D+11 (sent 2025-05-20 → 2025-05-31).
    /// </summary>
    public static DateOnly SeizableFrom(DateOnly reminderDispatchedOn) => reminderDispatchedOn.AddDays(ClaimLimitation.ReminderDays + 1);

    /// <summary>
    /// The first day a seizure of the claim is lawful: <see cref="SeizableFrom(DateOnly)"/> of the effective reminder, or, when a 繰上徴収
    /// notice brought the 納期限 forward, the day after that 納期限 without a reminder (地方税法331条3項 and the parallel articles:
    /// accelerated 2026-12-10 → seizable from 2026-12-11), whichever is earlier; null when neither.
    /// </summary>
    public static DateOnly? SeizableFrom(ClaimDates dates, DateOnly? reminderDispatchedOn)
    {
        DateOnly? byReminder = reminderDispatchedOn is { } r ? SeizableFrom(r) : null;
        if (dates.AcceleratedDueDate is not { } a) return byReminder;
        var byAcceleration = a.AddDays(1);
        return byReminder is { } b && b < byAcceleration ? b : byAcceleration;
    }

    /// <summary>
    /// The effective reminder of a claim (the one that counts; a returned one waits for re-dispatch or public notice):
    /// its dispatch day, or null when none took effect.
    /// </summary>
    public static DateOnly? EffectiveReminder(IEnumerable<ClaimEvent> inForce)
    {
        DateOnly? reminder = null;
        foreach (var e in inForce.OrderBy(e => e.On).ThenBy(e => e.Id))
        {
            if (e.Kind is ClaimEventKind.ReminderDispatched or ClaimEventKind.ReminderServedByPublicNotice) reminder ??= e.On;
            else if (e.Kind == ClaimEventKind.ReminderReturned && reminder is not null) reminder = null;
        }
        return reminder;
    }

    private static ClaimEvent? Running(List<ClaimEvent> inForce, ClaimEventKind kind, DateOnly asOf, bool endIsExclusive = false) =>
        inForce.LastOrDefault(e => e.Kind == kind && (e.EndsOn is null || (endIsExclusive ? asOf < e.EndsOn : asOf <= e.EndsOn)));
}
