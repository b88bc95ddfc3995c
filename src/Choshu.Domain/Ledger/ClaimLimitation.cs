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

/// <summary>
/// 時効: the day an installment's right to collect (徴収権) lapses, from the events the system records.
/// <list type="bullet">
/// <item>The right lapses when it is not exercised for 5 years counted from the day after the statutory
/// due date (法定納期限の翌日から起算して5年, 地方税法18条1項). The lapse is absolute: no invocation is needed and
/// it cannot be waived (同2項), and nothing done after it revives the claim. Money received for a lapsed
/// claim is an overpayment (過誤納) to be appropriated or refunded.</item>
/// <item>The statutory due date used is the installment's effective due date (after the holiday shift, never
/// earlier than the notice's date); for an ordinary installment it is the 納期限 of the period. For a claim
/// assessed late, the notice (告知) renews the period to its own 納期限 (18条の2), which is that date too.</item>
/// <item>A period of years ends at the end of the day before the day of the last year corresponding to its
/// first counted day; when that year has no corresponding day (29 February), at the end of its February
/// (民法143条2項). <see cref="FirstLapsedDay(DateOnly)"/> is the day after that end.</item>
/// <item>Renewal by 督促 (18条の2第1項): the new period runs from the time the period up to the day on which 10
/// days have passed counted from the day the reminder was sent (督促状を発した日から起算して十日を経過した日) has
/// passed. With the reminder sent on D that day is D+10, and the new period's first counted day D+11.
/// (Checked against: kt-theif.hatenablog.jp/entry/2021/09/08/230641 — 18条の2 lists 告知, 督促 and 交付要求 and
/// 18条3項 applies the Civil Code, 完成猶予/更新 since 2020-04-01; www.lunasoft.co.jp/archives/32 — the 18条の2
/// text for 督促 and "10日経過した翌日（初日不算入）が時効起算日". Both are secondary sources; the article text
/// itself was not at hand.)</item>
/// <item>Renewal by 承認 (民法152条1項, applied by 18条3項): money applied to the claim acknowledges it; the new
/// period starts from that time, so (初日不算入, 民法140条) its first counted day is the day after the payment.
/// Appropriations (充当) are counted like payments, to stay on the safe side.</item>
/// </list>
/// Events are taken in date order; one on or after the day the claim has lapsed renews nothing.
/// <para><b>Not yet considered</b> (the system does not record them): seizure (差押え) and participating seizure,
/// claims for distribution (交付要求, 参加差押え), a pledge or any other acknowledgement without money (分納誓約,
/// 納付誓約), demand letters (催告: 6 months' suspension, 民法150条), deferments that stop the running (徴収猶予,
/// 換価の猶予), bankruptcy and other insolvency proceedings, a reminder recorded without a fee (督促手数料 0) or
/// issued outside this system. Each of these only ever makes the real lapse later, so the rule says "lapsed"
/// too early when one happened: the result is to be read conservatively — a claim is treated as lapsed only
/// on or after the computed day, and an increase notice makes the day unknown (never lapsed).</para>
/// </summary>
public static class ClaimLimitation
{
    /// <summary>The limitation period of the right to collect, in years (地方税法18条1項).</summary>
    public const int Years = 5;

    /// <summary>督促状を発した日から起算して十日を経過した日 = the issue day + this many days (18条の2).</summary>
    public const int ReminderDays = 10;

    /// <summary>The first day on which the claim has lapsed when nothing renewed it: 5 years from the day after <paramref name="statutoryDueDate"/>.</summary>
    public static DateOnly FirstLapsedDay(DateOnly statutoryDueDate) => AfterPeriod(statutoryDueDate.AddDays(1));

    /// <summary>
    /// The first day on which the claim has lapsed, with the renewals applied in date order; null when it cannot
    /// be placed (an <see cref="LimitationRenewalKind.IncreaseNotice"/>): such a claim is never treated as lapsed.
    /// </summary>
    public static DateOnly? FirstLapsedDay(DateOnly statutoryDueDate, IEnumerable<LimitationRenewal> renewals)
    {
        ArgumentNullException.ThrowIfNull(renewals);
        var list = renewals as IReadOnlyList<LimitationRenewal> ?? renewals.ToList();
        var lapses = FirstLapsedDay(statutoryDueDate);
        if (list.Count == 0) return lapses;
        var sorted = true;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Kind == LimitationRenewalKind.IncreaseNotice) return null;
            if (i > 0 && list[i].On < list[i - 1].On) sorted = false;
        }
        foreach (var r in sorted ? list : (IEnumerable<LimitationRenewal>)list.OrderBy(x => x.On))
        {
            // The claim lapsed before this event: the lapse is absolute, nothing after it renews (18条2項).
            if (r.On >= lapses) break;
            var renewed = AfterPeriod(FirstCountedDay(r));
            if (renewed > lapses) lapses = renewed;
        }
        return lapses;
    }

    /// <summary>The last day the right to collect still exists (the day before the first lapsed day); null when unknown.</summary>
    public static DateOnly? LastCollectableDay(DateOnly statutoryDueDate, IEnumerable<LimitationRenewal> renewals) =>
        FirstLapsedDay(statutoryDueDate, renewals)?.AddDays(-1);

    /// <summary>
    /// True when the claim has lapsed on <paramref name="on"/> (on or after the first lapsed day). Events dated on or
    /// after <paramref name="on"/> cannot change the answer, so the caller may pass them. Before the earliest
    /// possible lapse (5 years from the due date) the renewals are not looked at.
    /// </summary>
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
    public static DateOnly AfterPeriod(DateOnly firstCountedDay)
    {
        var year = firstCountedDay.Year + Years;
        return firstCountedDay is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year)
            ? new DateOnly(year, 3, 1)
            : new DateOnly(year, firstCountedDay.Month, firstCountedDay.Day);
    }
}
