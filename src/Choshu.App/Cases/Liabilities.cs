using System.Globalization;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Cases;
using Choshu.Data.Taxpayers;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Cases;
using Choshu.Domain.Labels;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>An heir as entered: the heir's 宛名番号 and 相続分 (0 for an heir who renounced).</summary>
public sealed record HeirEntry(string TaxpayerNo, Share Share);

/// <summary>承継の記録: the deceased, the day of death, the heirs in order with their shares, the 相続人代表者 (one of the heirs).</summary>
public sealed record SuccessionRequest(string DeceasedNo, DateOnly DiedOn, IReadOnlyList<HeirEntry> Heirs, string RepresentativeNo, string? Reference = null);

/// <summary>One liability in force, as staff read it.</summary>
public sealed record LiabilityLine(
    long Id, LiabilityKind Kind, long PrimaryTaxpayerId, string PrimaryTaxpayerNo, string PrimaryName, long PersonTaxpayerId, string PersonTaxpayerNo,
    string PersonName, Share Share, int Position, bool Renounced, bool LimitedAcceptance, long? LimitAmount, DateOnly FromDate, string? Reference,
    long? DocumentId, long? AssessmentId, string? TaxKindCode, string? TaxKindName, int? FiscalYear, string? NoticeNo, bool Representative, string RecordedBy)
{
    public string KindName => JapaneseLabels.Of(Kind);

    /// <summary>What the person answers for, in words: 相続分 1/2, 全額, 限度額 300,000円.</summary>
    public string Extent => Kind switch
    {
        LiabilityKind.Succession => Renounced ? "相続放棄" : $"相続分 {Share}",
        LiabilityKind.Joint => "全額（連帯）",
        _ => $"限度額 {LimitAmount.GetValueOrDefault():#,0}円",
    };

    /// <summary>The claims it covers, in words: every claim of the deceased, or the one notice.</summary>
    public string Covers => NoticeNo is null ? "被相続人の全期別" : $"{TaxKindName} {FiscalYear}年度 通知書番号 {NoticeNo}";
}

/// <summary>
/// 承継・連帯納税義務・第二次納税義務 (issue 13 item 11): other persons liable for a taxpayer's claims, one table
/// (<see cref="Liability"/>, append-only; a change is a new row superseding the one before). Every change is a change to the
/// case of the taxpayer whose claims they are (the deceased, the co-owner on the notice, the primary delinquent): it passes the
/// officer-only policy (<see cref="CaseUpdatePolicy"/>, kind <see cref="CaseUpdateKind.Liability"/>) through <see cref="CaseCommand"/>,
/// appends a case event 60–66 and is audited 3280–3285 in the same transaction. Each person made liable gets a case of their
/// own (opened here when missing, audited 3016), whose case file lists the claims they answer for (<see cref="CaseFiles"/>).
/// The 相続人代表者 is a <see cref="TaxAgent"/> of kind 3: the reminder and demand runs address the deceased's letters to it.
/// </summary>
public sealed class Liabilities(ChoshuDbContext db, TimeProvider clock)
{
    /// <summary>The <see cref="TaxAgent.AgentKind"/> of a 相続人代表者.</summary>
    public const short RepresentativeAgentKind = 3;

    /// <summary>Records a death, the heirs with their shares and the representative. Refused when a succession is already recorded.</summary>
    public async Task<IReadOnlyList<LiabilityLine>> RecordSuccessionAsync(Actor actor, SuccessionRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var deceased = await TaxpayerAsync(request.DeceasedNo, ct);
        var today = JapanTime.Today(clock);
        if (request.DiedOn > today) throw new DomainException("liability.died_in_future", $"死亡日 {D(request.DiedOn)} は本日 {D(today)} より後です。");
        SuccessionShares.Validate(request.Heirs.Select(h => h.Share).ToList());
        var heirs = await PersonsAsync(deceased, request.Heirs.Select(h => h.TaxpayerNo).ToList(), ct);
        var representative = RepresentativeAmong(heirs, request.Heirs.Select(h => h.Share).ToList(), request.RepresentativeNo);
        var reference = Reference(request.Reference);
        var grant = await AuthorizeAsync(actor, deceased, ct);
        await OpenCasesAsync(actor, heirs, ct);
        await RunAsync(grant, async change =>
        {
            if (await CurrentAsync(deceased.Id, LiabilityKind.Succession, ct) is { Count: > 0 })
                throw new DomainException("liability.succession_exists",
                    $"宛名番号 {deceased.No} の承継は既に記録されています。相続放棄・限定承認・代表者の変更は choshu succession renounce / limited / representative で記録します。");
            var detail = $"死亡日 {D(request.DiedOn)}、相続人 {string.Join("・", heirs.Select((h, i) => $"{h.No}（{request.Heirs[i].Share}）"))}、相続人代表者 {representative.No}"
                + (reference is null ? "" : $"、{reference}");
            change.Case.RecordLiability(CaseEventKind.SuccessionRecorded, detail, change.Stamp);
            await db.SaveChangesAsync(ct);
            var eventId = change.Case.History[^1].Id;
            for (var i = 0; i < heirs.Count; i++)
                db.Liabilities.Add(Row(LiabilityKind.Succession, deceased.Id, null, heirs[i].Id, request.DiedOn, reference, eventId, change.Stamp,
                    share: request.Heirs[i].Share, position: i + 1, renounced: request.Heirs[i].Share.IsZero));
            await DesignateAsync(deceased.Id, representative.Id, change.Stamp, $"相続人代表者（承継 事案 {change.Case.Id}）", ct);
            await SaveAndForgetAsync(ct);
            return $"承継の記録 宛名番号 {deceased.No}: {detail}";
        }, ct);
        return await ForPrimaryAsync(deceased.Id, ct);
    }

    /// <summary>
    /// 相続放棄: the heir's share becomes 0 and the shares of the heirs who remain are as entered in <paramref name="shares"/>
    /// (every heir with a share, new ones — the next in rank — included; they must add up to 1). When the heir was the
    /// representative, <paramref name="representativeNo"/> names the new one (required then).
    /// </summary>
    public async Task<IReadOnlyList<LiabilityLine>> RenounceAsync(Actor actor, string deceasedNo, string heirNo, IReadOnlyList<HeirEntry> shares,
        string? representativeNo, string? reference, CancellationToken ct = default)
    {
        var deceased = await TaxpayerAsync(deceasedNo, ct);
        if (shares.Any(s => s.Share.IsZero))
            throw new DomainException("liability.share_zero", "相続放棄の後の相続分（--share）には、相続分のある相続人だけを入力してください。");
        SuccessionShares.Validate(shares.Select(s => s.Share).ToList());
        var heir = await TaxpayerAsync(heirNo, ct);
        var others = await PersonsAsync(deceased, shares.Select(s => s.TaxpayerNo).ToList(), ct);
        if (others.Any(o => o.Id == heir.Id))
            throw new DomainException("liability.renouncer_has_share", $"相続放棄した宛名番号 {heir.No} に相続分は入力できません。");
        var reason = Reference(reference);
        var grant = await AuthorizeAsync(actor, deceased, ct);
        await OpenCasesAsync(actor, others, ct);
        await RunAsync(grant, async change =>
        {
            var current = await CurrentAsync(deceased.Id, LiabilityKind.Succession, ct);
            if (current.Count == 0) throw NoSuccession(deceased.No);
            var renouncing = current.FirstOrDefault(l => l.PersonTaxpayerId == heir.Id)
                ?? throw new DomainException("liability.not_heir", $"宛名番号 {heir.No} は宛名番号 {deceased.No} の相続人として記録されていません。");
            if (renouncing.Renounced) throw new DomainException("liability.already_renounced", $"宛名番号 {heir.No} の相続放棄は既に記録されています。");
            var stillHeirs = current.Where(l => !l.Renounced && l.PersonTaxpayerId != heir.Id).Select(l => l.PersonTaxpayerId).ToHashSet();
            var missing = stillHeirs.Except(others.Select(o => o.Id)).ToList();
            if (missing.Count > 0)
                throw new DomainException("liability.heir_missing", "相続放棄していない相続人全員の相続分を入力してください（" + string.Join("・", await NosAsync(missing, ct)) + " がありません）。");
            var rep = await RepresentativeIdAsync(deceased.Id, change.Stamp.On, ct);
            var newRep = representativeNo is null ? null : others.FirstOrDefault(o => o.No == representativeNo.Trim())
                ?? throw new DomainException("liability.representative_not_heir", $"相続人代表者 {representativeNo} は相続分のある相続人から指定してください。");
            if (rep == heir.Id && newRep is null)
                throw new DomainException("liability.representative_renounced", $"相続放棄した宛名番号 {heir.No} は相続人代表者です。新しい相続人代表者（--representative）を指定してください。");
            var detail = $"宛名番号 {heir.No} の相続放棄、相続分 {string.Join("・", others.Select((o, i) => $"{o.No}（{shares[i].Share}）"))}"
                + (newRep is null ? "" : $"、相続人代表者 {newRep.No}") + (reason is null ? "" : $"、{reason}");
            change.Case.RecordLiability(CaseEventKind.HeirRenounced, detail, change.Stamp);
            await db.SaveChangesAsync(ct);
            var eventId = change.Case.History[^1].Id;
            var diedOn = current[0].FromDate;
            var limited = current.Any(l => l.LimitedAcceptance);
            db.Liabilities.Add(Row(LiabilityKind.Succession, deceased.Id, null, heir.Id, diedOn, reason ?? renouncing.Reference, eventId, change.Stamp,
                Share.None, renouncing.Position, renounced: true, supersedes: renouncing.Id));
            var next = current.Max(l => l.Position) + 1;
            for (var i = 0; i < others.Count; i++)
            {
                var before = current.FirstOrDefault(l => l.PersonTaxpayerId == others[i].Id);
                if (before is not null && before.Share == shares[i].Share && !before.Renounced) continue; // unchanged
                db.Liabilities.Add(Row(LiabilityKind.Succession, deceased.Id, null, others[i].Id, diedOn, before?.Reference ?? reason, eventId, change.Stamp,
                    shares[i].Share, before?.Position ?? next++, renounced: false, limited: limited, supersedes: before?.Id));
            }
            if (newRep is not null) await DesignateAsync(deceased.Id, newRep.Id, change.Stamp, $"相続人代表者（相続放棄による変更 事案 {change.Case.Id}）", ct);
            await SaveAndForgetAsync(ct);
            return $"相続放棄の記録 宛名番号 {deceased.No}: {detail}";
        }, ct);
        return await ForPrimaryAsync(deceased.Id, ct);
    }

    /// <summary>限定承認 (民法922条): every heir with a share answers only to the extent of the estate; recorded on each.</summary>
    public async Task<IReadOnlyList<LiabilityLine>> RecordLimitedAcceptanceAsync(Actor actor, string deceasedNo, string? reference, CancellationToken ct = default)
    {
        var deceased = await TaxpayerAsync(deceasedNo, ct);
        var reason = Reference(reference);
        if ((await CurrentAsync(deceased.Id, LiabilityKind.Succession, ct)).Count == 0) throw NoSuccession(deceased.No);
        var grant = await AuthorizeAsync(actor, deceased, ct);
        await RunAsync(grant, async change =>
        {
            var current = await CurrentAsync(deceased.Id, LiabilityKind.Succession, ct);
            if (current.Count == 0) throw NoSuccession(deceased.No);
            if (current.Any(l => l.LimitedAcceptance)) throw new DomainException("liability.already_limited", $"宛名番号 {deceased.No} の限定承認は既に記録されています。");
            var detail = "限定承認（相続財産の限度で納付。相続人固有の財産への滞納処分は不可）" + (reason is null ? "" : $"、{reason}");
            change.Case.RecordLiability(CaseEventKind.LimitedAcceptanceRecorded, detail, change.Stamp);
            await db.SaveChangesAsync(ct);
            var eventId = change.Case.History[^1].Id;
            foreach (var l in current.Where(l => !l.Renounced))
                db.Liabilities.Add(Row(LiabilityKind.Succession, deceased.Id, null, l.PersonTaxpayerId, l.FromDate, reason ?? l.Reference, eventId, change.Stamp,
                    l.Share, l.Position, renounced: false, limited: true, supersedes: l.Id));
            await SaveAndForgetAsync(ct);
            return $"限定承認の記録 宛名番号 {deceased.No}: {detail}";
        }, ct);
        return await ForPrimaryAsync(deceased.Id, ct);
    }

    /// <summary>相続人代表者の指定・変更: one of the heirs with a share receives the letters about the deceased's claims from today.</summary>
    public async Task<IReadOnlyList<LiabilityLine>> DesignateRepresentativeAsync(Actor actor, string deceasedNo, string heirNo, CancellationToken ct = default)
    {
        var deceased = await TaxpayerAsync(deceasedNo, ct);
        var heir = await TaxpayerAsync(heirNo, ct);
        var grant = await AuthorizeAsync(actor, deceased, ct);
        await RunAsync(grant, async change =>
        {
            var current = await CurrentAsync(deceased.Id, LiabilityKind.Succession, ct);
            if (current.Count == 0) throw NoSuccession(deceased.No);
            if (!current.Any(l => l.PersonTaxpayerId == heir.Id && !l.Renounced))
                throw new DomainException("liability.representative_not_heir", $"相続人代表者 {heir.No} は相続分のある相続人から指定してください。");
            if (await RepresentativeIdAsync(deceased.Id, change.Stamp.On, ct) == heir.Id)
                throw new DomainException("liability.representative_unchanged", $"宛名番号 {heir.No} は既に相続人代表者です。");
            change.Case.RecordLiability(CaseEventKind.RepresentativeDesignated, $"相続人代表者 {heir.No}", change.Stamp);
            await DesignateAsync(deceased.Id, heir.Id, change.Stamp, $"相続人代表者（事案 {change.Case.Id}）", ct);
            await SaveAndForgetAsync(ct);
            return $"相続人代表者の指定 宛名番号 {deceased.No}: {heir.No}";
        }, ct);
        return await ForPrimaryAsync(deceased.Id, ct);
    }

    /// <summary>
    /// 連帯納税義務 (地方税法10条の2): the co-owner <paramref name="personNo"/> is liable for the whole of the assessment
    /// <paramref name="noticeNo"/> of <paramref name="primaryNo"/>. The claim stays one: a payment by either reduces it for both.
    /// </summary>
    public Task<IReadOnlyList<LiabilityLine>> AddJointAsync(Actor actor, string primaryNo, string noticeNo, string? taxKindCode, int? fiscalYear,
        string personNo, string? reference, CancellationToken ct = default) =>
        AddOnAssessmentAsync(actor, LiabilityKind.Joint, primaryNo, noticeNo, taxKindCode, fiscalYear, personNo, null, reference, null, ct);

    /// <summary>
    /// Records a liability on one assessment (連帯 or 第二次). <paramref name="issue"/> (第二次 only) runs inside the transaction after the
    /// case event is saved and returns the issued document's id and a reference to keep on the row.
    /// </summary>
    internal async Task<IReadOnlyList<LiabilityLine>> AddOnAssessmentAsync(Actor actor, LiabilityKind kind, string primaryNo, string noticeNo, string? taxKindCode,
        int? fiscalYear, string personNo, long? limit, string? reference, Func<CaseChange, Party, Party, AssessmentKey, Task<(long DocumentId, string Reference)>>? issue,
        CancellationToken ct)
    {
        var primary = await TaxpayerAsync(primaryNo, ct);
        var person = (await PersonsAsync(primary, [personNo], ct))[0];
        var assessment = await AssessmentAsync(primary, noticeNo, taxKindCode, fiscalYear, ct);
        if (kind == LiabilityKind.Secondary && limit is not > 0)
            throw new DomainException("liability.limit_required", "第二次納税義務には限度額（--limit、1円以上）を入力してください。");
        var why = Reference(reference);
        var grant = await AuthorizeAsync(actor, primary, ct);
        await OpenCasesAsync(actor, [person], ct);
        await RunAsync(grant, async change =>
        {
            var existing = await db.Liabilities.AsNoTracking()
                .Where(l => l.AssessmentId == assessment.Id && l.PersonTaxpayerId == person.Id && l.Kind == kind && !db.Liabilities.Any(n => n.SupersedesId == l.Id))
                .AnyAsync(ct);
            if (existing)
                throw new DomainException("liability.exists", $"宛名番号 {person.No} は{assessment.Name}の{JapaneseLabels.Of(kind)}者として既に記録されています。");
            var detail = $"{JapaneseLabels.Of(kind)}者 {person.No}、{assessment.Name}" + (limit is { } l ? $"、限度額 {l:#,0}円" : "") + (why is null ? "" : $"、{why}");
            change.Case.RecordLiability(kind == LiabilityKind.Joint ? CaseEventKind.JointLiabilityAdded : CaseEventKind.SecondaryLiabilityNotified, detail, change.Stamp);
            await db.SaveChangesAsync(ct);
            var eventId = change.Case.History[^1].Id;
            long? documentId = null;
            var rowReference = why;
            if (issue is not null)
            {
                var (docId, r) = await issue(change, primary, person, assessment);
                (documentId, rowReference) = (docId, r);
                detail += $"、納付通知書 発行番号 {docId}";
            }
            var row = Row(kind, primary.Id, assessment.Id, person.Id, change.Stamp.On, rowReference, eventId, change.Stamp, new Share(1, 1), 1, false);
            row.LimitAmount = limit;
            row.DocumentId = documentId;
            db.Liabilities.Add(row);
            await SaveAndForgetAsync(ct);
            return $"{JapaneseLabels.Of(kind)}の記録 宛名番号 {primary.No}: {detail}";
        }, ct);
        return await ForPrimaryAsync(primary.Id, ct);
    }

    /// <summary>
    /// The liabilities in force on the claims of <paramref name="taxpayerNo"/> and those that make it liable for another's, read
    /// under 閲覧 (<see cref="Permission.ViewTaxpayer"/>) and audited 2001 (they name persons).
    /// </summary>
    public async Task<(IReadOnlyList<LiabilityLine> AsPrimary, IReadOnlyList<LiabilityLine> AsPerson)> ShowAsync(Actor actor, string taxpayerNo, CancellationToken ct = default)
    {
        var t = await TaxpayerAsync(taxpayerNo, ct);
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, t.Id, $"宛名番号 {t.No} の承継・連帯納税義務・第二次納税義務の参照", ct);
        var asPrimary = await ForPrimaryAsync(t.Id, ct);
        var asPerson = await ForPersonAsync(t.Id, ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: t.Id,
            Detail: $"承継・連帯納税義務・第二次納税義務の参照: 納付義務を負う者 {asPrimary.Count} 件、他の納税義務者の期別 {asPerson.Count} 件"), clock, ct);
        return (asPrimary, asPerson);
    }

    /// <summary>The liabilities in force on the claims of <paramref name="primaryTaxpayerId"/> (heirs in order, then the others).</summary>
    public Task<IReadOnlyList<LiabilityLine>> ForPrimaryAsync(long primaryTaxpayerId, CancellationToken ct = default) =>
        LinesAsync(db, l => l.PrimaryTaxpayerId == primaryTaxpayerId, JapanTime.Today(clock), ct);

    /// <summary>The liabilities in force that make <paramref name="personTaxpayerId"/> liable for another's claims.</summary>
    public Task<IReadOnlyList<LiabilityLine>> ForPersonAsync(long personTaxpayerId, CancellationToken ct = default) =>
        LinesAsync(db, l => l.PersonTaxpayerId == personTaxpayerId, JapanTime.Today(clock), ct);

    /// <summary>The 宛名番号 whose succession is recorded with a day of death on or before <paramref name="asOf"/> (for letters: treated as deceased).</summary>
    public static async Task<HashSet<long>> DeceasedAsync(ChoshuDbContext db, IReadOnlyCollection<long> taxpayerIds, DateOnly asOf, CancellationToken ct = default)
    {
        var found = new HashSet<long>();
        foreach (var chunk in taxpayerIds.Distinct().Chunk(5000))
        {
            var c = chunk.ToList();
            found.UnionWith(await db.Liabilities.AsNoTracking()
                .Where(l => l.Kind == LiabilityKind.Succession && l.FromDate <= asOf && EF.Parameter(c).Contains(l.PrimaryTaxpayerId))
                .Select(l => l.PrimaryTaxpayerId).Distinct().ToListAsync(ct));
        }
        return found;
    }

    private static async Task<IReadOnlyList<LiabilityLine>> LinesAsync(ChoshuDbContext db, System.Linq.Expressions.Expression<Func<Liability, bool>> which,
        DateOnly today, CancellationToken ct)
    {
        var rows = await db.Liabilities.AsNoTracking().Where(which).Where(l => !db.Liabilities.Any(n => n.SupersedesId == l.Id)).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var ids = rows.SelectMany(r => new[] { r.PrimaryTaxpayerId, r.PersonTaxpayerId }).Distinct().ToList();
        var names = await db.Taxpayers.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => (t.TaxpayerNo, t.Facts.NameKanji), ct);
        var assessmentIds = rows.Where(r => r.AssessmentId is not null).Select(r => r.AssessmentId!.Value).Distinct().ToList();
        var assessments = await (from a in db.Assessments.AsNoTracking()
                                 join k in db.TaxKinds on a.TaxKindCode equals k.Code
                                 where assessmentIds.Contains(a.Id)
                                 select new { a.Id, a.TaxKindCode, k.Name, a.FiscalYear, a.NoticeNo }).ToDictionaryAsync(a => a.Id, ct);
        var primaries = rows.Where(r => r.Kind == LiabilityKind.Succession).Select(r => r.PrimaryTaxpayerId).Distinct().ToList();
        var reps = await db.TaxAgents.AsNoTracking()
            .Where(a => primaries.Contains(a.TaxpayerId) && a.AgentKind == RepresentativeAgentKind && a.RegisteredOn <= today && (a.CancelledOn == null || a.CancelledOn > today))
            .Select(a => new { a.TaxpayerId, a.AgentTaxpayerId, a.Id }).ToListAsync(ct);
        var repOf = reps.GroupBy(r => r.TaxpayerId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Id).Last().AgentTaxpayerId);
        return rows.OrderBy(r => r.PrimaryTaxpayerId).ThenBy(r => r.Kind).ThenBy(r => r.AssessmentId).ThenBy(r => r.Position).ThenBy(r => r.Id)
            .Select(r =>
            {
                var a = r.AssessmentId is { } aid ? assessments[aid] : null;
                return new LiabilityLine(r.Id, r.Kind, r.PrimaryTaxpayerId, names[r.PrimaryTaxpayerId].TaxpayerNo, names[r.PrimaryTaxpayerId].NameKanji,
                    r.PersonTaxpayerId, names[r.PersonTaxpayerId].TaxpayerNo, names[r.PersonTaxpayerId].NameKanji, r.Share, r.Position, r.Renounced,
                    r.LimitedAcceptance, r.LimitAmount, r.FromDate, r.Reference, r.DocumentId, r.AssessmentId, a?.TaxKindCode, a?.Name, a?.FiscalYear, a?.NoticeNo,
                    r.Kind == LiabilityKind.Succession && repOf.GetValueOrDefault(r.PrimaryTaxpayerId) == r.PersonTaxpayerId, r.RecordedBy);
            }).ToList();
    }

    /// <summary>Runs the change on the case path; whatever happens, the context forgets the rows it tracked (a refused change leaves nothing to save).</summary>
    private async Task RunAsync(CaseUpdateGrant grant, Func<CaseChange, Task<string>> change, CancellationToken ct)
    {
        try { await new CaseCommand(db, clock).RunAsync(grant, change, ct); }
        finally { db.ChangeTracker.Clear(); }
    }

    /// <summary>
    /// Saves the rows of the change and detaches them before <see cref="CaseCommand"/> detaches the case and its events (a tracked
    /// row pointing at a case event would make that detach re-fix the case's event list while it is being walked).
    /// </summary>
    private async Task SaveAndForgetAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        foreach (var e in db.ChangeTracker.Entries().Where(e => e.Entity is Liability or TaxAgent).ToList()) e.State = EntityState.Detached;
    }

    /// <summary>A taxpayer as these changes name it.</summary>
    internal sealed record Party(long Id, string No, string Name);

    /// <summary>An assessment of the primary taxpayer, with its name in words.</summary>
    internal sealed record AssessmentKey(long Id, string TaxKindCode, string TaxKindName, int FiscalYear, string NoticeNo)
    {
        public string Name => $"{TaxKindName} {FiscalYear}年度 通知書番号 {NoticeNo}";
    }

    private async Task<CaseUpdateGrant> AuthorizeAsync(Actor actor, Party primary, CancellationToken ct)
    {
        var caseId = await db.CollectionCases.AsNoTracking().Where(c => c.TaxpayerId == primary.Id).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("liability.case_required",
                $"承継・連帯納税義務・第二次納税義務の記録は滞納整理事案の更新です。宛名番号 {primary.No} の事案がありません（choshu case open で開始し、担当者を設定してください）。");
        return await new CaseCommand(db, clock).AuthorizeAsync(actor, caseId, CaseUpdateKind.Liability, ct);
    }

    /// <summary>Opens a case for each person liable who has none (each person has their own case), as the acting staff member.</summary>
    private async Task OpenCasesAsync(Actor actor, IReadOnlyList<Party> persons, CancellationToken ct)
    {
        var ids = persons.Select(p => p.Id).ToList();
        var have = await db.CollectionCases.AsNoTracking().Where(c => ids.Contains(c.TaxpayerId)).Select(c => c.TaxpayerId).ToListAsync(ct);
        foreach (var p in persons.Where(p => !have.Contains(p.Id)))
            await new CaseCommand(db, clock).OpenAsync(actor, p.Id, p.No, ct);
    }

    private async Task<Party> TaxpayerAsync(string taxpayerNo, CancellationToken ct)
    {
        var no = (taxpayerNo ?? "").Trim();
        var t = await db.Taxpayers.AsNoTracking().Where(x => x.TaxpayerNo == no).Select(x => new { x.Id, x.TaxpayerNo, x.Facts.NameKanji }).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("taxpayer.not_found", $"宛名番号 {no} の納税義務者は登録されていません。");
        return new Party(t.Id, t.TaxpayerNo, t.NameKanji);
    }

    private async Task<List<Party>> PersonsAsync(Party primary, IReadOnlyList<string> numbers, CancellationToken ct)
    {
        var list = new List<Party>();
        foreach (var n in numbers)
        {
            var p = await TaxpayerAsync(n, ct);
            if (p.Id == primary.Id) throw new DomainException("liability.self", $"宛名番号 {p.No} は納税義務者本人です。本人以外を入力してください。");
            if (list.Any(x => x.Id == p.Id)) throw new DomainException("liability.duplicate_person", $"宛名番号 {p.No} が2回入力されています。");
            list.Add(p);
        }
        return list;
    }

    private static Party RepresentativeAmong(IReadOnlyList<Party> heirs, IReadOnlyList<Share> shares, string representativeNo)
    {
        var no = (representativeNo ?? "").Trim();
        var i = heirs.ToList().FindIndex(h => h.No == no);
        if (i < 0 || shares[i].IsZero)
            throw new DomainException("liability.representative_not_heir", $"相続人代表者 {no} は相続分のある相続人から指定してください（地方税法9条の2）。");
        return heirs[i];
    }

    private async Task<AssessmentKey> AssessmentAsync(Party primary, string noticeNo, string? taxKindCode, int? fiscalYear, CancellationToken ct)
    {
        var no = (noticeNo ?? "").Trim();
        var found = await (from a in db.Assessments.AsNoTracking()
                           join k in db.TaxKinds on a.TaxKindCode equals k.Code
                           where a.TaxpayerId == primary.Id && a.NoticeNo == no && (taxKindCode == null || a.TaxKindCode == taxKindCode) && (fiscalYear == null || a.FiscalYear == fiscalYear)
                           select new AssessmentKey(a.Id, a.TaxKindCode, k.Name, a.FiscalYear, a.NoticeNo)).ToListAsync(ct);
        return found.Count switch
        {
            0 => throw new DomainException("liability.assessment_not_found", $"宛名番号 {primary.No} に通知書番号 {no} の調定はありません。"),
            1 => found[0],
            _ => throw new DomainException("liability.assessment_ambiguous", $"宛名番号 {primary.No} の通知書番号 {no} は複数あります。税目（--tax-kind）と年度（--fiscal-year）を指定してください。"),
        };
    }

    private async Task<List<Liability>> CurrentAsync(long primaryTaxpayerId, LiabilityKind kind, CancellationToken ct) =>
        await db.Liabilities.AsNoTracking()
            .Where(l => l.PrimaryTaxpayerId == primaryTaxpayerId && l.Kind == kind && !db.Liabilities.Any(n => n.SupersedesId == l.Id))
            .OrderBy(l => l.Position).ThenBy(l => l.Id).ToListAsync(ct);

    private async Task<long?> RepresentativeIdAsync(long deceasedId, DateOnly on, CancellationToken ct) =>
        (await db.TaxAgents.AsNoTracking()
            .Where(a => a.TaxpayerId == deceasedId && a.AgentKind == RepresentativeAgentKind && a.RegisteredOn <= on && (a.CancelledOn == null || a.CancelledOn > on))
            .OrderBy(a => a.Id).Select(a => (long?)a.AgentTaxpayerId).ToListAsync(ct)).LastOrDefault();

    /// <summary>Ends the representative registered (cancelled today) and registers <paramref name="heirId"/> from today, for every tax kind.</summary>
    private async Task DesignateAsync(long deceasedId, long heirId, CaseStamp stamp, string reason, CancellationToken ct)
    {
        var active = await db.TaxAgents.Where(a => a.TaxpayerId == deceasedId && a.AgentKind == RepresentativeAgentKind && a.TaxKindCode == null
            && (a.CancelledOn == null || a.CancelledOn > stamp.On)).ToListAsync(ct);
        foreach (var a in active) a.CancelledOn = stamp.On;
        db.TaxAgents.Add(new TaxAgent
        {
            TaxpayerId = deceasedId, AgentTaxpayerId = heirId, TaxKindCode = null, AgentKind = RepresentativeAgentKind, RegisteredOn = stamp.On,
            Reason = reason, RecordedBy = stamp.ActorName, RecordedAtUtc = stamp.RecordedAtUtc,
        });
    }

    private async Task<List<string>> NosAsync(IReadOnlyCollection<long> ids, CancellationToken ct) =>
        await db.Taxpayers.AsNoTracking().Where(t => ids.Contains(t.Id)).OrderBy(t => t.TaxpayerNo).Select(t => t.TaxpayerNo).ToListAsync(ct);

    private static Liability Row(LiabilityKind kind, long primaryId, long? assessmentId, long personId, DateOnly from, string? reference, long eventId, CaseStamp stamp,
        Share share, int position, bool renounced, bool limited = false, long? supersedes = null) => new()
        {
            Kind = kind, PrimaryTaxpayerId = primaryId, AssessmentId = assessmentId, PersonTaxpayerId = personId, ShareNumerator = share.Numerator,
            ShareDenominator = share.Denominator, Position = position, Renounced = renounced, LimitedAcceptance = limited, FromDate = from, Reference = reference,
            SupersedesId = supersedes, CaseEventId = eventId, RecordedBy = stamp.ActorName, RecordedAtUtc = stamp.RecordedAtUtc,
        };

    private static string? Reference(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference)) return null;
        var r = reference.Trim();
        return r.Length > Liability.ReferenceMaxLength
            ? throw new DomainException("liability.reference_too_long", $"根拠・備考は{Liability.ReferenceMaxLength}文字以内で入力してください。")
            : r;
    }

    private static DomainException NoSuccession(string no) =>
        new("liability.no_succession", $"宛名番号 {no} の承継は記録されていません（choshu succession add で記録します）。");

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
