using System.Globalization;
using Choshu.App.Claims;
using Choshu.App.Documents;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.Data;
using Choshu.Data.Documents;
using Choshu.Data.Ledger;
using Choshu.Data.Notices;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Choshu.Formats.Barcodes;
using Choshu.Formats.Text;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Notices;

/// <summary>What a dispatch did: letters sent, letters pulled (paid before they left, or no longer allowed) with why, events and fees.</summary>
public sealed record DispatchResult(long RunId, DateOnly On, int Sent, int Pulled, int Events, long FeesCharged, IReadOnlyList<string> PulledReasons);

/// <summary>
/// 通知書の一括作成・発送・取消: records a run from a plan (<see cref="GenerateAsync"/>), the day its letters left
/// (<see cref="DispatchAsync"/>: the legal 発付日; only then the claim events and reminder fees), or its cancellation before
/// dispatch (<see cref="CancelAsync"/>). Exactly once: a run is planned again inside its own transaction under a lock, an
/// installment in a live reminder run is never selected again, a dispatched run cannot be dispatched twice, and each event and fee
/// carries an idempotency key made from its letter item. Runs of 督促状 and of direct-debit notices need
/// <see cref="Permission.IssueNotices"/>; 催告書 and 差押予告書 <see cref="Permission.IssueDemands"/>. Audited 3030–3032
/// (one record per run), the letters as issued documents of the run.
/// </summary>
public sealed class NoticeRuns(ChoshuDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Crash points around every write and commit of <see cref="GenerateAsync"/> and <see cref="DispatchAsync"/>
    /// (docs/security.md「Crash points」); from the environment by default, a no-op in production.
    /// </summary>
    public Faults.CrashPoints CrashPoints { get; init; } = Faults.CrashPoints.FromEnvironment();

    /// <summary>The template version of notice letters' data records; raise it when the record or the drawing changes.</summary>
    public const int TemplateVersion = 1;

    /// <summary>The permission a run of this kind needs.</summary>
    public static Permission PermissionFor(string kind) =>
        kind is NoticeRunKinds.Demand or NoticeRunKinds.SeizureWarning ? Permission.IssueDemands : Permission.IssueNotices;

    /// <summary>
    /// プレビュー: the plan of a run of <paramref name="kind"/>, nothing recorded but the reading: it lists taxpayers (those left
    /// out, by 宛名番号, with why), so it needs the run kind's permission and is audited (2006, the counts and conditions).
    /// </summary>
    public async Task<NoticePlan> PreviewAsync(Actor actor, string kind, Func<ChoshuDbContext, CancellationToken, Task<NoticePlan>> plan, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await AccessControl.DemandAsync(db, actor, PermissionFor(kind), clock, what: $"{Label(kind)}のプレビュー", ct: ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var p = await plan(db, ct);
        RefuseFuture(p);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.NoticeTargetsPreviewed,
            Detail: $"{Label(kind)} 基準日 {D(p.AsOf)} {p.Letters.Count}通 {p.ItemCount}期別 除外 {p.Excluded.Count}件 条件 {p.Conditions}"), clock, ct);
        await tx.CommitAsync(ct);
        return p;
    }

    /// <summary>
    /// Records the run <paramref name="plan"/> makes, planned again inside the transaction (so a concurrent run or payment
    /// cannot slip between count and issue). Returns null when the plan has no letter (a rerun issues nothing).
    /// </summary>
    public async Task<NoticeRun?> GenerateAsync(Actor actor, string kind, Func<ChoshuDbContext, CancellationToken, Task<NoticePlan>> plan, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await AccessControl.DemandAsync(db, actor, PermissionFor(kind), clock, what: $"{Label(kind)}の一括作成", ct: ct);
        var settings = await AppSettings.LoadAsync(db, ct);
        CrashPoints.Step("generate-before-begin");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(ct);
        CrashPoints.Step("generate-after-begin");
        var p = await plan(db, ct);
        if (p.Kind != kind) throw new InvalidOperationException("Plan of another kind.");
        RefuseFuture(p);
        if (p.Letters.Count == 0) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var run = new NoticeRun
        {
            Kind = kind, AsOf = p.AsOf, Conditions = p.Conditions, ConditionSetName = p.ConditionSetName,
            Layout = (short)(NoticeLayouts.Names.ToList().IndexOf(p.Layout) + 1), SlipDeadline = p.Deadline, Delivery = p.Delivery,
            ReminderFeePerLetter = kind == NoticeRunKinds.Reminder ? settings.ReminderFee : 0,
            LetterCount = p.Letters.Count, ItemCount = p.ItemCount, TotalAmount = p.TotalAmount,
            CreatedBy = actor.Name, AccountId = actor.AccountId, CreatedAtUtc = now,
        };
        db.NoticeRuns.Add(run);
        CrashPoints.Step("before-save-run");
        await db.SaveChangesAsync(ct);
        CrashPoints.Step("after-save-run");

        var sender = new NoticeSenderData(settings.City.Name, settings.City.Office, settings.City.Department, settings.City.Address, settings.City.Phone);
        var data = p.Letters.Select((l, n) => LetterData(run, n + 1, l, p, sender, settings.City, settings.StoreBillerCode)).ToList();
        var issues = data.Select((d, n) => new DocumentIssue(kind, Template(kind), TemplateVersion, p.Letters[n].Addressee.Taxpayer.TaxpayerId,
            p.Letters[n].Items.Count == 1 ? p.Letters[n].Items[0].Installment.InstallmentId : null, d.ToDocumentData())).ToList();
        // Every letter laid out before anything is recorded: one that cannot be printed (a name longer than its box) stops the run.
        try
        {
            NoticePdf.Check(data.Select((d, n) => (-(long)(n + 1), d)));
        }
        catch (Forms.FormException e)
        {
            throw new DomainException("notice.letter_unprintable", e.Message.Replace("発行番号 -", "通番 ", StringComparison.Ordinal) +
                "（一括作成は記録していません）");
        }
        var documents = await new IssuedDocuments(db, clock).RecordBatchAsync(actor, run.Id, issues, AuditEventKind.NoticeRunGenerated,
            $"{Label(kind)} 基準日 {D(p.AsOf)} 指定期限 {D(p.Deadline)} {p.Letters.Count}通 {p.ItemCount}期別 合計 {p.TotalAmount}円 条件 {p.Conditions}", ct);
        CrashPoints.Step("after-save-documents");

        var auto = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            for (var start = 0; start < p.Letters.Count; start += 2000)
            {
                var count = Math.Min(2000, p.Letters.Count - start);
                var rows = new List<NoticeLetter>(count);
                for (var n = start; n < start + count; n++)
                {
                    var l = p.Letters[n];
                    rows.Add(new NoticeLetter
                    {
                        RunId = run.Id, Seq = n + 1, TaxpayerId = l.Addressee.Taxpayer.TaxpayerId,
                        AddresseeTaxpayerId = l.Addressee.Kind == 0 ? null : l.Addressee.To.TaxpayerId, AddresseeKind = l.Addressee.Kind,
                        DocumentId = documents[n].Id, Data = issues[n].Data.ToCanonicalJson(), Amount = l.Amount,
                    });
                }
                db.NoticeLetters.AddRange(rows);
                CrashPoints.Batch++;
                CrashPoints.Step("before-save-letters");
                await db.SaveChangesAsync(ct);
                CrashPoints.Step("after-save-letters");
                var items = new List<NoticeLetterItem>();
                for (var n = 0; n < count; n++)
                    items.AddRange(p.Letters[start + n].Items.Select(i => new NoticeLetterItem
                    {
                        LetterId = rows[n].Id, RunId = run.Id, InstallmentId = i.Installment.InstallmentId,
                        Principal = i.Principal, ReminderFee = i.ReminderFee, LateFee = i.LateFee,
                    }));
                db.NoticeLetterItems.AddRange(items);
                await db.SaveChangesAsync(ct);
                CrashPoints.Step("after-save-items");
                db.ChangeTracker.Clear();
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = auto;
        }
        CrashPoints.Step("generate-before-commit");
        await tx.CommitAsync(ct);
        CrashPoints.Step("generate-after-commit");
        db.ChangeTracker.Clear();
        return await db.NoticeRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id, ct);
    }

    /// <summary>
    /// Records that the letters of run <paramref name="runId"/> left on <paramref name="on"/> (発付日). Per letter still owing:
    /// the claim event (督促 for a reminder, 催告 with the run's delivery method for a demand or seizure warning) carrying the
    /// letter's document, and for a reminder the fee (one journal charge per letter, valued on the day). A letter whose
    /// installments are all paid by then, or on which the event is no longer allowed (a deferment since, a reminder recorded by
    /// hand), is pulled (抜き取り) with its reason and charges nothing. Refused for a cancelled or already dispatched run, a day
    /// before the run's 基準日 or after today.
    /// </summary>
    public async Task<DispatchResult> DispatchAsync(Actor actor, long runId, DateOnly on, CancellationToken ct = default)
    {
        var head = await FindAsync(runId, ct);
        await AccessControl.DemandAsync(db, actor, PermissionFor(head.Kind), clock, what: $"{Label(head.Kind)} 一括作成 {runId} の発送", ct: ct);
        var today = JapanTime.Today(clock);
        if (on > today) throw new DomainException("notice.dispatch_future", $"発付日 {D(on)} は本日 {D(today)} より後です。発送した日を指定してください。");
        CrashPoints.Step("dispatch-before-begin");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(ct);
        CrashPoints.Step("dispatch-after-begin");
        var run = await db.NoticeRuns.SingleAsync(r => r.Id == runId, ct);
        if (run.CancelledAtUtc is not null)
            throw new DomainException("notice.run_cancelled", $"一括作成 {runId} は取り消されています（{run.CancelReason}）。発送は記録できません。");
        if (run.DispatchedOn is { } done)
            throw new DomainException("notice.already_dispatched", $"一括作成 {runId} は発付日 {D(done)} で発送済みです。二度目の発送は記録しません。");
        if (on < run.AsOf) throw new DomainException("notice.dispatch_before_run", $"発付日 {D(on)} は作成の基準日 {D(run.AsOf)} より前です。");

        var letters = await db.NoticeLetters.Where(l => l.RunId == runId && !l.Pulled).OrderBy(l => l.Seq).ToListAsync(ct);
        var items = (await db.NoticeLetterItems.Where(i => i.RunId == runId).ToListAsync(ct)).ToLookup(i => i.LetterId);
        var now = clock.GetUtcNow().UtcDateTime;
        var pulledReasons = new List<string>();
        int sent = 0, pulled = 0, eventCount = 0;
        long fees = 0;
        var pending = new List<(NoticeLetterItem Item, ClaimEvent Event, JournalEntry? Fee)>();
        var installmentIds = items.SelectMany(g => g).Select(i => i.InstallmentId).Distinct().ToList();
        var ledgers = new Dictionary<long, InstallmentLedger>(installmentIds.Count);
        foreach (var chunk in installmentIds.Chunk(5000))
            foreach (var (k, v) in await ClaimLedgers.LoadAsync(db, chunk, ct)) ledgers[k] = v;
        foreach (var letter in letters)
        {
            var its = items[letter.Id].OrderBy(i => i.Id).ToList();
            // Paid by the 発付日 (納付日 on or before it): the letter should not have left; a payment made after it does not undo a
            // reminder that was sent.
            if (its.All(i => ledgers[i.InstallmentId].PrincipalBalanceOn(on) <= 0))
            {
                Pull(letter, "発送前に完納されました。");
                continue;
            }
            var planned = new List<(NoticeLetterItem, ClaimEvent, JournalEntry?)>();
            string? refused = null;
            foreach (var item in its)
            {
                var ledger = ledgers[item.InstallmentId];
                if (ledger.PrincipalBalanceOn(on) <= 0 && run.Kind != NoticeRunKinds.Reminder) continue;
                var e = run.Kind switch
                {
                    NoticeRunKinds.Reminder => ClaimEvent.Create(item.InstallmentId, ClaimEventKind.ReminderDispatched, on, actor.Name, now,
                        documentId: letter.DocumentId, idempotencyKey: $"notice-item:{item.Id}"),
                    NoticeRunKinds.Demand or NoticeRunKinds.SeizureWarning => ClaimEvent.Create(item.InstallmentId, ClaimEventKind.Demand, on, actor.Name, now,
                        arrivedOn: run.Delivery == (short)DeliveryMethod.ByHand ? on : null,
                        delivery: (DeliveryMethod)(run.Delivery ?? (short)DeliveryMethod.OrdinaryMail),
                        documentId: letter.DocumentId, idempotencyKey: $"notice-item:{item.Id}"),
                    _ => null,
                };
                if (e is null) continue;
                try { ClaimEvents.Check(ledger, e, today); }
                catch (DomainException x) { refused = x.Message; break; }
                JournalEntry? fee = null;
                if (run.Kind == NoticeRunKinds.Reminder && run.ReminderFeePerLetter > 0 && planned.Count == 0)
                    fee = new JournalEntry
                    {
                        InstallmentId = item.InstallmentId, Kind = JournalEntryKind.Charge, Component = LedgerComponent.ReminderFee,
                        Amount = run.ReminderFeePerLetter, ValueDate = on, RecordedAtUtc = now, Actor = actor.Name, ReasonCode = "reminder.fee",
                        Comment = $"督促状 発行番号 {letter.DocumentId}", IdempotencyKey = $"notice-fee:{item.Id}",
                    };
                planned.Add((item, e, fee));
            }
            if (refused is not null) { Pull(letter, refused); continue; }
            sent++;
            pending.AddRange(planned);
        }

        foreach (var chunk in pending.Chunk(2000))
        {
            db.ClaimEvents.AddRange(chunk.Select(x => x.Event));
            db.JournalEntries.AddRange(chunk.Where(x => x.Fee is not null).Select(x => x.Fee!));
            CrashPoints.Batch++;
            CrashPoints.Step("before-save-events-and-fees");
            await db.SaveChangesAsync(ct);
            CrashPoints.Step("after-save-events-and-fees");
            foreach (var (item, e, fee) in chunk)
            {
                item.ClaimEventId = e.Id;
                item.FeeEntryId = fee?.Id;
                eventCount++;
                fees = checked(fees + (fee?.Amount ?? 0));
            }
            await db.SaveChangesAsync(ct);
            CrashPoints.Step("after-save-letter-items");
        }
        run.DispatchedOn = on;
        run.DispatchedAtUtc = now;
        run.DispatchedBy = actor.Name;
        CrashPoints.Step("before-save-dispatched");
        await db.SaveChangesAsync(ct);
        CrashPoints.Step("after-save-dispatched");
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.NoticeRunDispatched,
            Detail: $"{Label(run.Kind)} 一括作成 {runId}: 発付日 {D(on)} 発送 {sent}通 抜き取り {pulled}通 事績 {eventCount}件 督促手数料 {fees}円"), clock, ct);
        CrashPoints.Step("dispatch-before-commit");
        await tx.CommitAsync(ct);
        CrashPoints.Step("dispatch-after-commit");
        db.ChangeTracker.Clear();
        return new DispatchResult(runId, on, sent, pulled, eventCount, fees, pulledReasons);

        void Pull(NoticeLetter letter, string reason)
        {
            letter.Pulled = true;
            letter.PulledReason = reason;
            pulled++;
            pulledReasons.Add($"通番 {letter.Seq}（発行番号 {letter.DocumentId}）: {reason}");
        }
    }

    /// <summary>Cancels run <paramref name="runId"/> before dispatch: nothing was charged or recorded on the claims; its installments may be selected again.</summary>
    public async Task<NoticeRun> CancelAsync(Actor actor, long runId, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("notice.reason_required", "取消の理由を入力してください。");
        if (reason.Length > 500) throw new DomainException("notice.reason_too_long", $"取消の理由は500文字以内にしてください（{reason.Length}文字）。");
        var head = await FindAsync(runId, ct);
        await AccessControl.DemandAsync(db, actor, PermissionFor(head.Kind), clock, what: $"{Label(head.Kind)} 一括作成 {runId} の取消", ct: ct);
        CrashPoints.Step("dispatch-before-begin");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(ct);
        CrashPoints.Step("dispatch-after-begin");
        var run = await db.NoticeRuns.SingleAsync(r => r.Id == runId, ct);
        if (run.DispatchedOn is { } done)
            throw new DomainException("notice.already_dispatched", $"一括作成 {runId} は発付日 {D(done)} で発送済みのため取り消せません（個々の事績の取消は claim event withdraw）。");
        if (run.CancelledAtUtc is not null)
            throw new DomainException("notice.run_cancelled", $"一括作成 {runId} はすでに取り消されています。");
        run.CancelledAtUtc = clock.GetUtcNow().UtcDateTime;
        run.CancelledBy = actor.Name;
        run.CancelReason = reason.Trim();
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.NoticeRunCancelled,
            Detail: $"{Label(run.Kind)} 一括作成 {runId}（{run.LetterCount}通）を取消: {run.CancelReason}"), clock, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return run;
    }

    /// <summary>
    /// Records the day a demand letter (催告書・差押予告書, document <paramref name="documentId"/>) reached the person, as proved by its
    /// delivery (配達証明, 交付送達): each 催告 event of the letter is replaced by one with the arrival day, which is what postpones
    /// the limitation (6 months from arrival, 民法150条). Refused for a letter not sent, an arrival before dispatch or after today,
    /// or one already recorded. Audited 3104.
    /// </summary>
    public async Task<int> RecordArrivalAsync(Actor actor, long documentId, DateOnly arrivedOn, CancellationToken ct = default)
    {
        var letter = await db.NoticeLetters.AsNoTracking().SingleOrDefaultAsync(l => l.DocumentId == documentId, ct)
            ?? throw new DomainException("notice.letter_not_found", $"発行番号 {documentId} の通知書はありません。");
        var run = await FindAsync(letter.RunId, ct);
        await AccessControl.DemandAsync(db, actor, PermissionFor(run.Kind), clock, letter.TaxpayerId, $"催告書の到達（発行番号 {documentId}）", ct);
        if (run.Kind is not (NoticeRunKinds.Demand or NoticeRunKinds.SeizureWarning))
            throw new DomainException("notice.not_a_demand", $"発行番号 {documentId} は催告書・差押予告書ではありません（到達の記録は催告について行います）。");
        var today = JapanTime.Today(clock);
        if (run.DispatchedOn is not { } sent || letter.Pulled)
            throw new DomainException("notice.not_sent", $"発行番号 {documentId} の通知書は発送されていません。");
        if (arrivedOn < sent || arrivedOn > today)
            throw new DomainException("notice.arrival_invalid", $"到達日 {D(arrivedOn)} は発付日 {D(sent)} から本日 {D(today)} までの日にしてください。");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(ct); // two recordings of the same arrival: the second sees the first and is refused in Japanese
        var items = await db.NoticeLetterItems.AsNoTracking().Where(i => i.LetterId == letter.Id && i.ClaimEventId != null).ToListAsync(ct);
        var eventIds = items.Select(i => i.ClaimEventId!.Value).ToList();
        var events = await db.ClaimEvents.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToListAsync(ct);
        var replaced = await db.ClaimEvents.AsNoTracking().Where(e => e.ReversesEventId != null && eventIds.Contains(e.ReversesEventId.Value)).AnyAsync(ct);
        if (replaced || events.Any(e => e.ArrivedOn is not null))
            throw new DomainException("notice.arrival_recorded", $"発行番号 {documentId} の催告書の到達（または取消）は記録済みです。");
        var now = clock.GetUtcNow().UtcDateTime;
        var ledgers = await ClaimLedgers.LoadAsync(db, events.Select(e => e.InstallmentId).ToList(), ct);
        foreach (var e in events)
        {
            // An arrival on a claim already ended (時効・欠損) by that day changes nothing: refused, as any event on it would be.
            if (ClaimStatus.Of(ledgers[e.InstallmentId], arrivedOn).Extinguished)
                throw new DomainException("notice.claim_ended", $"発行番号 {documentId} の催告書の期別（{e.InstallmentId}）は {D(arrivedOn)} に徴収権が消滅しています。到達は記録しません。");
            db.ClaimEvents.Add(ClaimEvent.Create(e.InstallmentId, ClaimEventKind.Demand, e.On, actor.Name, now, arrivedOn: arrivedOn, delivery: e.Delivery,
                reversesEventId: e.Id, reason: "到達の記録", documentId: documentId, idempotencyKey: $"notice-arrival:{e.Id}"));
        }
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.ClaimDemandRecorded, TaxpayerId: letter.TaxpayerId,
            Detail: $"催告書 発行番号 {documentId}: 到達日 {D(arrivedOn)}（{events.Count}期別）"), clock, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return events.Count;
    }

    /// <summary>The run <paramref name="runId"/>; refused in Japanese when there is none.</summary>
    public async Task<NoticeRun> FindAsync(long runId, CancellationToken ct = default) =>
        await db.NoticeRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct)
        ?? throw new DomainException("notice.run_not_found", $"一括作成 {runId} はありません。");

    /// <summary>The runs, newest first.</summary>
    public async Task<IReadOnlyList<NoticeRun>> ListAsync(int take = 100, CancellationToken ct = default) =>
        await db.NoticeRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(take).ToListAsync(ct);

    /// <summary>The letters of a run in order, with their data records read back.</summary>
    public async Task<IReadOnlyList<(NoticeLetter Letter, NoticeLetterData Data)>> LettersAsync(long runId, CancellationToken ct = default) =>
        (await db.NoticeLetters.AsNoTracking().Where(l => l.RunId == runId).OrderBy(l => l.Seq).ToListAsync(ct))
        .Select(l => (l, NoticeLetterData.FromJson(l.Data))).ToList();

    /// <summary>One page of a run's letters in order (<paramref name="page"/> from 1), with their data records, and how many letters the run has.</summary>
    public async Task<(IReadOnlyList<(NoticeLetter Letter, NoticeLetterData Data)> Letters, int Total)> LetterPageAsync(Actor actor, long runId, int page, int size, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var q = db.NoticeLetters.AsNoTracking().Where(l => l.RunId == runId);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(l => l.Seq).Skip((Math.Max(page, 1) - 1) * size).Take(size).ToListAsync(ct);
        // Names and addresses of the letters shown: an audited read (2008), in the read's transaction.
        if (rows.Count > 0)
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.NoticeLettersViewed,
                Detail: $"一括作成 {runId} の通知書 通番 {rows[0].Seq}〜{rows[^1].Seq}（{rows.Count}通）"), clock, ct);
        await tx.CommitAsync(ct);
        return (rows.Select(l => (l, NoticeLetterData.FromJson(l.Data))).ToList(), total);
    }

    /// <summary>An audited read (2008) of one letter shown on a page (its addressee, amount and 宛名番号), for the reprint page.</summary>
    public async Task AuditLetterViewAsync(Actor actor, long taxpayerId, long documentId, CancellationToken ct = default) =>
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.NoticeLettersViewed, TaxpayerId: taxpayerId,
            Detail: $"通知書 発行番号 {documentId} の表示"), clock, ct);

    /// <summary>The Japanese name of a run kind.</summary>
    public static string Label(string kind) => kind switch
    {
        NoticeRunKinds.Reminder => "督促状",
        NoticeRunKinds.Demand => "催告書",
        NoticeRunKinds.SeizureWarning => "差押予告書",
        NoticeRunKinds.DebitFailure => "口座振替不能通知書",
        NoticeRunKinds.DebitDone => "口座振替済通知書",
        _ => kind,
    };

    /// <summary>The template name recorded for a letter of this kind.</summary>
    public static string Template(string kind) => "notice-" + kind.Replace('_', '-');

    /// <summary>The data record of the <paramref name="seq"/>-th letter of <paramref name="run"/>.</summary>
    public static NoticeLetterData LetterData(NoticeRun run, int seq, PlannedLetter l, NoticePlan p, NoticeSenderData sender, CitySettings city, string billerCode)
    {
        var to = l.Addressee;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["法令"] = "地方税法",
            ["指定期限"] = JapaneseDate.Wareki(p.Deadline),
            ["担当"] = city.Department,
        };
        if (l.Extra is not null) foreach (var (k, v) in l.Extra) values[k] = v;
        var claims = l.Items.Select(i => new NoticeClaimData(i.Installment.InstallmentId, i.Installment.TaxKindName, i.Installment.FiscalYear,
            i.Installment.NoticeNo, i.Installment.Period, i.Installment.DueDate, i.Principal, i.ReminderFee, i.LateFee,
            i.ReminderOn is { } r ? $"督促 {JapaneseDate.Wareki(r)}" : i.PastReminderWindow ? "納期限後20日経過" : null)).ToList();
        var slips = l.Items.Select(i => new NoticeSlipData(i.Installment.InstallmentId, to.Taxpayer.Name, i.Installment.TaxKindName, i.Installment.FiscalYear,
            i.Installment.NoticeNo, i.Installment.Period, i.Principal, i.ReminderFee, i.LateFee, i.Amount, i.Deadline, i.MatchKey.Value, i.MatchKey.Value,
            i.StoreBarcode, ElQr.Build(new ElQrFields(billerCode, i.MatchKey.Value, i.Amount, i.Deadline)))).ToList();
        return new NoticeLetterData(run.Kind, l.Text.Title, run.Id, seq, p.AsOf, p.Layout,
            new NoticeRecipientData(to.To.PostalCode, to.To.TownName ?? "", Blank(to.To.StreetNumber), Blank(to.To.AddressSupplement), to.To.Name,
                to.Attention, to.Kind == 0 ? null : to.Taxpayer.Name, to.Taxpayer.TaxpayerNo),
            sender, LetterTexts.Fill(l.Text.Body, values), claims,
            run.Kind == NoticeRunKinds.DebitDone ? [] : slips,
            run.Kind == NoticeRunKinds.Reminder ? LetterTexts.AppealNotice(city) : "",
            $"この通知書は{JapaneseDate.Wareki(p.AsOf)}現在の納付状況により作成しています。");
    }

    /// <summary>The eL-QR payload builder the slips use (ours; docs/formats.md).</summary>
    private static readonly IElQrPayload ElQr = new ChoshuElQrPayload();

    /// <summary>A run is made as of today or a day before, never a day to come (it would call installments unpaid that are not yet due).</summary>
    private void RefuseFuture(NoticePlan p)
    {
        var today = JapanTime.Today(clock);
        if (p.AsOf > today)
            throw new DomainException("notice.as_of_future", $"基準日 {D(p.AsOf)} は本日 {D(today)} より後です。本日以前の日を指定してください。");
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private Task LockAsync(CancellationToken ct) => LockAsync(db, ct);

    /// <summary>Serialises notice changes (runs, dispatch, returns): PostgreSQL a transaction advisory lock; SQLite serialises writers already.</summary>
    internal static async Task LockAsync(ChoshuDbContext db, CancellationToken ct)
    {
        if (db.Provider == StoreProvider.Postgres)
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('choshu.notice_runs'))", ct);
    }

    private static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
