using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Cases;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>What a change to a case works with inside <see cref="CaseCommand"/>'s transaction.</summary>
/// <param name="Db">The context, in the change's transaction (a feature writes its own rows with it).</param>
/// <param name="Case">The aggregate, loaded with its events and locked for the transaction.</param>
/// <param name="Stamp">Who acts and when (today's Japan business day, now in UTC): pass it to the aggregate's methods.</param>
/// <param name="Grant">The right the change was authorised under.</param>
public sealed record CaseChange(ChoshuDbContext Db, CollectionCase Case, CaseStamp Stamp, CaseUpdateGrant Grant);

/// <summary>
/// The one path of a change to a delinquency case, as <c>BookingTransaction</c> is for money: authorization under
/// the officer-only rule (<see cref="CaseUpdatePolicy"/>; a refusal is audited 5000/5001 and thrown before anything
/// opens), then one transaction that locks and loads the aggregate with its events, checks the officer in charge is
/// still the one the right was given under, runs the change (an aggregate method; a feature may write its own rows
/// too), saves, and appends the audit record last (the kind of the case event appended, or for a change that appends
/// none the kind of its <see cref="CaseUpdateKind"/>), then commits. Opening a case takes the same path without a case
/// to authorise against (<see cref="Permission.UpdateCases"/> only).
/// </summary>
public sealed class CaseCommand(ChoshuDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Refuses (audited, <see cref="AccessDeniedException"/>) unless the actor may make this kind of change to the
    /// case today: the officer in charge with an active 滞納整理担当, or an active 承認者. Runs outside any transaction.
    /// </summary>
    public async Task<CaseUpdateGrant> AuthorizeAsync(Actor actor, long caseId, CaseUpdateKind kind, CancellationToken ct = default)
    {
        var c = await db.CollectionCases.AsNoTracking().Where(x => x.Id == caseId)
            .Select(x => new { x.Id, x.TaxpayerId, x.OfficerAccountId }).SingleOrDefaultAsync(ct)
            ?? throw NotFound(caseId);
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

    /// <summary>Authorises <paramref name="kind"/> for the actor, then runs <paramref name="change"/> on the path described above.</summary>
    /// <param name="change">Changes the case (and whatever else the feature writes) and returns the audit record's detail.</param>
    /// <returns>The case after the change (not tracked).</returns>
    public async Task<CollectionCase> RunAsync(Actor actor, long caseId, CaseUpdateKind kind, Func<CaseChange, Task<string>> change, CancellationToken ct = default) =>
        await RunAsync(await AuthorizeAsync(actor, caseId, kind, ct), change, ct);

    /// <summary>Runs <paramref name="change"/> under a grant given by <see cref="AuthorizeAsync"/> (for a caller that reads more between the two).</summary>
    public Task<CollectionCase> RunAsync(CaseUpdateGrant grant, Func<CaseChange, Task<string>> change, CancellationToken ct = default) =>
        CommitAsync(grant.Actor, grant.EventKind, async stamp =>
        {
            var c = await LoadForUpdateAsync(grant.CaseId, ct);
            if (c.State.OfficerAccountId != grant.OfficerAccountId)
                throw new DomainException("case.officer_changed", $"滞納整理事案 {grant.CaseId} の担当者が変わりました。もう一度操作してください。");
            return c;
        }, (c, stamp) => change(new CaseChange(db, c, stamp, grant)), ct);

    /// <summary>
    /// Opens the case of a taxpayer (no officer yet). Needs <see cref="Permission.UpdateCases"/>; one case per taxpayer. Audited 3016.
    /// A case is opened by a named person or by the documented trigger run (<see cref="SystemActor.CaseTrigger"/>); any other
    /// system actor is refused (5000).
    /// </summary>
    public async Task<CollectionCase> OpenAsync(Actor actor, long taxpayerId, string taxpayerNo, CancellationToken ct = default)
    {
        if (actor.IsSystem && actor.Name != SystemActor.CaseTrigger.Name)
        {
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.AccessDenied, AuditOutcome.Denied, taxpayerId, null,
                $"{Permission.UpdateCases}: 滞納整理事案の開始（システム利用者は事案開始の自動実行 {SystemActor.CaseTrigger.Name} のみ）"), clock, ct);
            throw new AccessDeniedException("滞納整理事案は職員本人の利用者ID（--operator）または事案開始の自動実行でのみ開始できます。", false);
        }
        await AccessControl.DemandAsync(db, actor, Permission.UpdateCases, clock, taxpayerId, "滞納整理事案の開始", ct);
        return await CommitAsync(actor, AuditEventKind.CaseOpened, async stamp =>
        {
            if (await db.CollectionCases.AnyAsync(c => c.TaxpayerId == taxpayerId, ct))
                throw new DomainException("case.exists", $"宛名番号 {taxpayerNo} の滞納整理事案は既にあります。");
            var c = CollectionCase.Open(taxpayerId, stamp);
            db.CollectionCases.Add(c);
            return c;
        }, (_, _) => Task.FromResult(""), ct);
    }

    private async Task<CollectionCase> CommitAsync(Actor actor, AuditEventKind kindWithoutEvent, Func<CaseStamp, Task<CollectionCase>> load,
        Func<CollectionCase, CaseStamp, Task<string>> change, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("CaseCommand opens the change's transaction itself.");
        var stamp = new CaseStamp(actor.Name, actor.AccountId, JapanTime.Today(clock), clock.GetUtcNow().UtcDateTime);
        CollectionCase? c = null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            c = await load(stamp);
            var loaded = c.Events.ToHashSet();
            var detail = await change(c, stamp);
            // The events the change appended (a change may save them itself, e.g. to point its own rows at one).
            var appended = c.History.Where(e => !loaded.Contains(e)).ToList();
            await db.SaveChangesAsync(ct);
            var kind = appended.Count > 0 ? CaseEventNames.AuditKind(appended[^1].Kind) : kindWithoutEvent;
            await AuditLog.AppendAsync(db, actor,
                new AuditRecord(kind, TaxpayerId: c.TaxpayerId, Detail: detail.Length == 0 ? $"事案 {c.Id}" : $"事案 {c.Id}: {detail}"), clock, ct);
            await tx.CommitAsync(ct);
            return c;
        }
        finally
        {
            // Whether committed or rolled back, the context forgets the aggregate: a refused change leaves nothing to save later.
            if (c is not null)
            {
                foreach (var e in c.Events.ToList()) db.Entry(e).State = EntityState.Detached;
                db.Entry(c).State = EntityState.Detached;
            }
        }
    }

    /// <summary>Loads the case with its events, after locking its row until the commit (PostgreSQL; SQLite has one writer).</summary>
    private async Task<CollectionCase> LoadForUpdateAsync(long caseId, CancellationToken ct)
    {
        if (db.Provider == StoreProvider.Postgres)
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM collection_cases WHERE id = {caseId} FOR UPDATE", ct);
        return await db.CollectionCases.Include(c => c.Events).SingleOrDefaultAsync(c => c.Id == caseId, ct) ?? throw NotFound(caseId);
    }

    internal static DomainException NotFound(long caseId) => new("case.not_found", $"滞納整理事案 {caseId} は登録されていません。");

    private static string RefusalMessage(CaseUpdateRefusal refusal, CaseUpdateKind kind) => refusal switch
    {
        CaseUpdateRefusal.SystemActor => $"{CaseUpdatePolicy.Japanese(kind)}は担当職員本人の利用者IDでのみ更新できます（--operator で職員番号を指定してください）。",
        CaseUpdateRefusal.UnassignedNeedsApprover => $"この事案には担当者がいません。担当者の設定と{CaseUpdatePolicy.Japanese(kind)}の更新は承認者のみが行えます。",
        CaseUpdateRefusal.NotOfficerInCharge => $"{CaseUpdatePolicy.Japanese(kind)}を更新できるのは、この事案の担当者または承認者のみです。",
        CaseUpdateRefusal.OfficerWithoutActiveRole => "担当者の滞納整理担当の権限は有効期間が終了しています（異動・退職または権限の取消）。",
        _ => "この操作を行う権限がありません。",
    };
}
