using Choshu.Domain.Claims;
using Choshu.Domain.LateFees;
using Choshu.Domain.Reconciliation;

namespace Choshu.Domain.Ledger;

/// <summary>
/// Folds an installment's journal entries into what it owes: the one place that reads the journal's
/// sign convention (positive raises what is owed, negative lowers it). A reversal and the entry it
/// reverses cancel out. Used by every screen, report and booking that needs a balance. With the claim's
/// events (<see cref="ClaimEvent"/>) it also answers when the right to collect ends (<see cref="Limitation"/>,
/// the one rule <see cref="ClaimLimitation.Evaluate"/>) and the one status (<see cref="ClaimStatus.Of"/>).
/// </summary>
public sealed class InstallmentLedger
{
    private readonly List<PaymentEvent> _principalPayments = [];
    private readonly List<DateOnly> _moneyDates = [];
    private DateOnly? _increaseOn;
    private LimitationResult? _limitation;

    private InstallmentLedger(ClaimDates dates, IReadOnlyList<ClaimEvent> events)
    {
        Dates = dates;
        Events = events;
        MayEndEarly = events.Any(e => e.Kind is ClaimEventKind.Stay or ClaimEventKind.ImmediateExtinction);
    }

    /// <summary>納期限 (after the holiday shift): late fee, reminder, seizable-from day.</summary>
    public DateOnly DueDate => Dates.DueDate;
    /// <summary>Both due dates of the claim.</summary>
    public ClaimDates Dates { get; }
    /// <summary>The claim's events (every one recorded, withdrawn ones too; the rules take those in force).</summary>
    public IReadOnlyList<ClaimEvent> Events { get; }
    /// <summary>A stay or an extinction can end the claim before 5 years have passed.</summary>
    private bool MayEndEarly { get; }
    /// <summary>本税 as assessed: charge plus amendments.</summary>
    public long Principal { get; private set; }
    /// <summary>Money applied to the principal (payments and appropriations).</summary>
    public long PrincipalPaid { get; private set; }
    /// <summary>Other reductions of the principal (write-offs, refunds).</summary>
    public long PrincipalOtherReductions { get; private set; }
    public long ReminderFeeCharged { get; private set; }
    public long ReminderFeePaid { get; private set; }
    /// <summary>Late fee booked as final.</summary>
    public long LateFeeCharged { get; private set; }
    public long LateFeePaid { get; private set; }
    /// <summary>
    /// 延滞金減免: late fee relieved by decision (<see cref="JournalEntryKind.LateFeeRelief"/> entries, cancelled ones left out).
    /// It lowers the late fee owed: the booked final amount once booked, the amount computed to a day until then.
    /// </summary>
    public long LateFeeRelieved { get; private set; }
    public IReadOnlyList<PaymentEvent> PrincipalPayments => _principalPayments;
    /// <summary>
    /// 納付日 (value date) of the latest money put into the installment: any component, the overpayment account too (money
    /// received for a lapsed claim, money beyond what it owed), but not the source side of an appropriation (money taken
    /// out of this installment's overpayment account). A payment dated before it arrived late and must be re-booked in order.
    /// </summary>
    public DateOnly? LastMoneyDate { get; private set; }
    /// <summary>
    /// What the overpayment account (過誤納金, <see cref="LedgerComponent.Overpayment"/>) of this installment holds for the
    /// taxpayer: −Σ of its entries (money arisen, less appropriated and refunded). Not part of <see cref="Owed"/>.
    /// </summary>
    public long OverpaymentBalance { get; private set; }

    /// <summary>
    /// The limitation of the claim: its lapse day (by limitation or extinction under a stay) and every step, from the
    /// claim's events and the 納付日 of every payment (承認; an appropriation is the city's act and renews nothing). Reminder-fee charges are money owed, not reminders:
    /// the reminder is the <see cref="ClaimEventKind.ReminderDispatched"/> event, fee or no fee.
    /// </summary>
    public LimitationResult Limitation =>
        _limitation ??= ClaimLimitation.Evaluate(Dates, Events, _moneyDates, _increaseOn);

    /// <summary>The first day on which the right to collect no longer exists; null when it cannot be placed (never lapsed).</summary>
    public DateOnly? ClaimLapsesOn => Limitation.LapsesOn;

    /// <summary>True when the right to collect no longer exists on <paramref name="on"/> (on or after <see cref="ClaimLapsesOn"/>).</summary>
    public bool ClaimLapsed(DateOnly on) =>
        (MayEndEarly || on >= ClaimLimitation.FirstLapsedDay(Dates.StatutoryDueDate)) && Limitation.HasLapsed(on);

    /// <summary>
    /// True when something is still owed (<see cref="Owed"/>) and the right to collect it has lapsed on <paramref name="on"/>:
    /// money for it is an overpayment (時効後の納付, <c>PaymentBooker</c>), the counter must not take it (<c>PaymentDesk</c>),
    /// and the taxpayer page shows it as 時効 (<c>TaxpayerDetailsQuery</c>).
    /// </summary>
    public bool LapsedWithBalance(DateOnly on) => Owed > 0 && ClaimLapsed(on);

    /// <summary>Principal, 督促手数料 and booked 延滞金 still owed.</summary>
    public long Owed => PrincipalBalance + ReminderFeeBalance + LateFeeBalance;

    public long PrincipalBalance => Principal - PrincipalPaid - PrincipalOtherReductions;

    /// <summary>本税 still unpaid counting only money paid on or before <paramref name="day"/> (納付日), e.g. on a letter's 発付日.</summary>
    public long PrincipalBalanceOn(DateOnly day) =>
        Principal - PrincipalOtherReductions - _principalPayments.Where(p => p.PaidOn <= day).Sum(p => p.Amount);
    public long ReminderFeeBalance => ReminderFeeCharged - ReminderFeePaid;
    /// <summary>Booked late fee not paid and not relieved (relief beyond what is booked waits for the booking: it lowers the computed amount).</summary>
    public long LateFeeBalance => LateFeeCharged - LateFeePaid - Math.Min(LateFeeRelieved, LateFeeCharged);

    /// <summary>An ordinary claim (法定納期限 = 納期限) without events.</summary>
    public static InstallmentLedger From(DateOnly dueDate, IEnumerable<LedgerLine> lines) => From(ClaimDates.Ordinary(dueDate), lines, []);

    public static InstallmentLedger From(ClaimDates dates, IEnumerable<LedgerLine> lines, IEnumerable<ClaimEvent> events)
    {
        var ledger = new InstallmentLedger(dates, events as IReadOnlyList<ClaimEvent> ?? events.ToList());
        var list = lines as IReadOnlyCollection<LedgerLine> ?? lines.ToList();
        var reversed = list.Where(l => l.ReversesEntryId is not null).Select(l => l.ReversesEntryId!.Value).ToHashSet();
        foreach (var l in list.OrderBy(l => l.ValueDate).ThenBy(l => l.Id))
        {
            if (l.Kind == JournalEntryKind.Reversal || reversed.Contains(l.Id)) continue;
            ledger.Apply(l.Kind, l.Component, l.Amount, l.ValueDate);
        }
        return ledger;
    }

    /// <summary>Applies one more entry (a booking in progress applies what it is about to write).</summary>
    public void Apply(JournalEntryKind kind, LedgerComponent component, long amount, DateOnly valueDate)
    {
        var charge = kind is JournalEntryKind.Charge or JournalEntryKind.Amendment;
        var money = kind is JournalEntryKind.Payment or JournalEntryKind.Appropriation;
        if (component == LedgerComponent.Overpayment)
        {
            // The overpayment account stands apart from the claim: not owed, and no 承認 (money for a lapsed claim renews
            // nothing). Money put into it still dates the installment's money (see LastMoneyDate).
            OverpaymentBalance -= amount;
            if (money && amount < 0 && (LastMoneyDate is null || valueDate > LastMoneyDate)) LastMoneyDate = valueDate;
            return;
        }
        if (money && (LastMoneyDate is null || valueDate > LastMoneyDate)) LastMoneyDate = valueDate;
        if (kind == JournalEntryKind.Payment && amount < 0)
        {
            // 承認 is the debtor's own act: a payment is one (民法152条); an appropriation (充当) is the city's, so it renews nothing.
            _moneyDates.Add(valueDate);
            _limitation = null;
        }
        else if (kind == JournalEntryKind.Amendment && component == LedgerComponent.Principal && amount > 0 && _increaseOn is null
                 && !ClaimEvent.InForce(Events).Any(e => e.Kind == ClaimEventKind.Notice && e.On >= valueDate))
        {
            // 告知 of an increase whose 納期限 is not recorded as a Notice event: the restart cannot be placed.
            _increaseOn = valueDate;
            _limitation = null;
        }
        switch (component)
        {
            case LedgerComponent.Principal when charge:
                Principal = checked(Principal + amount);
                break;
            case LedgerComponent.Principal when money && amount > 0:
                // Money taken back off the principal into the overpayment account (an assessment reduced below what was
                // paid, AssessmentImport): the latest principal payments are the ones that no longer pay anything.
                PrincipalPaid -= amount;
                TakeBackPrincipal(amount);
                break;
            case LedgerComponent.Principal when money:
                PrincipalPaid -= amount;
                _principalPayments.Add(new PaymentEvent(valueDate, -amount));
                break;
            case LedgerComponent.Principal:
                PrincipalOtherReductions -= amount;
                break;
            case LedgerComponent.ReminderFee when charge:
                ReminderFeeCharged = checked(ReminderFeeCharged + amount);
                break;
            case LedgerComponent.ReminderFee:
                ReminderFeePaid -= amount;
                break;
            case LedgerComponent.LateFee when kind == JournalEntryKind.LateFeeRelief:
                LateFeeRelieved -= amount;
                break;
            case LedgerComponent.LateFee when charge:
                LateFeeCharged = checked(LateFeeCharged + amount);
                break;
            case LedgerComponent.LateFee:
                LateFeePaid -= amount;
                break;
        }
    }

    private void TakeBackPrincipal(long amount)
    {
        for (var i = _principalPayments.Count - 1; i >= 0 && amount > 0; i--)
        {
            var p = _principalPayments[i];
            var taken = Math.Min(p.Amount, amount);
            amount -= taken;
            if (taken == p.Amount) _principalPayments.RemoveAt(i);
            else _principalPayments[i] = p with { Amount = p.Amount - taken };
        }
    }

    /// <summary>The position a payment is allocated against.</summary>
    public InstallmentPosition Position() =>
        new(Principal - PrincipalOtherReductions, DueDate, _principalPayments.ToList(), ReminderFeeBalance, LateFeeCharged, LateFeePaid, Reliefs, LateFeeRelieved);

    /// <summary>The periods whose late fee the claim's events relieve (stay, deferment): <see cref="LateFeeReliefs.From"/>.</summary>
    public IReadOnlyList<LateFeeReliefPeriod> Reliefs => _reliefs ??= LateFeeReliefs.From(Events);
    private IReadOnlyList<LateFeeReliefPeriod>? _reliefs;

    /// <summary>
    /// The late fee as of <paramref name="asOf"/>: the booked final amount once the principal is paid,
    /// otherwise computed to that day with the one calculator (null when nothing can accrue yet), with the periods the
    /// claim's stays and deferments relieve (<see cref="Reliefs"/>).
    /// </summary>
    public LateFeeResult? LateFee(DateOnly asOf, LateFeeRateTable rates)
    {
        var principal = Principal - PrincipalOtherReductions;
        if (principal <= 0) return null;
        if (asOf <= DueDate && _principalPayments.All(p => p.PaidOn <= DueDate)) return null;
        return LateFeeCalculator.Calculate(principal, DueDate, _principalPayments.OrderBy(p => p.PaidOn).ToList(), asOf, rates, Reliefs);
    }

    /// <summary>
    /// The late fee still owed as of <paramref name="asOf"/>, as every screen and slip shows it: once the
    /// late fee is final and booked, what is left of the booked amount; otherwise the amount computed to
    /// that day (final or not), less what a decision relieved (延滞金減免, <see cref="LateFeeRelieved"/>), 0 when nothing accrues.
    /// <c>Detail</c> is the computation (null when none; it shows the late fee before the relief).
    /// </summary>
    public (long Owed, LateFeeResult? Detail) LateFeeOwed(DateOnly asOf, LateFeeRateTable rates)
    {
        var fee = LateFee(asOf, rates);
        return (fee is { IsFinal: true } && LateFeeCharged > 0 ? LateFeeBalance : Math.Max(0, (fee?.LateFee ?? 0) - LateFeeRelieved), fee);
    }
}
