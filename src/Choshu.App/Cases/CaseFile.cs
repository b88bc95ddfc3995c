using Choshu.App.Documents;
using Choshu.App.Notices;
using Choshu.App.Privacy;
using Choshu.App.Security;
using Choshu.App.Taxpayers;
using Choshu.Data;
using Choshu.Domain.Calendar;
using Choshu.Domain.Cases;
using Choshu.Domain.Claims;
using Choshu.Domain.Labels;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>
/// One unpaid claim (installment) on the case file (名寄せ: every tax and year): what is owed of each component today, its
/// dates and its one status, and the limitation reasoning behind its lapse day. <see cref="Principal"/>,
/// <see cref="ReminderFee"/> and <see cref="LateFee"/> are what is still owed (the late fee computed to today by the one rule).
/// </summary>
public sealed record CaseFileClaim(
    string TaxKindCode, string TaxKindName, int FiscalYear, string NoticeNo, short Period, bool CarriedForward,
    long PrincipalAssessed, long Principal, long ReminderFee, long LateFee,
    DateOnly DueDate, DateOnly StatutoryDueDate, DateOnly? ReminderSentOn, DateOnly? SeizableFrom, DateOnly? LimitationLapsesOn,
    ClaimStatusKind State, string StateName, IReadOnlyList<CaseFileLimitationStep> LimitationSteps)
{
    public long Total => Principal + ReminderFee + LateFee;
    public string Name => Assessments.InstallmentNames.Of(TaxKindName, FiscalYear, NoticeNo, Period);

    /// <summary>The installment's surrogate key (the pledge form names the claims it covers through a handle of it; never shown).</summary>
    public long InstallmentId { get; init; }
}

/// <summary>
/// A promise or installment pledge of the taxpayer on the case file, as it stands on <see cref="CaseFile.AsOf"/>
/// (<see cref="PledgeQueries.StandingsAsync"/>): its kind, day, state, the first instalment missed and the first day of the breach.
/// </summary>
public sealed record CaseFilePledge(long Id, PledgeKind Kind, DateOnly MadeOn, int GraceDays, PledgeStanding Standing);

/// <summary>One step of a claim's limitation (<see cref="LimitationStep"/>) in words: the day, the event, what it did, the dates, why.</summary>
public sealed record CaseFileLimitationStep(DateOnly On, string Event, string Effect, DateOnly? FirstCountedDay, DateOnly? Through, string Note);

/// <summary>Sums of a group of claims (現年分 or 滞納繰越分).</summary>
public sealed record CaseFileSubtotal(int Count, long Principal, long ReminderFee, long LateFee)
{
    public long Total => Principal + ReminderFee + LateFee;

    public static CaseFileSubtotal Of(IReadOnlyCollection<CaseFileClaim> claims) =>
        new(claims.Count, claims.Sum(c => c.Principal), claims.Sum(c => c.ReminderFee), claims.Sum(c => c.LateFee));
}

/// <summary>One change of the officer in charge: the day, who became officer, who made the change.</summary>
public sealed record CaseOfficerChange(DateOnly On, string? StaffNo, string? Name, string By, string? Note);

/// <summary>One line of the case's event history (開始, 担当者, 一斉催告停止, 付箋, 注意対象者 …) in words.</summary>
public sealed record CaseEventLine(long Id, DateOnly On, string Kind, string? Detail, string By);

/// <summary>
/// 滞納者カルテ: the case of one delinquent taxpayer on one page (architecture property 10). <see cref="Caution"/> is set only
/// when the reader may see it (<see cref="CautionVisible"/>: the officer in charge or an active approver).
/// </summary>
public sealed record CaseFile(
    CaseView Case, TaxpayerDetails Taxpayer, DateOnly AsOf, string? DistrictCode,
    IReadOnlyList<CaseFileClaim> CurrentYear, IReadOnlyList<CaseFileClaim> CarriedForward,
    CaseFileSubtotal CurrentYearTotal, CaseFileSubtotal CarriedForwardTotal,
    IReadOnlyList<NoticeHistoryLine> Notices, IReadOnlyList<CaseOfficerChange> Officers, IReadOnlyList<CaseFlag> Flags,
    bool CautionVisible, CautionMark? Caution, IReadOnlyList<CaseLogLine> Log, IReadOnlyList<CaseEventLine> Events)
{
    public CaseFileSubtotal Total => new(CurrentYearTotal.Count + CarriedForwardTotal.Count, CurrentYearTotal.Principal + CarriedForwardTotal.Principal,
        CurrentYearTotal.ReminderFee + CarriedForwardTotal.ReminderFee, CurrentYearTotal.LateFee + CarriedForwardTotal.LateFee);

    public IEnumerable<CaseFileClaim> Claims => CarriedForward.Concat(CurrentYear);

    /// <summary>The taxpayer's promises and pledges made on or before <see cref="AsOf"/>, newest first, with their standing (不履行 shown here).</summary>
    public IReadOnlyList<CaseFilePledge> Pledges { get; init; } = [];

    /// <summary>The claims of other taxpayers this taxpayer is liable for (承継・連帯納税義務・第二次納税義務), each with its claims and this person's part.</summary>
    public IReadOnlyList<CaseFileLiability> LiableFor { get; init; } = [];

    /// <summary>The other persons liable for this taxpayer's claims (heirs, co-owners, second persons) in force.</summary>
    public IReadOnlyList<LiabilityLine> OthersLiable { get; init; } = [];

    /// <summary>財産調査: the case's inquiries, newest first (<see cref="Inquiries"/>).</summary>
    public IReadOnlyList<InquiryLine> Inquiries { get; init; } = [];

    /// <summary>財産調査: what the targets answered (該当なし included), each with the id a seizure names (<see cref="Cases.InquiryAnswers"/>).</summary>
    public IReadOnlyList<AnsweredAsset> InquiryAnswers { get; init; } = [];
}

/// <summary>One claim of another taxpayer on a liable person's case file: what is owed on it today, and this person's part of it.</summary>
public sealed record CaseFileLiabilityClaim(string Name, DateOnly DueDate, long Principal, long ReminderFee, long LateFee, long SharePrincipal, long ShareReminderFee, long ShareLateFee)
{
    public long Total => Principal + ReminderFee + LateFee;
    public long ShareTotal => SharePrincipal + ShareReminderFee + ShareLateFee;
}

/// <summary>
/// A liability of the case's taxpayer for another's claims: the line, the claims owed today with this person's part (相続分 split by
/// <see cref="SuccessionShares.Split"/>; the whole for 連帯; the whole up to the 限度額 for 第二次), and what staff must know.
/// </summary>
public sealed record CaseFileLiability(LiabilityLine Line, IReadOnlyList<CaseFileLiabilityClaim> Claims, string Note)
{
    /// <summary>What this person can be asked to pay today: the sum of the parts, at most the 限度額 of a 第二次納税義務.</summary>
    public long Chargeable => Line.LimitAmount is { } limit ? Math.Min(limit, Claims.Sum(c => c.ShareTotal)) : Claims.Sum(c => c.ShareTotal);
}

/// <summary>
/// Reads the case file: the taxpayer through the personal-data gate (<see cref="PersonalDataGate.ViewAsync"/>: 閲覧 demanded,
/// the view audited 2001, every claim folded by the one status and limitation rule), then the case with its events, the
/// notices, the documents issued and the case log (<see cref="CaseLogView"/>). A fixed number of queries whatever the
/// taxpayer holds (the gate's, plus case, officers, notices (2), documents, log, roles).
/// </summary>
public sealed class CaseFiles(ChoshuDbContext db, TimeProvider clock)
{
    /// <summary>The case of a taxpayer (宛名番号), or null when there is none.</summary>
    public Task<long?> FindIdAsync(string taxpayerNo, CancellationToken ct = default) => new CaseUpdates(db, clock).FindIdAsync(taxpayerNo, ct);

    public async Task<CaseFile> LoadAsync(Actor actor, long caseId, CancellationToken ct = default)
    {
        var updates = new CaseUpdates(db, clock);
        var view = await updates.ViewAsync(caseId, ct);
        var details = await new PersonalDataGate(db, clock).ViewAsync(actor, view.TaxpayerNo, ct)
            ?? throw CaseCommand.NotFound(caseId);
        var asOf = details.AsOf;
        var currentYear = FiscalYearOf(asOf);

        var claims = details.OwedNow().Select(o => Claim(o, currentYear)).ToList();
        var c = await db.CollectionCases.AsNoTracking().Include(x => x.Events).SingleAsync(x => x.Id == caseId, ct);
        var history = c.History;
        var officerIds = history.Where(e => e.OfficerAccountId is not null).Select(e => e.OfficerAccountId!.Value).Distinct().ToList();
        var staff = await db.StaffAccounts.AsNoTracking().Where(a => officerIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => new { a.StaffNo, a.FullName }, ct);
        var officers = history.Where(e => e.Kind == CaseEventKind.OfficerAssigned)
            .Select(e => new CaseOfficerChange(e.On, staff.GetValueOrDefault(e.OfficerAccountId!.Value)?.StaffNo,
                staff.GetValueOrDefault(e.OfficerAccountId!.Value)?.FullName, e.ActorName, e.Reason))
            .ToList();

        var cautionVisible = await MaySeeCautionAsync(actor, c.OfficerAccountId, ct);
        var events = history
            .Where(e => cautionVisible || e.Kind is not (CaseEventKind.CautionSet or CaseEventKind.CautionCleared))
            .Select(e => new CaseEventLine(e.Id, e.On, JapaneseLabels.Of(e.Kind), EventDetail(e, staff.ToDictionary(s => s.Key, s => s.Value.StaffNo)), e.ActorName))
            .ToList();
        var notices = await NoticeHistory.ForTaxpayerAsync(db, details.TaxpayerId, ct);
        var log = await CaseLogView.ForCaseAsync(db, caseId, details.TaxpayerId, notices, ct);
        var district = await db.Taxpayers.AsNoTracking().Where(t => t.Id == details.TaxpayerId).Select(t => t.Facts.DistrictCode).SingleAsync(ct);
        var pledges = await PledgesAsync(details.TaxpayerId, asOf, ct);

        var current = claims.Where(x => !x.CarriedForward).ToList();
        var carried = claims.Where(x => x.CarriedForward).ToList();
        var liabilities = new Liabilities(db, clock);
        return new CaseFile(view, details, asOf, district, current, carried, CaseFileSubtotal.Of(current), CaseFileSubtotal.Of(carried),
            notices, officers, CaseFlags.Showing(c.Events, asOf), cautionVisible, cautionVisible ? CaseFlags.Caution(c.Events) : null, log, events)
        {
            Pledges = pledges,
            LiableFor = await LiableForAsync(actor, liabilities, details.TaxpayerId, ct),
            OthersLiable = await liabilities.ForPrimaryAsync(details.TaxpayerId, ct),
            Inquiries = await new Inquiries(db, clock).ForCaseAsync(caseId, ct),
            InquiryAnswers = await new InquiryAnswers(db).ForCaseAsync(caseId, includeNone: true, ct),
        };
    }

    /// <summary>The taxpayer's promises and pledges with their standing on the day (one query when there are none).</summary>
    private async Task<IReadOnlyList<CaseFilePledge>> PledgesAsync(long taxpayerId, DateOnly asOf, CancellationToken ct)
    {
        var rows = await db.Pledges.AsNoTracking().Where(p => p.TaxpayerId == taxpayerId && p.MadeOn <= asOf)
            .OrderByDescending(p => p.MadeOn).ThenByDescending(p => p.Id).Select(p => new { p.Id, p.Kind, p.MadeOn }).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var standings = await PledgeQueries.StandingsAsync(db, rows.Select(r => r.Id).ToList(), asOf, ct);
        return rows.Select(r => new CaseFilePledge(r.Id, r.Kind, r.MadeOn, standings[r.Id].GraceDays, standings[r.Id].Standing)).ToList();
    }

    /// <summary>
    /// The claims of others this taxpayer is liable for: each other taxpayer read through the gate (閲覧 demanded, audited 2001, folded
    /// by the one status and late-fee rule), then split by the heirs' shares in force (the order entered decides the remainder).
    /// </summary>
    private async Task<IReadOnlyList<CaseFileLiability>> LiableForAsync(Actor actor, Liabilities liabilities, long taxpayerId, CancellationToken ct)
    {
        var lines = await liabilities.ForPersonAsync(taxpayerId, ct);
        var result = new List<CaseFileLiability>();
        foreach (var byPrimary in lines.GroupBy(l => l.PrimaryTaxpayerNo))
        {
            var other = await new PersonalDataGate(db, clock).ViewAsync(actor, byPrimary.Key, ct);
            if (other is null) continue;
            var owed = other.OwedNow();
            var heirs = (await liabilities.ForPrimaryAsync(byPrimary.First().PrimaryTaxpayerId, ct)).Where(l => l.Kind == LiabilityKind.Succession).ToList();
            foreach (var line in byPrimary)
            {
                var covered = line.NoticeNo is null ? owed
                    : owed.Where(o => o.Assessment.NoticeNo == line.NoticeNo && o.Assessment.TaxKindCode == line.TaxKindCode && o.Assessment.FiscalYear == line.FiscalYear).ToList();
                var shares = heirs.Select(h => h.Share).ToList();
                var index = heirs.FindIndex(h => h.Id == line.Id);
                long Part(long amount) => line.Kind != LiabilityKind.Succession ? amount : line.Renounced || index < 0 ? 0 : SuccessionShares.Split(Math.Max(0, amount), shares)[index];
                var claims = covered.Select(o => new CaseFileLiabilityClaim(
                    Assessments.InstallmentNames.Of(o.Assessment.TaxKindName, o.Assessment.FiscalYear, o.Assessment.NoticeNo, o.Installment.Period), o.Installment.DueDate,
                    o.Installment.PrincipalBalance, o.Installment.ReminderFeeBalance, o.Installment.LateFee,
                    Part(o.Installment.PrincipalBalance), Part(o.Installment.ReminderFeeBalance), Part(o.Installment.LateFee))).ToList();
                result.Add(new CaseFileLiability(line, claims, NoteOf(line)));
            }
        }
        return result;
    }

    /// <summary>What staff must know about a liability before chasing it.</summary>
    public static string NoteOf(LiabilityLine l) => l.Kind switch
    {
        LiabilityKind.Succession when l.Renounced => "相続放棄: 初めから相続人でなかったものとみなされ、納付義務はありません（民法939条）。",
        LiabilityKind.Succession when l.LimitedAcceptance =>
            $"限定承認: 相続によって得た財産の限度で納付義務を負います。相続人固有の財産への滞納処分（差押）はできません（地方税法9条1項ただし書）。相続分 {l.Share}（死亡日 {l.FromDate:yyyy-MM-dd}）。",
        LiabilityKind.Succession => $"承継: 相続分 {l.Share} の額を納付する義務を承継しています（地方税法9条、死亡日 {l.FromDate:yyyy-MM-dd}）。" + (l.Representative ? "相続人代表者として書類を受け取ります。" : ""),
        LiabilityKind.Joint => "連帯納税義務: 全額について納付義務があり、全額を請求できます。どの連帯納税義務者の納付もこの期別に充てられ、全員の残額が減ります（地方税法10条の2）。",
        _ => $"第二次納税義務: 納付通知書により限度額 {l.LimitAmount.GetValueOrDefault():#,0}円 まで納付義務を負います（地方税法11条〜11条の9）。",
    };

    /// <summary>
    /// 注意対象者 is shown only to the officer in charge of the case and to an active approver (承認者); everybody else (another
    /// officer, 収納担当, the system actor) neither sees the flag nor its events.
    /// </summary>
    public async Task<bool> MaySeeCautionAsync(Actor actor, long? caseOfficerAccountId, CancellationToken ct = default)
    {
        if (actor.AccountId is not { } id) return false;
        var roles = await AccessControl.ActiveRolesAsync(db, id, JapanTime.Today(clock), ct);
        if (roles.Contains(Role.Approver)) return true;
        return caseOfficerAccountId == id && roles.Contains(Role.DelinquencyOfficer);
    }

    /// <summary>The fiscal year (April to March) of a day: claims of this year are 現年分, of earlier years 滞納繰越分.</summary>
    public static int FiscalYearOf(DateOnly day) => day.Month >= 4 ? day.Year : day.Year - 1;

    private static CaseFileClaim Claim(OwedInstallment o, int currentYear)
    {
        var i = o.Installment;
        var a = o.Assessment;
        return new CaseFileClaim(a.TaxKindCode, a.TaxKindName, a.FiscalYear, a.NoticeNo, i.Period, a.FiscalYear < currentYear,
            i.Principal, i.PrincipalBalance, i.ReminderFeeBalance, i.LateFee, i.DueDate, i.StatutoryDueDate, i.ReminderDate, i.SeizableFrom,
            i.ClaimLapsesOn, i.Status, JapaneseLabels.Of(i.Status),
            i.LimitationSteps.Select(s => new CaseFileLimitationStep(s.On, s.Source is { } k ? JapaneseLabels.Of(k) : "収納（承認）",
                JapaneseLabels.Of(s.Effect), s.FirstCountedDay, s.Through, s.Note)).ToList())
        { InstallmentId = i.InstallmentId };
    }

    private static string? EventDetail(CaseEvent e, IReadOnlyDictionary<long, string> staffNos) => e.Kind switch
    {
        CaseEventKind.OfficerAssigned => $"担当者 {staffNos.GetValueOrDefault(e.OfficerAccountId ?? 0, "?")}" + (e.Reason is null ? "" : $"（{e.Reason}）"),
        CaseEventKind.FlagAdded => $"{JapaneseLabels.Of(e.Colour ?? FlagColour.Yellow)}「{e.Reason}」" + (e.EndsOn is { } d ? $" 期限 {d:yyyy-MM-dd}" : ""),
        CaseEventKind.FlagRemoved => $"付箋 {e.RefersToEventId}: {e.Reason}",
        _ => e.Reason,
    };
}
