using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Ledger;
using Choshu.Data.Refunds;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Ledger;
using Choshu.Domain.Refunds;
using Choshu.Domain.Security;
using Choshu.Formats.Kana;
using Choshu.Formats.Zengin;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Refunds;

/// <summary>
/// A refund to draft (還付の起案): the overpayment, the taxpayer's refund claim (還付請求: the day received and the account
/// named in it), or the registered direct-debit account (<paramref name="DebitAccountId"/>; only when its holder is the
/// taxpayer or <paramref name="ThirdPartyRequested"/>), or payment at the counter; the 支出決定日 proposed.
/// </summary>
public sealed record RefundDraftRequest(long OverpaymentId, DateOnly ClaimedOn, DateOnly PlannedDecisionOn, RefundMethod Method,
    string? BankCode = null, string? BankName = null, string? BranchCode = null, string? BranchName = null, short? AccountType = null,
    string? AccountNo = null, string? HolderKana = null, long? DebitAccountId = null, bool ThirdPartyRequested = false,
    DateOnly? NotifiedOn = null, string? Note = null);

/// <summary>One refund as lists and screens show it.</summary>
public sealed record RefundView(long Id, long TaxpayerId, string TaxpayerNo, string Name, long OverpaymentId, string TaxKind, int FiscalYear,
    DateOnly AroseOn, long Amount, long Interest, bool InterestFixed, DateOnly? InterestFrom, DateOnly ClaimedOn, DateOnly PlannedDecisionOn,
    RefundMethod Method, string? Account, string? HolderKana, string DraftedBy, DateOnly? DecidedOn, string? DecidedBy, long? TransferId,
    DateOnly? PaidOn, bool Withdrawn)
{
    /// <summary>Refund interest earned by appropriated parts (recorded by the appropriations) paid with this refund.</summary>
    public long EarnedInterest { get; init; }

    /// <summary>All the refund interest paid with the refund.</summary>
    public long AllInterest => Interest + EarnedInterest;

    /// <summary>What the taxpayer receives: the refund and all its interest.</summary>
    public long Total => Amount + Interest + EarnedInterest;

    /// <summary>起案中, 決定済（未払）, 支払済, 取下げ.</summary>
    public string StateName => Withdrawn ? "取下げ" : PaidOn is not null ? "支払済" : DecidedOn is not null ? "決定済（未払）" : "還付決定待ち";
}

/// <summary>One overpayment as the overpayment list shows it.</summary>
public sealed record OverpaymentRow(long Id, long TaxpayerId, long InstallmentId, string TaxpayerNo, string Name, string TaxKind, int FiscalYear, short Period,
    Domain.Reconciliation.OverpaymentReason Reason, DateOnly AroseOn, long Amount, long Appropriated, long Refunded, long Lapsed, long Balance,
    OverpaymentState State, long? RefundId, DateOnly LapsesAfter);

/// <summary>
/// 還付 (地方税法17条): refunds of what is left of an overpayment after appropriation. Drafted by a 収納担当
/// (<see cref="Permission.RecordPayments"/>) on the taxpayer's claim, with the account validated
/// (<see cref="ZenginTransferAccount"/>); decided by another staff member holding <see cref="Permission.DecideRefunds"/>
/// (self-approval refused and audited) on the 支出決定日, which fixes the refund interest and books a Refund entry on the
/// overpayment account linked to the overpayment (never an edit). Under the payments lock, so an appropriation run and
/// a decision never take the same money. A refund claim lapses 5 years after the overpayment arose (18条の3):
/// <see cref="LapseAsync"/> closes the balance with a WriteOff entry of reason <c>refund.lapsed</c>. Audited 3050–3054.
/// </summary>
public sealed class RefundDesk(Store store, TimeProvider clock, Actor actor)
{
    public const string LapsedReason = "refund.lapsed";
    public const string RefundReason = "refund.decided";
    public const string InterestPaidReason = "refund.interest";

    /// <summary>The last day a refund can be claimed: 5 years after the overpayment arose (the first day not counted).</summary>
    public static DateOnly LapsesAfter(DateOnly aroseOn) => aroseOn.AddYears(5);

    public async Task<RefundView> DraftAsync(RefundDraftRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using (var check = store.CreateContext())
            await AccessControl.DemandAsync(check, actor, Permission.RecordPayments, clock, what: $"過誤納 {request.OverpaymentId} の還付起案", ct: ct);
        if (request.PlannedDecisionOn < request.ClaimedOn)
            throw new DomainException("refund.dates", "支出決定予定日は還付請求日以後の日付にしてください。");
        if (request.ClaimedOn > JapanTime.Today(clock))
            throw new DomainException("refund.claimed_future", "還付請求日に今日より後の日付は指定できません。");

        var refundId = await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            var (row, o, earned) = await OpenOverpaymentAsync(db, request.OverpaymentId, ct);
            if (await db.Refunds.AnyAsync(r => r.OverpaymentId == row.Id && r.WithdrawnAtUtc == null && r.DecidedOn == null, ct))
                throw new DomainException("refund.already_drafted", $"過誤納 {row.Id} には決定待ちの還付が既にあります。二重には起案しません。");
            if (request.ClaimedOn > LapsesAfter(o.AroseOn))
                throw new DomainException("refund.claim_lapsed", $"還付請求権は {LapsesAfter(o.AroseOn):yyyy年M月d日} を過ぎて時効により消滅しています（地方税法18条の3）。");
            var refund = new Refund
            {
                TaxpayerId = o.TaxpayerId, OverpaymentId = o.Id, InstallmentId = o.InstallmentId, Amount = o.Balance, EarnedInterest = earned,
                ClaimedOn = request.ClaimedOn, NotifiedOn = request.NotifiedOn, PlannedDecisionOn = request.PlannedDecisionOn, Method = (short)request.Method,
                DraftedBy = actor.Name, DraftedByAccountId = actor.AccountId, DraftedAtUtc = now,
                Note = string.IsNullOrWhiteSpace(request.Note) ? null : Audit.AuditText.MaskMyNumbers(request.Note.Trim()),
            };
            if (request.Method == RefundMethod.Transfer)
                await SetAccountAsync(db, refund, request, ct);
            else if (request.Method != RefundMethod.Counter)
                throw new DomainException("refund.method", "支払方法は口座振込か窓口払を選んでください。");
            var interest = OverpaymentFacts.Interest(o, o.Balance, request.PlannedDecisionOn, await ReferenceData.LoadRefundInterestRatesAsync(db, ct),
                request.NotifiedOn, request.ClaimedOn);
            refund.DraftInterest = interest.Interest;
            refund.InterestFrom = interest.StartDate;
            db.Refunds.Add(refund);
            await db.SaveChangesAsync(ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.RefundDrafted, TaxpayerId: o.TaxpayerId,
                Detail: $"還付 {refund.Id}: 過誤納 {o.Id} 還付金 {refund.Amount}円 還付加算金（見込み）{refund.DraftInterest}円 {RefundLabels.Of(request.Method)} 支出決定予定日 {request.PlannedDecisionOn:yyyy-MM-dd}"), clock, ct);
            return refund.Id;
        }, ct);
        return await GetAsync(refundId, ct);
    }

    private static async Task SetAccountAsync(ChoshuDbContext db, Refund refund, RefundDraftRequest request, CancellationToken ct)
    {
        if (request.DebitAccountId is { } debitId)
        {
            var acc = await db.DirectDebitAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == debitId && a.TaxpayerId == refund.TaxpayerId, ct)
                ?? throw new DomainException("refund.debit_account_not_found", $"口座振替の登録 {debitId} はこの納税義務者のものではありません。");
            var taxpayer = await db.Taxpayers.AsNoTracking().SingleAsync(t => t.Id == refund.TaxpayerId, ct);
            if (!SameHolder(acc.HolderKana, taxpayer.Facts.NameKana) && !request.ThirdPartyRequested)
                throw new DomainException("refund.third_party_account",
                    "口座振替の登録口座の名義人が納税義務者本人ではありません。本人の申出（還付金の振込先の指定）がある場合に限り、この口座に振り込めます。");
            var account = ZenginTransferAccount.Parse(acc.BankCode, acc.BranchCode, acc.AccountType, acc.AccountNo, acc.HolderKana);
            Put(refund, account, request);
            refund.DebitAccountId = debitId;
            refund.ThirdPartyRequested = request.ThirdPartyRequested;
            return;
        }
        Put(refund, ZenginTransferAccount.Parse(request.BankCode, request.BranchCode, request.AccountType, request.AccountNo, request.HolderKana), request);
        refund.ThirdPartyRequested = request.ThirdPartyRequested;
    }

    private static void Put(Refund refund, ZenginTransferAccount account, RefundDraftRequest request)
    {
        refund.BankCode = account.BankCode;
        refund.BranchCode = account.BranchCode;
        refund.AccountType = account.AccountType;
        refund.AccountNo = account.AccountNo;
        refund.HolderKana = account.HolderKana;
        refund.BankName = Kana(request.BankName, "金融機関名");
        refund.BranchName = Kana(request.BranchName, "支店名");
    }

    private static string? Kana(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            var k = HalfWidthKana.ToZengin(text.Trim());
            return k.Length > 15 ? k[..15] : k;
        }
        catch (DomainException ex)
        {
            throw new DomainException("refund.account_invalid", $"振込先口座に誤りがあります: {what}はカナで入力してください（{ex.Message}）");
        }
    }

    /// <summary>Whether an account's holder is the taxpayer: the names in Zengin kana, spaces ignored.</summary>
    public static bool SameHolder(string holderKana, string taxpayerKana)
    {
        static string? Fold(string s)
        {
            try { return HalfWidthKana.ToZengin(s).Replace(" ", "", StringComparison.Ordinal); }
            catch (DomainException) { return null; }
        }
        var a = Fold(holderKana);
        return a is { Length: > 0 } && a == Fold(taxpayerKana);
    }

    /// <summary>
    /// 還付の決定: fixes the refund interest to <paramref name="decidedOn"/> (the 支出決定日) and books the refund. Refused
    /// to the drafter (maker-checker), on a refund already decided or withdrawn, when the overpayment's balance is no longer
    /// the drafted amount (appropriated meanwhile: draft again), or for a day before the claim.
    /// </summary>
    public async Task<RefundView> DecideAsync(long refundId, DateOnly decidedOn, CancellationToken ct = default)
    {
        var what = $"還付 {refundId} の決定";
        Refund found;
        await using (var check = store.CreateContext())
        {
            await AccessControl.DemandAsync(check, actor, Permission.DecideRefunds, clock, null, what, ct);
            found = await check.Refunds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == refundId, ct) ?? throw NotFound(refundId);
            if ((actor.AccountId is not null && actor.AccountId == found.DraftedByAccountId) || actor.Name == found.DraftedBy)
            {
                await AuditLog.AppendAsync(check, actor, new AuditRecord(AuditEventKind.AccessDenied, AuditOutcome.Denied, found.TaxpayerId,
                    Detail: $"還付の決定: {what}: 起案者本人"), clock, ct);
                throw new AccessDeniedException("自分が起案した還付は決定できません。起案者以外の承認者が決定してください。", false);
            }
        }
        if (decidedOn < found.ClaimedOn)
            throw new DomainException("refund.dates", "支出決定日は還付請求日以後の日付にしてください。");
        if (decidedOn > JapanTime.Today(clock))
            throw new DomainException("refund.decided_future", "支出決定日に今日より後の日付は指定できません。");

        await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            var refund = await db.Refunds.SingleAsync(r => r.Id == refundId, ct);
            if (refund.WithdrawnAtUtc is not null) throw new DomainException("refund.withdrawn", $"還付 {refundId} は取り下げられています。");
            if (refund.DecidedOn is not null) throw new DomainException("refund.already_decided", $"還付 {refundId} は {refund.DecidedOn:yyyy年M月d日} に決定済みです。二重には決定しません。");
            var (_, o, earned) = await OpenOverpaymentAsync(db, refund.OverpaymentId, ct);
            if (o.Balance != refund.Amount || earned != refund.EarnedInterest)
                throw new DomainException("refund.balance_changed",
                    $"過誤納 {o.Id} の残高（{o.Balance}円）が起案時の還付金（{refund.Amount}円）と異なります（起案後に充当・取消があった）。起案を取り下げて起案し直してください。");
            if (decidedOn > LapsesAfter(o.AroseOn) && refund.ClaimedOn > LapsesAfter(o.AroseOn))
                throw new DomainException("refund.claim_lapsed", "還付請求権は時効により消滅しています（地方税法18条の3）。");
            var interest = OverpaymentFacts.Interest(o, refund.Amount, decidedOn, await ReferenceData.LoadRefundInterestRatesAsync(db, ct),
                refund.NotifiedOn, refund.ClaimedOn);
            JournalEntry Entry(JournalEntryKind kind, long amount, string reason, string key, string comment) => new()
            {
                InstallmentId = refund.InstallmentId, Kind = kind, Component = LedgerComponent.Overpayment, Amount = amount, ValueDate = decidedOn,
                RecordedAtUtc = now, Actor = actor.Name, ReasonCode = reason, Comment = comment, LinkedEntryId = refund.OverpaymentId, IdempotencyKey = key,
            };
            if (interest.Interest > 0)
                db.JournalEntries.Add(Entry(JournalEntryKind.RefundInterest, -interest.Interest, "refund-interest", $"refund:{refund.Id}:accrued",
                    $"還付 {refund.Id} の還付加算金（{interest.StartDate:yyyy-MM-dd}〜{decidedOn:yyyy-MM-dd}、{interest.Days}日）"));
            var entry = Entry(JournalEntryKind.Refund, refund.Amount, RefundReason, $"refund:{refund.Id}", $"還付 {refund.Id}");
            db.JournalEntries.Add(entry);
            if (interest.Interest + refund.EarnedInterest > 0)
                db.JournalEntries.Add(Entry(JournalEntryKind.Refund, interest.Interest + refund.EarnedInterest, InterestPaidReason, $"refund:{refund.Id}:interest",
                    $"還付 {refund.Id} の還付加算金の支払"));
            await db.SaveChangesAsync(ct);
            refund.Interest = interest.Interest;
            refund.InterestFrom = interest.StartDate;
            refund.DecidedOn = decidedOn;
            refund.DecidedBy = actor.Name;
            refund.DecidedAtUtc = now;
            refund.RefundEntryId = entry.Id;
            await db.SaveChangesAsync(ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.RefundDecided, TaxpayerId: refund.TaxpayerId,
                Detail: $"還付 {refund.Id}: 支出決定日 {decidedOn:yyyy-MM-dd} 還付金 {refund.Amount}円 還付加算金 {refund.Interest}円{(refund.EarnedInterest > 0 ? $"（充当分の還付加算金 {refund.EarnedInterest}円 を含めて支払）" : "")}（仕訳 {entry.Id}）"), clock, ct);
            return 0;
        }, ct);
        return await GetAsync(refundId, ct);
    }

    /// <summary>取下げ: a draft not decided is closed (the claim withdrawn or the draft wrong); the overpayment is open again.</summary>
    public async Task<RefundView> WithdrawAsync(long refundId, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("refund.reason_required", "取下げの理由を入力してください。");
        await using var db = store.CreateContext();
        await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock, null, $"還付 {refundId} の取下げ", ct);
        var refund = await db.Refunds.SingleOrDefaultAsync(r => r.Id == refundId, ct) ?? throw NotFound(refundId);
        if (refund.DecidedOn is not null || refund.WithdrawnAtUtc is not null)
            throw new DomainException("refund.not_pending", $"還付 {refundId} は決定待ちではないため取り下げられません。");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        refund.WithdrawnAtUtc = clock.GetUtcNow().UtcDateTime;
        refund.WithdrawnBy = actor.Name;
        refund.Note = Audit.AuditText.MaskMyNumbers(reason.Trim());
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.RefundWithdrawn, TaxpayerId: refund.TaxpayerId, Detail: $"還付 {refundId}: {refund.Note}"), clock, ct);
        await tx.CommitAsync(ct);
        return await GetAsync(refundId, ct);
    }

    /// <summary>窓口払: a decided refund paid at the counter on <paramref name="paidOn"/> (not one already paid or in a transfer file).</summary>
    public Task<RefundView> PayAtCounterAsync(long refundId, DateOnly paidOn, CancellationToken ct = default) =>
        PayAtCounterAsync(refundId, paidOn, null, ct);

    /// <summary>窓口払 as above, with what the clerk records of the payment (送金通知書, who received it and how identified) in the audit.</summary>
    public async Task<RefundView> PayAtCounterAsync(long refundId, DateOnly paidOn, string? note, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock, null, $"還付 {refundId} の窓口払", ct);
        var refund = await db.Refunds.SingleOrDefaultAsync(r => r.Id == refundId, ct) ?? throw NotFound(refundId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Entry(refund).ReloadAsync(ct);
        if (refund.DecidedOn is null) throw new DomainException("refund.not_decided", $"還付 {refundId} はまだ決定されていません。");
        if (refund.PaidOn is not null) throw new DomainException("refund.already_paid", $"還付 {refundId} は {refund.PaidOn:yyyy年M月d日} に支払済みです。二重には支払いません。");
        if (refund.Method != (short)RefundMethod.Counter) throw new DomainException("refund.not_counter", $"還付 {refundId} は口座振込です。窓口払にはできません。");
        if (paidOn < refund.DecidedOn) throw new DomainException("refund.dates", "支払日は支出決定日以後の日付にしてください。");
        refund.PaidOn = paidOn;
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.RefundPaidAtCounter, TaxpayerId: refund.TaxpayerId,
            Detail: $"還付 {refundId}: {paidOn:yyyy-MM-dd} 窓口払 {refund.Amount + (refund.Interest ?? 0) + refund.EarnedInterest}円"
                + (string.IsNullOrWhiteSpace(note) ? "" : $": {Audit.AuditText.MaskMyNumbers(note.Trim())}")), clock, ct);
        await tx.CommitAsync(ct);
        return await GetAsync(refundId, ct);
    }

    /// <summary>
    /// 時効: every overpayment with a balance whose refund claim lapsed by <paramref name="asOf"/> (5 years after it arose)
    /// and no refund pending; unless <paramref name="dryRun"/>, each is closed with a WriteOff entry on the overpayment
    /// account (reason <c>refund.lapsed</c>, dated the day after the last day of the claim) in one transaction.
    /// </summary>
    public Task<IReadOnlyList<OverpaymentRow>> LapseAsync(DateOnly asOf, bool dryRun, CancellationToken ct = default) =>
        LapseAsync(asOf, dryRun, null, ct);

    /// <summary>時効 as above, with the reason staff give (e.g. the check of claims received) on each entry and audit record.</summary>
    public async Task<IReadOnlyList<OverpaymentRow>> LapseAsync(DateOnly asOf, bool dryRun, string? reason, CancellationToken ct = default)
    {
        var why = string.IsNullOrWhiteSpace(reason) ? null : Audit.AuditText.MaskMyNumbers(reason.Trim());
        await using (var check = store.CreateContext())
            await AccessControl.DemandAsync(check, actor, Permission.RecordPayments, clock, what: $"還付請求権の時効 {asOf:yyyy-MM-dd}", ct: ct);
        if (asOf > JapanTime.Today(clock)) throw new DomainException("refund.as_of_future", "基準日に今日より後の日付は指定できません。");
        if (dryRun)
        {
            // The list names taxpayers: an audited read, whether or not anything is listed.
            await using var db = store.CreateContext();
            var listed = await LapsingAsync(db, asOf, ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.TaxpayerSearched,
                Detail: $"還付請求権の時効の一覧（基準日 {asOf:yyyy-MM-dd}）: {listed.Count} 件"), clock, ct);
            return listed;
        }
        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            var rows = await LapsingAsync(db, asOf, ct);
            foreach (var o in rows)
                db.JournalEntries.Add(new JournalEntry
                {
                    InstallmentId = o.InstallmentId,
                    Kind = JournalEntryKind.WriteOff, Component = LedgerComponent.Overpayment, Amount = o.Balance,
                    ValueDate = LapsesAfter(o.AroseOn).AddDays(1), RecordedAtUtc = now, Actor = actor.Name, ReasonCode = LapsedReason,
                    Comment = "還付請求権の時効（地方税法18条の3）" + (why is null ? "" : ": " + why), LinkedEntryId = o.Id, IdempotencyKey = $"refund-lapse:{o.Id}",
                });
            await db.SaveChangesAsync(ct);
            foreach (var o in rows)
                await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.RefundClaimLapsed, TaxpayerId: o.TaxpayerId,
                    Detail: $"過誤納 {o.Id}: {o.AroseOn:yyyy-MM-dd} 発生 残高 {o.Balance}円 を時効により整理（{LapsesAfter(o.AroseOn):yyyy-MM-dd} 経過）{(why is null ? "" : ": " + why)}"), clock, ct);
            return rows;
        }, ct);
    }

    private static async Task<IReadOnlyList<OverpaymentRow>> LapsingAsync(ChoshuDbContext db, DateOnly asOf, CancellationToken ct)
    {
        var all = await RefundQueries.OverpaymentsAsync(db, null, ct);
        return all.Where(o => o.State == OverpaymentState.Open && o.Balance > 0 && asOf > o.LapsesAfter).ToList();
    }

    public async Task<RefundView> GetAsync(long refundId, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        return (await RefundQueries.RefundsAsync(db, id: refundId, ct: ct)).SingleOrDefault() ?? throw NotFound(refundId);
    }

    /// <summary>
    /// The overpayment as <see cref="OverpaymentFacts"/> has it open. Refused when unknown, cancelled, with nothing left, or
    /// when an older overpayment of the same installment is still open (the account is used oldest first: refund that one first).
    /// </summary>
    private static async Task<(Data.Payments.Overpayment Row, OverpaymentFact Fact, long EarnedInterest)> OpenOverpaymentAsync(ChoshuDbContext db, long overpaymentId, CancellationToken ct)
    {
        var row = await db.Overpayments.AsNoTracking().SingleOrDefaultAsync(o => o.Id == overpaymentId, ct)
            ?? throw new DomainException("refund.overpayment_not_found", $"過誤納 {overpaymentId} は登録されていません。");
        if (row.CancelledAtUtc is not null) throw new DomainException("refund.overpayment_cancelled", $"過誤納 {row.Id} は取り消されています。");
        var open = (await OverpaymentFacts.OpenAsync(db, row.TaxpayerId, ct)).Where(f => f.InstallmentId == row.InstallmentId).ToList();
        var fact = open.FirstOrDefault(f => f.Id == row.Id)
            ?? throw new DomainException("refund.nothing_left", $"過誤納 {row.Id} には還付する残高がありません（充当・還付・時効済み）。");
        var first = open.First(f => !f.IsInterest);
        if (first.Id != row.Id)
            throw new DomainException("refund.older_first", $"同じ期別のより古い過誤納 {first.Id}（{first.AroseOn:yyyy年M月d日}）が未処理です。過誤納金は古いものから順に還付します。");
        // Refund interest appropriations recorded on this installment's account and left over goes with the refund.
        return (row, fact, open.Where(f => f.IsInterest).Sum(f => f.Balance));
    }

    private static DomainException NotFound(long id) => new("refund.not_found", $"還付 {id} は登録されていません。");
}
