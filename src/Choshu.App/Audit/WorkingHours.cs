using System.Globalization;

namespace Choshu.App.Audit;

/// <summary>
/// The office's working hours in Japan time, "HH:mm-HH:mm" (setting <c>audit.working_hours</c>, default
/// 08:00-19:00): an instant is inside when Start ≤ time &lt; End on a working day.
/// </summary>
public sealed record WorkingHours(TimeOnly Start, TimeOnly End)
{
    public static readonly WorkingHours Default = new(new TimeOnly(8, 0), new TimeOnly(19, 0));

    public static bool TryParse(string? text, out WorkingHours hours)
    {
        hours = Default;
        var parts = text?.Split('-') ?? [];
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0].Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(parts[1].Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
            || end <= start)
            return false;
        hours = new WorkingHours(start, end);
        return true;
    }

    public bool Contains(TimeOnly time) => time >= Start && time < End;

    public override string ToString() =>
        $"{Start.ToString("HH:mm", CultureInfo.InvariantCulture)}-{End.ToString("HH:mm", CultureInfo.InvariantCulture)}";
}
