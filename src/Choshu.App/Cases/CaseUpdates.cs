using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Cases;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>
/// Delinquency cases (滞納整理事案) and the officer-only rule (seed III-3 リスク1): opening a case,
/// assigning its officer, the 一斉催告停止 flag, and <see cref="AuthorizeAsync"/>, which every feature
/// that changes appropriation, stays, write-offs or dispositions calls before it changes anything.
/// Who may is decided by <see cref="CaseUpdatePolicy"/> on the roles active today; every change is
/// audited (3010–3016) in its own transaction and every refusal is audited (5000, 5001 when the
/// person's right has lapsed) before the refusal is thrown.
/// </summary>
public sealed class CaseUpdates(ChoshuDbContext db, TimeProvider clock)
{
    /// <summary>Opens a case for a taxpayer (no officer yet). Needs <see cref="Permission.UpdateCases"/>; audited 3016.</summary>
    public async Task<CaseView> OpenAsync(Actor actor, string taxpayerNo, CancellationToken ct = default)
    {
        var taxpayer = await db.Taxpayers.AsNoTracking().Where(t => t.TaxpayerNo == taxpayerNo.Trim())
            .Select(t => new { t.Id, t.TaxpayerNo }).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("taxpayer.not_found", $"宛名番号 {taxpayerNo} の納税義務者は登録されていません。");
        await AccessControl.DemandAsync(db, actor, Permission.UpdateCases, clock, taxpayer.Id, "滞納整理事案の開始", ct);
        if (await db.CollectionCases.AnyAsync(c => c.TaxpayerId == taxpayer.Id, ct))
            throw new DomainException("case.exists", $"宛名番号 {taxpayer.TaxpayerNo} の滞納整理事案は既にあります。");

        var now = clock.GetUtcNow().UtcDateTime;
        var c = new CollectionCase
        {
            TaxpayerId = taxpayer.Id, OpenedOn = JapanTime.Today(clock), UpdatedAtUtc = now, UpdatedBy = actor.Name,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.CollectionCases.Add(c);
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.CaseOpened, TaxpayerId: taxpayer.Id, Detail: $"事案 {c.Id}"), clock, ct);
        await tx.CommitAsync(ct);
        db.Entry(c).State = EntityState.Detached;
        return await LoadAsync(c.Id, ct);
    }

    /// <summary>
    /// Refuses (audited, <see cref="AccessDeniedException"/>) unless the actor may make this kind of change to
    /// the case today: the officer in charge with an active 滞納整理担当, or an active 承認者. Call it before the
    /// change's transaction opens; inside that transaction record the change with <see cref="RecordChangeAsync"/>.
    /// </summary>
    public async Task<CaseUpdateGrant> AuthorizeAsync(Actor actor, long caseId, CaseUpdateKind kind, CancellationToken ct = default)
    {
        var c = await db.CollectionCases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == caseId, ct)
            ?? throw new DomainException("case.not_found", $"滞納整理事案 {caseId} は登録されていません。");
        var what = $"{CaseUpdatePolicy.Japanese(kind)}（事案 {c.Id}）";
        // A person without any case right today (収納担当, a lapsed 滞納整理担当) is refused here, as 5000 or 5001.
        await AccessControl.DemandAsync(db, actor, Permission.UpdateCases, clock, c.TaxpayerId, what, ct);
        var roles = actor.AccountId is { } id ? await AccessControl.ActiveRolesAsync(db, id, JapanTime.Today(clock), ct) : [];
        var decision = CaseUpdatePolicy.Decide(kind, actor.AccountId, roles, c.OfficerAccountId);
        if (decision.Allowed) return new CaseUpdateGrant(c.Id, c.TaxpayerId, kind, actor, c.OfficerAccountId);

        var refusal = decision.Refusal!.Value;
        await AuditLog.AppendAsync(db, actor,
            new AuditRecord(AuditEventKind.AccessDenied, AuditOutcome.Denied, c.TaxpayerId, null, $"{Permission.UpdateCases}: {what}: {refusal}"),
            clock, ct);
        throw new AccessDeniedException(RefusalMessage(refusal, kind), refusal == CaseUpdateRefusal.OfficerWithoutActiveRole);
    }

    /// <summary>
    /// Records an authorised change in the caller's open transaction (the audit record, 3010–3015), after
    /// checking that the officer in charge is still the one the grant was given under. Call it as the last
    /// statement before the commit.
    /// </summary>
    public async Task RecordChangeAsync(CaseUpdateGrant grant, string detail, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("RecordChangeAsync must run inside the change's transaction.");
        var officer = await db.CollectionCases.Where(c => c.Id == grant.CaseId).Select(c => c.OfficerAccountId).SingleAsync(ct);
        if (officer != grant.OfficerAccountId)
            throw new DomainException("case.officer_changed", $"滞納整理事案 {grant.CaseId} の担当者が変わりました。もう一度操作してください。");
        await AuditLog.AppendAsync(db, grant.Actor, new AuditRecord(grant.EventKind, TaxpayerId: grant.TaxpayerId, Detail: $"事案 {grant.CaseId}: {detail}"), clock, ct);
    }

    /// <summary>Makes a staff member the officer in charge. The new officer must hold an active 滞納整理担当 today. Audited 3010.</summary>
    public async Task<CaseView> AssignAsync(Actor actor, long caseId, string officerStaffNo, CancellationToken ct = default)
    {
        var grant = await AuthorizeAsync(actor, caseId, CaseUpdateKind.OfficerAssignment, ct);
        var officer = await db.StaffAccounts.AsNoTracking().Where(a => a.StaffNo == officerStaffNo.Trim())
            .Select(a => new { a.Id, a.StaffNo }).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("staff.not_found", $"職員番号 {officerStaffNo} の利用者IDは登録されていません。");
        if (!CaseUpdatePolicy.MayBeOfficer(await AccessControl.ActiveRolesAsync(db, officer.Id, JapanTime.Today(clock), ct)))
            throw new DomainException("case.officer_not_eligible",
                $"職員番号 {officer.StaffNo} は本日有効な「{RoleNames.Japanese(Role.DelinquencyOfficer)}」の権限がないため、担当者にできません。");
        if (grant.OfficerAccountId == officer.Id)
            throw new DomainException("case.officer_unchanged", $"職員番号 {officer.StaffNo} は既にこの事案の担当者です。");
        var previous = grant.OfficerAccountId is { } p
            ? await db.StaffAccounts.AsNoTracking().Where(a => a.Id == p).Select(a => a.StaffNo).SingleAsync(ct)
            : "なし";

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var c = await db.CollectionCases.SingleAsync(x => x.Id == caseId, ct);
        c.OfficerAccountId = officer.Id;
        Touch(c, actor);
        await RecordChangeAsync(grant, $"担当者 {previous} → {officer.StaffNo}", ct); // checks the officer before the save below
        await tx.CommitAsync(ct);
        db.Entry(c).State = EntityState.Detached;
        return await LoadAsync(caseId, ct);
    }

    /// <summary>Sets or clears 一斉催告停止 (exclude the taxpayer from mass demand-letter runs); a reason is required either way. Audited 3011.</summary>
    public async Task<CaseView> SetDemandRunHoldAsync(Actor actor, long caseId, bool hold, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("case.reason_required", "一斉催告停止の設定・解除には理由を入力してください。");
        var grant = await AuthorizeAsync(actor, caseId, CaseUpdateKind.DemandRunHold, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var c = await db.CollectionCases.SingleAsync(x => x.Id == caseId, ct);
        if (c.DemandRunHold == hold)
            throw new DomainException("case.hold_unchanged", hold ? "この事案は既に一斉催告停止中です。" : "この事案は一斉催告停止中ではありません。");
        c.DemandRunHold = hold;
        c.DemandRunHoldReason = reason.Trim();
        Touch(c, actor);
        await RecordChangeAsync(grant, $"一斉催告停止 {(hold ? "設定" : "解除")}: {reason.Trim()}", ct);
        await tx.CommitAsync(ct);
        db.Entry(c).State = EntityState.Detached;
        return await LoadAsync(caseId, ct);
    }

    /// <summary>The case of a taxpayer, or null. Reading only: the caller audits the view (see <see cref="ShowAsync"/>).</summary>
    public async Task<long?> FindIdAsync(string taxpayerNo, CancellationToken ct = default) =>
        await (from c in db.CollectionCases
               join t in db.Taxpayers on c.TaxpayerId equals t.Id
               where t.TaxpayerNo == taxpayerNo.Trim()
               select (long?)c.Id).SingleOrDefaultAsync(ct);

    /// <summary>Shows a taxpayer's case to a person with <see cref="Permission.ViewTaxpayer"/>; audited as a view (2001).</summary>
    public async Task<CaseView> ShowAsync(Actor actor, long caseId, CancellationToken ct = default)
    {
        var taxpayerId = await db.CollectionCases.AsNoTracking().Where(c => c.Id == caseId).Select(c => (long?)c.TaxpayerId).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("case.not_found", $"滞納整理事案 {caseId} は登録されていません。");
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, taxpayerId, "滞納整理事案の参照", ct);
        // As the personal-data gate does: the read and its record in one transaction, the record last.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var view = await LoadAsync(caseId, ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: view.TaxpayerId, Detail: $"滞納整理事案 {view.Id}"), clock, ct);
        await tx.CommitAsync(ct);
        return view;
    }

    private async Task<CaseView> LoadAsync(long caseId, CancellationToken ct) =>
        await (from c in db.CollectionCases.AsNoTracking()
               join t in db.Taxpayers on c.TaxpayerId equals t.Id
               join a in db.StaffAccounts on c.OfficerAccountId equals a.Id into officers
               from o in officers.DefaultIfEmpty()
               where c.Id == caseId
               select new CaseView(c.Id, c.TaxpayerId, t.TaxpayerNo, c.OfficerAccountId, o == null ? null : o.StaffNo, o == null ? null : o.FullName,
                   c.DemandRunHold, c.DemandRunHoldReason, c.OpenedOn, c.ClosedOn, c.UpdatedAtUtc, c.UpdatedBy))
            .SingleOrDefaultAsync(ct)
        ?? throw new DomainException("case.not_found", $"滞納整理事案 {caseId} は登録されていません。");

    private void Touch(CollectionCase c, Actor actor)
    {
        c.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        c.UpdatedBy = actor.Name;
    }

    private static string RefusalMessage(CaseUpdateRefusal refusal, CaseUpdateKind kind) => refusal switch
    {
        CaseUpdateRefusal.SystemActor => $"{CaseUpdatePolicy.Japanese(kind)}は担当職員本人の利用者IDでのみ更新できます（--operator で職員番号を指定してください）。",
        CaseUpdateRefusal.UnassignedNeedsApprover => $"この事案には担当者がいません。担当者の設定と{CaseUpdatePolicy.Japanese(kind)}の更新は承認者のみが行えます。",
        CaseUpdateRefusal.NotOfficerInCharge => $"{CaseUpdatePolicy.Japanese(kind)}を更新できるのは、この事案の担当者または承認者のみです。",
        CaseUpdateRefusal.OfficerWithoutActiveRole => "担当者の滞納整理担当の権限は有効期間が終了しています（異動・退職または権限の取消）。",
        _ => "この操作を行う権限がありません。",
    };
}
