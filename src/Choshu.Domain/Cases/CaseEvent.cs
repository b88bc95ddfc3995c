namespace Choshu.Domain.Cases;

/// <summary>
/// One append-only event on a delinquency case: what happened (<see cref="Kind"/>), on which Japan business day,
/// who did it and why. Made only by <see cref="CollectionCase"/>'s methods; never updated or deleted. The case's
/// officer, 一斉催告停止 and open/closed state are the fold of its events (<see cref="CaseState.Fold"/>).
/// </summary>
public sealed class CaseEvent
{
    private CaseEvent() { }

    internal CaseEvent(CaseEventKind kind, long? officerAccountId, string? reason, CaseStamp stamp,
        FlagColour? colour = null, DateOnly? endsOn = null, long? refersToEventId = null)
    {
        Colour = colour;
        EndsOn = endsOn;
        RefersToEventId = refersToEventId;
        Kind = kind;
        On = stamp.On;
        OfficerAccountId = officerAccountId;
        Reason = reason;
        ActorName = stamp.ActorName;
        ActorAccountId = stamp.ActorAccountId;
        RecordedAtUtc = stamp.RecordedAtUtc;
    }

    public long Id { get; private set; }
    public long CaseId { get; private set; }
    public CaseEventKind Kind { get; private set; }
    /// <summary>The Japan business day it happened.</summary>
    public DateOnly On { get; private set; }
    /// <summary>The officer in charge from this event on (<see cref="CaseEventKind.OfficerAssigned"/> only).</summary>
    public long? OfficerAccountId { get; private set; }
    public string? Reason { get; private set; }
    /// <summary>A staff number, or a system actor's name (<see cref="Security.SystemActor"/>).</summary>
    public string ActorName { get; private set; } = "";
    /// <summary>The acting staff account; null for a system actor (and for events made by a migration).</summary>
    public long? ActorAccountId { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
    /// <summary>付箋の色 (<see cref="CaseEventKind.FlagAdded"/> only).</summary>
    public FlagColour? Colour { get; private set; }
    /// <summary>付箋の期限: the last day the flag shows (<see cref="CaseEventKind.FlagAdded"/> only; null: until removed).</summary>
    public DateOnly? EndsOn { get; private set; }
    /// <summary>The event this one undoes (<see cref="CaseEventKind.FlagRemoved"/>: the flag's <see cref="CaseEventKind.FlagAdded"/>).</summary>
    public long? RefersToEventId { get; private set; }
}

/// <summary>Who makes a change to a case and when: the Japan business day and the UTC instant it is recorded.</summary>
public sealed record CaseStamp(string ActorName, long? ActorAccountId, DateOnly On, DateTime RecordedAtUtc)
{
    public string ActorName { get; } = string.IsNullOrWhiteSpace(ActorName) ? throw new ArgumentException("An actor is required.", nameof(ActorName)) : ActorName;
}

/// <summary>A staff member named as officer in charge: the account and the staff number (for messages).</summary>
public sealed record CaseOfficer(long AccountId, string StaffNo);
