using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Ledger;
using Choshu.Domain;
using Choshu.Domain.Refunds;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Refunds;

/// <summary>A mandatory appropriation run (一斉充当): as of a day, for one taxpayer or all; a dry run books nothing.</summary>
public sealed record AppropriationRunRequest(DateOnly AsOf, long? TaxpayerId = null, bool DryRun = false);

/// <summary>
/// One appropriation of a run: from the overpayment <see cref="OverpaymentId"/> (or refund interest, <see cref="FromInterest"/>)
/// to the claim (税目・年度・通知書番号・期別), on its 充当適状日, split principal / reminder fee / late fee, and the refund interest
/// the appropriated part earned to that day (0 for interest money). <see cref="SourceEntryId"/> is null in a dry run.
/// </summary>
public sealed record AppropriationLine(
    long TaxpayerId, string TaxpayerNo, long OverpaymentId, bool FromInterest, long SourceInstallmentId, long TargetInstallmentId,
    string TaxKindCode, string TaxKindName, int FiscalYear, string NoticeNo, short Period, DateOnly DueDate, DateOnly EffectiveOn,
    long Amount, long Principal, long ReminderFee, long LateFee, long RefundInterest, long? SourceEntryId);

/// <summary>A taxpayer the run left alone, with the reason in Japanese (a delinquency case the actor may not change, a refusal).</summary>
public sealed record AppropriationSkip(long TaxpayerId, string TaxpayerNo, string Reason);

/// <summary>What is left to a taxpayer after the run: overpayment and refund interest not appropriated (to be refunded).</summary>
public sealed record AppropriationRemainder(long TaxpayerId, string TaxpayerNo, long Overpayment, long RefundInterest);

public sealed record AppropriationRunResult(
    DateOnly AsOf, bool DryRun, IReadOnlyList<AppropriationLine> Lines, IReadOnlyList<AppropriationSkip> Skipped,
    IReadOnlyList<AppropriationRemainder> Remainders)
{
    public long Total => Lines.Sum(l => l.Amount);
}

/// <summary>
/// 充当, mandatory (地方税法17条の2第1項): every open overpayment (<see cref="OverpaymentFacts"/>, first arisen first) is applied to
/// the same taxpayer's claims whose 納期限 has come by the as-of day, in the order of the setting <c>appropriation.order</c>
/// (oldest 納期限 first by default), each appropriation dated its 充当適状日 (later of the claim's 法定納期限 and the day the
/// overpayment arose) and booked by <see cref="BookAsync"/> — principal before late fee, the late fee made final to that day
/// when the principal is complete; a lapsed claim takes nothing. The refund interest the appropriated part earned to that day
/// (17条の4, <see cref="OverpaymentFacts.Interest"/>) is recorded as money owed (<see cref="Domain.Ledger.JournalEntryKind.RefundInterest"/>)
/// and is itself appropriated to what is still owed, or left for refund. Each appropriation is its own booking transaction
/// with the idempotency key <c>appropriation:auto:{as-of}:{overpayment}:{claim}:{overpayment balance before}</c> (the balance
/// falls with every step, so the key names one step of one state), and the plan is made again from the journal
/// before each one: a run killed at any point and run again books nothing twice. Needs <see cref="Permission.RecordPayments"/>;
/// a taxpayer with a delinquency case only when the actor may change the case's 充当 (officer in charge or approver; otherwise
/// skipped, the refusal audited by the case policy). The run is audited (3040), a dry run (the preview) too (3042).
/// </summary>
public sealed partial class Appropriations
{
    public async Task<AppropriationRunResult> RunAsync(AppropriationRunRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        AppSettings settings;
        RefundInterestRateTable interestRates;
        PaymentBooker booker;
        List<long> taxpayers;
        await using (var db = store.CreateContext())
        {
            await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock, request.TaxpayerId, "過誤納金の一斉充当", ct);
            settings = await AppSettings.LoadAsync(db, ct);
            interestRates = await ReferenceData.LoadRefundInterestRatesAsync(db, ct);
            booker = new PaymentBooker(settings.AllocationOrder, await ReferenceData.LoadRatesAsync(db, ct), actor.Name);
            taxpayers = (await OverpaymentFacts.OpenAsync(db, request.TaxpayerId, ct)).Select(f => f.TaxpayerId).Distinct().ToList();
        }

        var lines = new List<AppropriationLine>();
        var skipped = new List<AppropriationSkip>();
        var remainders = new List<AppropriationRemainder>();
        foreach (var taxpayerId in taxpayers)
        {
            await using var db = store.CreateContext();
            var taxpayerNo = await db.Taxpayers.Where(t => t.Id == taxpayerId).Select(t => t.TaxpayerNo).SingleAsync(ct);
            if (request.DryRun)
            {
                var plan = await PlanAsync(db, booker, interestRates, settings.AppropriationOrder, taxpayerId, taxpayerNo, request.AsOf, ct);
                lines.AddRange(plan.Lines);
                remainders.Add(plan.Remainder);
                continue;
            }

            var caseId = await db.CollectionCases.Where(c => c.TaxpayerId == taxpayerId).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
            if (caseId is { } id)
            {
                try
                {
                    await new Cases.CaseUpdates(db, clock).AuthorizeAsync(actor, id, CaseUpdateKind.Appropriation, ct);
                }
                catch (AccessDeniedException e)
                {
                    skipped.Add(new AppropriationSkip(taxpayerId, taxpayerNo, $"滞納整理事案 {id}: {e.Message}"));
                    continue;
                }
            }

            AppropriationRemainder remainder;
            while (true)
            {
                var plan = await PlanAsync(db, booker, interestRates, settings.AppropriationOrder, taxpayerId, taxpayerNo, request.AsOf, ct);
                remainder = plan.Remainder;
                if (plan.Lines.Count == 0) break;
                var next = plan.Lines[0];
                var fact = plan.Facts[next.OverpaymentId];
                try
                {
                    var booked = await BookingTransaction.RunAsync(store, clock, actor.Name, (tx, writer, b, now) => BookAsync(tx, writer, b, now,
                        new AppropriationRequest(next.OverpaymentId, next.TargetInstallmentId, next.Amount, "一斉充当",
                            $"auto:{request.AsOf:yyyyMMdd}:{next.OverpaymentId}:{next.TargetInstallmentId}:{fact.Balance}"),
                        fact.IsInterest ? null : eff => OverpaymentFacts.Interest(fact, next.Amount, eff, interestRates), ct), ct);
                    lines.Add(next with
                    {
                        EffectiveOn = booked.EffectiveOn, Principal = booked.ToPrincipal, ReminderFee = booked.ToReminderFee, LateFee = booked.ToLateFee,
                        RefundInterest = booked.RefundInterest, SourceEntryId = booked.SourceEntryId,
                    });
                }
                catch (DomainException e)
                {
                    skipped.Add(new AppropriationSkip(taxpayerId, taxpayerNo, e.Message));
                    break;
                }
            }
            remainders.Add(remainder);
        }

        var result = new AppropriationRunResult(request.AsOf, request.DryRun, lines, skipped, remainders.Where(r => r.Overpayment + r.RefundInterest > 0).ToList());
        await using (var db = store.CreateContext())
        {
            await AuditLog.AppendAsync(db, actor, new AuditRecord(request.DryRun ? AuditEventKind.AppropriationPreviewed : AuditEventKind.AppropriationRun,
                TaxpayerId: request.TaxpayerId,
                Detail: $"基準日 {request.AsOf:yyyy-MM-dd}{(request.DryRun ? "（予定）" : "")}: 充当 {lines.Count} 件 {result.Total}円（納税義務者 {lines.Select(l => l.TaxpayerId).Distinct().Count()} 人、還付加算金 {lines.Sum(l => l.RefundInterest)}円）、対象外 {skipped.Count} 人"),
                clock, ct);
        }
        return result;
    }

    private sealed record TaxpayerPlan(List<AppropriationLine> Lines, Dictionary<long, OverpaymentFact> Facts, AppropriationRemainder Remainder);

    /// <summary>
    /// The appropriations one taxpayer's open overpayments make now, in memory (the booker's allocation on the loaded ledgers;
    /// the interest each earns queued as money after them). The first line is what the live run books next.
    /// </summary>
    private static async Task<TaxpayerPlan> PlanAsync(ChoshuDbContext db, PaymentBooker booker, RefundInterestRateTable interestRates,
        string order, long taxpayerId, string taxpayerNo, DateOnly asOf, CancellationToken ct)
    {
        var facts = (await OverpaymentFacts.OpenAsync(db, taxpayerId, ct)).ToList();
        var claims = await (from i in db.Installments.AsNoTracking()
                            join a in db.Assessments on i.AssessmentId equals a.Id
                            join k in db.TaxKinds on a.TaxKindCode equals k.Code
                            where a.TaxpayerId == taxpayerId && i.DueDate <= asOf
                            select new { i.Id, i.DueDate, a.TaxKindCode, TaxKindName = k.Name, a.FiscalYear, a.NoticeNo, i.Period }).ToListAsync(ct);
        var targets = await PaymentBooker.LoadTargetsAsync(db, claims.Select(c => c.Id).ToList(), ct);
        var ordered = (order == AppSettings.NewestDueFirst ? claims.OrderByDescending(c => c.DueDate) : claims.OrderBy(c => c.DueDate))
            .ThenBy(c => c.TaxKindCode).ThenBy(c => c.FiscalYear).ThenBy(c => c.NoticeNo).ThenBy(c => c.Period).ToList();

        var lines = new List<AppropriationLine>();
        var queue = new List<(OverpaymentFact Fact, long Left)>(facts.Select(f => (f, f.Balance)));
        var byId = facts.ToDictionary(f => f.Id);
        var now = DateTime.UtcNow;
        var pendingInterest = 0L;
        for (var q = 0; q < queue.Count; q++)
        {
            var (fact, left) = queue[q];
            foreach (var c in ordered)
            {
                if (left == 0) break;
                var target = targets[c.Id];
                var ledger = target.Ledger;
                var effectiveOn = ledger.Dates.StatutoryDueDate > fact.AroseOn ? ledger.Dates.StatutoryDueDate : fact.AroseOn;
                if (effectiveOn > asOf || ledger.LapsedWithBalance(effectiveOn)) continue;
                var lateFee = Math.Max(ledger.LateFeeOwed(effectiveOn, booker.Rates).Owed, ledger.LateFeeBalance);
                var owed = ledger.PrincipalBalance + ledger.ReminderFeeBalance + lateFee;
                if (owed <= 0) continue;
                // Only what the claim takes (principal, reminder fee, late fee as the allocator books it): a late fee computed
                // but never charged on a claim already paid is not taken, and nothing may land in the claim's own overpayment account.
                var split = Domain.Reconciliation.PaymentAllocator.Allocate(Math.Min(left, owed), effectiveOn, ledger.Position(), booker.Order, booker.Rates);
                var amount = split.ToPrincipal + split.ToReminderFee + split.ToLateFee;
                if (amount <= 0) continue;
                var scratch = new List<JournalEntry>();
                booker.Allocate(target, new AppropriationToBook(-1, amount, effectiveOn, null), now, scratch);
                long Part(Domain.Ledger.LedgerComponent k) => -scratch.Where(e => e.Kind == Domain.Ledger.JournalEntryKind.Appropriation && e.Component == k).Sum(e => e.Amount);
                var interest = fact.IsInterest ? 0 : OverpaymentFacts.Interest(fact, amount, effectiveOn, interestRates).Interest;
                lines.Add(new AppropriationLine(taxpayerId, taxpayerNo, fact.Id, fact.IsInterest, fact.InstallmentId, c.Id, c.TaxKindCode, c.TaxKindName, c.FiscalYear,
                    c.NoticeNo, c.Period, c.DueDate, effectiveOn, amount, Part(Domain.Ledger.LedgerComponent.Principal),
                    Part(Domain.Ledger.LedgerComponent.ReminderFee), Part(Domain.Ledger.LedgerComponent.LateFee), interest, null));
                left -= amount;
                if (interest > 0)
                {
                    // The interest is money owed to the taxpayer from that day on: appropriated after the rest, or refunded.
                    var earned = fact with { Id = -(lines.Count), PaymentId = null, Amount = interest, Balance = interest, AroseOn = effectiveOn, PaidOn = effectiveOn, IsInterest = true };
                    queue.Add((earned, interest));
                }
            }
            queue[q] = (fact, left);
        }
        foreach (var (fact, left) in queue.Where(x => x.Fact.IsInterest)) pendingInterest += left;
        var remainder = new AppropriationRemainder(taxpayerId, taxpayerNo, queue.Where(x => !x.Fact.IsInterest).Sum(x => x.Left), pendingInterest);
        return new TaxpayerPlan(lines, byId, remainder);
    }
}
