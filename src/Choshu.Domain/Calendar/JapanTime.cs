namespace Choshu.Domain.Calendar;

/// <summary>
/// Japan Standard Time from an injected clock. Japan is UTC+9 all year (no daylight saving),
/// so this is plain arithmetic and does not depend on the host's time-zone database.
/// </summary>
public static class JapanTime
{
    /// <summary>The offset of Japan Standard Time from UTC.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    /// <summary>The current instant, expressed at +09:00.</summary>
    public static DateTimeOffset Now(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.GetUtcNow().ToOffset(Offset);
    }

    /// <summary>Today's business date in Japan.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Now(clock).DateTime);
}
