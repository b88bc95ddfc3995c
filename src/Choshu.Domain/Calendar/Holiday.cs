namespace Choshu.Domain.Calendar;

/// <summary>A national holiday (国民の祝日, 振替休日 or 国民の休日) and its Japanese name.</summary>
public sealed record Holiday(DateOnly Date, string Name);
