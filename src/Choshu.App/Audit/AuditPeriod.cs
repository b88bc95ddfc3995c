using System.Globalization;
using Choshu.Domain;
using Choshu.Domain.Calendar;

namespace Choshu.App.Audit;

/// <summary>A span of Japan business dates, First..Last inclusive, and the UTC instants [FromUtc, ToUtc) it covers.</summary>
public sealed record AuditPeriod(DateOnly First, DateOnly Last)
{
    public DateTime FromUtc => StartOfJapanDayUtc(First);
    public DateTime ToUtc => StartOfJapanDayUtc(Last.AddDays(1));

    /// <summary>"2026-11" → 2026-11-01..2026-11-30.</summary>
    public static AuditPeriod Month(string yearMonth)
    {
        if (!DateOnly.TryParseExact(yearMonth.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            throw new DomainException("audit.month_invalid", $"月「{yearMonth}」は YYYY-MM の形で指定してください（例: 2026-11）。");
        if (!Domain.Calendar.DateBounds.Contains(first))
            throw new DomainException("audit.month_invalid", Domain.Calendar.DateBounds.MonthMessage);
        return new AuditPeriod(first, first.AddMonths(1).AddDays(-1));
    }

    public static DateTime StartOfJapanDayUtc(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), JapanTime.Offset).UtcDateTime;

    /// <summary>The Japan date and time of a UTC instant.</summary>
    public static DateTime ToJapan(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(JapanTime.Offset).DateTime;

    public string Label => First.Day == 1 && Last == First.AddMonths(1).AddDays(-1)
        ? First.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : $"{First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}..{Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
