using Choshu.App.Assessments;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Bulk;
using Choshu.Data.Ledger;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;
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
/// overpayment arose) — principal before late fee, the late fee made final to that day when the principal is complete; a
/// lapsed claim takes nothing. The refund interest the appropriated part earned to that day (17条の4,
/// <see cref="OverpaymentFacts.Interest"/>) is recorded as money owed (<see cref="Domain.Ledger.JournalEntryKind.RefundInterest"/>)
/// and is itself appropriated to what is still owed, or left for refund.
/// <para>
/// Set-based: the taxpayers are taken a chunk at a time (<see cref="ChunkSize"/>), and each chunk is one booking transaction.
/// Inside it, under the payments lock, the chunk's open overpayments, claims, journals and claim events are read in a few
/// queries; each taxpayer is then planned and booked in memory exactly as <see cref="AppropriateAsync"/> books one
/// appropriation — plan, book the first line, plan again from the ledgers as they now stand — and the chunk's entries are
/// written in one bulk write, with one audit record per appropriation (3007) appended in one save. Each appropriation's source
/// entry carries the idempotency key <c>appropriation:auto:{as-of}:{overpayment}:{claim}:{overpayment balance before}</c> (the
/// balance falls with every step, so the key names one step of one state; the store's unique index stands behind it). A run
/// killed at any point loses at most the chunk in flight, and a rerun plans again from the journal: nothing is booked twice.
/// When an appropriation books a payment of the target again and that changes the target's overpayments (a rare replay), the
/// taxpayer is finished in a later pass that reads the store again, as the journal then stands.
/// </para>
/// Needs <see cref="Permission.RecordPayments"/>; a taxpayer with a delinquency case only when the actor may change the
/// case's 充当 (officer in charge or approver; otherwise skipped, the refusal audited by the case policy). The run is audited
/// (3040), a dry run (the preview, booking nothing, one plan per taxpayer) too (3042).
/// </summary>
public sealed partial class Appropriations
{
    /// <summary>Taxpayers per booking transaction of a run.</summary>
    public int ChunkSize { get; init; } = 500;

    /// <summary>Told the number of taxpayers done after each chunk is committed (a dry run: planned).</summary>
    public IProgress<int>? Progress { get; init; }

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
            taxpayers = (await OverpaymentFacts.OpenAsync(db, request.TaxpayerId, ct)).Select(f => f.TaxpayerId).Distinct().Order().ToList();
        }

        var lines = new List<AppropriationLine>();
        var skipped = new List<AppropriationSkip>();
        var remainders = new Dictionary<long, AppropriationRemainder>();
        var done = 0;
        var pending = taxpayers;
        while (pending.Count > 0)
        {
            var again = new List<long>();
            foreach (var chunk in pending.Chunk(Math.Max(ChunkSize, 1)))
            {
                ct.ThrowIfCancellationRequested();
                ChunkResult result;
                if (request.DryRun)
                {
                    await using var db = store.CreateContext();
                    var books = await ChunkBooks.LoadAsync(db, chunk, request.AsOf, ct);
                    result = new ChunkResult();
                    foreach (var taxpayerId in chunk)
                    {
                        var plan = Plan(books.Facts(taxpayerId), books, booker, interestRates, settings.AppropriationOrder, taxpayerId, request.AsOf, clock.GetUtcNow().UtcDateTime);
                        result.Lines.AddRange(plan.Lines);
                        result.Remainders.Add(plan.Remainder);
                    }
                }
                else
                {
                    var allowed = await AllowedAsync(chunk, result = new ChunkResult(), ct);
                    var booked = await BookingTransaction.RunAsync(store, clock, actor.Name, (db, writer, b, now) =>
                        BookChunkAsync(db, writer, b, now, allowed, interestRates, settings.AppropriationOrder, request.AsOf, ct), ct);
                    result.Lines.AddRange(booked.Lines);
                    result.Skipped.AddRange(booked.Skipped);
                    result.Remainders.AddRange(booked.Remainders);
                    result.Unfinished.AddRange(booked.Unfinished);
                }
                lines.AddRange(result.Lines);
                skipped.AddRange(result.Skipped);
                foreach (var r in result.Remainders) remainders[r.TaxpayerId] = r;
                again.AddRange(result.Unfinished);
                done += chunk.Length - result.Unfinished.Count;
                Progress?.Report(done);
            }
            pending = again;
        }

        var runResult = new AppropriationRunResult(request.AsOf, request.DryRun, lines, skipped,
            remainders.Values.Where(r => r.Overpayment + r.RefundInterest > 0).OrderBy(r => r.TaxpayerId).ToList());
        await using (var db = store.CreateContext())
        {
            await AuditLog.AppendAsync(db, actor, new AuditRecord(request.DryRun ? AuditEventKind.AppropriationPreviewed : AuditEventKind.AppropriationRun,
                TaxpayerId: request.TaxpayerId,
                Detail: $"基準日 {request.AsOf:yyyy-MM-dd}{(request.DryRun ? "（予定）" : "")}: 充当 {lines.Count} 件 {runResult.Total}円（納税義務者 {lines.Select(l => l.TaxpayerId).Distinct().Count()} 人、還付加算金 {lines.Sum(l => l.RefundInterest)}円）、対象外 {skipped.Count} 人"),
                clock, ct);
        }
        return runResult;
    }

    private sealed class ChunkResult
    {
        public List<AppropriationLine> Lines { get; } = [];
        public List<AppropriationSkip> Skipped { get; } = [];
        public List<AppropriationRemainder> Remainders { get; } = [];
        public List<long> Unfinished { get; } = [];
    }

    /// <summary>
    /// The taxpayers of the chunk the actor may appropriate for: one with a delinquency case only when the case policy allows
    /// the actor to change its 充当 (checked outside the booking transaction, as the policy asks; a refusal is audited there).
    /// </summary>
    private async Task<List<long>> AllowedAsync(long[] chunk, ChunkResult result, CancellationToken ct)
    {
        await using var db = store.CreateContext();
        var ids = chunk.ToList();
        var cases = await db.CollectionCases.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.TaxpayerId))
            .Select(c => new { c.TaxpayerId, c.Id }).ToListAsync(ct);
        if (cases.Count == 0) return ids;
        var numbers = await db.Taxpayers.AsNoTracking().Where(t => EF.Parameter(ids).Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.TaxpayerNo, ct);
        var refused = new HashSet<long>();
        foreach (var c in cases.GroupBy(c => c.TaxpayerId).Select(g => g.MinBy(c => c.Id)!))
        {
            try
            {
                await new Cases.CaseUpdates(db, clock).AuthorizeAsync(actor, c.Id, CaseUpdateKind.Appropriation, ct);
            }
            catch (AccessDeniedException e)
            {
                result.Skipped.Add(new AppropriationSkip(c.TaxpayerId, numbers[c.TaxpayerId], $"滞納整理事案 {c.Id}: {e.Message}"));
                refused.Add(c.TaxpayerId);
            }
        }
        return ids.Where(id => !refused.Contains(id)).ToList();
    }

    /// <summary>
    /// Books one chunk of taxpayers in the caller's booking transaction: everything read in a few queries, each taxpayer planned and
    /// booked in memory one appropriation at a time (as <see cref="BookAsync"/> books one), then one bulk write of the entries and
    /// one save of the audit records. A refusal of one appropriation (<see cref="DomainException"/>) leaves that taxpayer's later
    /// appropriations alone (the ones before stay booked), as a run one transaction per appropriation would.
    /// </summary>
    private async Task<ChunkResult> BookChunkAsync(ChoshuDbContext db, IBulkWriter writer, PaymentBooker booker, DateTime now, List<long> chunk,
        RefundInterestRateTable interestRates, string order, DateOnly asOf, CancellationToken ct)
    {
        var result = new ChunkResult();
        if (chunk.Count == 0) return result;
        var books = await ChunkBooks.LoadAsync(db, chunk, asOf, ct);
        var ids = new Queue<long>();
        async Task<long> NextIdAsync()
        {
            if (ids.Count == 0)
                foreach (var id in await writer.ReserveIdsAsync(BulkTables.JournalEntries, 256, ct)) ids.Enqueue(id);
            return ids.Dequeue();
        }

        var written = new List<JournalEntry>();
        var audit = new List<AuditRecord>();
        foreach (var taxpayerId in chunk)
        {
            var taxpayerNo = books.TaxpayerNo(taxpayerId);
            while (true)
            {
                var plan = Plan(books.Facts(taxpayerId), books, booker, interestRates, order, taxpayerId, asOf, now);
                if (plan.Lines.Count == 0)
                {
                    result.Remainders.Add(plan.Remainder);
                    break;
                }
                var next = plan.Lines[0];
                var fact = plan.Facts[next.OverpaymentId];
                var key = $"appropriation:auto:{asOf:yyyyMMdd}:{next.OverpaymentId}:{next.TargetInstallmentId}:{fact.Balance}";
                var entries = new List<JournalEntry>();
                AppropriationResult booked;
                try
                {
                    booked = await BookInMemoryAsync(books, booker, now, fact, next, key, interestRates, entries, NextIdAsync);
                }
                catch (DomainException e)
                {
                    result.Skipped.Add(new AppropriationSkip(taxpayerId, taxpayerNo, e.Message));
                    result.Remainders.Add(plan.Remainder);
                    break;
                }
                books.Add(entries);
                written.AddRange(entries);
                if (booked.InterestEntryId is { } interestId)
                    books.AddInterest(OverpaymentFacts.Earned(interestId, taxpayerId, fact.InstallmentId, booked.RefundInterest, booked.EffectiveOn));
                result.Lines.Add(next with
                {
                    EffectiveOn = booked.EffectiveOn, Principal = booked.ToPrincipal, ReminderFee = booked.ToReminderFee, LateFee = booked.ToLateFee,
                    RefundInterest = booked.RefundInterest, SourceEntryId = booked.SourceEntryId,
                });
                audit.Add(new AuditRecord(AuditEventKind.OverpaymentAppropriated, TaxpayerId: taxpayerId,
                    Detail: $"過誤納 {fact.Id}（{books.NameOf(fact.InstallmentId)}）から {booked.Amount}円 を{books.NameOf(booked.TargetInstallmentId)}に充当（充当日 {booked.EffectiveOn:yyyy-MM-dd}、再消込 {booked.Rebooked.Count} 件"
                        + (booked.InterestEntryId is null ? "" : $"、還付加算金 {booked.RefundInterest}円") + "）: 一斉充当"));
                // A payment of the target booked again whose overpaid part changed: the overpayments of the view changed
                // with it. The taxpayer is finished in a later pass, planned from the store as it then stands.
                if (entries.Exists(e => e.Component == LedgerComponent.Overpayment && e.PaymentId is not null))
                {
                    result.Unfinished.Add(taxpayerId);
                    break;
                }
            }
        }
        if (written.Count == 0) return result;
        // The pairs link both ways: on SQLite the keys are checked at the end of the transaction (PostgreSQL checks them at
        // the end of the one COPY that writes them all).
        if (db.Provider == StoreProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA defer_foreign_keys = ON;", ct);
        await booker.WriteAsync(writer, [], written, [], now, ct);
        await AuditLog.AppendManyAsync(db, actor, audit, clock, ct);
        return result;
    }

    /// <summary>
    /// <see cref="BookAsync"/> on ledgers held in memory: the same checks (refused in the same Japanese words), the same entries
    /// (the source entry, the target's allocation with any money after it booked again in order, the refund interest entry),
    /// with ids from <paramref name="nextId"/>. Appends the entries to <paramref name="entries"/>; writes nothing.
    /// </summary>
    private static async Task<AppropriationResult> BookInMemoryAsync(ChunkBooks books, PaymentBooker booker, DateTime now, OverpaymentFact fact,
        AppropriationLine line, string key, RefundInterestRateTable interestRates, List<JournalEntry> entries, Func<Task<long>> nextId)
    {
        if (books.HasKey(key) is { } doneId)
            throw new DomainException("appropriation.duplicate", $"この充当は既に記録されています（仕訳 {doneId}）。二重には記録しません。");
        var targetState = books.Target(line.TargetInstallmentId);
        var effectiveOn = Check(books.Target(fact.InstallmentId).Ledger, targetState.Ledger, fact.AroseOn, books.AccountBalance(fact.TaxpayerId), line.Amount, booker.Rates);

        const string comment = "一斉充当";
        var sourceId = await nextId();
        var rebooked = InstallmentReplay.Rebook(booker, targetState, books.Journal(line.TargetInstallmentId),
            [new AppropriationToBook(sourceId, line.Amount, effectiveOn, comment)], null, now, $"過誤納 {fact.Id} の充当", entries);
        var sourceEntry = SourceEntry(sourceId, fact.InstallmentId, line.Amount, effectiveOn, now, booker.Actor, comment, key);
        entries.Insert(0, sourceEntry);
        foreach (var e in entries.Where(e => e.Id == 0)) e.Id = await nextId();
        sourceEntry.LinkedEntryId = entries.First(e => e.LinkedEntryId == sourceId && e.Kind == JournalEntryKind.Appropriation).Id;
        var interestEntry = InterestEntry(sourceEntry, fact.IsInterest ? null : OverpaymentFacts.Interest(fact, line.Amount, effectiveOn, interestRates));
        if (interestEntry is not null)
        {
            interestEntry.Id = await nextId();
            entries.Add(interestEntry);
        }
        return Result(sourceEntry, line.TargetInstallmentId, rebooked, entries, interestEntry);
    }

    private sealed record TaxpayerPlan(List<AppropriationLine> Lines, Dictionary<long, OverpaymentFact> Facts, AppropriationRemainder Remainder);

    /// <summary>
    /// The appropriations one taxpayer's open overpayments make now, in memory (the booker's allocation on the loaded ledgers;
    /// the interest each earns queued as money after them). The first line is what the live run books next.
    /// </summary>
    private static TaxpayerPlan Plan(IReadOnlyList<OverpaymentFact> facts, ChunkBooks books, PaymentBooker booker, RefundInterestRateTable interestRates,
        string order, long taxpayerId, DateOnly asOf, DateTime now)
    {
        var taxpayerNo = books.TaxpayerNo(taxpayerId);
        var claims = books.ClaimsOf(taxpayerId);
        var targets = claims.ToDictionary(c => c.Id, c => books.Target(c.Id));
        var ordered = (order == AppSettings.NewestDueFirst ? claims.OrderByDescending(c => c.DueDate) : claims.OrderBy(c => c.DueDate))
            .ThenBy(c => c.TaxKindCode).ThenBy(c => c.FiscalYear).ThenBy(c => c.NoticeNo).ThenBy(c => c.Period).ToList();

        var lines = new List<AppropriationLine>();
        var queue = new List<(OverpaymentFact Fact, long Left)>(facts.Select(f => (f, f.Balance)));
        var byId = facts.ToDictionary(f => f.Id);
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
                long Part(LedgerComponent k) => -scratch.Where(e => e.Kind == JournalEntryKind.Appropriation && e.Component == k).Sum(e => e.Amount);
                var interest = fact.IsInterest ? 0 : OverpaymentFacts.Interest(fact, amount, effectiveOn, interestRates).Interest;
                lines.Add(new AppropriationLine(taxpayerId, taxpayerNo, fact.Id, fact.IsInterest, fact.InstallmentId, c.Id, c.TaxKindCode, c.TaxKindName, c.FiscalYear,
                    c.NoticeNo, c.Period, c.DueDate, effectiveOn, amount, Part(LedgerComponent.Principal),
                    Part(LedgerComponent.ReminderFee), Part(LedgerComponent.LateFee), interest, null));
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

    /// <summary>A claim an appropriation may go to (an installment whose 納期限 has come by the as-of day), as the run names it.</summary>
    private sealed record ClaimRow(long Id, long TaxpayerId, DateOnly DueDate, string TaxKindCode, string TaxKindName, int FiscalYear, string NoticeNo, short Period);

    /// <summary>
    /// The books of a chunk of taxpayers held in memory: every installment of theirs with its dates and claim events, all of its
    /// journal entries (those the run adds too), the money ever put into their overpayment accounts, and the appropriation keys
    /// already used. Read in five queries; the ledgers are folded from the journal when asked for, as the store would fold them.
    /// </summary>
    private sealed class ChunkBooks
    {
        private readonly Dictionary<long, (ClaimDates Dates, long TaxpayerId, string Name)> installments = [];
        private readonly Dictionary<long, List<ClaimRow>> claims = [];
        private readonly Dictionary<long, List<JournalEntry>> journals = [];
        private readonly ILookup<long, Domain.Claims.ClaimEvent> events;
        private readonly Dictionary<long, List<OverpaymentFact>> arisen;
        private readonly Dictionary<long, string> taxpayerNos;
        private readonly Dictionary<string, long> keys = [];

        private ChunkBooks(ILookup<long, Domain.Claims.ClaimEvent> events, Dictionary<long, List<OverpaymentFact>> arisen, Dictionary<long, string> taxpayerNos)
        {
            this.events = events;
            this.arisen = arisen;
            this.taxpayerNos = taxpayerNos;
        }

        public static async Task<ChunkBooks> LoadAsync(ChoshuDbContext db, IReadOnlyCollection<long> taxpayerIds, DateOnly asOf, CancellationToken ct)
        {
            var ids = taxpayerIds.ToList();
            var rows = await (from i in db.Installments.AsNoTracking()
                              join a in db.Assessments on i.AssessmentId equals a.Id
                              join k in db.TaxKinds on a.TaxKindCode equals k.Code
                              where EF.Parameter(ids).Contains(a.TaxpayerId)
                              select new { i.Id, i.DueDate, i.StatutoryDueDate, i.AcceleratedDueDate, a.TaxpayerId, a.TaxKindCode, TaxKindName = k.Name, a.FiscalYear, a.NoticeNo, i.Period })
                .ToListAsync(ct);
            var journal = await (from j in db.JournalEntries.AsNoTracking()
                                 join i in db.Installments on j.InstallmentId equals i.Id
                                 join a in db.Assessments on i.AssessmentId equals a.Id
                                 where EF.Parameter(ids).Contains(a.TaxpayerId)
                                 select j).ToListAsync(ct);
            var installmentIds = rows.Select(r => r.Id).ToList();
            var events = await Claims.ClaimLedgers.EventsAsync(db, installmentIds, ct);
            var arisen = (await OverpaymentFacts.ArisenAsync(db, ids, ct)).GroupBy(f => f.TaxpayerId).ToDictionary(g => g.Key, g => g.ToList());
            var numbers = await db.Taxpayers.AsNoTracking().Where(t => EF.Parameter(ids).Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.TaxpayerNo, ct);
            var books = new ChunkBooks(events, arisen, numbers);
            foreach (var r in rows)
            {
                books.installments[r.Id] = (new ClaimDates(r.DueDate, r.StatutoryDueDate, r.AcceleratedDueDate), r.TaxpayerId, InstallmentNames.Of(r.TaxKindName, r.FiscalYear, r.NoticeNo, r.Period));
                books.journals[r.Id] = [];
                if (r.DueDate <= asOf)
                {
                    if (!books.claims.TryGetValue(r.TaxpayerId, out var list)) books.claims[r.TaxpayerId] = list = [];
                    list.Add(new ClaimRow(r.Id, r.TaxpayerId, r.DueDate, r.TaxKindCode, r.TaxKindName, r.FiscalYear, r.NoticeNo, r.Period));
                }
            }
            foreach (var j in journal.OrderBy(j => j.Id))
            {
                books.journals[j.InstallmentId].Add(j);
                if (j.IdempotencyKey is { } key) books.keys[key] = j.Id;
            }
            return books;
        }

        public string TaxpayerNo(long taxpayerId) => taxpayerNos[taxpayerId];

        public string NameOf(long installmentId) => installments.TryGetValue(installmentId, out var i) ? i.Name : "登録のない期別";

        public IReadOnlyList<ClaimRow> ClaimsOf(long taxpayerId) => claims.TryGetValue(taxpayerId, out var list) ? list : [];

        public IReadOnlyList<JournalEntry> Journal(long installmentId) => journals[installmentId];

        public long? HasKey(string key) => keys.TryGetValue(key, out var id) ? id : null;

        /// <summary>
        /// The installment's ledger folded from its journal as it now stands (entries the run added included); a new fold each
        /// time, as a plan allocates on it.
        /// </summary>
        public PaymentBooker.Target Target(long installmentId)
        {
            var (dates, taxpayerId, _) = installments[installmentId];
            var journal = journals[installmentId];
            var lines = journal.Select(j => new LedgerLine(j.Id, j.Kind, j.Component, j.Amount, j.ValueDate, j.ReversesEntryId));
            var target = new PaymentBooker.Target(installmentId, taxpayerId, InstallmentLedger.From(dates, lines, events[installmentId].ToList()))
            {
                WasReduced = journal.Exists(l => l.Kind == JournalEntryKind.Amendment && l.Amount < 0),
            };
            return target;
        }

        /// <summary>The taxpayer's overpayment account: −Σ of the overpayment-account entries of all of their installments.</summary>
        public long AccountBalance(long taxpayerId) =>
            -installments.Where(i => i.Value.TaxpayerId == taxpayerId)
                .Sum(i => journals[i.Key].Where(j => j.Component == LedgerComponent.Overpayment).Sum(j => j.Amount));

        /// <summary>The taxpayer's open overpayments as <see cref="OverpaymentFacts.OpenAsync(ChoshuDbContext, long?, CancellationToken)"/> would read them now.</summary>
        public IReadOnlyList<OverpaymentFact> Facts(long taxpayerId)
        {
            if (!arisen.TryGetValue(taxpayerId, out var money)) return [];
            var balances = money.Select(f => f.InstallmentId).Distinct()
                .ToDictionary(i => i, i => -journals[i].Where(j => j.Component == LedgerComponent.Overpayment).Sum(j => j.Amount));
            return OverpaymentFacts.Open(money, balances);
        }

        /// <summary>Entries booked by the run (ids assigned).</summary>
        public void Add(IEnumerable<JournalEntry> entries)
        {
            foreach (var e in entries)
            {
                journals[e.InstallmentId].Add(e);
                if (e.IdempotencyKey is { } k) keys[k] = e.Id;
            }
        }

        /// <summary>Refund interest the run recorded: money owed from the day it was earned.</summary>
        public void AddInterest(OverpaymentFact earned) => arisen[earned.TaxpayerId].Add(earned);
    }
}
