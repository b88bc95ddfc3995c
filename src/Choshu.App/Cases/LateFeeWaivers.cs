using System.Globalization;
using Choshu.App.Assessments;
using Choshu.App.Claims;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Cases;
using Choshu.Data.Ledger;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.LateFees;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>What a 延滞金減免 relieves: an amount, the whole late fee owed on the decision day, or the late fee of a period.</summary>
public enum LateFeeWaiverMode : short
{
    Amount = 1,
    All = 2,
    Period = 3,
}

/// <summary>A 延滞金減免 to draft for one claim (期別 <paramref name="InstallmentId"/>).</summary>
/// <param name="Amount">Yen to relieve (mode <see cref="LateFeeWaiverMode.Amount"/> only).</param>
/// <param name="From">First day of the relieved period (mode <see cref="LateFeeWaiverMode.Period"/>).</param>
/// <param name="To">Last day of the relieved period, inclusive.</param>
/// <param name="BasisCode">A code of the list of legal bases (<see cref="LateFeeWaiverBasis"/>), or the decision's own code with <paramref name="BasisText"/>.</param>
public sealed record LateFeeWaiverRequest(long InstallmentId, LateFeeWaiverMode Mode, long? Amount, DateOnly? From, DateOnly? To, string Reason,
    string BasisCode, string? BasisText = null);

/// <summary>One 延滞金減免 as lists and screens show it.</summary>
public sealed record LateFeeWaiverView(long Id, string TaxpayerNo, InstallmentRef Installment, LateFeeWaiverMode Mode, long Amount, DateOnly? From, DateOnly? To,
    string Reason, string BasisCode, string BasisText, string DraftedBy, DateTime DraftedAtUtc, DateOnly? DecidedOn, string? DecidedBy, long? EntryId,
    DateTime? CancelledAtUtc, string? CancelledBy, string? CancelReason)
{
    /// <summary>決裁待ち, 決裁済, 取下げ (a draft cancelled), 取消 (a decided relief reversed).</summary>
    public string StateName => CancelledAtUtc is not null ? (DecidedOn is null ? "取下げ" : "取消") : DecidedOn is null ? "決裁待ち" : "決裁済";
    public bool Pending => CancelledAtUtc is null && DecidedOn is null;
    public bool InForce => CancelledAtUtc is null && DecidedOn is not null;

    /// <summary>"金額 1,900円", "全額", "期間 2026-01-01〜2026-07-01".</summary>
    public string What => Mode switch
    {
        LateFeeWaiverMode.Amount => "金額指定",
        LateFeeWaiverMode.All => "全額",
        _ => string.Create(CultureInfo.InvariantCulture, $"期間 {From:yyyy-MM-dd}〜{To:yyyy-MM-dd}"),
    };
}

/// <summary>One row of the relief report: per tax kind, the reliefs decided in the period and not cancelled.</summary>
public sealed record LateFeeWaiverReportRow(string TaxKindCode, string TaxKindName, int Count, long Amount);

/// <summary>
/// 延滞金減免 (domain.md §2, §5: late fee reduced or waived by decision, with reason and legal basis). Four eyes, as refunds and
/// write-offs: <see cref="DraftAsync"/> (起案) by the officer in charge or an approver through the case path (<see cref="CaseCommand"/>,
/// <see cref="CaseUpdateKind.LateFeeWaiver"/>, the officer-only policy; audited 3300) records the reason, the legal basis (from the list
/// kept as data, <c>late_fee_waiver_bases</c>, or a code with its own text) and what is relieved; <see cref="DecideAsync"/> (決裁) by an
/// approver (<see cref="Permission.DecideCollectionMeasures"/>) other than the drafter (self-approval refused and audited) fixes the
/// amount on the decision day and books it in one booking transaction as a journal entry (<see cref="JournalEntryKind.LateFeeRelief"/>,
/// component 延滞金, −amount; audited 3301); <see cref="CancelAsync"/> (approver) withdraws a draft, or reverses a decided relief with a
/// <see cref="JournalEntryKind.Reversal"/> linked to its entry (audited 3302). The ledger reads the entries
/// (<see cref="InstallmentLedger.LateFeeRelieved"/>): the late fee owed on every screen, slip, the case file and the payment allocation is
/// what is left after the relief. An amount relief is at most the late fee owed on the day; a whole relief is the late fee owed on the
/// decision day (what accrues later is owed); a period relief is the late fee the period's days bear, computed on the decision day.
/// </summary>
public sealed class LateFeeWaivers(Store store, TimeProvider clock)
{
    public const string ReasonCode = "latefee.waiver";
    public const string CancelReasonCode = "latefee.waiver.cancel";

    /// <summary>The legal bases to choose from, in their order.</summary>
    public async Task<IReadOnlyList<LateFeeWaiverBasis>> BasesAsync(CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        return await db.LateFeeWaiverBases.AsNoTracking().OrderBy(b => b.SortOrder).ThenBy(b => b.Code).ToListAsync(ct);
    }

    /// <summary>Drafts a relief for a claim of the taxpayer (the officer in charge or an approver).</summary>
    public async Task<LateFeeWaiverView> DraftAsync(Actor actor, string taxpayerNo, LateFeeWaiverRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Reason)) throw new DomainException("waiver.reason_required", "延滞金減免の理由を入力してください。");
        if (string.IsNullOrWhiteSpace(request.BasisCode)) throw new DomainException("waiver.basis_required", "延滞金減免の根拠法令を指定してください。");
        switch (request.Mode)
        {
            case LateFeeWaiverMode.Amount when request.Amount is not > 0:
                throw new DomainException("waiver.amount_invalid", "減免する延滞金の額は1円以上で指定してください。");
            case LateFeeWaiverMode.Period when request.From is not { } f || request.To is not { } t || t < f:
                throw new DomainException("waiver.period_invalid", "減免する期間の初日と末日（初日以後）を指定してください。");
        }
        await using var db = store.CreateContext();
        var taxpayerId = await db.Taxpayers.AsNoTracking().Where(t => t.TaxpayerNo == taxpayerNo.Trim()).Select(t => (long?)t.Id).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("taxpayer.not_found", $"宛名番号 {taxpayerNo} の納税義務者は登録されていません。");
        var caseId = await db.CollectionCases.AsNoTracking().Where(c => c.TaxpayerId == taxpayerId).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("waiver.case_required", $"宛名番号 {taxpayerNo} の滞納整理事案がありません（choshu case open で開始してください）。延滞金減免は事案の更新です。");
        var inst = (await InstallmentFinder.ByIdsAsync(db, [request.InstallmentId], ct)).GetValueOrDefault(request.InstallmentId);
        if (inst is null || inst.TaxpayerId != taxpayerId)
            throw new DomainException("waiver.claim_not_found", $"期別 {request.InstallmentId} は宛名番号 {taxpayerNo} の期別ではありません。");
        var (code, text) = await BasisAsync(db, request.BasisCode, request.BasisText, ct);
        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        LateFeeWaiver? waiver = null;
        await new CaseCommand(db, clock).RunAsync(actor, caseId, CaseUpdateKind.LateFeeWaiver, async change =>
        {
            var today = change.Stamp.On;
            var ledger = (await ClaimLedgers.LoadAsync(db, [request.InstallmentId], ct))[request.InstallmentId];
            var owed = ledger.LateFeeOwed(today, rates).Owed;
            if (owed <= 0) throw new DomainException("waiver.nothing_owed", $"{inst.Name} には {D(today)} 現在、減免できる延滞金がありません。");
            if (request.Mode == LateFeeWaiverMode.Amount && request.Amount > owed)
                throw new DomainException("waiver.amount_too_large", $"減免額 {request.Amount:N0}円 が {inst.Name} の延滞金 {owed:N0}円（{D(today)} 現在）を超えています。");
            if (request.Mode == LateFeeWaiverMode.Period && (request.From <= ledger.DueDate || request.To > today))
                throw new DomainException("waiver.period_outside", $"減免する期間は納期限 {D(ledger.DueDate)} の翌日から本日 {D(today)} までの範囲で指定してください。");
            waiver = new LateFeeWaiver
            {
                TaxpayerId = taxpayerId, InstallmentId = request.InstallmentId, Mode = (short)request.Mode,
                Amount = request.Mode == LateFeeWaiverMode.Amount ? request.Amount!.Value : 0,
                PeriodFrom = request.Mode == LateFeeWaiverMode.Period ? request.From : null, PeriodTo = request.Mode == LateFeeWaiverMode.Period ? request.To : null,
                Reason = Audit.AuditText.MaskMyNumbers(request.Reason.Trim()), BasisCode = code, BasisText = text,
                DraftedBy = actor.Name, DraftedByAccountId = actor.AccountId, DraftedAtUtc = change.Stamp.RecordedAtUtc,
            };
            db.LateFeeWaivers.Add(waiver);
            await db.SaveChangesAsync(ct);
            return $"延滞金減免 {waiver.Id} の起案 {inst.Name} {Describe(waiver)}（延滞金 {owed}円 {D(today)} 現在、{text}）: {waiver.Reason}";
        }, ct);
        return (await ViewsAsync(db, q => q.Where(w => w.Id == waiver!.Id), ct))[0];
    }

    /// <summary>決裁: an approver other than the drafter books the relief (the amount fixed today).</summary>
    public async Task<LateFeeWaiverView> DecideAsync(Actor actor, long waiverId, CancellationToken ct = default)
    {
        var what = $"延滞金減免 {waiverId} の決裁";
        await using (var check = store.CreateContext())
        {
            var found = await check.LateFeeWaivers.AsNoTracking().SingleOrDefaultAsync(w => w.Id == waiverId, ct) ?? throw NotFound(waiverId);
            await AccessControl.DemandAsync(check, actor, Permission.DecideCollectionMeasures, clock, found.TaxpayerId, what, ct);
            if ((actor.AccountId is not null && actor.AccountId == found.DraftedByAccountId) || actor.Name == found.DraftedBy)
            {
                await AuditLog.AppendAsync(check, actor, new AuditRecord(AuditEventKind.AccessDenied, AuditOutcome.Denied, found.TaxpayerId,
                    Detail: $"{Permission.DecideCollectionMeasures}: {what}: 起案者本人"), clock, ct);
                throw new AccessDeniedException("自分が起案した延滞金減免は決裁できません。起案者以外の承認者が決裁してください。", false);
            }
        }
        await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, booker, now) =>
        {
            var today = JapanTime.Today(clock);
            var waiver = await db.LateFeeWaivers.SingleAsync(w => w.Id == waiverId, ct);
            if (waiver.CancelledAtUtc is not null) throw new DomainException("waiver.cancelled", $"延滞金減免 {waiverId} は取り下げられています。");
            if (waiver.DecidedOn is not null) throw new DomainException("waiver.already_decided", $"延滞金減免 {waiverId} は {D(waiver.DecidedOn.Value)} に決裁済みです。二重には減免しません。");
            var inst = await InstallmentFinder.FindByIdAsync(db, waiver.InstallmentId, ct);
            var ledger = (await ClaimLedgers.LoadAsync(db, [waiver.InstallmentId], ct))[waiver.InstallmentId];
            var owed = ledger.LateFeeOwed(today, booker.Rates).Owed;
            var amount = (LateFeeWaiverMode)waiver.Mode switch
            {
                LateFeeWaiverMode.Amount => waiver.Amount,
                LateFeeWaiverMode.All => owed,
                _ => Math.Min(owed, PeriodAmount(ledger, waiver.PeriodFrom!.Value, waiver.PeriodTo!.Value, today, booker.Rates)),
            };
            if (amount <= 0) throw new DomainException("waiver.nothing_owed", $"{inst.Name} には {D(today)} 現在、減免できる延滞金がありません。");
            if (amount > owed)
                throw new DomainException("waiver.amount_too_large", $"減免額 {amount:N0}円 が {inst.Name} の延滞金 {owed:N0}円（{D(today)} 現在。起案後に納付があった）を超えています。起案を取り下げて起案し直してください。");
            var entry = new JournalEntry
            {
                InstallmentId = waiver.InstallmentId, Kind = JournalEntryKind.LateFeeRelief, Component = LedgerComponent.LateFee, Amount = -amount,
                ValueDate = today, RecordedAtUtc = now, Actor = actor.Name, ReasonCode = ReasonCode,
                Comment = $"延滞金減免 {waiver.Id}（{waiver.BasisText}）: {waiver.Reason}", IdempotencyKey = $"latefee-waiver:{waiver.Id}",
            };
            db.JournalEntries.Add(entry);
            await db.SaveChangesAsync(ct);
            waiver.Amount = amount;
            waiver.DecidedOn = today;
            waiver.DecidedBy = actor.Name;
            waiver.DecidedByAccountId = actor.AccountId;
            waiver.DecidedAtUtc = now;
            waiver.EntryId = entry.Id;
            await db.SaveChangesAsync(ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.LateFeeWaiverDecided, TaxpayerId: waiver.TaxpayerId,
                Detail: $"延滞金減免 {waiver.Id} の決裁 {inst.Name} {Describe(waiver)} {amount}円（延滞金 {owed}円 → {owed - amount}円、{D(today)} 現在、{waiver.BasisText}、起案 {waiver.DraftedBy}、仕訳 {entry.Id}）"), clock, ct);
            foreach (var e in db.ChangeTracker.Entries().ToList()) e.State = EntityState.Detached;
            return 0;
        }, ct);
        await using var read = store.CreateContext();
        return (await ViewsAsync(read, q => q.Where(w => w.Id == waiverId), ct))[0];
    }

    /// <summary>取消 (approver): a draft is withdrawn; a decided relief is reversed by an entry linked to its relief entry.</summary>
    public async Task<LateFeeWaiverView> CancelAsync(Actor actor, long waiverId, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("waiver.cancel_reason_required", "延滞金減免の取消の理由を入力してください。");
        var why = Audit.AuditText.MaskMyNumbers(reason.Trim());
        await using (var check = store.CreateContext())
        {
            var found = await check.LateFeeWaivers.AsNoTracking().SingleOrDefaultAsync(w => w.Id == waiverId, ct) ?? throw NotFound(waiverId);
            await AccessControl.DemandAsync(check, actor, Permission.DecideCollectionMeasures, clock, found.TaxpayerId, $"延滞金減免 {waiverId} の取消", ct);
        }
        await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            var today = JapanTime.Today(clock);
            var waiver = await db.LateFeeWaivers.SingleAsync(w => w.Id == waiverId, ct);
            if (waiver.CancelledAtUtc is not null) throw new DomainException("waiver.cancelled", $"延滞金減免 {waiverId} は既に取り消されています。");
            var inst = await InstallmentFinder.FindByIdAsync(db, waiver.InstallmentId, ct);
            string detail;
            if (waiver.EntryId is { } entryId)
            {
                var reversal = new JournalEntry
                {
                    InstallmentId = waiver.InstallmentId, Kind = JournalEntryKind.Reversal, Component = LedgerComponent.LateFee, Amount = waiver.Amount,
                    ValueDate = today, RecordedAtUtc = now, Actor = actor.Name, ReasonCode = CancelReasonCode, Comment = $"延滞金減免 {waiver.Id} の取消: {why}",
                    ReversesEntryId = entryId, IdempotencyKey = $"latefee-waiver-cancel:{waiver.Id}",
                };
                db.JournalEntries.Add(reversal);
                await db.SaveChangesAsync(ct);
                waiver.CancelEntryId = reversal.Id;
                detail = $"延滞金減免 {waiver.Id} の取消 {inst.Name} {waiver.Amount}円（仕訳 {entryId} を取消仕訳 {reversal.Id} で取消）: {why}";
            }
            else
            {
                detail = $"延滞金減免 {waiver.Id} の起案の取下げ {inst.Name} {Describe(waiver)}: {why}";
            }
            waiver.CancelledAtUtc = now;
            waiver.CancelledBy = actor.Name;
            waiver.CancelReason = why;
            await db.SaveChangesAsync(ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.LateFeeWaiverCancelled, TaxpayerId: waiver.TaxpayerId, Detail: detail), clock, ct);
            foreach (var e in db.ChangeTracker.Entries().ToList()) e.State = EntityState.Detached;
            return 0;
        }, ct);
        await using var read = store.CreateContext();
        return (await ViewsAsync(read, q => q.Where(w => w.Id == waiverId), ct))[0];
    }

    /// <summary>The reliefs of a taxpayer (every state), newest first. The caller has checked the right to view the taxpayer.</summary>
    public async Task<IReadOnlyList<LateFeeWaiverView>> OfTaxpayerAsync(long taxpayerId, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        return await ViewsAsync(db, q => q.Where(w => w.TaxpayerId == taxpayerId), ct);
    }

    /// <summary>The taxpayer's claims with late fee owed today (what a relief can be drafted for), by year, notice and period.</summary>
    public async Task<IReadOnlyList<(InstallmentRef Claim, long LateFee)>> ClaimsWithLateFeeAsync(long taxpayerId, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        var today = JapanTime.Today(clock);
        var ids = await (from i in db.Installments.AsNoTracking()
                         join a in db.Assessments.AsNoTracking() on i.AssessmentId equals a.Id
                         where a.TaxpayerId == taxpayerId && i.DueDate < today
                         select i.Id).ToListAsync(ct);
        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        var ledgers = await ClaimLedgers.LoadAsync(db, ids, ct);
        var refs = await InstallmentFinder.ByIdsAsync(db, ids, ct);
        return ids.Select(id => (Claim: refs[id], LateFee: ledgers[id].LateFeeOwed(today, rates).Owed)).Where(x => x.LateFee > 0)
            .OrderBy(x => x.Claim.FiscalYear).ThenBy(x => x.Claim.NoticeNo, StringComparer.Ordinal).ThenBy(x => x.Claim.Period).ToList();
    }

    /// <summary>One relief, or null.</summary>
    public async Task<LateFeeWaiverView?> FindAsync(long waiverId, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        return (await ViewsAsync(db, q => q.Where(w => w.Id == waiverId), ct)).SingleOrDefault();
    }

    /// <summary>Reliefs decided in [<paramref name="start"/>, <paramref name="end"/>] (decision day) and not cancelled, by tax kind (ViewReports).</summary>
    public async Task<IReadOnlyList<LateFeeWaiverReportRow>> ReportAsync(Actor actor, DateOnly start, DateOnly end, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        await AccessControl.DemandAsync(db, actor, Permission.ViewReports, clock, what: $"延滞金減免の報告（{D(start)}〜{D(end)}）", ct: ct);
        var reversed = db.JournalEntries.Where(j => j.ReversesEntryId != null).Select(j => j.ReversesEntryId!.Value);
        var rows = await (from j in db.JournalEntries.AsNoTracking()
                          join i in db.Installments on j.InstallmentId equals i.Id
                          join a in db.Assessments on i.AssessmentId equals a.Id
                          join k in db.TaxKinds on a.TaxKindCode equals k.Code
                          where j.Kind == JournalEntryKind.LateFeeRelief && j.ValueDate >= start && j.ValueDate <= end && !reversed.Contains(j.Id)
                          select new { k.Code, k.Name, j.Amount }).ToListAsync(ct);
        return rows.GroupBy(r => (r.Code, r.Name)).Select(g => new LateFeeWaiverReportRow(g.Key.Code, g.Key.Name, g.Count(), -g.Sum(r => r.Amount)))
            .OrderBy(r => r.TaxKindCode, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The late fee the days <paramref name="from"/>–<paramref name="to"/> bear, computed on <paramref name="on"/>: the late fee as the
    /// claim's events leave it, less the late fee with those days exempt in full as well.
    /// </summary>
    public static long PeriodAmount(InstallmentLedger ledger, DateOnly from, DateOnly to, DateOnly on, LateFeeRateTable rates)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var principal = ledger.Principal - ledger.PrincipalOtherReductions;
        if (principal <= 0) return 0;
        var payments = ledger.PrincipalPayments.OrderBy(p => p.PaidOn).ToList();
        var with = LateFeeCalculator.Calculate(principal, ledger.DueDate, payments, on, rates, ledger.Reliefs);
        var without = LateFeeCalculator.Calculate(principal, ledger.DueDate, payments, on, rates,
            [.. ledger.Reliefs, new LateFeeReliefPeriod(from, to, LateFeeReliefKind.Exempt, "延滞金減免")]);
        return Math.Max(0, with.LateFee - without.LateFee);
    }

    private static async Task<(string Code, string Text)> BasisAsync(ChoshuDbContext db, string code, string? text, CancellationToken ct)
    {
        var c = code.Trim();
        var listed = await db.LateFeeWaiverBases.AsNoTracking().SingleOrDefaultAsync(b => b.Code == c, ct);
        if (listed is not null) return (listed.Code, string.IsNullOrWhiteSpace(text) ? listed.Text : text.Trim());
        if (string.IsNullOrWhiteSpace(text))
            throw new DomainException("waiver.basis_unknown", $"根拠法令のコード {c} は一覧にありません。一覧にない根拠は、コードとともに根拠法令の条項（--basis-text）を入力してください。");
        return (c, text.Trim());
    }

    private static async Task<List<LateFeeWaiverView>> ViewsAsync(ChoshuDbContext db, Func<IQueryable<LateFeeWaiver>, IQueryable<LateFeeWaiver>> filter, CancellationToken ct)
    {
        var rows = await filter(db.LateFeeWaivers.AsNoTracking()).OrderByDescending(w => w.Id).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var refs = await InstallmentFinder.ByIdsAsync(db, rows.Select(r => r.InstallmentId).Distinct().ToList(), ct);
        var taxpayerIds = rows.Select(r => r.TaxpayerId).Distinct().ToList();
        var numbers = await db.Taxpayers.AsNoTracking().Where(t => taxpayerIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.TaxpayerNo, ct);
        return rows.Select(w => new LateFeeWaiverView(w.Id, numbers[w.TaxpayerId], refs[w.InstallmentId], (LateFeeWaiverMode)w.Mode, w.Amount, w.PeriodFrom, w.PeriodTo,
            w.Reason, w.BasisCode, w.BasisText, w.DraftedBy, w.DraftedAtUtc, w.DecidedOn, w.DecidedBy, w.EntryId, w.CancelledAtUtc, w.CancelledBy, w.CancelReason)).ToList();
    }

    private static string Describe(LateFeeWaiver w) => (LateFeeWaiverMode)w.Mode switch
    {
        LateFeeWaiverMode.Amount => $"金額指定 {w.Amount}円",
        LateFeeWaiverMode.All => "全額",
        _ => $"期間 {D(w.PeriodFrom!.Value)}〜{D(w.PeriodTo!.Value)}",
    };

    private static DomainException NotFound(long id) => new("waiver.not_found", $"延滞金減免 {id} は登録されていません。");

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
