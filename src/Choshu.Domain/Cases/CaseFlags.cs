namespace Choshu.Domain.Cases;

/// <summary>付箋の色. Stored as numbers in <c>case_events.colour</c>: never renumber.</summary>
public enum FlagColour : short
{
    Red = 1,
    Yellow = 2,
    Green = 3,
    Blue = 4,
    Purple = 5,
}

/// <summary>A 付箋 showing on a case: the event that put it there, its colour, text, last day and who put it.</summary>
public sealed record CaseFlag(long EventId, FlagColour Colour, string Text, DateOnly AddedOn, DateOnly? EndsOn, string AddedBy);

/// <summary>注意対象者 as set: since when, by whom, why.</summary>
public sealed record CautionMark(DateOnly Since, string SetBy, string Reason);

/// <summary>The fold of a case's 付箋 and 注意対象者 events (pure; the case row keeps no projection of them).</summary>
public static class CaseFlags
{
    /// <summary>The flags showing on <paramref name="on"/>: added, not removed, and not past their last day; oldest first.</summary>
    public static IReadOnlyList<CaseFlag> Showing(IEnumerable<CaseEvent> events, DateOnly on)
    {
        var ordered = CaseState.Ordered(events);
        var removed = ordered.Where(e => e.Kind == CaseEventKind.FlagRemoved && e.RefersToEventId is not null)
            .Select(e => e.RefersToEventId!.Value).ToHashSet();
        return ordered
            .Where(e => e.Kind == CaseEventKind.FlagAdded && e.Id != 0 && !removed.Contains(e.Id) && (e.EndsOn is null || on <= e.EndsOn))
            .Select(e => new CaseFlag(e.Id, e.Colour ?? FlagColour.Yellow, e.Reason ?? "", e.On, e.EndsOn, e.ActorName))
            .ToList();
    }

    /// <summary>注意対象者 when the last setting or clearing was a setting; else null.</summary>
    public static CautionMark? Caution(IEnumerable<CaseEvent> events)
    {
        var last = CaseState.Ordered(events).LastOrDefault(e => e.Kind is CaseEventKind.CautionSet or CaseEventKind.CautionCleared);
        return last is { Kind: CaseEventKind.CautionSet } ? new CautionMark(last.On, last.ActorName, last.Reason ?? "") : null;
    }
}
