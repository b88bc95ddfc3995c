using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Privacy;
using Choshu.Domain;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Deletion;

/// <summary>One request as staff read it: who asked, who decided, who executed, and every target.</summary>
public sealed record DeletionView(
    long Id, string Scope, DateOnly Cutoff, string Reason, DeletionStatus Status, int TargetCount,
    string RequestedBy, DateTime RequestedAtUtc, string? DecidedBy, DateTime? DecidedAtUtc, string? DecisionComment,
    string? ExecutedBy, DateTime? ExecutedAtUtc, int DeletedCount, IReadOnlyList<DeletionTargetView> Targets);

public sealed record DeletionTargetView(string TaxpayerNo, DateTime? DeletedAtUtc);

/// <summary>What an execution did: the My Numbers deleted, and the targets skipped because they were no longer eligible, with why.</summary>
public sealed record DeletionOutcome(long RequestId, IReadOnlyList<string> Deleted, IReadOnlyList<(string TaxpayerNo, string Why)> Skipped, PersonalDataErasure Erased);

/// <summary>
/// Deletion of personal data after its retention period, with two signatures (maker-checker; seed III-7,
/// 消去方法: 事前に管理者の承認を得たうえで … 日時、担当者、処理内容を記録する):
/// <list type="number">
/// <item><see cref="RequestAsync"/> (<see cref="Permission.RequestDeletion"/>) fixes the list of targets eligible on the
/// cutoff (<see cref="MyNumberRetention"/>), so the approver signs a known list. Audited 8000.</item>
/// <item><see cref="ApproveAsync"/> / <see cref="RejectAsync"/> (<see cref="Permission.ApproveDeletion"/>) by someone other than
/// the requester; the requester's own attempt is refused and audited (5000). Audited 8001 / 8002.</item>
/// <item><see cref="ExecuteAsync"/> (<see cref="Permission.RequestDeletion"/>), only once approved: deletes the My Numbers of
/// the targets still eligible, in one transaction, and records each deletion's time; targets that became active
/// again are skipped and reported. Audited 8003 with the counts.</item>
/// </list>
/// </summary>
public sealed class DeletionRequests(ChoshuDbContext db, TimeProvider clock)
{
    public async Task<DeletionView> RequestAsync(Actor actor, string scope, DateOnly cutoff, string reason, CancellationToken ct = default)
    {
        if (scope.Trim() is not ("my-numbers" or MyNumberRetention.Scope))
            throw new DomainException("deletion.scope_unknown", $"削除の範囲「{scope}」はありません（my-numbers: 完納し保存期間を過ぎた納税義務者の個人番号）。");
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("deletion.reason_required", "削除の理由を入力してください。");
        await AccessControl.DemandAsync(db, actor, Permission.RequestDeletion, clock, null, $"削除申請 {MyNumberRetention.Scope} 基準日 {cutoff:yyyy-MM-dd}", ct);
        await MyNumberRetention.CheckCutoffAsync(db, cutoff, clock, ct);
        var targets = await MyNumberRetention.EligibleAsync(db, cutoff, null, ct);
        if (targets.Count == 0)
            throw new DomainException("deletion.nothing", $"基準日 {cutoff:yyyy-MM-dd} で削除の対象になる個人番号はありません。申請は作成していません。");

        var request = new DeletionRequest
        {
            Scope = MyNumberRetention.Scope, Cutoff = cutoff, Reason = reason.Trim(), Status = DeletionStatus.Requested,
            TargetCount = targets.Count, RequestedByAccountId = actor.AccountId!.Value, RequestedAtUtc = Now(),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.DeletionRequests.Add(request);
        await db.SaveChangesAsync(ct);
        db.DeletionTargets.AddRange(targets.Select(t => new DeletionTarget { DeletionRequestId = request.Id, TaxpayerId = t.TaxpayerId, TaxpayerNo = t.TaxpayerNo }));
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.DeletionRequested, Purpose: request.Reason,
            Detail: $"削除申請 {request.Id}: {request.Scope} 基準日 {cutoff:yyyy-MM-dd} 対象 {targets.Count} 件"), clock, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return await ShowAsync(request.Id, ct);
    }

    public Task<DeletionView> ApproveAsync(Actor actor, long id, string? comment, CancellationToken ct = default) =>
        DecideAsync(actor, id, approve: true, comment, ct);

    public Task<DeletionView> RejectAsync(Actor actor, long id, string comment, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(comment))
            throw new DomainException("deletion.comment_required", "却下の理由（--comment）を入力してください。");
        return DecideAsync(actor, id, approve: false, comment, ct);
    }

    private async Task<DeletionView> DecideAsync(Actor actor, long id, bool approve, string? comment, CancellationToken ct)
    {
        var what = $"削除申請 {id} の{(approve ? "承認" : "却下")}";
        var found = await db.DeletionRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw NotFound(id);
        await AccessControl.DemandAsync(db, actor, Permission.ApproveDeletion, clock, null, what, ct);
        if (actor.AccountId == found.RequestedByAccountId)
        {
            await AuditLog.AppendAsync(db, actor,
                new AuditRecord(AuditEventKind.AccessDenied, AuditOutcome.Denied, Detail: $"{Permission.ApproveDeletion}: {what}: 申請者本人"), clock, ct);
            throw new AccessDeniedException("自分が申請した削除は承認・却下できません。申請者以外の承認者が判断してください。", false);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var r = await db.DeletionRequests.SingleAsync(x => x.Id == id, ct);
        if (r.Status != DeletionStatus.Requested)
            throw new DomainException("deletion.not_pending", $"削除申請 {id} は{StatusName(r.Status)}のため、承認・却下できません。");
        r.Status = approve ? DeletionStatus.Approved : DeletionStatus.Rejected;
        r.DecidedByAccountId = actor.AccountId;
        r.DecidedAtUtc = Now();
        r.DecisionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        await AuditLog.AppendAsync(db, actor, new AuditRecord(approve ? AuditEventKind.DeletionApproved : AuditEventKind.DeletionRejected,
            Detail: $"削除申請 {id}: 対象 {r.TargetCount} 件{(r.DecisionComment is null ? "" : " " + r.DecisionComment)}"), clock, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return await ShowAsync(id, ct);
    }

    public async Task<DeletionOutcome> ExecuteAsync(Actor actor, long id, CancellationToken ct = default)
    {
        var found = await db.DeletionRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw NotFound(id);
        await AccessControl.DemandAsync(db, actor, Permission.RequestDeletion, clock, null, $"削除申請 {id} の実行", ct);
        if (found.Status != DeletionStatus.Approved)
        {
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.DeletionExecuted, AuditOutcome.Failed,
                Detail: $"削除申請 {id}: {StatusName(found.Status)}のため実行しません"), clock, ct);
            throw new DomainException("deletion.not_approved", found.Status == DeletionStatus.Requested
                ? $"削除申請 {id} はまだ承認されていません。承認者の承認の後に実行してください。"
                : $"削除申請 {id} は{StatusName(found.Status)}のため実行できません。");
        }
        await MyNumberRetention.CheckCutoffAsync(db, found.Cutoff, clock, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var r = await db.DeletionRequests.SingleAsync(x => x.Id == id, ct);
        if (r.Status != DeletionStatus.Approved) throw new DomainException("deletion.not_approved", $"削除申請 {id} は既に{StatusName(r.Status)}です。");
        var targets = await db.DeletionTargets.Where(t => t.DeletionRequestId == id).ToListAsync(ct);
        var targetIds = targets.Select(t => t.TaxpayerId).ToList();
        var stillEligible = (await MyNumberRetention.EligibleAsync(db, r.Cutoff, targetIds, ct)).Select(e => e.TaxpayerId).ToHashSet();
        var holding = (await db.TaxpayerMyNumbers.Where(m => targetIds.Contains(m.TaxpayerId)).Select(m => m.TaxpayerId).ToListAsync(ct)).ToHashSet();
        var eligibleIds = stillEligible.ToList();
        var deletedRows = await db.TaxpayerMyNumbers.Where(m => eligibleIds.Contains(m.TaxpayerId)).ExecuteDeleteAsync(ct);
        if (deletedRows != eligibleIds.Count)
            throw new InvalidOperationException($"Deleted {deletedRows} rows for {eligibleIds.Count} eligible targets.");
        var erased = await PersonalDataRetention.EraseAsync(db, eligibleIds, r.Cutoff, ct);
        var now = Now();
        foreach (var t in targets.Where(t => stillEligible.Contains(t.TaxpayerId))) t.DeletedAtUtc = now;
        r.Status = DeletionStatus.Executed;
        r.ExecutedByAccountId = actor.AccountId;
        r.ExecutedAtUtc = now;

        var deleted = targets.Where(t => stillEligible.Contains(t.TaxpayerId)).Select(t => t.TaxpayerNo).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var skipped = targets.Where(t => !stillEligible.Contains(t.TaxpayerId)).OrderBy(t => t.TaxpayerNo, StringComparer.Ordinal)
            .Select(t => (t.TaxpayerNo, holding.Contains(t.TaxpayerId) ? "申請後に収納・調定などの動きがあった、または未納があるため対象外" : "個人番号が既にないため対象外"))
            .ToList();
        var detail = $"削除申請 {id}: 個人番号を削除 {deleted.Count} 件、対象外 {skipped.Count} 件";
        if (skipped.Count > 0)
            detail += "（" + string.Join("、", skipped.Take(100).Select(s => s.TaxpayerNo)) + (skipped.Count > 100 ? $" ほか {skipped.Count - 100} 件" : "") + "）";
        detail += "。" + erased.Describe();
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.DeletionExecuted, Detail: detail), clock, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new DeletionOutcome(id, deleted, skipped, erased);
    }

    public async Task<IReadOnlyList<DeletionView>> ListAsync(CancellationToken ct = default)
    {
        var ids = await db.DeletionRequests.AsNoTracking().OrderByDescending(r => r.Id).Select(r => r.Id).ToListAsync(ct);
        var list = new List<DeletionView>();
        foreach (var id in ids) list.Add(await ShowAsync(id, ct, withTargets: false));
        return list;
    }

    public async Task<DeletionView> ShowAsync(long id, CancellationToken ct = default) => await ShowAsync(id, ct, withTargets: true);

    private async Task<DeletionView> ShowAsync(long id, CancellationToken ct, bool withTargets)
    {
        var r = await db.DeletionRequests.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound(id);
        var people = new[] { r.RequestedByAccountId, r.DecidedByAccountId, r.ExecutedByAccountId }.OfType<long>().Distinct().ToList();
        var staff = await db.StaffAccounts.AsNoTracking().Where(a => people.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => $"{a.StaffNo} {a.FullName}", ct);
        string? Name(long? accountId) => accountId is { } a ? staff.GetValueOrDefault(a, a.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
        var targets = await db.DeletionTargets.AsNoTracking().Where(t => t.DeletionRequestId == id)
            .Select(t => new { t.TaxpayerNo, t.DeletedAtUtc }).ToListAsync(ct);
        return new DeletionView(r.Id, r.Scope, r.Cutoff, r.Reason, r.Status, r.TargetCount,
            Name(r.RequestedByAccountId)!, r.RequestedAtUtc, Name(r.DecidedByAccountId), r.DecidedAtUtc, r.DecisionComment,
            Name(r.ExecutedByAccountId), r.ExecutedAtUtc, targets.Count(t => t.DeletedAtUtc != null),
            withTargets ? targets.OrderBy(t => t.TaxpayerNo, StringComparer.Ordinal).Select(t => new DeletionTargetView(t.TaxpayerNo, t.DeletedAtUtc)).ToList() : []);
    }

    public static string StatusName(DeletionStatus s) => s switch
    {
        DeletionStatus.Requested => "承認待ち",
        DeletionStatus.Approved => "承認済み",
        DeletionStatus.Rejected => "却下",
        DeletionStatus.Executed => "実行済み",
        _ => s.ToString(),
    };

    private DateTime Now() => AuditChain.Normalize(clock.GetUtcNow().UtcDateTime);

    private static DomainException NotFound(long id) => new("deletion.not_found", $"削除申請 {id} はありません。");
}
