using Choshu.Domain.Security;

namespace Choshu.Domain.Cases;

/// <summary>
/// 滞納整理の事案: one per delinquent taxpayer, an aggregate in the manner of eShop's Order. Its truth is its append-only
/// <see cref="Events"/>; the officer in charge (担当者), the 一斉催告停止 and open/closed are their fold
/// (<see cref="State"/>). The columns <see cref="OfficerAccountId"/> … <see cref="UpdatedBy"/> are a projection of that
/// fold kept on the row for queries (arrears lists, retention, audit review), written only here, after every event.
/// Every change is a method that checks the state, throws a <see cref="DomainException"/> (Japanese message, stable
/// code) on an illegal move and appends one event. Who may call them is decided before, by CaseUpdatePolicy
/// (the App's CaseCommand). Load it with its events (a case always has at least its <see cref="CaseEventKind.Opened"/>).
/// </summary>
public sealed class CollectionCase
{
    /// <summary>The longest reason the store keeps.</summary>
    public const int ReasonMaxLength = 500;

    private readonly List<CaseEvent> _events = [];

    private CollectionCase() { }

    public long Id { get; private set; }
    public long TaxpayerId { get; private set; }
    /// <summary>担当者 (projection): the staff account in charge; null until assigned.</summary>
    public long? OfficerAccountId { get; private set; }
    /// <summary>一斉催告停止 (projection): exclude this taxpayer from mass demand-letter runs.</summary>
    public bool DemandRunHold { get; private set; }
    /// <summary>The reason of the last setting or clearing of the hold (projection).</summary>
    public string? DemandRunHoldReason { get; private set; }
    public DateOnly OpenedOn { get; private set; }
    /// <summary>The day the case was closed (projection); null while open.</summary>
    public DateOnly? ClosedOn { get; private set; }
    /// <summary>When and by whom the last event was recorded (projection).</summary>
    public DateTime UpdatedAtUtc { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    /// <summary>The events, read-only (in no particular order as loaded; <see cref="History"/> orders them).</summary>
    public IReadOnlyCollection<CaseEvent> Events => _events.AsReadOnly();

    /// <summary>The events in the order they were recorded.</summary>
    public IReadOnlyList<CaseEvent> History => CaseState.Ordered(_events);

    /// <summary>Who was made officer in charge, when and by whom, oldest first.</summary>
    public IReadOnlyList<CaseEvent> OfficerHistory => History.Where(e => e.Kind == CaseEventKind.OfficerAssigned).ToList();

    /// <summary>The state as the fold of the events: the truth the projection columns copy.</summary>
    public CaseState State => CaseState.Fold(_events);

    /// <summary>The projection columns as stored (equal to <see cref="State"/> whenever the case was written by its methods).</summary>
    public CaseState Projection => new(OfficerAccountId, DemandRunHold, DemandRunHoldReason, OpenedOn, ClosedOn, UpdatedAtUtc, UpdatedBy);

    public bool IsClosed => State.IsClosed;

    /// <summary>Opens a case for a taxpayer, with no officer yet.</summary>
    public static CollectionCase Open(long taxpayerId, CaseStamp by)
    {
        if (taxpayerId <= 0) throw new ArgumentOutOfRangeException(nameof(taxpayerId));
        var c = new CollectionCase { TaxpayerId = taxpayerId };
        c.Append(CaseEventKind.Opened, null, null, by);
        return c;
    }

    /// <summary>
    /// Makes <paramref name="officer"/> the officer in charge. Refused when the case is closed, when the person holds no
    /// active 滞納整理担当 today (<paramref name="officerRolesToday"/>), or is the officer already.
    /// </summary>
    public void AssignOfficer(CaseOfficer officer, IReadOnlyCollection<Role> officerRolesToday, CaseStamp by, string? note = null)
    {
        var s = State;
        EnsureOpen(s);
        if (!CaseUpdatePolicy.MayBeOfficer(officerRolesToday))
            throw new DomainException("case.officer_not_eligible",
                $"職員番号 {officer.StaffNo} は本日有効な「{RoleNames.Japanese(Role.DelinquencyOfficer)}」の権限がないため、担当者にできません。");
        if (s.OfficerAccountId == officer.AccountId)
            throw new DomainException("case.officer_unchanged", $"職員番号 {officer.StaffNo} は既にこの事案の担当者です。");
        Append(CaseEventKind.OfficerAssigned, officer.AccountId, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), by);
    }

    /// <summary>Sets 一斉催告停止 (the taxpayer is left out of mass demand-letter runs). A reason is required.</summary>
    public void HoldDemandRuns(string reason, CaseStamp by)
    {
        var r = HoldReason(reason);
        var s = State;
        EnsureOpen(s);
        if (s.DemandRunHold) throw new DomainException("case.hold_unchanged", "この事案は既に一斉催告停止中です。");
        Append(CaseEventKind.DemandRunHoldSet, null, r, by);
    }

    /// <summary>Clears 一斉催告停止. A reason is required.</summary>
    public void ReleaseDemandRuns(string reason, CaseStamp by)
    {
        var r = HoldReason(reason);
        var s = State;
        EnsureOpen(s);
        if (!s.DemandRunHold) throw new DomainException("case.hold_unchanged", "この事案は一斉催告停止中ではありません。");
        Append(CaseEventKind.DemandRunHoldCleared, null, r, by);
    }

    /// <summary>The longest flag text the store keeps.</summary>
    public const int FlagTextMaxLength = 100;

    /// <summary>貼付: a coloured flag with a text and an optional last day it shows (not before today).</summary>
    public void AddFlag(FlagColour colour, string text, DateOnly? endsOn, CaseStamp by)
    {
        if (!Enum.IsDefined(colour)) throw new DomainException("case.flag_colour", "付箋の色が正しくありません。");
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("case.flag_text_required", "付箋の内容を入力してください。");
        var t = text.Trim();
        if (t.Length > FlagTextMaxLength) throw new DomainException("case.flag_text_too_long", $"付箋の内容は{FlagTextMaxLength}文字以内で入力してください。");
        if (endsOn is { } e && e < by.On) throw new DomainException("case.flag_ends_past", "付箋の期限は本日以降の日付を入力してください。");
        EnsureOpen(State);
        Append(new CaseEvent(CaseEventKind.FlagAdded, null, t, by, colour, endsOn));
    }

    /// <summary>取り外し: removes a flag still showing (its <see cref="CaseEventKind.FlagAdded"/> event id), with a reason.</summary>
    public void RemoveFlag(long flagEventId, string reason, CaseStamp by)
    {
        var r = Reason(reason, "付箋を外す理由を入力してください。");
        EnsureOpen(State);
        if (!CaseFlags.Showing(_events, by.On).Any(f => f.EventId == flagEventId))
            throw new DomainException("case.flag_not_found", $"付箋 {flagEventId} はこの事案に貼られていません（外し済み・期限切れを含む）。");
        Append(new CaseEvent(CaseEventKind.FlagRemoved, null, r, by, refersToEventId: flagEventId));
    }

    /// <summary>注意対象者の設定 or 解除, with a reason (shown only to the officer in charge and approvers).</summary>
    public void SetCaution(bool caution, string reason, CaseStamp by)
    {
        var r = Reason(reason, "注意対象者の設定・解除には理由を入力してください。");
        EnsureOpen(State);
        if (CaseFlags.Caution(_events) is not null == caution)
            throw new DomainException("case.caution_unchanged", caution ? "この事案は既に注意対象者です。" : "この事案は注意対象者ではありません。");
        Append(new CaseEvent(caution ? CaseEventKind.CautionSet : CaseEventKind.CautionCleared, null, r, by));
    }

    /// <summary>The liability events (承継・相続放棄・限定承認・相続人代表者・連帯納税義務・第二次納税義務), 60–69.</summary>
    public static bool IsLiabilityEvent(CaseEventKind kind) => (short)kind is >= 60 and <= 69;

    /// <summary>
    /// Records on this case (the taxpayer whose claims another person becomes liable for) that the liability was recorded:
    /// <paramref name="detail"/> says what (the rows themselves are the App's <c>liabilities</c>). Refused on a closed case.
    /// </summary>
    public void RecordLiability(CaseEventKind kind, string detail, CaseStamp by)
    {
        if (!IsLiabilityEvent(kind) || !Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        var d = string.IsNullOrWhiteSpace(detail) ? throw new ArgumentException("A detail is required.", nameof(detail)) : detail.Trim();
        if (d.Length > ReasonMaxLength) d = d[..(ReasonMaxLength - 1)] + "…";
        EnsureOpen(State);
        Append(kind, null, d, by);
    }

    /// <summary>The enforcement events: 差押 (記録・送達・解除・終了) 90–99; 交付要求・滞納処分費・破産・繰上徴収・保全差押・公売・配当 100–109.</summary>
    public static bool IsEnforcementEvent(CaseEventKind kind) => (short)kind is >= 90 and <= 109;

    /// <summary>
    /// Records on this case an enforcement step (<paramref name="detail"/> says what; the rows are the App's enforcement tables:
    /// <c>seizures</c>, <c>claims_for_distribution</c>, ...). A new seizure and every 100–109 step are refused on a closed case;
    /// a seizure's arrival, release and end are recorded whatever the case's state.
    /// </summary>
    public void RecordEnforcement(CaseEventKind kind, string detail, CaseStamp by)
    {
        if (!IsEnforcementEvent(kind) || !Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        var d = string.IsNullOrWhiteSpace(detail) ? throw new ArgumentException("A detail is required.", nameof(detail)) : detail.Trim();
        if (d.Length > ReasonMaxLength) d = d[..(ReasonMaxLength - 1)] + "…";
        if (kind == CaseEventKind.SeizureRecorded || (short)kind >= 100) EnsureOpen(State);
        Append(kind, null, d, by);
    }

    /// <summary>Closes the case (完結). A reason is required; a closed case changes no more until reopened.</summary>
    public void Close(string reason, CaseStamp by)
    {
        var r = Reason(reason, "滞納整理事案の終了には理由を入力してください。");
        var s = State;
        if (s.IsClosed) throw new DomainException("case.already_closed", $"滞納整理事案 {Id} は既に終了しています。");
        Append(CaseEventKind.Closed, null, r, by);
    }

    /// <summary>Reopens a closed case. A reason is required.</summary>
    public void Reopen(string reason, CaseStamp by)
    {
        var r = Reason(reason, "滞納整理事案の再開には理由を入力してください。");
        var s = State;
        if (!s.IsClosed) throw new DomainException("case.not_closed", $"滞納整理事案 {Id} は終了していません。");
        Append(CaseEventKind.Reopened, null, r, by);
    }

    private void EnsureOpen(CaseState s)
    {
        if (s.IsClosed)
            throw new DomainException("case.closed", $"滞納整理事案 {Id} は終了しています。再開してから操作してください。");
    }

    private static string HoldReason(string reason) => Reason(reason, "一斉催告停止の設定・解除には理由を入力してください。");

    private static string Reason(string? reason, string requiredMessage)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("case.reason_required", requiredMessage);
        var r = reason.Trim();
        if (r.Length > ReasonMaxLength)
            throw new DomainException("case.reason_too_long", $"理由は{ReasonMaxLength}文字以内で入力してください。");
        return r;
    }

    private void Append(CaseEventKind kind, long? officerAccountId, string? reason, CaseStamp by) =>
        Append(new CaseEvent(kind, officerAccountId, reason, by));

    private void Append(CaseEvent e)
    {
        _events.Add(e);
        var s = State;
        (OfficerAccountId, DemandRunHold, DemandRunHoldReason, OpenedOn, ClosedOn, UpdatedAtUtc, UpdatedBy) =
            (s.OfficerAccountId, s.DemandRunHold, s.DemandRunHoldReason, s.OpenedOn, s.ClosedOn, s.UpdatedAtUtc, s.UpdatedBy);
    }
}

/// <summary>A case's state as the fold of its events (or as its projection columns, to compare the two).</summary>
public sealed record CaseState(
    long? OfficerAccountId, bool DemandRunHold, string? DemandRunHoldReason, DateOnly OpenedOn, DateOnly? ClosedOn, DateTime UpdatedAtUtc, string UpdatedBy)
{
    public bool IsClosed => ClosedOn is not null;

    /// <summary>
    /// Folds a case's events, oldest first: <see cref="CaseEventKind.Opened"/> must come first. The hold's reason is that
    /// of the last setting or clearing; the last event gives when and by whom the case was last changed.
    /// </summary>
    public static CaseState Fold(IEnumerable<CaseEvent> events)
    {
        var ordered = Ordered(events);
        if (ordered.Count == 0 || ordered[0].Kind != CaseEventKind.Opened)
            throw new InvalidOperationException("A case's events must be loaded and begin with Opened.");
        var s = new CaseState(null, false, null, ordered[0].On, null, ordered[0].RecordedAtUtc, ordered[0].ActorName);
        foreach (var e in ordered.Skip(1))
        {
            s = e.Kind switch
            {
                CaseEventKind.OfficerAssigned => s with { OfficerAccountId = e.OfficerAccountId },
                CaseEventKind.DemandRunHoldSet => s with { DemandRunHold = true, DemandRunHoldReason = e.Reason },
                CaseEventKind.DemandRunHoldCleared => s with { DemandRunHold = false, DemandRunHoldReason = e.Reason },
                CaseEventKind.Closed => s with { ClosedOn = e.On },
                CaseEventKind.Reopened => s with { ClosedOn = null },
                // 付箋 and 注意対象者 are folded by CaseFlags; they change only who touched the case last.
                CaseEventKind.FlagAdded or CaseEventKind.FlagRemoved or CaseEventKind.CautionSet or CaseEventKind.CautionCleared => s,
                // 承継・連帯納税義務・第二次納税義務 are folded from the liabilities table; they change only who touched the case last.
                _ when CollectionCase.IsLiabilityEvent(e.Kind) && Enum.IsDefined(e.Kind) => s,
                // 差押 and 交付要求・滞納処分費・破産・公売・配当 are folded from the enforcement tables; they change only who touched the case last.
                _ when CollectionCase.IsEnforcementEvent(e.Kind) && Enum.IsDefined(e.Kind) => s,
                _ => throw new InvalidOperationException($"Unknown case event kind {(short)e.Kind}."),
            };
            s = s with { UpdatedAtUtc = e.RecordedAtUtc, UpdatedBy = e.ActorName };
        }
        return s;
    }

    /// <summary>Events in the order recorded: stored ones by id, then the ones not yet saved in the order appended.</summary>
    internal static IReadOnlyList<CaseEvent> Ordered(IEnumerable<CaseEvent> events) =>
        events.OrderBy(e => e.Id == 0 ? 1 : 0).ThenBy(e => e.Id).ToList();
}
