using Choshu.Domain;
using Choshu.Domain.Calendar;

namespace Choshu.App.Slips;

/// <summary>
/// 支払期限 of a reissued slip: the issue day plus the configured number of days (setting
/// <c>slip.valid_days</c>), moved past Saturdays, Sundays, holidays and 29 Dec–3 Jan with the one
/// due-date rule (<see cref="HolidayCalendar.EffectiveDueDate"/>), so a slip never expires on a day
/// the taxpayer could not pay at a bank.
/// </summary>
public static class SlipDeadline
{
    public static DateOnly For(DateOnly issuedOn, int validDays, HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (validDays < 1)
            throw new DomainException("slip.valid_days_invalid", $"納付書の有効日数は1日以上でなければなりません（{validDays}日です）。");
        return calendar.EffectiveDueDate(issuedOn.AddDays(validDays));
    }
}
