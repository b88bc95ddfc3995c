using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Choshu.App.Assessments;
using Choshu.App.Claims;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Cases;
using Choshu.Data.Ledger;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Claims;
using Choshu.Domain.Labels;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>One claim of a write-off plan: what is written off, on which ground, extinguished from which day.</summary>
public sealed record WriteOffLine(
    long InstallmentId, string TaxpayerNo, string TaxKindCode, string TaxKindName, int FiscalYear, string NoticeNo, short Period,
    WriteOffGround Ground, DateOnly ExtinguishedOn, long Principal, long ReminderFee, long LateFee)
{
    public long Total => Principal + ReminderFee + LateFee;
}

/// <summary>A plan: listed (<see cref="Id"/> null) or as approved.</summary>
public sealed record WriteOffPlanView(long? Id, DateOnly AsOf, string? ApprovedBy, DateTime? ApprovedAtUtc, string? Sha256, IReadOnlyList<WriteOffLine> Lines)
{
    public long Total => Lines.Sum(l => l.Total);
}

/// <summary>What an execution or a cancellation did: written (or reversed) lines, and those skipped with the reason.</summary>
public sealed record WriteOffRun(long PlanId, DateOnly On, IReadOnlyList<WriteOffLine> Written, IReadOnlyList<(WriteOffLine Line, string Why)> Skipped);

/// <summary>One row of the write-off report: tax kind × ground.</summary>
public sealed record WriteOffReportRow(string TaxKindCode, string TaxKindName, WriteOffGround Ground, int Claims, long Principal, long ReminderFee, long LateFee);

/// <summary>
/// 不納欠損 (domain.md §5): <see cref="PlanAsync"/> lists every claim whose right to collect has ended on the as-of day (時効,
/// 執行停止3年, 即時消滅; <see cref="WriteOffPlanning"/>) with ground and date; <see cref="ApproveAsync"/> records the plan an
/// approver approved (<see cref="WriteOffPlan"/>, its lines and their hash; audit 3200); <see cref="ExecuteAsync"/> writes, for
/// each line still extinguished and not written off, the write-off journal entries (kind 7, one per component owed, reason
/// code <c>writeoff.GROUND</c>, value date the execution day, linked to nothing, idempotency key per plan, claim and component) and
/// a <see cref="ClaimEventKind.WriteOff"/> claim event (ground, reason naming the plan and the extinction day) in one booking
/// transaction (audit 3201): the claims leave the arrears (status 欠損). A rerun writes nothing twice. <see cref="CancelAsync"/>
/// reverses a written-off claim: reversal entries linked to each write-off entry and a withdrawal of the event (audit 3202).
/// Approving, executing and cancelling need <see cref="Permission.DecideCollectionMeasures"/> (承認者), who passes the
/// officer-only policy (<see cref="CaseUpdatePolicy"/>) for every case.
/// </summary>
public sealed class WriteOffs(Store store, TimeProvider clock)
{
    public const string ReasonPrefix = "writeoff.";

    /// <summary>The plan on <paramref name="asOf"/> (ViewReports; the list names taxpayers, so it is audited 3203).</summary>
    public async Task<WriteOffPlanView> PlanAsync(Actor actor, DateOnly asOf, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        await AccessControl.DemandAsync(db, actor, Permission.ViewReports, clock, what: $"不納欠損の計画（基準日 {D(asOf)}）", ct: ct);
        var lines = await CandidatesAsync(db, asOf, ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.WriteOffListed, Detail: $"不納欠損の計画（基準日 {D(asOf)}）: {lines.Count} 件 {lines.Sum(l => l.Total)}円"), clock, ct);
        return new WriteOffPlanView(null, asOf, null, null, null, lines);
    }

    /// <summary>Every claim extinguished on <paramref name="asOf"/> and not written off, by tax kind, year, notice and period.</summary>
    public static async Task<List<WriteOffLine>> CandidatesAsync(ChoshuDbContext db, DateOnly asOf, CancellationToken ct = default)
    {
        // Could have ended: 法定納期限 more than 5 years back (the earliest a limitation completes), or a stay or extinction recorded.
        var cutoff = asOf.AddYears(-ClaimLimitation.Years);
        var endingKinds = new[] { ClaimEventKind.Stay, ClaimEventKind.ImmediateExtinction };
        // Only claims with something owed (a paid or written-off claim is no candidate): the balance summed in SQL.
        var ids = await db.Installments.AsNoTracking()
            .Where(i => (i.StatutoryDueDate <= cutoff || db.ClaimEvents.Any(e => e.InstallmentId == i.Id && endingKinds.Contains(e.Kind) && e.On <= asOf))
                        && db.JournalEntries.Where(j => j.InstallmentId == i.Id && j.Component != LedgerComponent.Overpayment).Sum(j => j.Amount) > 0)
            .Select(i => i.Id).ToListAsync(ct);
        var lines = new List<WriteOffLine>();
        foreach (var chunk in ids.Chunk(5000))
        {
            var ledgers = await ClaimLedgers.LoadAsync(db, chunk, ct);
            var found = ledgers.Select(l => (Id: l.Key, Ledger: l.Value, Candidate: WriteOffPlanning.Of(l.Value, asOf))).Where(x => x.Candidate is not null).ToList();
            if (found.Count == 0) continue;
            var refs = await InstallmentFinder.ByIdsAsync(db, found.Select(f => f.Id).ToList(), ct);
            var numbers = await db.Taxpayers.AsNoTracking().Where(t => refs.Values.Select(r => r.TaxpayerId).Distinct().Contains(t.Id))
                .ToDictionaryAsync(t => t.Id, t => t.TaxpayerNo, ct);
            lines.AddRange(found.Select(f =>
            {
                var r = refs[f.Id];
                return new WriteOffLine(f.Id, numbers[r.TaxpayerId], r.TaxKindCode, r.TaxKindName, r.FiscalYear, r.NoticeNo, r.Period,
                    f.Candidate!.Ground, f.Candidate.ExtinguishedOn, f.Ledger.PrincipalBalance, f.Ledger.ReminderFeeBalance, f.Ledger.LateFeeBalance);
            }));
        }
        return lines.OrderBy(l => l.TaxKindCode, StringComparer.Ordinal).ThenBy(l => l.FiscalYear).ThenBy(l => l.NoticeNo, StringComparer.Ordinal)
            .ThenBy(l => l.Period).ThenBy(l => l.InstallmentId).ToList();
    }

    /// <summary>Approves the plan on <paramref name="asOf"/> as it stands now: records its lines and their SHA-256. Refused when empty.</summary>
    public async Task<WriteOffPlanView> ApproveAsync(Actor actor, DateOnly asOf, string? comment, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        await AccessControl.DemandAsync(db, actor, Permission.DecideCollectionMeasures, clock, what: $"不納欠損の計画の承認（基準日 {D(asOf)}）", ct: ct);
        if (asOf > JapanTime.Today(clock)) throw new DomainException("writeoff.as_of_future", $"基準日 {D(asOf)} は本日より後です。");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var lines = await CandidatesAsync(db, asOf, ct);
        if (lines.Count == 0) throw new DomainException("writeoff.plan_empty", $"基準日 {D(asOf)} に不納欠損の対象となる期別はありません。");
        var json = JsonSerializer.Serialize(lines.Select(ToJson).ToList());
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        var plan = new WriteOffPlan
        {
            AsOf = asOf, ApprovedBy = actor.Name, ApprovedByAccountId = actor.AccountId, ApprovedAtUtc = clock.GetUtcNow().UtcDateTime,
            LineCount = lines.Count, Total = lines.Sum(l => l.Total), LinesJson = json, LinesSha256 = sha, Comment = comment?.Trim(),
        };
        db.WriteOffPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.WriteOffPlanApproved,
            Detail: $"不納欠損の計画 {plan.Id}（基準日 {D(asOf)}）を承認: {lines.Count} 件 {plan.Total}円 {Summary(lines)} sha256 {sha}"), clock, ct);
        await tx.CommitAsync(ct);
        return new WriteOffPlanView(plan.Id, asOf, plan.ApprovedBy, plan.ApprovedAtUtc, sha, lines);
    }

    /// <summary>The approved plan <paramref name="planId"/> as recorded (its hash checked).</summary>
    public static async Task<WriteOffPlanView> LoadPlanAsync(ChoshuDbContext db, long planId, CancellationToken ct = default)
    {
        var plan = await db.WriteOffPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, ct)
            ?? throw new DomainException("writeoff.plan_not_found", $"不納欠損の計画 {planId} は承認されていません。");
        if (Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plan.LinesJson))) != plan.LinesSha256)
            throw new InvalidOperationException($"Write-off plan {planId}: the lines do not match their recorded hash.");
        var lines = JsonSerializer.Deserialize<List<LineJson>>(plan.LinesJson)!.Select(FromJson).ToList();
        return new WriteOffPlanView(plan.Id, plan.AsOf, plan.ApprovedBy, plan.ApprovedAtUtc, plan.LinesSha256, lines);
    }

    /// <summary>Executes the approved plan today: write-off entries and events for every line still extinguished and not written off.</summary>
    public async Task<WriteOffRun> ExecuteAsync(Actor actor, long planId, CancellationToken ct = default)
    {
        await using (var check = store.CreateContext())
            await AccessControl.DemandAsync(check, actor, Permission.DecideCollectionMeasures, clock, what: $"不納欠損の執行（計画 {planId}）", ct: ct);
        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            var today = JapanTime.Today(clock);
            var plan = await LoadPlanAsync(db, planId, ct);
            var ledgers = await ClaimLedgers.LoadAsync(db, plan.Lines.Select(l => l.InstallmentId).ToList(), ct);
            var written = new List<WriteOffLine>();
            var skipped = new List<(WriteOffLine, string)>();
            foreach (var line in plan.Lines)
            {
                var ledger = ledgers[line.InstallmentId];
                if (ClaimEvent.InForce(ledger.Events).Any(e => e.Kind == ClaimEventKind.WriteOff)) { skipped.Add((line, "不納欠損済み")); continue; }
                if (WriteOffPlanning.Of(ledger, today) is not { } now2 || now2.Ground != line.Ground || now2.ExtinguishedOn != line.ExtinguishedOn)
                {
                    skipped.Add((line, "計画の承認後に状態が変わったため（納付・事績の取消など）対象外"));
                    continue;
                }
                var key = $"writeoff:{planId}:{line.InstallmentId}";
                var reason = $"不納欠損 計画 {planId}（{JapaneseLabels.Of(line.Ground)}、{now2.LegalBasis}、{D(line.ExtinguishedOn)} 消滅）";
                var e = ClaimEvent.Create(line.InstallmentId, ClaimEventKind.WriteOff, today, actor.Name, now, ground: (short)line.Ground, reason: reason, idempotencyKey: key);
                ClaimEvents.Check(ledger, e, today);
                db.ClaimEvents.Add(e);
                foreach (var (component, amount) in new[] { (LedgerComponent.Principal, ledger.PrincipalBalance), (LedgerComponent.ReminderFee, ledger.ReminderFeeBalance), (LedgerComponent.LateFee, ledger.LateFeeBalance) })
                {
                    if (amount <= 0) continue;
                    db.JournalEntries.Add(new JournalEntry
                    {
                        InstallmentId = line.InstallmentId, Kind = JournalEntryKind.WriteOff, Component = component, Amount = -amount,
                        ValueDate = today, RecordedAtUtc = now, Actor = actor.Name, ReasonCode = ReasonPrefix + Word(line.Ground),
                        Comment = reason, IdempotencyKey = $"{key}:{(short)component}",
                    });
                }
                written.Add(line with { Principal = ledger.PrincipalBalance, ReminderFee = ledger.ReminderFeeBalance, LateFee = ledger.LateFeeBalance });
            }
            await db.SaveChangesAsync(ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.WriteOffExecuted,
                Detail: $"不納欠損の執行 計画 {planId}（{D(today)}）: {written.Count} 件 {written.Sum(l => l.Total)}円 {Summary(written)}、対象外 {skipped.Count} 件"), clock, ct);
            foreach (var entry in db.ChangeTracker.Entries().ToList()) entry.State = EntityState.Detached;
            return new WriteOffRun(planId, today, written, skipped);
        }, ct);
    }

    /// <summary>
    /// Cancels the write-off of one claim (取消): a reversal entry linked to each of its write-off entries and a withdrawal of its
    /// write-off event, with the reason. The claim is back in the arrears as it was (its lapse day unchanged).
    /// </summary>
    public async Task<WriteOffRun> CancelAsync(Actor actor, long installmentId, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("writeoff.reason_required", "不納欠損の取消の理由を入力してください。");
        await using (var check = store.CreateContext())
            await AccessControl.DemandAsync(check, actor, Permission.DecideCollectionMeasures, clock, what: $"不納欠損の取消（期別 {installmentId}）", ct: ct);
        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            var today = JapanTime.Today(clock);
            var ledger = (await ClaimLedgers.LoadAsync(db, [installmentId], ct)).GetValueOrDefault(installmentId)
                ?? throw new DomainException("writeoff.installment_not_found", $"期別 {installmentId} は登録されていません。");
            var writeOff = ClaimEvent.InForce(ledger.Events).FirstOrDefault(e => e.Kind == ClaimEventKind.WriteOff)
                ?? throw new DomainException("writeoff.not_written_off", $"期別 {installmentId} は不納欠損されていません。");
            var reversed = await db.JournalEntries.Where(j => j.InstallmentId == installmentId && j.ReversesEntryId != null).Select(j => j.ReversesEntryId!.Value).ToListAsync(ct);
            var entries = await db.JournalEntries.Where(j => j.InstallmentId == installmentId && j.Kind == JournalEntryKind.WriteOff
                && j.ReasonCode != null && j.ReasonCode.StartsWith(ReasonPrefix) && !reversed.Contains(j.Id)).ToListAsync(ct);
            var why = reason.Trim();
            foreach (var j in entries)
                db.JournalEntries.Add(new JournalEntry
                {
                    InstallmentId = installmentId, Kind = JournalEntryKind.Reversal, Component = j.Component, Amount = -j.Amount, ValueDate = today,
                    RecordedAtUtc = now, Actor = actor.Name, ReasonCode = "writeoff.cancel", Comment = $"不納欠損の取消: {why}", ReversesEntryId = j.Id,
                    IdempotencyKey = $"writeoff-cancel:{j.Id}",
                });
            db.ClaimEvents.Add(ClaimEvent.Create(installmentId, ClaimEventKind.Withdrawal, today, actor.Name, now, reversesEventId: writeOff.Id, reason: $"不納欠損の取消: {why}"));
            await db.SaveChangesAsync(ct);
            var r = await InstallmentFinder.FindByIdAsync(db, installmentId, ct);
            var line = new WriteOffLine(installmentId, "", r.TaxKindCode, r.TaxKindName, r.FiscalYear, r.NoticeNo, r.Period, writeOff.WriteOffGround!.Value,
                writeOff.On, -entries.Where(j => j.Component == LedgerComponent.Principal).Sum(j => j.Amount),
                -entries.Where(j => j.Component == LedgerComponent.ReminderFee).Sum(j => j.Amount), -entries.Where(j => j.Component == LedgerComponent.LateFee).Sum(j => j.Amount));
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.WriteOffCancelled, TaxpayerId: r.TaxpayerId,
                Detail: $"不納欠損の取消 {InstallmentNames.Of(r.TaxKindName, r.FiscalYear, r.NoticeNo, r.Period)}（事績 {writeOff.Id}、仕訳 {entries.Count} 件 {line.Total}円）: {why}"), clock, ct);
            foreach (var entry in db.ChangeTracker.Entries().ToList()) entry.State = EntityState.Detached;
            return new WriteOffRun(0, today, [line], []);
        }, ct);
    }

    /// <summary>Written off in [<paramref name="start"/>, <paramref name="end"/>] (value date), net of cancellations, by tax kind and ground.</summary>
    public async Task<IReadOnlyList<WriteOffReportRow>> ReportAsync(Actor actor, DateOnly start, DateOnly end, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        await AccessControl.DemandAsync(db, actor, Permission.ViewReports, clock, what: $"不納欠損の報告（{D(start)}〜{D(end)}）", ct: ct);
        var reversed = db.JournalEntries.Where(j => j.ReversesEntryId != null).Select(j => j.ReversesEntryId!.Value);
        var rows = await (from j in db.JournalEntries.AsNoTracking()
                          join i in db.Installments on j.InstallmentId equals i.Id
                          join a in db.Assessments on i.AssessmentId equals a.Id
                          join k in db.TaxKinds on a.TaxKindCode equals k.Code
                          where j.Kind == JournalEntryKind.WriteOff && j.ReasonCode != null && j.ReasonCode.StartsWith(ReasonPrefix)
                                && j.ValueDate >= start && j.ValueDate <= end && !reversed.Contains(j.Id)
                          select new { k.Code, k.Name, j.ReasonCode, j.Component, j.Amount, j.InstallmentId }).ToListAsync(ct);
        return rows.GroupBy(r => (r.Code, r.Name, Ground: GroundOf(r.ReasonCode!)))
            .Select(g => new WriteOffReportRow(g.Key.Code, g.Key.Name, g.Key.Ground, g.Select(r => r.InstallmentId).Distinct().Count(),
                -g.Where(r => r.Component == LedgerComponent.Principal).Sum(r => r.Amount),
                -g.Where(r => r.Component == LedgerComponent.ReminderFee).Sum(r => r.Amount),
                -g.Where(r => r.Component == LedgerComponent.LateFee).Sum(r => r.Amount)))
            .OrderBy(r => r.TaxKindCode, StringComparer.Ordinal).ThenBy(r => r.Ground).ToList();
    }

    /// <summary>The word of a ground in a reason code and the CLI: limitation, stay-three-years, immediate-extinction.</summary>
    public static string Word(WriteOffGround g) => g switch
    {
        WriteOffGround.Limitation => "limitation",
        WriteOffGround.StayThreeYears => "stay-three-years",
        _ => "immediate-extinction",
    };

    private static WriteOffGround GroundOf(string reasonCode) => reasonCode[ReasonPrefix.Length..] switch
    {
        "limitation" => WriteOffGround.Limitation,
        "stay-three-years" => WriteOffGround.StayThreeYears,
        _ => WriteOffGround.ImmediateExtinction,
    };

    private static string Summary(IEnumerable<WriteOffLine> lines) =>
        string.Join(" ", lines.GroupBy(l => l.Ground).OrderBy(g => g.Key).Select(g => $"{JapaneseLabels.Of(g.Key)} {g.Count()} 件"));

    private sealed record LineJson(long InstallmentId, string TaxpayerNo, string TaxKindCode, string TaxKindName, int FiscalYear, string NoticeNo, short Period,
        string Ground, string ExtinguishedOn, long Principal, long ReminderFee, long LateFee);

    private static LineJson ToJson(WriteOffLine l) => new(l.InstallmentId, l.TaxpayerNo, l.TaxKindCode, l.TaxKindName, l.FiscalYear, l.NoticeNo, l.Period,
        Word(l.Ground), D(l.ExtinguishedOn), l.Principal, l.ReminderFee, l.LateFee);

    private static WriteOffLine FromJson(LineJson j) => new(j.InstallmentId, j.TaxpayerNo, j.TaxKindCode, j.TaxKindName, j.FiscalYear, j.NoticeNo, j.Period,
        GroundOf(ReasonPrefix + j.Ground), DateOnly.ParseExact(j.ExtinguishedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture), j.Principal, j.ReminderFee, j.LateFee);

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
