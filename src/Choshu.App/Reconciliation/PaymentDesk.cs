using System.Globalization;
using Choshu.App.Assessments;
using Choshu.App.Security;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Formats.Csv;
using Microsoft.EntityFrameworkCore;
using Choshu.Domain.Labels;

namespace Choshu.App.Reconciliation;

/// <summary>An installment as staff name it on a form: 通知書番号 and 期, narrowed by 税目 and 調定年度 when needed.</summary>
public sealed record InstallmentQuery(string NoticeNo, short Period, string? TaxKindCode = null, int? FiscalYear = null);

/// <summary>
/// What an installment owes on <see cref="AsOf"/>, with the taxpayer it belongs to: the principal still
/// unpaid, the unpaid 督促手数料, and the 延滞金 computed to that day with the one late-fee rule (once final
/// and booked, what is left of it). When the right to collect has lapsed on <see cref="AsOf"/> with something
/// left (時効, <see cref="InstallmentLedger.LapsedWithBalance"/>), <see cref="LapsedOn"/> is the first lapsed day and
/// nothing is owed (every amount 0): the counter must not take money for it (<see cref="LapseNotice"/>).
/// </summary>
public sealed record InstallmentQuote(
    InstallmentRef Installment,
    string TaxpayerNo,
    string TaxpayerName,
    DateOnly AsOf,
    long Principal,
    long ReminderFee,
    long LateFee,
    bool LateFeeFinal,
    DateOnly? LapsedOn = null)
{
    /// <summary>合計: what paying in full on <see cref="AsOf"/> takes.</summary>
    public long Total => Principal + ReminderFee + LateFee;

    /// <summary>What the clerk is told when the claim has lapsed (Japanese, with the day); null otherwise.</summary>
    public string? LapseNotice => LapsedOn is { } day
        ? $"{PaymentDesk.InstallmentName(Installment)}は、徴収権が時効により{PaymentDesk.JapaneseDate(day)}に消滅しています（地方税法18条）。納める額はありません。窓口で収納しないでください。誤って受け取ったお金は過誤納として還付または充当の手続きをします。"
        : null;
}

/// <summary>
/// 充当の内訳 of one payment: how its money stands in the journal now (its payment entries not reversed), its open overpayment and
/// the part taken first for the taxpayer's 滞納処分費 (<c>enforcement_cost_payments</c>, not in the journal).
/// </summary>
public sealed record PaymentSplit(long Principal, long ReminderFee, long LateFee, long Overpaid, long EnforcementCost = 0)
{
    public long Applied => Principal + ReminderFee + LateFee;
}

/// <summary>
/// One payment as the counter, the unmatched queue and the reversal screens show it. <see cref="Raw"/> is
/// the received record with My Numbers masked; <see cref="Installment"/> and the taxpayer are null while unmatched.
/// </summary>
public sealed record PaymentDetails(
    long Id,
    PaymentChannel Channel,
    PaymentStatus Status,
    long Amount,
    DateOnly PaidOn,
    DateOnly? ReceivedOn,
    string RawKey,
    string? SourceCode,
    string IdempotencyKey,
    string Raw,
    string RecordedBy,
    string? RecordedByName,
    DateTime RecordedAtUtc,
    DateTime? StatusChangedAtUtc,
    string? StatusReason,
    InstallmentRef? Installment,
    string? TaxpayerNo,
    string? TaxpayerName,
    PaymentSplit Split)
{
    public const string CounterKeyPrefix = "counter:";

    /// <summary>領収番号 of a counter payment (its idempotency key without <c>counter:</c>); null for other channels.</summary>
    public string? ReceiptNo => Channel == PaymentChannel.Counter ? CounterReceipts.ReceiptNoOf(IdempotencyKey) : null;
}

/// <summary>
/// The reads behind the payment screens (窓口収納, 未消込の手動消込, 収納取消): each names a taxpayer or shows a
/// received record that may name one, so each checks the right first (<see cref="AccessControl.DemandAsync"/>,
/// which records a refusal) and then, in one transaction, reads and appends its audit record last: 2001
/// (納税義務者情報の参照, naming the taxpayer) for an installment or a matched payment, 2004 (未消込一覧の参照)
/// for an unmatched one. Money is never moved here: bookings go through <see cref="SinglePaymentBooking"/>
/// and <see cref="PaymentCorrections"/>.
/// </summary>
public static class PaymentDesk
{
    /// <summary>
    /// The installment <paramref name="query"/> names, its taxpayer and what it owes on <paramref name="asOf"/>.
    /// Needs <see cref="Permission.RecordPayments"/>; audited as 2001 with <paramref name="purpose"/>.
    /// Throws <see cref="Domain.DomainException"/> (installment.not_found / installment.ambiguous) in Japanese.
    /// </summary>
    public static async Task<InstallmentQuote> QuoteAsync(ChoshuDbContext db, Actor actor, InstallmentQuery query, DateOnly asOf, string purpose,
        TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var what = $"{purpose} 通知書番号 {Audit.AuditText.MaskMyNumbers(query.NoticeNo)} 第{query.Period}期";
        await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock, what: what, ct: ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await InstallmentFinder.FindAsync(db, query.NoticeNo.Trim(), query.Period, Blank(query.TaxKindCode), query.FiscalYear, ct);
        var quote = await QuoteOfAsync(db, found, asOf, ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: found.TaxpayerId,
            Detail: string.Create(CultureInfo.InvariantCulture,
                $"{purpose}: 通知書番号 {found.NoticeNo} 第{found.Period}期 {found.FiscalYear}年度 税目{found.TaxKindCode}（{asOf:yyyy-MM-dd} 現在 合計 {quote.Total}円{(quote.LapsedOn is { } lapsed ? $"、時効により {lapsed:yyyy-MM-dd} 消滅" : "")}）")), clock, ct);
        await tx.CommitAsync(ct);
        return quote;
    }

    /// <summary>
    /// One payment with its installment, taxpayer, allocation and who recorded it; null when there is no such
    /// payment. <paramref name="permission"/> is the right of the screen asking (<see cref="Permission.RecordPayments"/>
    /// for the receipt and the unmatched queue, <see cref="Permission.ReversePayments"/> for a reversal).
    /// Audited as 2001 naming the taxpayer when the payment is matched, else 2004.
    /// </summary>
    public static async Task<PaymentDetails?> PaymentAsync(ChoshuDbContext db, Actor actor, Permission permission, long paymentId, string purpose,
        TimeProvider clock, CancellationToken ct = default)
    {
        if (permission is not (Permission.RecordPayments or Permission.ReversePayments))
            throw new ArgumentOutOfRangeException(nameof(permission), permission, "Payments are read for recording or reversing them.");
        await AccessControl.DemandAsync(db, actor, permission, clock, what: $"{purpose} 収納 {paymentId}", ct: ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var details = (await DetailsAsync(db, [paymentId], ct)).SingleOrDefault();
        await AuditLog.AppendAsync(db, actor, new AuditRecord(
            details?.Installment is null ? AuditEventKind.UnmatchedPaymentsListed : AuditEventKind.TaxpayerViewed,
            details is null ? AuditOutcome.Failed : AuditOutcome.Succeeded, details?.Installment?.TaxpayerId,
            Detail: details is null ? $"{purpose}: 収納 {paymentId} 登録なし"
                : string.Create(CultureInfo.InvariantCulture,
                    $"{purpose}: 収納 {details.Id} {details.Amount}円 ({JapaneseLabels.Of(details.Status)}){(details.Installment is { } i ? $" 通知書番号 {i.NoticeNo} 第{i.Period}期" : "")}")), clock, ct);
        await tx.CommitAsync(ct);
        return details;
    }

    /// <summary>
    /// An installment, what it owes today, and every payment applied to it (booked or 速報), newest 納付日 first:
    /// where a reversal starts. Needs <see cref="Permission.ReversePayments"/>; audited as 2001.
    /// </summary>
    public static async Task<(InstallmentQuote Quote, IReadOnlyList<PaymentDetails> Payments)> InstallmentPaymentsAsync(ChoshuDbContext db, Actor actor,
        InstallmentQuery query, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await AccessControl.DemandAsync(db, actor, Permission.ReversePayments, clock,
            what: $"収納の照会 通知書番号 {Audit.AuditText.MaskMyNumbers(query.NoticeNo)} 第{query.Period}期", ct: ct);
        var today = Domain.Calendar.JapanTime.Today(clock);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await InstallmentFinder.FindAsync(db, query.NoticeNo.Trim(), query.Period, Blank(query.TaxKindCode), query.FiscalYear, ct);
        var quote = await QuoteOfAsync(db, found, today, ct);
        var ids = await db.Payments.AsNoTracking().Where(p => p.InstallmentId == found.InstallmentId).Select(p => p.Id).ToListAsync(ct);
        var payments = (await DetailsAsync(db, ids, ct)).OrderByDescending(p => p.PaidOn).ThenByDescending(p => p.Id).ToList();
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: found.TaxpayerId,
            Detail: string.Create(CultureInfo.InvariantCulture,
                $"収納の照会: 通知書番号 {found.NoticeNo} 第{found.Period}期 {found.FiscalYear}年度 税目{found.TaxKindCode}（収納 {payments.Count} 件）")), clock, ct);
        await tx.CommitAsync(ct);
        return (quote, payments);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    internal static async Task<InstallmentQuote> QuoteOfAsync(ChoshuDbContext db, InstallmentRef found, DateOnly asOf, CancellationToken ct)
    {
        var name = await db.Taxpayers.AsNoTracking().Where(t => t.Id == found.TaxpayerId)
            .Select(t => new { t.TaxpayerNo, t.Facts.NameKanji }).SingleAsync(ct);
        var ledger = await LedgerAsync(db, found.InstallmentId, ct);
        // 時効: the condition the booker applies (PaymentBooker.Allocate), on the day asked about. Nothing is owed any more.
        if (ledger.LapsedWithBalance(asOf))
            return new InstallmentQuote(found, name.TaxpayerNo, name.NameKanji, asOf, 0, 0, 0, true, ledger.ClaimLapsesOn);
        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        var (lateFee, detail) = ledger.LateFeeOwed(asOf, rates);
        var principal = Math.Max(0, ledger.PrincipalBalance);
        return new InstallmentQuote(found, name.TaxpayerNo, name.NameKanji, asOf, principal, Math.Max(0, ledger.ReminderFeeBalance),
            Math.Max(0, lateFee), detail?.IsFinal ?? principal <= 0);
    }

    /// <summary>The installment's ledger, folded from its journal, with its claim events (the one status and limitation rule).</summary>
    private static async Task<InstallmentLedger> LedgerAsync(ChoshuDbContext db, long installmentId, CancellationToken ct) =>
        (await Claims.ClaimLedgers.LoadAsync(db, [installmentId], ct))[installmentId];

    /// <summary>
    /// Refuses a counter payment (窓口収納) for an installment whose claim has lapsed on the 納付日: the clerk must not
    /// collect it. Returns the refusal (Japanese, naming the installment and the day), or null when the payment may be taken.
    /// Read inside the booking transaction (under the payments lock), from the installment's journal.
    /// </summary>
    internal static async Task<string?> CounterRefusalAsync(ChoshuDbContext db, long installmentId, DateOnly paidOn, CancellationToken ct)
    {
        var head = await (from i in db.Installments.AsNoTracking()
                          join a in db.Assessments on i.AssessmentId equals a.Id
                          join k in db.TaxKinds on a.TaxKindCode equals k.Code
                          where i.Id == installmentId
                          select new { i.DueDate, i.NominalDueDate, i.Period, a.TaxpayerId, a.TaxKindCode, k.Name, a.FiscalYear, a.NoticeNo })
            .SingleOrDefaultAsync(ct);
        if (head is null) return null;
        var ledger = await LedgerAsync(db, installmentId, ct);
        if (!ledger.LapsedWithBalance(paidOn)) return null;
        var installment = new InstallmentRef(installmentId, head.TaxpayerId, head.TaxKindCode, head.Name, head.FiscalYear, head.NoticeNo, head.Period,
            head.NominalDueDate, head.DueDate);
        var limitation = ledger.Limitation;
        var byStay = limitation.StayExtinguishesOn == limitation.LapsesOn && limitation.LimitationLapsesOn != limitation.LapsesOn;
        var (how, law) = byStay ? ("執行停止により", "地方税法15条の7") : ("時効により", "地方税法18条");
        return $"{InstallmentName(installment)}は、徴収権が{how}{JapaneseDate(ledger.ClaimLapsesOn!.Value)}に消滅しているため（{law}）、"
            + $"納付日 {JapaneseDate(paidOn)} の窓口収納は記録できません。この期別のお金を受け取らないでください。"
            + "既に受け取った場合は過誤納として還付または充当の手続きをしてください。";
    }

    /// <summary>"通知書番号 2020010001 第1期（市民税 2020年度）".</summary>
    public static string InstallmentName(InstallmentRef i) => i.Name;

    /// <summary>"2025年7月1日".</summary>
    public static string JapaneseDate(DateOnly d) => string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月{d.Day}日");

    internal static async Task<List<PaymentDetails>> DetailsAsync(ChoshuDbContext db, IReadOnlyCollection<long> paymentIds, CancellationToken ct)
    {
        if (paymentIds.Count == 0) return [];
        var ids = paymentIds.ToList();
        var payments = await db.Payments.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        var installmentIds = payments.Where(p => p.InstallmentId is not null).Select(p => p.InstallmentId!.Value).Distinct().ToList();
        var installments = await (from i in db.Installments.AsNoTracking()
                                  join a in db.Assessments on i.AssessmentId equals a.Id
                                  join k in db.TaxKinds on a.TaxKindCode equals k.Code
                                  join t in db.Taxpayers on a.TaxpayerId equals t.Id
                                  where installmentIds.Contains(i.Id)
                                  select new
                                  {
                                      Ref = new { i.Id, a.TaxpayerId, a.TaxKindCode, k.Name, a.FiscalYear, a.NoticeNo, i.Period, i.NominalDueDate, i.DueDate },
                                      t.TaxpayerNo,
                                      t.Facts.NameKanji,
                                  }).ToListAsync(ct);
        var byInstallment = installments.ToDictionary(x => x.Ref.Id, x => (
            Ref: new InstallmentRef(x.Ref.Id, x.Ref.TaxpayerId, x.Ref.TaxKindCode, x.Ref.Name, x.Ref.FiscalYear, x.Ref.NoticeNo, x.Ref.Period, x.Ref.NominalDueDate, x.Ref.DueDate),
            x.TaxpayerNo, x.NameKanji));

        var entries = await db.JournalEntries.AsNoTracking().Where(j => j.PaymentId != null && ids.Contains(j.PaymentId.Value))
            .Select(j => new { j.Id, j.PaymentId, j.Kind, j.Component, j.Amount, j.ReversesEntryId }).ToListAsync(ct);
        var reversed = entries.Where(e => e.ReversesEntryId is not null).Select(e => e.ReversesEntryId!.Value).ToHashSet();
        // Reversals of a payment's entries may have been written under another payment's booking (a replay): look them up too.
        var entryIds = entries.Select(e => e.Id).ToList();
        reversed.UnionWith(await db.JournalEntries.AsNoTracking()
            .Where(j => j.ReversesEntryId != null && entryIds.Contains(j.ReversesEntryId.Value)).Select(j => j.ReversesEntryId!.Value).ToListAsync(ct));
        var live = entries.Where(e => e.Kind == JournalEntryKind.Payment && !reversed.Contains(e.Id)).ToLookup(e => e.PaymentId!.Value);
        var overpaid = (await db.Overpayments.AsNoTracking().Where(o => ids.Contains(o.PaymentId) && o.CancelledAtUtc == null)
            .Select(o => new { o.PaymentId, o.Amount }).ToListAsync(ct)).GroupBy(o => o.PaymentId).ToDictionary(g => g.Key, g => g.Sum(o => o.Amount));

        var toCosts = (await db.EnforcementCostPayments.AsNoTracking().Where(c => ids.Contains(c.PaymentId))
            .Select(c => new { c.PaymentId, c.Amount }).ToListAsync(ct)).GroupBy(c => c.PaymentId).ToDictionary(g => g.Key, g => g.Sum(c => c.Amount));

        var staffNos = payments.Select(p => p.Actor).Distinct().ToList();
        var names = await db.StaffAccounts.AsNoTracking().Where(a => staffNos.Contains(a.StaffNo))
            .Select(a => new { a.StaffNo, a.FullName }).ToDictionaryAsync(a => a.StaffNo, a => a.FullName, ct);

        return payments.Select(p =>
        {
            var lines = live[p.Id].ToList();
            long Paid(LedgerComponent c) => -lines.Where(e => e.Component == c).Sum(e => e.Amount);
            var split = new PaymentSplit(Paid(LedgerComponent.Principal), Paid(LedgerComponent.ReminderFee), Paid(LedgerComponent.LateFee),
                overpaid.GetValueOrDefault(p.Id), toCosts.GetValueOrDefault(p.Id));
            var target = p.InstallmentId is { } iid && byInstallment.TryGetValue(iid, out var x) ? x : default;
            return new PaymentDetails(p.Id, p.Channel, p.Status, p.Amount, p.PaidOn, p.ReceivedOn, p.RawKey, p.SourceCode, p.IdempotencyKey,
                MyNumberMask.Apply(p.RawRecord), p.Actor, names.GetValueOrDefault(p.Actor), p.RecordedAtUtc, p.StatusChangedAtUtc, p.StatusReason,
                target.Ref, target.TaxpayerNo, target.NameKanji, split);
        }).ToList();
    }
}
