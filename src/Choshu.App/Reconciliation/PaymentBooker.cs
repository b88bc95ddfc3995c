using System.Data;
using System.Data.Common;
using System.Text.Json;
using Choshu.Data;
using Choshu.Data.Bulk;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Claims;
using Choshu.Domain.LateFees;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Choshu.App.Reconciliation;

/// <summary>
/// Books payment records, a batch at a time, inside the caller's transaction (消込). For a batch it
/// loads in one query each the payments already received under the batch's idempotency keys, the
/// installments the keys point to and their journal entries; decides every record in memory with
/// the pure rules (allocation order, late fee); then writes the new payments and journal entries in bulk and the
/// status changes of earlier store records in one statement. Money beyond what the installment owes is a journal entry
/// of the overpayment account (<see cref="LedgerComponent.Overpayment"/>, −X, its reason as the code of
/// <see cref="OverpaymentReasonCodes"/>), written in the same journal COPY.
/// Money for an installment whose claim has lapsed on the 納付日 (時効, <see cref="ClaimLimitation"/>, from the
/// loaded ledger) is wholly such an entry with reason <see cref="OverpaymentReason.PaidAfterLapse"/>, not a payment of it.
/// A record received before (same idempotency key) is a duplicate and books nothing, so a batch
/// replayed after a crash cannot book twice: the unique index on payments.idempotency_key stands
/// behind that rule.
/// </summary>
public sealed class PaymentBooker(AllocationOrder order, LateFeeRateTable rates, string actor)
{
    internal sealed class Target(long installmentId, long taxpayerId, InstallmentLedger ledger)
    {
        public long InstallmentId { get; } = installmentId;
        public long TaxpayerId { get; } = taxpayerId;
        public InstallmentLedger Ledger { get; } = ledger;
        public bool WasReduced { get; set; }
    }

    internal sealed class Known(long id, PaymentStatus status, long? installmentId)
    {
        public long Id { get; } = id;
        public PaymentStatus Status { get; set; } = status;
        public long? InstallmentId { get; } = installmentId;
    }

    /// <summary>Who the entries are recorded as.</summary>
    internal string Actor => actor;

    /// <summary>The order the booker allocates in.</summary>
    internal AllocationOrder Order => order;

    /// <summary>The late-fee rates the booker allocates with.</summary>
    internal LateFeeRateTable Rates => rates;

    /// <summary>Where the time goes, phase by phase (see <see cref="PaymentImportPhases"/>); none when null.</summary>
    public PaymentImportPhases.Clock? Phases { get; init; }

    /// <summary>The closed business days (日計締め) and today: a 収入日 in a closed day becomes the next open day (<see cref="BusinessDays.ReceivedOn"/>).</summary>
    public (IReadOnlySet<DateOnly> Closed, DateOnly Today)? Days { get; init; }

    /// <summary>The 収入日 a payment is counted on: its own, unless that business day is closed.</summary>
    internal DateOnly ReceivedOn(DateOnly wanted) => Days is { } d ? BusinessDays.ReceivedOn(wanted, d.Today, d.Closed) : wanted;

    /// <summary>
    /// What a batch reads before it decides anything: the payments already received under its idempotency keys, and the
    /// installments its records and those payments name, each with its ledger. Read by <see cref="ReadAsync"/>, possibly on
    /// another connection while the batch before is still being written (<see cref="PaymentImport"/> does), and then
    /// brought up to date by <see cref="BringUpToDateAsync"/> with what that batch changed.
    /// </summary>
    public sealed class BatchReads
    {
        internal BatchReads(Dictionary<string, Known> known, HashSet<long> asked, Dictionary<long, Target> targets) =>
            (KnownByKey, Asked, Targets) = (known, asked, targets);

        internal Dictionary<string, Known> KnownByKey { get; }
        /// <summary>The installment ids the targets were read for (an id not found is not a target).</summary>
        internal HashSet<long> Asked { get; }
        internal Dictionary<long, Target> Targets { get; }
        /// <summary>After the batch is booked: the installments it wrote journal entries for.</summary>
        internal HashSet<long> Touched { get; } = [];
    }

    /// <summary>
    /// The batch's reads (<see cref="BatchReads"/>): one query for the known payments, one for the targets with their
    /// journal, one for their claim events. <paramref name="clock"/>, when given, records the two laps under the names in <paramref name="phases"/>.
    /// </summary>
    public async Task<BatchReads> ReadAsync(ChoshuDbContext db, IReadOnlyList<PaymentRecord> records, PaymentImportPhases.Clock? clock,
        (string Known, string Targets) phases, CancellationToken ct)
    {
        var keys = records.Select(r => r.IdempotencyKey).Distinct().ToList();
        var known = await LoadKnownAsync(db, keys, ct);
        clock?.Lap(phases.Known);
        var installmentIds = InstallmentsNamed(records, known);
        var targets = await LoadTargetsAsync(db, installmentIds, ct);
        clock?.Lap(phases.Targets);
        return new BatchReads(known, [.. installmentIds], targets);
    }

    /// <summary>
    /// Makes reads taken before <paramref name="previous"/> (the batch booked just before, now committed) was written true
    /// again: a payment that batch received or changed is taken as it left it, and an installment it wrote entries for, or
    /// that such a payment newly names, is read again in this transaction. Everything else it did not touch, and nothing
    /// else writes payments or the journal while the import holds the payments lock.
    /// </summary>
    public async Task<BatchReads> BringUpToDateAsync(ChoshuDbContext db, IReadOnlyList<PaymentRecord> records, BatchReads reads, BatchReads? previous, CancellationToken ct)
    {
        if (previous is null) return reads;
        foreach (var key in records.Select(r => r.IdempotencyKey))
            if (previous.KnownByKey.TryGetValue(key, out var now)) reads.KnownByKey[key] = now;
        var stale = InstallmentsNamed(records, reads.KnownByKey).Where(id => previous.Touched.Contains(id) || !reads.Asked.Contains(id)).ToList();
        if (stale.Count == 0) return reads;
        var fresh = await LoadTargetsAsync(db, stale, ct);
        foreach (var id in stale)
        {
            reads.Asked.Add(id);
            if (fresh.TryGetValue(id, out var target)) reads.Targets[id] = target;
            else reads.Targets.Remove(id);
        }
        return reads;
    }

    private static async Task<Dictionary<string, Known>> LoadKnownAsync(ChoshuDbContext db, List<string> keys, CancellationToken ct) =>
        (await db.Payments.AsNoTracking()
                .Where(p => keys.Contains(p.IdempotencyKey))
                .Select(p => new { p.Id, p.IdempotencyKey, p.Status, p.InstallmentId })
                .ToListAsync(ct))
            .ToDictionary(p => p.IdempotencyKey, p => new Known(p.Id, p.Status, p.InstallmentId));

    /// <summary>The installments the records' keys name and those the payments already received under them were booked to.</summary>
    private static List<long> InstallmentsNamed(IReadOnlyList<PaymentRecord> records, Dictionary<string, Known> known) =>
        records.Where(r => r.Key is not null).Select(r => r.Key!.Value.InstallmentId)
            .Concat(known.Values.Where(k => k.InstallmentId is not null).Select(k => k.InstallmentId!.Value))
            .Distinct().ToList();

    public Task<IReadOnlyList<BookingResult>> BookAsync(
        ChoshuDbContext db, IBulkWriter writer, IReadOnlyList<PaymentRecord> records, long? importFileId, DateTime nowUtc, CancellationToken ct) =>
        BookAsync(db, writer, records, null, importFileId, nowUtc, ct);

    /// <summary>
    /// Books <paramref name="records"/>; <paramref name="reads"/> are the batch's reads when taken already (and brought up
    /// to date), else they are read here. After it returns, <see cref="BatchReads.Touched"/> of the reads used says which
    /// installments were written to.
    /// </summary>
    public async Task<IReadOnlyList<BookingResult>> BookAsync(
        ChoshuDbContext db, IBulkWriter writer, IReadOnlyList<PaymentRecord> records, BatchReads? reads, long? importFileId, DateTime nowUtc, CancellationToken ct)
    {
        reads ??= await ReadAsync(db, records, Phases, (PaymentImportPhases.LoadKnown, PaymentImportPhases.LoadTargets), ct);
        var known = reads.KnownByKey;
        var targets = reads.Targets;
        // 滞納処分費 first (国税徴収法137条): the unpaid enforcement costs of the taxpayers, taken off the top of their payments below.
        var costs = (await Enforcement.EnforcementCostBalances.OfAsync(db, targets.Values.Select(t => t.TaxpayerId).Distinct().ToList(), ct))
            .Where(x => x.Value.Unpaid > 0).ToDictionary(x => x.Key, x => x.Value.Unpaid);
        var costPayments = new List<Data.Enforcement.EnforcementCostPayment>();
        Phases?.Lap(PaymentImportPhases.LoadCosts);

        var newPayments = new List<Payment>();
        var entries = new List<JournalEntry>();
        var statusChanges = new List<PaymentStatusChange>();
        var results = new List<BookingResult>(records.Count);
        var resultIndex = new Dictionary<long, int>();
        var bookedInBatch = new Dictionary<long, List<MoneyToBook>>();
        var replay = new Dictionary<long, List<MoneyToBook>>();
        var paymentIds = new Queue<long>(await writer.ReserveIdsAsync(BulkTables.Payments, records.Count, ct));
        Phases?.Lap(PaymentImportPhases.ReserveIds);

        foreach (var r in records)
        {
            known.TryGetValue(r.IdempotencyKey, out var seen);
            Target? target = r.Key is { } key && targets.TryGetValue(key.InstallmentId, out var t) ? t : null;
            switch (r.Kind)
            {
                case PaymentRecordKind.StorePreliminary:
                    if (seen is not null) { results.Add(Result(r, BookingOutcome.Duplicate)); break; }
                    var pending = NewPayment(r, paymentIds.Dequeue(), PaymentStatus.Pending, target, importFileId, nowUtc);
                    newPayments.Add(pending);
                    known[r.IdempotencyKey] = new Known(pending.Id, pending.Status, pending.InstallmentId);
                    results.Add(Result(r, BookingOutcome.Pending, pending.Id));
                    break;

                case PaymentRecordKind.StoreCancel:
                    if (seen is null) { results.Add(Quarantine(r, "区分", "取り消す速報が見つかりません。")); break; }
                    if (seen.Status == PaymentStatus.Cancelled) { results.Add(Result(r, BookingOutcome.Duplicate, seen.Id)); break; }
                    if (seen.Status != PaymentStatus.Pending) { results.Add(Quarantine(r, "区分", "確報済みの収納は速報取消できません。収納の取消（payment reverse）で処理してください。")); break; }
                    seen.Status = PaymentStatus.Cancelled;
                    statusChanges.Add(new PaymentStatusChange(seen.Id, PaymentStatus.Cancelled, null, seen.InstallmentId, "速報取消"));
                    results.Add(Result(r, BookingOutcome.Cancelled, seen.Id));
                    break;

                default: // Payment, StoreFinal
                    if (seen is not null && !(r.Kind == PaymentRecordKind.StoreFinal && seen.Status == PaymentStatus.Pending))
                    {
                        if (seen.Status == PaymentStatus.Cancelled)
                            results.Add(Quarantine(r, "区分", "速報取消済みの収納に確報がありました。収納代行業者に確認してください。"));
                        else
                            results.Add(Result(r, BookingOutcome.Duplicate, seen.Id));
                        break;
                    }
                    var receivedOn = ReceivedOn(r.ReceivedOn ?? r.PaidOn);
                    if (target is null)
                    {
                        if (seen is not null)
                        {
                            seen.Status = PaymentStatus.Unmatched;
                            statusChanges.Add(new PaymentStatusChange(seen.Id, PaymentStatus.Unmatched, receivedOn, null, "確報（消込先なし）"));
                            results.Add(Result(r, BookingOutcome.Unmatched, seen.Id));
                        }
                        else
                        {
                            var unmatched = NewPayment(r, paymentIds.Dequeue(), PaymentStatus.Unmatched, null, importFileId, nowUtc);
                            newPayments.Add(unmatched);
                            known[r.IdempotencyKey] = new Known(unmatched.Id, unmatched.Status, null);
                            results.Add(Result(r, BookingOutcome.Unmatched, unmatched.Id));
                        }
                        break;
                    }
                    var paymentId = seen?.Id ?? paymentIds.Peek();
                    // The taxpayer's unpaid 滞納処分費 first, out of any payment but a distribution's (channel 7 pays the costs in its
                    // receipt); only the rest reaches the installment, so the journal (and a later replay of it) never sees the costs' part.
                    long toCosts = 0;
                    if (r.Channel != PaymentChannel.Distribution && costs.TryGetValue(target.TaxpayerId, out var unpaidCosts))
                        (toCosts, _) = PaymentAllocator.CostsFirst(r.Amount, unpaidCosts);
                    var toBook = new PaymentToBook(paymentId, r.Amount - toCosts, r.PaidOn, importFileId, r.LineNo);
                    // Dated before money already applied to the installment (or on the same day, for a 確報 whose 速報
                    // has an older number): allocating it now would differ from allocating in (納付日, number) order.
                    // The installment is then booked again in order at the end of the batch. Money paid after the lapse
                    // is in the overpayment account and dates the installment's money too: one dated before it may renew
                    // the limitation (承認) and change that judgement.
                    var last = target.Ledger.LastMoneyDate;
                    var deferred = replay.ContainsKey(target.InstallmentId) || last > r.PaidOn || (seen is not null && last == r.PaidOn);
                    long overpaid = 0;
                    if (toCosts > 0 && toBook.Amount == 0) deferred = false; // wholly to the costs: nothing reaches the installment
                    else if (!deferred)
                    {
                        try
                        {
                            overpaid = Allocate(target, toBook, nowUtc, entries);
                        }
                        catch (DomainException ex)
                        {
                            // E.g. the late-fee rate of the payment's year is not registered yet: this record waits in
                            // quarantine (nothing of it was applied) and the rest of the file is booked.
                            results.Add(Quarantine(r, "納付日", ex.Message));
                            break;
                        }
                    }
                    if (seen is not null)
                    {
                        seen.Status = PaymentStatus.Booked;
                        statusChanges.Add(new PaymentStatusChange(seen.Id, PaymentStatus.Booked, receivedOn, target.InstallmentId, "確報"));
                    }
                    else
                    {
                        newPayments.Add(NewPayment(r, paymentIds.Dequeue(), PaymentStatus.Booked, target, importFileId, nowUtc));
                        known[r.IdempotencyKey] = new Known(paymentId, PaymentStatus.Booked, target.InstallmentId);
                    }
                    resultIndex[paymentId] = results.Count;
                    if (toCosts > 0)
                    {
                        costs[target.TaxpayerId] -= toCosts;
                        costPayments.Add(new Data.Enforcement.EnforcementCostPayment
                        {
                            TaxpayerId = target.TaxpayerId, PaymentId = paymentId, Amount = toCosts, PaidOn = r.PaidOn, RecordedAtUtc = nowUtc,
                        });
                    }
                    if (toBook.Amount > 0 && deferred)
                    {
                        if (!replay.TryGetValue(target.InstallmentId, out var waiting))
                            replay[target.InstallmentId] = waiting = [.. bookedInBatch.GetValueOrDefault(target.InstallmentId) ?? []];
                        waiting.Add(toBook);
                    }
                    else if (toBook.Amount > 0)
                    {
                        if (!bookedInBatch.TryGetValue(target.InstallmentId, out var inBatch)) bookedInBatch[target.InstallmentId] = inBatch = [];
                        inBatch.Add(toBook);
                    }
                    results.Add(new BookingResult(r.LineNo, BookingOutcome.Booked, r.Amount, paymentId, overpaid, null, null));
                    break;
            }
        }

        if (replay.Count > 0)
        {
            // What this batch allocated to these installments is dropped (it was never written) and booked again, with the
            // earlier-dated arrivals and any already booked payments after them, in 納付日 order: all of the batch's
            // installments to replay read in one query, not one round trip each.
            var replayed = replay.Keys.ToHashSet();
            entries.RemoveAll(e => replayed.Contains(e.InstallmentId));
            var overpaid = await InstallmentReplay.RebookBatchAsync(db, this, replay.Select(x => (targets[x.Key], (IReadOnlyList<MoneyToBook>)x.Value)).ToList(),
                nowUtc, "納付日順の再消込", entries, ct);
            foreach (var (paymentId, amount) in overpaid)
                if (resultIndex.TryGetValue(paymentId, out var i)) results[i] = results[i] with { Overpaid = amount };
        }
        Phases?.Lap(PaymentImportPhases.Allocate);
        reads.Touched.UnionWith(entries.Select(e => e.InstallmentId));
        await WriteAsync(writer, newPayments, entries, statusChanges, nowUtc, ct);
        if (costPayments.Count > 0)
        {
            db.EnforcementCostPayments.AddRange(costPayments);
            await db.SaveChangesAsync(ct);
        }
        return results;
    }

    /// <summary>
    /// Books money (a payment, or an appropriation of an overpayment) against one installment, appending the entries to
    /// <paramref name="entries"/> and updating the in-memory ledger so later money of the same batch sees it. Returns the
    /// part put into the overpayment account (beyond what the installment owed, or all of it when the claim has lapsed).
    /// A payment's entries are of kind Payment and carry its id; an appropriation's are of kind Appropriation and link to
    /// its source entry (the late fee it makes final, and any part left over, link to it too).
    /// </summary>
    internal long Allocate(Target target, MoneyToBook money, DateTime nowUtc, List<JournalEntry> entries)
    {
        var ledger = target.Ledger;
        var owedBefore = ledger.Owed;
        var (amount, on) = (money.Amount, money.On);
        var payment = money as PaymentToBook;
        var appropriation = money as AppropriationToBook;
        var moneyKind = payment is not null ? JournalEntryKind.Payment : JournalEntryKind.Appropriation;
        var moneyReason = payment is not null ? "payment" : "appropriation";

        void Add(JournalEntryKind kind, LedgerComponent component, long signedAmount, string reason)
        {
            if (signedAmount == 0) return;
            ledger.Apply(kind, component, signedAmount, on);
            entries.Add(new JournalEntry
            {
                InstallmentId = target.InstallmentId, Kind = kind, Component = component, Amount = signedAmount, ValueDate = on,
                RecordedAtUtc = nowUtc, Actor = actor, ReasonCode = reason, PaymentId = payment?.PaymentId,
                ImportFileId = payment?.ImportFileId, SourceLine = payment?.SourceLine,
                LinkedEntryId = appropriation?.SourceEntryId, Comment = appropriation?.Comment,
            });
        }

        if (amount > 0 && ledger.LapsedWithBalance(on))
        {
            // The right to collect lapsed before the 納付日 (地方税法18条: absolute, nothing is owed any more): the whole
            // amount goes to the overpayment account, to be appropriated or refunded; it renews nothing (InstallmentLedger
            // keeps the account apart from the claim). The lapse day comes from the ledger already loaded (due date,
            // reminders, earlier money), see ClaimLimitation.
            Add(moneyKind, LedgerComponent.Overpayment, -amount, OverpaymentReasonCodes.PaidAfterLapse);
            return amount;
        }
        var a = PaymentAllocator.Allocate(amount, on, ledger.Position(), order, rates);

        // The order of the entries follows the order money was applied; the late fee is booked as
        // final (charged) before any of it is paid.
        foreach (var component in order.Components)
        {
            switch (component)
            {
                case LedgerComponent.Principal:
                    Add(moneyKind, LedgerComponent.Principal, -a.ToPrincipal, moneyReason);
                    Add(JournalEntryKind.Charge, LedgerComponent.LateFee, a.LateFeeFinalised, "latefee.final");
                    break;
                case LedgerComponent.ReminderFee:
                    Add(moneyKind, LedgerComponent.ReminderFee, -a.ToReminderFee, moneyReason);
                    break;
                case LedgerComponent.LateFee:
                    Add(moneyKind, LedgerComponent.LateFee, -a.ToLateFee, moneyReason);
                    break;
            }
        }

        if (a.Overpaid > 0)
        {
            var reason = owedBefore <= 0
                ? (target.WasReduced ? OverpaymentReason.PaidAfterReduction : OverpaymentReason.DoublePayment)
                : OverpaymentReason.OverPayment;
            Add(moneyKind, LedgerComponent.Overpayment, -a.Overpaid, OverpaymentReasonCodes.Of(reason));
        }
        return a.Overpaid;
    }

    /// <summary>
    /// The installments of <paramref name="installmentIds"/> that exist, each with its taxpayer and its
    /// ledger folded from the journal. One query (installment, assessment and journal joined), read with
    /// a plain data reader: a batch reads some 10,000 journal lines, and EF's materialisation of them
    /// cost more than the query.
    /// </summary>
    internal static async Task<Dictionary<long, Target>> LoadTargetsAsync(ChoshuDbContext db, List<long> installmentIds, CancellationToken ct)
    {
        if (installmentIds.Count == 0) return [];
        var postgres = db.Provider == StoreProvider.Postgres;
        await using var cmd = await CommandAsync(db,
            $"""
            SELECT i.id, i.due_date, i.statutory_due_date, a.taxpayer_id, j.id, j.kind, j.component, j.amount, j.value_date, j.reverses_entry_id, i.accelerated_due_date
            FROM installments i
            JOIN assessments a ON a.id = i.assessment_id
            LEFT JOIN journal_entries j ON j.installment_id = i.id
            WHERE i.id {(postgres ? "= ANY(@ids)" : "IN (SELECT value FROM json_each(@ids))")}
            """, ct);
        var ids = cmd.CreateParameter();
        ids.ParameterName = "@ids";
        ids.Value = postgres ? installmentIds.ToArray() : JsonSerializer.Serialize(installmentIds);
        cmd.Parameters.Add(ids);

        var found = new Dictionary<long, (ClaimDates Dates, long TaxpayerId, List<LedgerLine> Lines)>(installmentIds.Count);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt64(0);
                if (!found.TryGetValue(id, out var installment))
                    found.Add(id, installment = (new ClaimDates(reader.GetFieldValue<DateOnly>(1), reader.GetFieldValue<DateOnly>(2),
                        reader.IsDBNull(10) ? null : reader.GetFieldValue<DateOnly>(10)), reader.GetInt64(3), []));
                if (reader.IsDBNull(4)) continue; // an installment without a journal entry (never charged)
                installment.Lines.Add(new LedgerLine(reader.GetInt64(4), (JournalEntryKind)reader.GetInt16(5), (LedgerComponent)reader.GetInt16(6),
                    reader.GetInt64(7), reader.GetFieldValue<DateOnly>(8), reader.IsDBNull(9) ? null : reader.GetInt64(9)));
            }
        }
        // The claims' events (reminders, pledges, seizures, stays …): the lapse judgement reads them with the money.
        var events = await Claims.ClaimLedgers.EventsAsync(db, found.Keys.ToList(), ct);
        var targets = new Dictionary<long, Target>(found.Count);
        foreach (var (id, (dates, taxpayerId, lines)) in found)
        {
            targets.Add(id, new Target(id, taxpayerId, InstallmentLedger.From(dates, lines, events[id].ToList()))
            {
                WasReduced = lines.Exists(l => l.Kind == JournalEntryKind.Amendment && l.Amount < 0),
            });
        }
        return targets;
    }

    /// <summary>A command on the context's connection, in its transaction.</summary>
    private static async Task<DbCommand> CommandAsync(ChoshuDbContext db, string sql, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return cmd;
    }

    private Payment NewPayment(PaymentRecord r, long id, PaymentStatus status, Target? target, long? importFileId, DateTime nowUtc) => new()
    {
        Id = id, Channel = r.Channel, Status = status, RawKey = r.RawKey, InstallmentId = target?.InstallmentId, Amount = r.Amount,
        PaidOn = r.PaidOn, ReceivedOn = status == PaymentStatus.Pending ? null : ReceivedOn(r.ReceivedOn ?? r.PaidOn), SourceCode = r.SourceCode,
        ImportFileId = importFileId, SourceLine = r.LineNo, IdempotencyKey = r.IdempotencyKey, RawRecord = r.RawText,
        Actor = actor, RecordedAtUtc = nowUtc,
    };

    internal async Task WriteAsync(IBulkWriter writer, List<Payment> payments, List<JournalEntry> entries,
        List<PaymentStatusChange> changes, DateTime nowUtc, CancellationToken ct)
    {
        await AssignIdsAsync(writer, entries, ct);
        Phases?.Lap(PaymentImportPhases.ReserveIds);
        await writer.WriteAsync(BulkTables.Payments, payments, ct);
        Phases?.Lap(PaymentImportPhases.CopyPayments);
        await PaymentStatusWriter.ApplyAsync(writer, changes, actor, nowUtc, ct);
        Phases?.Lap(PaymentImportPhases.StatusChanges);
        await writer.WriteAsync(BulkTables.JournalEntries, entries, ct);
        Phases?.Lap(PaymentImportPhases.CopyJournal);
    }

    /// <summary>Reserves ids for the entries that have none yet (an appropriation's source entry is given its id first).</summary>
    internal static async Task AssignIdsAsync(IBulkWriter writer, List<JournalEntry> entries, CancellationToken ct)
    {
        var without = entries.Where(e => e.Id == 0).ToList();
        if (without.Count == 0) return;
        var ids = await writer.ReserveIdsAsync(BulkTables.JournalEntries, without.Count, ct);
        for (var i = 0; i < without.Count; i++) without[i].Id = ids[i];
    }

    private static BookingResult Result(PaymentRecord r, BookingOutcome outcome, long? paymentId = null) =>
        new(r.LineNo, outcome, r.Amount, paymentId, 0, null, null);

    private static BookingResult Quarantine(PaymentRecord r, string field, string reason) =>
        new(r.LineNo, BookingOutcome.Quarantined, r.Amount, null, 0, field, reason);
}
