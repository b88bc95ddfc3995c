using Choshu.App.Assessments;
using Choshu.App.Cases;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Enforcement;
using Choshu.Domain;
using Choshu.Domain.Cases;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Formats.Payments;
using Microsoft.EntityFrameworkCore;
using static Choshu.App.Enforcement.EnforcementSupport;

namespace Choshu.App.Enforcement;

/// <summary>What a receipt of distribution money did: to the 滞納処分費, to each claim, overpaid; <see cref="Duplicate"/> when the same receipt was booked before.</summary>
public sealed record DistributionReceiptResult(long ReceiptId, bool Duplicate, long Amount, long ToCosts, IReadOnlyList<(long InstallmentId, string Name, long Amount, long? PaymentId)> ToClaims, long Overpaid);

/// <summary>
/// Books money received from a distribution (配当金・交付金; channel 7 <see cref="PaymentChannel.Distribution"/>) through the existing
/// booking path (<see cref="BookingTransaction"/> and <see cref="PaymentBooker"/>, as a counter payment is booked): the case's unpaid
/// 滞納処分費 first (国税徴収法136条), then the claims in the order given (those whose 法定納期限等 earned the priority), each up to what it
/// owes on the day (or up to its share). Whatever is left is booked to the last claim, where the booker records it as an overpayment
/// (過誤納: refunded or appropriated by the existing path). One receipt row per <c>sourceKey</c> (unique) and one payment per claim
/// (idempotency key <c>distribution:{sourceKey}:{installment}</c>): a receipt entered twice is booked once. Authorised as a 滞納処分 change
/// of the case (officer-only), with case event 102 and audit 3402 (or the caller's event) in the booking transaction.
/// </summary>
public static class DistributionBooking
{
    /// <summary>A claim to pay: up to <paramref name="Cap"/> yen, or what it owes on the day when null.</summary>
    public sealed record Target(long InstallmentId, long? Cap);

    internal static async Task<DistributionReceiptResult> BookAsync(Store store, TimeProvider clock, Actor actor, long caseId, string sourceKey, long amount,
        long? costsCap, DateOnly receivedOn, IReadOnlyList<Target> targets, long? claimForDistributionId, long? distributionId, string? reference,
        CaseEventKind eventKind, string what, Func<ChoshuDbContext, Task>? alsoInTransaction, CancellationToken ct)
    {
        Positive(amount, "受入額");
        if (targets.Count == 0)
            throw new DomainException("enforcement.no_claims", "受け入れた配当金を充てる期別がありません。");
        CaseUpdateGrant grant;
        await using (var check = store.CreateContext())
            grant = await new CaseCommand(check, clock).AuthorizeAsync(actor, caseId, CaseUpdateKind.Disposition, ct);
        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, writer, booker, now) =>
        {
            var today = Domain.Calendar.JapanTime.Today(clock);
            NotFuture(receivedOn, today, "受入日");
            var known = await db.DistributionReceipts.AsNoTracking().SingleOrDefaultAsync(r => r.SourceKey == sourceKey, ct);
            if (known is not null)
                return new DistributionReceiptResult(known.Id, true, known.Amount, known.ToCosts, [], known.Overpaid);

            var c = await db.CollectionCases.Include(x => x.Events).SingleAsync(x => x.Id == caseId, ct);
            if (c.State.OfficerAccountId != grant.OfficerAccountId)
                throw new DomainException("case.officer_changed", $"滞納整理事案 {caseId} の担当者が変わりました。もう一度操作してください。");

            // 滞納処分費 first: what the taxpayer was charged less what receipts and payments already paid of it (one rule with the booker).
            var unpaidCosts = (await EnforcementCostBalances.OfAsync(db, c.TaxpayerId, ct)).Unpaid;
            var (toCosts, _) = PaymentAllocator.CostsFirst(amount, unpaidCosts);
            if (costsCap is { } cap) toCosts = Math.Min(toCosts, cap);
            var left = amount - toCosts;

            var refs = await InstallmentFinder.ByIdsAsync(db, targets.Select(t => t.InstallmentId).ToList(), ct);
            var split = await ReceiptSplit.SplitAsync(db, targets.Select(t => (refs[t.InstallmentId], t.Cap)).ToList(), left, receivedOn, ct);
            var parts = split.Select(p => (p.Ref.InstallmentId, p.Ref.Name, p.Amount)).ToList();
            var records = new List<PaymentRecord>();
            foreach (var (installmentId, name, yen) in parts)
            {
                var key = new MatchKey(installmentId);
                records.Add(new PaymentRecord(records.Count + 1, PaymentRecordKind.Payment, PaymentChannel.Distribution, key.Value, key, yen, receivedOn, receivedOn,
                    "配当", $"distribution:{sourceKey}:{installmentId}", $"{what}: {name} {yen}円 受入日 {receivedOn:yyyy-MM-dd}"));
            }
            var results = records.Count == 0 ? [] : await booker.BookAsync(db, writer, records, null, now, ct);
            var overpaid = results.Sum(r => r.Overpaid);
            var row = new DistributionReceipt
            {
                CaseId = caseId, TaxpayerId = c.TaxpayerId, ClaimForDistributionId = claimForDistributionId, DistributionId = distributionId, SourceKey = sourceKey,
                Amount = amount, ReceivedOn = receivedOn, ToCosts = toCosts, ToClaims = parts.Sum(p => p.Amount) - overpaid, Overpaid = overpaid,
                Reference = Optional(reference, "受入の参照（配当表・通知の番号）"), RecordedBy = actor.Name, RecordedAtUtc = now,
            };
            db.DistributionReceipts.Add(row);
            if (alsoInTransaction is not null) await alsoInTransaction(db);
            await db.SaveChangesAsync(ct);
            var detail = $"{what} 受入 {row.Id}: {Yen(amount)}（受入日 {D(receivedOn)}）→ 滞納処分費 {Yen(toCosts)}、"
                + string.Join("、", parts.Select(p => $"{p.Name} {Yen(p.Amount)}")) + (overpaid > 0 ? $"（うち過誤納 {Yen(overpaid)}）" : "");
            var stamp = new CaseStamp(actor.Name, actor.AccountId, today, now);
            c.RecordEnforcement(eventKind, detail, stamp);
            await db.SaveChangesAsync(ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(CaseEventNames.AuditKind(eventKind), TaxpayerId: c.TaxpayerId, Detail: $"事案 {caseId}: {detail}"), clock, ct);
            db.ChangeTracker.Clear();
            return new DistributionReceiptResult(row.Id, false, amount, toCosts,
                parts.Select((p, n) => (p.InstallmentId, p.Name, p.Amount, results.Count > n ? results[n].PaymentId : null)).ToList(), overpaid);
        }, ct);
    }

    /// <summary>
    /// Money received from the other body on a 交付要求・参加差押 (its distribution or 交付): the 滞納処分費 first, then the request's claims in
    /// the order of their 法定納期限等. <paramref name="reference"/> names the receipt (配当表・交付の通知の番号); the same reference on the same
    /// request is the same receipt.
    /// </summary>
    public static async Task<DistributionReceiptResult> ReceiveAsync(Store store, TimeProvider clock, Actor actor, long claimForDistributionId, long amount,
        DateOnly receivedOn, string reference, CancellationToken ct = default)
    {
        var why = Text(reference, "受入の参照（配当表・通知の番号）");
        ClaimForDistributionView view;
        await using (var db = store.CreateContext())
            view = await new ClaimsForDistribution(db, clock).ViewAsync(claimForDistributionId, ct);
        var targets = view.Lines.OrderBy(l => l.LegalDueOn).ThenBy(l => l.InstallmentId).Select(l => new Target(l.InstallmentId, null)).ToList();
        return await BookAsync(store, clock, actor, view.CaseId, $"cfd:{view.Id}:{why}", amount, null, receivedOn, targets, view.Id, null, why,
            CaseEventKind.DistributionReceived, $"{view.KindName} 記録 {view.Id}（{view.BodyName}）の配当金", null, ct);
    }
}
