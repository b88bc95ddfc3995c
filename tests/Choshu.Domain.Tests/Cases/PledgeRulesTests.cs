using Choshu.Domain;
using Choshu.Domain.Cases;

namespace Choshu.Domain.Tests.Cases;

/// <summary>
/// The pledge rules by hand: schedule 2026-01-31 30,000 and 2026-02-28 30,000, made 2026-01-10, 10 grace days, 30,000 paid on
/// 2026-01-20. Instalment 2's deadline is 2026-02-28 + 10 = 2026-03-10.
/// </summary>
public sealed class PledgeRulesTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static readonly IReadOnlyList<PledgeInstalment> Schedule =
        [new PledgeInstalment(1, new DateOnly(2026, 1, 31), 30_000), new PledgeInstalment(2, new DateOnly(2026, 2, 28), 30_000)];

    private static readonly PledgePayment[] Paid = [new(new DateOnly(2026, 1, 20), 30_000)];

    [Fact]
    public void Evaluate_OnTheLastGraceDay_NotYetBreached()
    {
        var s = PledgeRules.Evaluate(Schedule, D(2026, 1, 10), 10, Paid, D(2026, 3, 10));
        Assert.Equal((PledgeState.Active, 30_000L, 60_000L, (DateOnly?)D(2026, 2, 28), 30_000L, (DateOnly?)null),
            (s.State, s.Paid, s.Total, s.NextDueOn, s.NextDueAmount, s.BreachedOn));
        Assert.Equal([(30_000L, 0L, false), (0L, 30_000L, false)], s.Instalments.Select(i => (i.Paid, i.Unpaid, i.Missed)));
        Assert.Equal(D(2026, 3, 10), s.Instalments[1].Deadline);
    }

    [Fact]
    public void Evaluate_TheDayAfter_BreachedInstalment2Unpaid30000()
    {
        var s = PledgeRules.Evaluate(Schedule, D(2026, 1, 10), 10, Paid, D(2026, 3, 11));
        Assert.Equal((PledgeState.Breached, (DateOnly?)D(2026, 3, 11), 2, 30_000L), (s.State, s.BreachedOn, s.Missed!.No, s.Missed.Unpaid));
        Assert.True(s.InBreach && s.Open);
    }

    [Fact]
    public void Evaluate_PaymentBeforeThePledge_DoesNotCount_LatePaymentDoesNotUndoTheBreach()
    {
        var before = PledgeRules.Evaluate(Schedule, D(2026, 1, 10), 10, [new(D(2026, 1, 5), 30_000)], D(2026, 2, 11));
        Assert.Equal((PledgeState.Breached, 0L, 1), (before.State, before.Paid, before.Missed!.No));
        // 30,000 on 2026-01-20 and 30,000 on 2026-03-12 (late): fully paid, so fulfilled, but by 2026-03-10 it was not.
        var late = PledgeRules.Evaluate(Schedule, D(2026, 1, 10), 10, [.. Paid, new(D(2026, 3, 12), 30_000)], D(2026, 3, 11));
        Assert.Equal(PledgeState.Breached, late.State);
        Assert.Equal(PledgeState.Fulfilled, PledgeRules.Evaluate(Schedule, D(2026, 1, 10), 10, [.. Paid, new(D(2026, 3, 12), 30_000)], D(2026, 3, 12)).State);
    }

    [Fact]
    public void Evaluate_Cancelled_EndsIt()
    {
        var s = PledgeRules.Evaluate(Schedule, D(2026, 1, 10), 10, Paid, D(2026, 3, 11), (PledgeEventKind.Cancelled, D(2026, 2, 1)));
        Assert.Equal((PledgeState.Cancelled, false, (DateOnly?)null), (s.State, s.Open, s.NextDueOn));
    }

    [Theory]
    [InlineData("2026-02-28:30000 2026-01-31:30000", "pledge.dates_not_ascending")]
    [InlineData("2026-01-31:0", "pledge.amount_invalid")]
    [InlineData("2026-01-05:60000", "pledge.date_before_signing")]
    [InlineData("2026-01-31:20000 2026-02-28:20000", "pledge.sum_too_small")]
    [InlineData("2026-01-31:40000 2026-02-28:40000", "pledge.sum_too_large")]
    public void Validate_Refusals_InJapanese(string schedule, string code)
    {
        var e = Assert.Throws<DomainException>(() =>
            PledgeRules.Validate(PledgeKind.InstallmentPledge, PledgeRules.Parse([schedule]), D(2026, 1, 10), minimum: 60_000, maximum: 61_500));
        Assert.Equal(code, e.Code);
        Assert.Matches("[ぁ-んァ-ン一-龯]", e.Message);
    }

    [Fact]
    public void Parse_ScheduleText_NumbersInOrder_RefusesMalformed()
    {
        Assert.Equal([new PledgeInstalment(1, D(2026, 1, 31), 30_000), new PledgeInstalment(2, D(2026, 2, 28), 30_000)],
            PledgeRules.Parse(["2026-01-31:30,000", "2026-02-28:30000円"]));
        Assert.Equal("pledge.schedule_format", Assert.Throws<DomainException>(() => PledgeRules.Parse(["2026/01/31:30000"])).Code);
    }
}
