using Choshu.App.Assessments;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Bulk;
using Choshu.Data.Ledger;
using Choshu.Domain;
using Choshu.Domain.Ledger;
using Choshu.Domain.Refunds;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Refunds;

/// <summary>
/// What to appropriate: from the overpayment (its id: the journal entry that booked it), to which installment, how much.
/// <paramref name="IdempotencyKey"/>, when given (a batch run or a screen's form token), makes a retry book nothing twice:
/// the same key again is refused as already recorded (the store's unique index on the journal's key stands behind it).
/// </summary>
public sealed record AppropriationRequest(long OverpaymentId, long TargetInstallmentId, long Amount, string? Comment = null, string? IdempotencyKey = null);

/// <summary>
/// The appropriation recorded: its source entry (on <see cref="SourceInstallmentId"/>), the effective date, and the
/// payments of the target booked again after it in order.
/// </summary>
public sealed record AppropriationResult(long SourceEntryId, long SourceInstallmentId, long TargetInstallmentId, long Amount, DateOnly EffectiveOn,
    IReadOnlyList<long> Rebooked)
{
    /// <summary>What of the amount went to the target's principal, reminder fee and late fee (principal first).</summary>
    public long ToPrincipal { get; init; }
    public long ToReminderFee { get; init; }
    public long ToLateFee { get; init; }
    /// <summary>The refund interest the appropriated part earned to the effective date (mandatory run only), recorded as its own entry.</summary>
    public long RefundInterest { get; init; }
    public long? InterestEntryId { get; init; }
}

/// <summary>
/// 充当 (地方税法17条の2), the one use case so far: part or all of a taxpayer's overpayment applied to an unpaid installment
/// of the same taxpayer, as a linked pair in the journal: Appropriation/Overpayment +X on the installment the overpayment
/// arose on (the source entry), and Appropriation −X on the target's components as <see cref="PaymentAllocator"/> splits it
/// (the late fee made final to the effective date when it completes the principal), each target entry linked to the
/// source and the source to the first target entry. The effective date is the 充当適状日 (domain.md §4): the later of the
/// target's 法定納期限 and the day the overpayment arose. Money the target received dated after it is booked again in
/// order (<see cref="InstallmentReplay"/>), so the late fee counts the appropriation from its day. The amount may not
/// exceed the overpayment account (the source installment's nor the taxpayer's) nor what the target owes; a lapsed
/// target takes nothing. One booking transaction; needs <see cref="Permission.RecordPayments"/>, and for a taxpayer with a
/// delinquency case the officer-only policy (<see cref="CaseUpdateKind.Appropriation"/>); audited as
/// <see cref="AuditEventKind.OverpaymentAppropriated"/> (3007). Mandatory appropriation, notices and refunds are later work.
/// </summary>
public sealed partial class Appropriations(Store store, TimeProvider clock, Actor actor)
{
    public async Task<AppropriationResult> AppropriateAsync(AppropriationRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Amount <= 0)
            throw new DomainException("appropriation.amount", "充当額は1円以上で入力してください。");
        await using (var check = store.CreateContext())
        {
            await AccessControl.DemandAsync(check, actor, Permission.RecordPayments, clock, what: $"過誤納金 {request.OverpaymentId} の充当", ct: ct);
            // 充当内容 of a delinquent taxpayer (one with a case) is changed only by the officer in charge or an approver
            // (seed III-3 リスク1, CaseUpdatePolicy); the refusal is audited there.
            var caseId = await (from j in check.JournalEntries
                                join i in check.Installments on j.InstallmentId equals i.Id
                                join a in check.Assessments on i.AssessmentId equals a.Id
                                join c in check.CollectionCases on a.TaxpayerId equals c.TaxpayerId
                                where j.Id == request.OverpaymentId
                                select (long?)c.Id).FirstOrDefaultAsync(ct);
            if (caseId is { } id)
                await new Cases.CaseUpdates(check, clock).AuthorizeAsync(actor, id, CaseUpdateKind.Appropriation, ct);
        }

        return await BookingTransaction.RunAsync(store, clock, actor.Name,
            (db, writer, booker, now) => BookAsync(db, writer, booker, now, request, null, ct), ct);
    }

    /// <summary>
    /// Books one appropriation in the caller's booking transaction; with <paramref name="interestTo"/> (the refund interest the
    /// appropriated part earned to the 充当適状日, 17条の4) also its entry: RefundInterest/Overpayment −I on the source installment,
    /// linked to the source entry, so that the interest is money owed to the taxpayer like the rest.
    /// </summary>
    private async Task<AppropriationResult> BookAsync(ChoshuDbContext db, IBulkWriter writer, PaymentBooker booker, DateTime now,
        AppropriationRequest request, Func<DateOnly, RefundInterestResult>? interestTo, CancellationToken ct)
    {
        var key = string.IsNullOrWhiteSpace(request.IdempotencyKey) ? null : "appropriation:" + request.IdempotencyKey.Trim();
        if (key is not null && await db.JournalEntries.AsNoTracking().Where(j => j.IdempotencyKey == key).Select(j => (long?)j.Id).SingleOrDefaultAsync(ct) is { } done)
            throw new DomainException("appropriation.duplicate", $"この充当は既に記録されています（仕訳 {done}）。二重には記録しません。");
        var overpayment = await db.JournalEntries.AsNoTracking()
            .SingleOrDefaultAsync(j => j.Id == request.OverpaymentId && (j.Kind == JournalEntryKind.Payment || j.Kind == JournalEntryKind.RefundInterest)
                && j.Component == LedgerComponent.Overpayment, ct)
            ?? throw new DomainException("appropriation.overpayment_not_found", $"過誤納 {request.OverpaymentId} は登録されていません。");
        if (await db.JournalEntries.AnyAsync(j => j.ReversesEntryId == overpayment.Id, ct))
            throw new DomainException("appropriation.overpayment_cancelled", $"過誤納 {overpayment.Id} は取り消されています。");
        var owners = await db.Installments.AsNoTracking()
            .Where(i => i.Id == overpayment.InstallmentId || i.Id == request.TargetInstallmentId)
            .Select(i => new { i.Id, i.Assessment!.TaxpayerId }).ToDictionaryAsync(i => i.Id, i => i.TaxpayerId, ct);
        if (!owners.TryGetValue(request.TargetInstallmentId, out var targetOwner))
            throw new DomainException("installment.not_found", "指定の期別は登録されていません。");
        var taxpayerId = owners[overpayment.InstallmentId];
        if (targetOwner != taxpayerId)
            throw new DomainException("appropriation.other_taxpayer", "過誤納金は同じ納税義務者の地方税にだけ充当できます。");

        var ledgers = await PaymentBooker.LoadTargetsAsync(db, [overpayment.InstallmentId, request.TargetInstallmentId], ct);
        var effectiveOn = Check(ledgers[overpayment.InstallmentId].Ledger, ledgers[request.TargetInstallmentId].Ledger, overpayment.ValueDate,
            await OverpaymentAccount.BalanceAsync(db, taxpayerId, ct), request.Amount, booker.Rates);

        // The source entry's id comes first: the target's entries link to it.
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : Audit.AuditText.MaskMyNumbers(request.Comment.Trim());
        var sourceId = (await writer.ReserveIdsAsync(BulkTables.JournalEntries, 1, ct))[0];
        var entries = new List<JournalEntry>();
        var rebooked = await InstallmentReplay.RebookAsync(db, booker, request.TargetInstallmentId,
            [new AppropriationToBook(sourceId, request.Amount, effectiveOn, comment)], null, now, $"過誤納 {overpayment.Id} の充当", entries, ct);
        var sourceEntry = SourceEntry(sourceId, overpayment.InstallmentId, request.Amount, effectiveOn, now, booker.Actor, comment, key);
        entries.Insert(0, sourceEntry);
        await PaymentBooker.AssignIdsAsync(writer, entries, ct);
        sourceEntry.LinkedEntryId = entries.First(e => e.LinkedEntryId == sourceId && e.Kind == JournalEntryKind.Appropriation).Id;
        var interestEntry = InterestEntry(sourceEntry, interestTo?.Invoke(effectiveOn));
        if (interestEntry is not null)
        {
            entries.Add(interestEntry);
            await PaymentBooker.AssignIdsAsync(writer, entries, ct);
        }
        // The pair links both ways: on SQLite the keys are checked at the end of the transaction (PostgreSQL checks
        // them at the end of the one COPY that writes both).
        if (db.Provider == StoreProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA defer_foreign_keys = ON;", ct);
        await booker.WriteAsync(writer, [], entries, [], now, ct);

        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.OverpaymentAppropriated, TaxpayerId: taxpayerId,
            Detail: $"過誤納 {overpayment.Id}（{await InstallmentNames.OfIdAsync(db, overpayment.InstallmentId, ct)}）から {request.Amount}円 を{await InstallmentNames.OfIdAsync(db, request.TargetInstallmentId, ct)}に充当（充当日 {effectiveOn:yyyy-MM-dd}、再消込 {rebooked.Count} 件"
                + (interestEntry is null ? "" : $"、還付加算金 {-interestEntry.Amount}円") + $"）{(comment is null ? "" : ": " + comment)}"),
            clock, ct);
        return Result(sourceEntry, request.TargetInstallmentId, rebooked, entries, interestEntry);
    }

    /// <summary>
    /// The checks every appropriation passes, one by one at the counter and in the run alike: the amount within what the
    /// overpayment and the taxpayer's overpayment account hold, the claim not lapsed on the 充当適状日 and owing at least the
    /// amount (principal, reminder fee, late fee to that day). Returns the 充当適状日: the later of the claim's 法定納期限 and the
    /// day the overpayment arose.
    /// </summary>
    private static DateOnly Check(InstallmentLedger source, InstallmentLedger target, DateOnly aroseOn, long accountBalance, long amount, Domain.LateFees.LateFeeRateTable rates)
    {
        var effectiveOn = target.Dates.StatutoryDueDate > aroseOn ? target.Dates.StatutoryDueDate : aroseOn;
        var available = Math.Min(source.OverpaymentBalance, accountBalance);
        if (amount > available)
            throw new DomainException("appropriation.exceeds_overpayment", $"充当額 {amount}円 が過誤納金の残高 {Math.Max(available, 0)}円 を超えています。");
        if (target.LapsedWithBalance(effectiveOn))
            throw new DomainException("appropriation.claim_lapsed", "時効により徴収権が消滅した期別には充当できません。");
        var lateFee = Math.Max(target.LateFeeOwed(effectiveOn, rates).Owed, target.LateFeeBalance);
        var owed = target.PrincipalBalance + target.ReminderFeeBalance + lateFee;
        if (amount > owed)
            throw new DomainException("appropriation.exceeds_owed", $"充当額 {amount}円 が充当先の未納額 {Math.Max(owed, 0)}円 を超えています。");
        return effectiveOn;
    }

    /// <summary>The entry that takes the amount off the overpayment's installment (its target-side link set once those have ids).</summary>
    private static JournalEntry SourceEntry(long id, long installmentId, long amount, DateOnly effectiveOn, DateTime now, string actor, string? comment, string? key) => new()
    {
        Id = id, InstallmentId = installmentId, Kind = JournalEntryKind.Appropriation, Component = LedgerComponent.Overpayment,
        Amount = amount, ValueDate = effectiveOn, RecordedAtUtc = now, Actor = actor, ReasonCode = "appropriation", Comment = comment,
        IdempotencyKey = key,
    };

    /// <summary>The refund interest the appropriated part earned (17条の4), as money owed to the taxpayer; null when none.</summary>
    private static JournalEntry? InterestEntry(JournalEntry source, RefundInterestResult? interest) => interest is { Interest: > 0 }
        ? new JournalEntry
        {
            InstallmentId = source.InstallmentId, Kind = JournalEntryKind.RefundInterest, Component = LedgerComponent.Overpayment,
            Amount = -interest.Interest, ValueDate = source.ValueDate, RecordedAtUtc = source.RecordedAtUtc, Actor = source.Actor, ReasonCode = "refund-interest",
            LinkedEntryId = source.Id, IdempotencyKey = source.IdempotencyKey is null ? null : source.IdempotencyKey + ":interest",
            Comment = $"充当額 {source.Amount}円 の還付加算金（{interest.StartDate:yyyy-MM-dd}〜{interest.EndDate:yyyy-MM-dd}、{interest.Days}日）",
        }
        : null;

    /// <summary>What an appropriation booked: the parts of the target's entries linked to the source, and the interest.</summary>
    private static AppropriationResult Result(JournalEntry source, long targetInstallmentId, Dictionary<long, long> rebooked, List<JournalEntry> entries, JournalEntry? interestEntry)
    {
        long Part(LedgerComponent c) => -entries.Where(e => e.LinkedEntryId == source.Id && e.Kind == JournalEntryKind.Appropriation && e.Component == c).Sum(e => e.Amount);
        return new AppropriationResult(source.Id, source.InstallmentId, targetInstallmentId, source.Amount, source.ValueDate, rebooked.Keys.Order().ToList())
        {
            ToPrincipal = Part(LedgerComponent.Principal), ToReminderFee = Part(LedgerComponent.ReminderFee), ToLateFee = Part(LedgerComponent.LateFee),
            RefundInterest = interestEntry is null ? 0 : -interestEntry.Amount, InterestEntryId = interestEntry?.Id,
        };
    }
}