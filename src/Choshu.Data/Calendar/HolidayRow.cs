namespace Choshu.Data.Calendar;

/// <summary>A national holiday (国民の祝日・振替休日・国民の休日); extendable by an administrator.</summary>
public sealed class HolidayRow
{
    public DateOnly Date { get; set; }
    public string Name { get; set; } = "";
    /// <summary>"bundled" for the data shipped with Choshu, otherwise who added it.</summary>
    public string Source { get; set; } = "";
}
