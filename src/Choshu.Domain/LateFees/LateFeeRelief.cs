using Choshu.Domain.Claims;

namespace Choshu.Domain.LateFees;

/// <summary>How the late fee of a relieved period is reduced (地方税法15条の9, 附則3条の2).</summary>
public enum LateFeeReliefKind : short
{
    /// <summary>全額免除: a stay of enforcement (15条の9第1項), a 徴収猶予 for disaster, theft, illness or injury (15条1項1号・2号).</summary>
    Exempt = 1,
    /// <summary>
    /// 2分の1免除、猶予特例基準割合まで: a 徴収猶予 for a business closed or in loss or a similar fact, a 換価の猶予 (15条の9第1項):
    /// the half is exempt, and the rate is further capped at the year's 猶予特例基準割合 (附則3条の2第4項).
    /// </summary>
    HalvedCapped = 2,
}

/// <summary>A period (both days inclusive) whose late fee is relieved, and why.</summary>
public sealed record LateFeeReliefPeriod(DateOnly From, DateOnly To, LateFeeReliefKind Kind, string Basis);

/// <summary>
/// The periods a claim's events relieve from late fee: the one reading of the claim's events for the late-fee calculator
/// (<see cref="LateFeeCalculator"/>), so the ledger, the slips, the case file and the certificate all quote the same amount.
/// <list type="bullet">
/// <item>執行停止 (<see cref="ClaimEventKind.Stay"/>): exempt in full from its first day to the day before it was cancelled
/// (<c>EndsOn</c> is the cancellation day), or to the end while in force (15条の9第1項).</item>
/// <item>徴収猶予 for <see cref="DefermentReason.Disaster"/> or <see cref="DefermentReason.Illness"/>: exempt in full, its first day
/// to its last day inclusive.</item>
/// <item>Any other 徴収猶予 and every 換価の猶予: halved and capped at the 猶予特例基準割合 for the same days.</item>
/// </list>
/// Where periods overlap, exemption in full wins. Withdrawn and replaced events count for nothing (<see cref="ClaimEvent.InForce"/>).
/// </summary>
public static class LateFeeReliefs
{
    public static IReadOnlyList<LateFeeReliefPeriod> From(IEnumerable<ClaimEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var periods = new List<LateFeeReliefPeriod>();
        foreach (var e in ClaimEvent.InForce(events))
        {
            switch (e.Kind)
            {
                case ClaimEventKind.Stay:
                    var last = e.EndsOn is { } cancelled ? cancelled.AddDays(-1) : DateOnly.MaxValue;
                    if (last >= e.On) periods.Add(new LateFeeReliefPeriod(e.On, last, LateFeeReliefKind.Exempt, "執行停止（地方税法15条の9第1項）"));
                    break;
                case ClaimEventKind.Deferment:
                    var to = e.EndsOn ?? DateOnly.MaxValue;
                    periods.Add(e.DefermentKind == DefermentKind.Collection && e.DefermentReason is DefermentReason.Disaster or DefermentReason.Illness
                        ? new LateFeeReliefPeriod(e.On, to, LateFeeReliefKind.Exempt, "徴収猶予（災害・病気等、地方税法15条の9第1項）")
                        : new LateFeeReliefPeriod(e.On, to, LateFeeReliefKind.HalvedCapped,
                            (e.DefermentKind == DefermentKind.Collection ? "徴収猶予" : "換価の猶予") + "（2分の1免除・猶予特例基準割合、地方税法15条の9第1項・附則3条の2）"));
                    break;
            }
        }
        return periods;
    }

    /// <summary>The relief that applies on <paramref name="day"/> (exempt in full wins), or null.</summary>
    public static LateFeeReliefKind? On(IReadOnlyList<LateFeeReliefPeriod> periods, DateOnly day)
    {
        LateFeeReliefKind? kind = null;
        foreach (var p in periods)
        {
            if (day < p.From || day > p.To) continue;
            if (p.Kind == LateFeeReliefKind.Exempt) return LateFeeReliefKind.Exempt;
            kind = p.Kind;
        }
        return kind;
    }
}
