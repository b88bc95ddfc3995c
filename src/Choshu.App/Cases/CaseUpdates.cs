using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Cases;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>
/// Delinquency cases (滞納整理事案) and the officer-only rule (seed III-3 リスク1): opening a case, assigning its
/// officer, the 一斉催告停止 flag, closing and reopening. Each change is a method of the aggregate
/// (<see cref="CollectionCase"/>) run through <see cref="CaseCommand"/>: authorization by <see cref="CaseUpdatePolicy"/>
/// on the roles active today (every refusal audited 5000, or 5001 when the person's right has lapsed, before it is
/// thrown), then the change, its case event and its audit record (3010–3018) in one transaction.
/// </summary>
public sealed class CaseUpdates(ChoshuDbContext db, TimeProvider clock)
{
    private readonly CaseCommand command = new(db, clock);

    /// <summary>Opens a case for a taxpayer (no officer yet). Needs <see cref="Permission.UpdateCases"/>; audited 3016.</summary>
    public async Task<CaseView> OpenAsync(Actor actor, string taxpayerNo, CancellationToken ct = default)
    {
        var taxpayer = await db.Taxpayers.AsNoTracking().Where(t => t.TaxpayerNo == taxpayerNo.Trim())
            .Select(t => new { t.Id, t.TaxpayerNo }).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("taxpayer.not_found", $"宛名番号 {taxpayerNo} の納税義務者は登録されていません。");
        var c = await command.OpenAsync(actor, taxpayer.Id, taxpayer.TaxpayerNo, ct);
        return await LoadAsync(c.Id, ct);
    }

    /// <summary>
    /// Refuses (audited, <see cref="AccessDeniedException"/>) unless the actor may make this kind of change to
    /// the case today: the officer in charge with an active 滞納整理担当, or an active 承認者. A feature that changes a
    /// case runs its change through <see cref="CaseCommand.RunAsync(Actor, long, CaseUpdateKind, Func{CaseChange, Task{string}}, CancellationToken)"/>,
    /// which calls this; one that keeps its own transaction records the change with <see cref="RecordChangeAsync"/>.
    /// </summary>
    public Task<CaseUpdateGrant> AuthorizeAsync(Actor actor, long caseId, CaseUpdateKind kind, CancellationToken ct = default) =>
        command.AuthorizeAsync(actor, caseId, kind, ct);

    /// <summary>
    /// Records an authorised change in the caller's open transaction (the audit record of the grant's kind), after
    /// checking that the officer in charge is still the one the grant was given under. Call it as the last
    /// statement before the commit. (<see cref="CaseCommand"/> does all of this itself.)
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
    public async Task<CaseView> AssignAsync(Actor actor, long caseId, string officerStaffNo, CancellationToken ct = default, string? note = null)
    {
        var grant = await AuthorizeAsync(actor, caseId, CaseUpdateKind.OfficerAssignment, ct);
        var officer = await db.StaffAccounts.AsNoTracking().Where(a => a.StaffNo == officerStaffNo.Trim())
            .Select(a => new { a.Id, a.StaffNo }).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("staff.not_found", $"職員番号 {officerStaffNo} の利用者IDは登録されていません。");
        var roles = await AccessControl.ActiveRolesAsync(db, officer.Id, JapanTime.Today(clock), ct);
        var previous = grant.OfficerAccountId is { } p
            ? await db.StaffAccounts.AsNoTracking().Where(a => a.Id == p).Select(a => a.StaffNo).SingleAsync(ct)
            : "なし";
        await command.RunAsync(grant, change =>
        {
            change.Case.AssignOfficer(new CaseOfficer(officer.Id, officer.StaffNo), roles, change.Stamp, note);
            return Task.FromResult($"担当者 {previous} → {officer.StaffNo}" + (note is null ? "" : $"（{note}）"));
        }, ct);
        return await LoadAsync(caseId, ct);
    }

    /// <summary>Sets or clears 一斉催告停止 (exclude the taxpayer from mass demand-letter runs); a reason is required either way. Audited 3011.</summary>
    public async Task<CaseView> SetDemandRunHoldAsync(Actor actor, long caseId, bool hold, string reason, CancellationToken ct = default)
    {
        await command.RunAsync(actor, caseId, CaseUpdateKind.DemandRunHold, change =>
        {
            if (hold) change.Case.HoldDemandRuns(reason, change.Stamp);
            else change.Case.ReleaseDemandRuns(reason, change.Stamp);
            return Task.FromResult($"一斉催告停止 {(hold ? "設定" : "解除")}: {reason.Trim()}");
        }, ct);
        return await LoadAsync(caseId, ct);
    }

    /// <summary>貼付: a coloured flag with a text and an optional last day. Officer in charge or approver; audited 3221.</summary>
    public async Task<CaseView> AddFlagAsync(Actor actor, long caseId, FlagColour colour, string text, DateOnly? endsOn, CancellationToken ct = default)
    {
        await command.RunAsync(actor, caseId, CaseUpdateKind.Flag, change =>
        {
            change.Case.AddFlag(colour, text, endsOn, change.Stamp);
            return Task.FromResult($"付箋 {Domain.Labels.JapaneseLabels.Of(colour)}「{text.Trim()}」" + (endsOn is { } d ? $" 期限 {d:yyyy-MM-dd}" : ""));
        }, ct);
        return await LoadAsync(caseId, ct);
    }

    /// <summary>取り外し: removes a flag (its event id) with a reason. Audited 3221.</summary>
    public async Task<CaseView> RemoveFlagAsync(Actor actor, long caseId, long flagEventId, string reason, CancellationToken ct = default)
    {
        await command.RunAsync(actor, caseId, CaseUpdateKind.Flag, change =>
        {
            change.Case.RemoveFlag(flagEventId, reason, change.Stamp);
            return Task.FromResult($"付箋 {flagEventId} 取り外し: {reason.Trim()}");
        }, ct);
        return await LoadAsync(caseId, ct);
    }

    /// <summary>注意対象者の設定・解除 with a reason (seen only by the officer in charge and approvers). Audited 3222.</summary>
    public async Task<CaseView> SetCautionAsync(Actor actor, long caseId, bool caution, string reason, CancellationToken ct = default)
    {
        await command.RunAsync(actor, caseId, CaseUpdateKind.Caution, change =>
        {
            change.Case.SetCaution(caution, reason, change.Stamp);
            // The reason is kept in the case event, not in the audit line (the audit review is read by others).
            return Task.FromResult(caution ? "注意対象者 設定" : "注意対象者 解除");
        }, ct);
        return await LoadAsync(caseId, ct);
    }

    /// <summary>Closes the case (a reason is required); nothing on it changes until it is reopened. Audited 3017.</summary>
    public async Task<CaseView> CloseAsync(Actor actor, long caseId, string reason, CancellationToken ct = default)
    {
        await command.RunAsync(actor, caseId, CaseUpdateKind.Closing, change =>
        {
            change.Case.Close(reason, change.Stamp);
            return Task.FromResult($"終了: {reason.Trim()}");
        }, ct);
        return await LoadAsync(caseId, ct);
    }

    /// <summary>Reopens a closed case (a reason is required). Audited 3018.</summary>
    public async Task<CaseView> ReopenAsync(Actor actor, long caseId, string reason, CancellationToken ct = default)
    {
        await command.RunAsync(actor, caseId, CaseUpdateKind.Closing, change =>
        {
            change.Case.Reopen(reason, change.Stamp);
            return Task.FromResult($"再開: {reason.Trim()}");
        }, ct);
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
            ?? throw CaseCommand.NotFound(caseId);
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, taxpayerId, "滞納整理事案の参照", ct);
        // As the personal-data gate does: the read and its record in one transaction, the record last.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var view = await LoadAsync(caseId, ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: view.TaxpayerId, Detail: $"滞納整理事案 {view.Id}"), clock, ct);
        await tx.CommitAsync(ct);
        return view;
    }

    /// <summary>The case as staff see it, unaudited (the caller audits the read, as <see cref="ShowAsync"/> and the case file do).</summary>
    internal Task<CaseView> ViewAsync(long caseId, CancellationToken ct) => LoadAsync(caseId, ct);

    private async Task<CaseView> LoadAsync(long caseId, CancellationToken ct) =>
        await (from c in db.CollectionCases.AsNoTracking()
               join t in db.Taxpayers on c.TaxpayerId equals t.Id
               join a in db.StaffAccounts on c.OfficerAccountId equals a.Id into officers
               from o in officers.DefaultIfEmpty()
               where c.Id == caseId
               select new CaseView(c.Id, c.TaxpayerId, t.TaxpayerNo, c.OfficerAccountId, o == null ? null : o.StaffNo, o == null ? null : o.FullName,
                   c.DemandRunHold, c.DemandRunHoldReason, c.OpenedOn, c.ClosedOn, c.UpdatedAtUtc, c.UpdatedBy))
            .SingleOrDefaultAsync(ct)
        ?? throw CaseCommand.NotFound(caseId);
}
