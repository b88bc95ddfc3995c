using System.Globalization;

namespace Choshu.Domain.Cases;

/// <summary>What a taxpayer undertook. Stored as numbers in <c>pledges.kind</c>: never renumber, only add.</summary>
public enum PledgeKind : short
{
    /// <summary>約束: an amount by a date, said (by phone, at the counter), not signed; judged with no grace.</summary>
    Promise = 1,
    /// <summary>分納誓約: a signed schedule (納付誓約書); the signing is a 承認 on every covered claim (民法152条).</summary>
    InstallmentPledge = 2,
}

/// <summary>What happened to a pledge after it was recorded. Stored as numbers in <c>pledge_events.kind</c>: never renumber.</summary>
public enum PledgeEventKind : short
{
    /// <summary>取消: the pledge no longer binds (withdrawn by the taxpayer, replaced by a new pledge, recorded in error), with a reason.</summary>
    Cancelled = 1,
    /// <summary>完了: closed by the officer (paid off otherwise, the claims amended away), with a reason.</summary>
    Completed = 2,
    /// <summary>納付誓約書 (with its slips) printed: the issued document is linked.</summary>
    FormIssued = 3,
    /// <summary>分納不履行通知 printed: the issued document is linked.</summary>
    BreachLetterIssued = 4,
}

/// <summary>The standing of a pledge on a day: derived from its schedule, its events and the payments, never stored.</summary>
public enum PledgeState : short
{
    /// <summary>履行中: every instalment due (with grace) so far is paid.</summary>
    Active = 1,
    /// <summary>不履行: an instalment was not paid by its date plus the grace days.</summary>
    Breached = 2,
    /// <summary>履行済: the whole schedule is paid.</summary>
    Fulfilled = 3,
    /// <summary>取消.</summary>
    Cancelled = 4,
    /// <summary>完了 (closed by the officer).</summary>
    Completed = 5,
}

/// <summary>One scheduled payment: its number (1…), its day and its amount in yen.</summary>
public sealed record PledgeInstalment(int No, DateOnly DueOn, long Amount);

/// <summary>Money received on the covered claims that counts toward a pledge: the day it counts from and the yen (a reversal is negative).</summary>
public readonly record struct PledgePayment(DateOnly On, long Amount);

/// <summary>One instalment as it stands on the day.</summary>
/// <param name="Deadline">The last day it may be paid without breach: its day plus the grace days.</param>
/// <param name="Paid">How much of it the payments so far cover (filled oldest instalment first).</param>
/// <param name="PaidByDeadline">How much of it the payments up to its <paramref name="Deadline"/> cover.</param>
/// <param name="Missed">Its deadline has passed on the day and the payments by then did not cover it.</param>
public sealed record PledgeInstalmentStanding(int No, DateOnly DueOn, long Amount, DateOnly Deadline, long Paid, long PaidByDeadline, bool Missed)
{
    public long Unpaid => Amount - Paid;
}

/// <summary>A pledge on a day: its state, each instalment, the first one missed, and what is due next.</summary>
/// <param name="BreachedOn">The first day of the breach (the day after the missed instalment's deadline); null when not breached.</param>
/// <param name="NextDueOn">The day of the first instalment not fully paid (null when none is left or the pledge has ended).</param>
public sealed record PledgeStanding(
    PledgeState State,
    DateOnly AsOf,
    long Total,
    long Paid,
    IReadOnlyList<PledgeInstalmentStanding> Instalments,
    PledgeInstalmentStanding? Missed,
    DateOnly? BreachedOn,
    DateOnly? NextDueOn,
    long NextDueAmount,
    DateOnly? EndedOn)
{
    public bool InBreach => State == PledgeState.Breached;

    /// <summary>Still binding: in force (active or breached), neither cancelled, completed nor fulfilled.</summary>
    public bool Open => State is PledgeState.Active or PledgeState.Breached;
}

/// <summary>
/// The rules of promises and installment pledges (約束・分納誓約), pure: the schedule's checks (dates ascending, amounts
/// above zero, the sum against what is owed with the late fee estimated to the last day) and the standing on a day from
/// the payments received on the covered claims since the pledge was made. Payments fill the instalments oldest first;
/// instalment k is missed on day D when its deadline (its day + grace days) is before D and the payments dated up to that
/// deadline do not cover instalments 1…k. A breach stays a breach after a late part payment (the officer cancels or completes
/// the pledge, or records a new one); paying the whole schedule fulfils it (履行済). A promise is judged with no grace.
/// Worked example (the test): schedule 2026-01-31 30,000 and 2026-02-28 30,000, 10 grace days, 30,000 paid on 2026-01-20:
/// on 2026-03-10 the second instalment's deadline (2026-03-10) has not passed → active; on 2026-03-11 it has and only
/// 30,000 of 60,000 was paid by it → breached from 2026-03-11, instalment 2 unpaid 30,000.
/// </summary>
public static class PledgeRules
{
    /// <summary>The most instalments one pledge may have (5 years monthly).</summary>
    public const int MaxInstalments = 60;

    /// <summary>The longest a schedule may run after the pledge is made (a 徴収猶予 runs up to 2 years; a pledge is not held longer than 5).</summary>
    public const int MaxYears = 5;

    /// <summary>
    /// Refuses, in Japanese (<see cref="DomainException"/> "pledge.*"), a schedule that is empty, too long, not ascending,
    /// has an amount of zero or less, starts before <paramref name="madeOn"/>, or whose sum is below <paramref name="minimum"/>
    /// (principal and reminder fee owed) or above <paramref name="maximum"/> (that plus the late fee estimated to the last day).
    /// </summary>
    public static void Validate(PledgeKind kind, IReadOnlyList<PledgeInstalment> schedule, DateOnly madeOn, long minimum, long maximum)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.Count == 0) throw Bad("pledge.schedule_empty", "分納の予定（日付と金額）を1件以上入力してください。");
        if (kind == PledgeKind.Promise && schedule.Count != 1) throw Bad("pledge.promise_single", "約束は金額と日付を1件だけ入力します（複数回の分納は分納誓約で記録してください）。");
        if (schedule.Count > MaxInstalments) throw Bad("pledge.schedule_too_long", $"分納の回数は{MaxInstalments}回までです（{schedule.Count}回）。");
        for (var i = 0; i < schedule.Count; i++)
        {
            var s = schedule[i];
            if (s.Amount <= 0) throw Bad("pledge.amount_invalid", $"第{i + 1}回（{D(s.DueOn)}）の金額は1円以上にしてください。");
            if (s.DueOn < madeOn) throw Bad("pledge.date_before_signing", $"第{i + 1}回の納付日 {D(s.DueOn)} が{(kind == PledgeKind.Promise ? "約束の日" : "誓約日")} {D(madeOn)} より前です。");
            if (i > 0 && s.DueOn <= schedule[i - 1].DueOn)
                throw Bad("pledge.dates_not_ascending", $"納付日は古い順に、同じ日を重ねずに入力してください（第{i}回 {D(schedule[i - 1].DueOn)}、第{i + 1}回 {D(s.DueOn)}）。");
        }
        if (schedule[^1].DueOn > madeOn.AddYears(MaxYears))
            throw Bad("pledge.schedule_too_late", $"最終回の納付日 {D(schedule[^1].DueOn)} は{(kind == PledgeKind.Promise ? "約束の日" : "誓約日")}から{MaxYears}年以内にしてください。");
        if (kind == PledgeKind.Promise) return; // a promise may be a part payment: any amount
        var sum = schedule.Sum(s => s.Amount);
        if (minimum <= 0) throw Bad("pledge.nothing_owed", "対象の期別に未納額がありません。分納誓約は記録できません。");
        if (sum < minimum)
            throw Bad("pledge.sum_too_small", $"分納額の合計 {Yen(sum)} が対象の未納額（本税・督促手数料）{Yen(minimum)} に足りません。回数か金額を見直してください。");
        if (sum > maximum)
            throw Bad("pledge.sum_too_large",
                $"分納額の合計 {Yen(sum)} が対象の未納額に延滞金の見込額を加えた額 {Yen(maximum)}（最終回 {D(schedule[^1].DueOn)} まで計算）を超えています。");
    }

    /// <summary>
    /// The standing on <paramref name="asOf"/> of a pledge made <paramref name="madeOn"/> with <paramref name="schedule"/>:
    /// <paramref name="payments"/> are those on its covered claims (any day; only those from <paramref name="madeOn"/> to
    /// <paramref name="asOf"/> count), <paramref name="ended"/> the cancellation or completion in force, if any.
    /// </summary>
    public static PledgeStanding Evaluate(IReadOnlyList<PledgeInstalment> schedule, DateOnly madeOn, int graceDays,
        IEnumerable<PledgePayment> payments, DateOnly asOf, (PledgeEventKind Kind, DateOnly On)? ended = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentOutOfRangeException.ThrowIfNegative(graceDays);
        var counted = payments.Where(p => p.On >= madeOn && p.On <= asOf).OrderBy(p => p.On).ToList();
        long PaidBy(DateOnly day) => Math.Max(0, counted.Where(p => p.On <= day).Sum(p => p.Amount));
        var paid = PaidBy(asOf);
        var total = schedule.Sum(s => s.Amount);
        var rows = new List<PledgeInstalmentStanding>();
        long before = 0;
        foreach (var s in schedule.OrderBy(s => s.DueOn))
        {
            var deadline = s.DueOn.AddDays(graceDays);
            var byDeadline = Math.Clamp(PaidBy(deadline) - before, 0, s.Amount);
            var now = Math.Clamp(paid - before, 0, s.Amount);
            rows.Add(new PledgeInstalmentStanding(s.No, s.DueOn, s.Amount, deadline, now, byDeadline, deadline < asOf && byDeadline < s.Amount));
            before += s.Amount;
        }
        var missed = rows.FirstOrDefault(r => r.Missed);
        var next = rows.FirstOrDefault(r => r.Unpaid > 0);
        var endedOn = ended is { } e && e.On <= asOf ? e.On : (DateOnly?)null;
        var state = endedOn is not null ? (ended!.Value.Kind == PledgeEventKind.Cancelled ? PledgeState.Cancelled : PledgeState.Completed)
            : paid >= total ? PledgeState.Fulfilled
            : missed is not null ? PledgeState.Breached
            : PledgeState.Active;
        var open = state is PledgeState.Active or PledgeState.Breached;
        return new PledgeStanding(state, asOf, total, Math.Min(paid, total), rows, state == PledgeState.Breached ? missed : null,
            state == PledgeState.Breached ? missed!.Deadline.AddDays(1) : null,
            open ? next?.DueOn : null, open ? next?.Unpaid ?? 0 : 0, endedOn);
    }

    /// <summary>
    /// Parses a schedule written <c>YYYY-MM-DD:AMOUNT</c> per instalment (commas in the amount allowed), numbering them 1…
    /// in the order given; refuses a malformed item in Japanese.
    /// </summary>
    public static IReadOnlyList<PledgeInstalment> Parse(IEnumerable<string> items)
    {
        var list = new List<PledgeInstalment>();
        foreach (var raw in items.SelectMany(i => i.Split([' ', '\n', '\r', '\t', '、'], StringSplitOptions.RemoveEmptyEntries)))
        {
            var parts = raw.Split(':', 2);
            if (parts.Length != 2
                || !DateOnly.TryParseExact(parts[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on)
                || !long.TryParse(parts[1].Replace(",", "", StringComparison.Ordinal).Replace("円", "", StringComparison.Ordinal).Trim(),
                    NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
                throw Bad("pledge.schedule_format", $"分納の予定「{raw}」は「YYYY-MM-DD:金額」の形で入力してください（例: 2026-01-31:30000）。");
            list.Add(new PledgeInstalment(list.Count + 1, on, amount));
        }
        return list;
    }

    private static DomainException Bad(string code, string message) => new(code, message);

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Yen(long v) => v.ToString("#,0", CultureInfo.InvariantCulture) + "円";
}
