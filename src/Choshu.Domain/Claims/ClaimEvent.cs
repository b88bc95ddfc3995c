namespace Choshu.Domain.Claims;

/// <summary>
/// One append-only event on a claim (one installment): what the law attaches an effect to, with its dates, who
/// recorded it and why. Nothing is updated or deleted: an event recorded in error is withdrawn by a
/// <see cref="ClaimEventKind.Withdrawal"/>, and an open period that ends (a seizure released, a stay cancelled, a
/// deferment ended) is recorded as a new event of the same kind with both dates that reverses the open one.
/// Read by <see cref="Ledger.ClaimLimitation"/> (lapse day) and <see cref="ClaimStatus"/> (the one status).
/// </summary>
public sealed class ClaimEvent
{
    private ClaimEvent() { }

    public long Id { get; private set; }
    public long InstallmentId { get; private set; }
    public ClaimEventKind Kind { get; private set; }
    /// <summary>The legal date: dispatched, sent, signed, made, begun.</summary>
    public DateOnly On { get; private set; }
    /// <summary>The last day of a period (a notice's 納期限, a deferment's last day, the day a seizure or claim for
    /// distribution ended, the day a stay was cancelled); null while open.</summary>
    public DateOnly? EndsOn { get; private set; }
    /// <summary>The day a letter arrived (催告), when its delivery proves it.</summary>
    public DateOnly? ArrivedOn { get; private set; }
    public DeliveryMethod? Delivery { get; private set; }
    /// <summary>The kind-specific ground: <see cref="DefermentKind"/>, <see cref="StayGround"/> or <see cref="WriteOffGround"/>.</summary>
    public short? Ground { get; private set; }
    /// <summary>The kind-specific reason code: for a <see cref="ClaimEventKind.Deferment"/> the <see cref="Claims.DefermentReason"/>
    /// (it decides the late-fee relief: a deferment without one is relieved as one for a business, halved and capped;
    /// <c>choshu deferment add</c> always records one); null otherwise.</summary>
    public short? ReasonCode { get; private set; }
    /// <summary>The event this one withdraws or replaces.</summary>
    public long? ReversesEventId { get; private set; }
    /// <summary>The issued document (letter) that carried the event, when the system printed it.</summary>
    public long? DocumentId { get; private set; }
    public string? Reason { get; private set; }
    /// <summary>A staff number, or a system actor name.</summary>
    public string Actor { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }
    /// <summary>Unique when present: the same event recorded twice (a rerun) is refused by the store.</summary>
    public string? IdempotencyKey { get; private set; }

    public DefermentKind? DefermentKind => Kind == ClaimEventKind.Deferment && Ground is { } g ? (DefermentKind)g : null;
    public StayGround? StayGround => Kind == ClaimEventKind.Stay && Ground is { } g ? (StayGround)g : null;
    public WriteOffGround? WriteOffGround => Kind == ClaimEventKind.WriteOff && Ground is { } g ? (WriteOffGround)g : null;
    public DefermentReason? DefermentReason => Kind == ClaimEventKind.Deferment && ReasonCode is { } r ? (DefermentReason)r : null;
    public AcknowledgementForm? AcknowledgementForm => Kind == ClaimEventKind.Acknowledgement && Ground is { } g ? (AcknowledgementForm)g : null;

    /// <summary>Makes an event after checking that its fields fit its kind; throws a <see cref="DomainException"/> otherwise.</summary>
    public static ClaimEvent Create(long installmentId, ClaimEventKind kind, DateOnly on, string actor, DateTime recordedAtUtc,
        DateOnly? endsOn = null, DateOnly? arrivedOn = null, DeliveryMethod? delivery = null, short? ground = null,
        long? reversesEventId = null, string? reason = null, long? documentId = null, string? idempotencyKey = null, short? reasonCode = null)
    {
        if (!Enum.IsDefined(kind))
            throw new DomainException("claim_event.kind_invalid", $"事績の種類 {(short)kind} は定義されていません。");
        if (endsOn is { } e && e < on)
            throw new DomainException("claim_event.period_invalid", $"終了日 {e:yyyy-MM-dd} が開始日 {on:yyyy-MM-dd} より前です。");
        if (arrivedOn is { } a && a < on)
            throw new DomainException("claim_event.arrival_invalid", $"到達日 {a:yyyy-MM-dd} が発送日 {on:yyyy-MM-dd} より前です。");
        switch (kind)
        {
            case ClaimEventKind.Notice when endsOn is null:
                throw new DomainException("claim_event.notice_due_required", "告知には納期限（終了日）が必要です。");
            case ClaimEventKind.Deferment when ground is null || !Enum.IsDefined((DefermentKind)ground.Value):
                throw new DomainException("claim_event.deferment_kind_required", "猶予には種類（徴収猶予・換価の猶予）が必要です。");
            case ClaimEventKind.Stay when ground is null || !Enum.IsDefined((StayGround)ground.Value):
                throw new DomainException("claim_event.stay_ground_required", "執行停止には事由（地方税法15条の7第1項1号〜3号）が必要です。");
            case ClaimEventKind.WriteOff when ground is null || !Enum.IsDefined((WriteOffGround)ground.Value):
                throw new DomainException("claim_event.writeoff_ground_required", "不納欠損には根拠（時効・執行停止3年・即時消滅）が必要です。");
            case ClaimEventKind.Acknowledgement when ground is { } f && !Enum.IsDefined((AcknowledgementForm)f):
                throw new DomainException("claim_event.acknowledgement_form_invalid", $"承認の形 {f} は定義されていません。");
            case ClaimEventKind.Withdrawal when reversesEventId is null:
                throw new DomainException("claim_event.withdrawal_target_required", "取消には取り消す事績の指定が必要です。");
            case ClaimEventKind.Withdrawal or ClaimEventKind.WriteOff or ClaimEventKind.ImmediateExtinction when string.IsNullOrWhiteSpace(reason):
                throw new DomainException("claim_event.reason_required", "この事績には理由の入力が必要です。");
        }
        if (reasonCode is not null && kind != ClaimEventKind.Deferment)
            throw new DomainException("claim_event.reason_code_invalid", "事由コードは猶予にだけ記録します。");
        if (reasonCode is { } rc && !Enum.IsDefined((DefermentReason)rc))
            throw new DomainException("claim_event.deferment_reason_invalid", $"猶予の事由 {rc} は定義されていません。");
        if (delivery is { } d && !Enum.IsDefined(d))
            throw new DomainException("claim_event.delivery_invalid", $"送達方法 {(short)d} は定義されていません。");
        return new ClaimEvent
        {
            InstallmentId = installmentId, Kind = kind, On = on, EndsOn = endsOn, ArrivedOn = arrivedOn, Delivery = delivery, Ground = ground,
            ReversesEventId = reversesEventId, Reason = reason?.Trim(), Actor = actor, RecordedAtUtc = recordedAtUtc, DocumentId = documentId,
            IdempotencyKey = idempotencyKey, ReasonCode = reasonCode,
        };
    }

    /// <summary>An event for the pure rules and tests (no installment, no store id needed; <paramref name="id"/> orders and links).</summary>
    public static ClaimEvent Of(long id, ClaimEventKind kind, DateOnly on, DateOnly? endsOn = null, DateOnly? arrivedOn = null,
        DeliveryMethod? delivery = null, short? ground = null, long? reversesEventId = null, short? reasonCode = null)
    {
        var e = Create(0, kind, on, "rule", DateTime.UnixEpoch, endsOn, arrivedOn, delivery, ground, reversesEventId,
            kind is ClaimEventKind.Withdrawal or ClaimEventKind.WriteOff or ClaimEventKind.ImmediateExtinction ? "—" : null, reasonCode: reasonCode);
        e.Id = id;
        return e;
    }

    /// <summary>
    /// Gives a bulk-written event the id reserved for it (<c>IBulkWriter.ReserveIdsAsync</c>); refuses an event that has one.
    /// </summary>
    public void AssignId(long id)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id);
        if (Id != 0) throw new InvalidOperationException($"Claim event {Id} already has its id.");
        Id = id;
    }

    /// <summary>
    /// The events still in force: every event not withdrawn or replaced by a later record in force (<see cref="ReversesEventId"/>),
    /// and not a <see cref="ClaimEventKind.Withdrawal"/> itself. A reversal that is itself withdrawn reverses nothing (a
    /// withdrawn end of a seizure leaves the seizure open again). Ordered by date, then id.
    /// </summary>
    public static IReadOnlyList<ClaimEvent> InForce(IEnumerable<ClaimEvent> events)
    {
        var list = events as IReadOnlyCollection<ClaimEvent> ?? events.ToList();
        // A reversal always comes after what it reverses: from the newest (an unsaved one, id 0, is the newest), each
        // record not reversed itself reverses its target.
        var reversed = new HashSet<long>();
        foreach (var e in list.OrderByDescending(e => e.Id == 0 ? long.MaxValue : e.Id))
            if (e.ReversesEventId is { } target && (e.Id == 0 || !reversed.Contains(e.Id))) reversed.Add(target);
        return list.Where(e => e.Kind != ClaimEventKind.Withdrawal && !reversed.Contains(e.Id))
            .OrderBy(e => e.On).ThenBy(e => e.Id).ToList();
    }
}
