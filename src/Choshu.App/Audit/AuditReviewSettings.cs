using System.Globalization;
using Choshu.App.Settings;
using Choshu.Data;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Audit;

/// <summary>
/// The monthly review's thresholds, from the settings table (<c>choshu settings set</c>; defaults in
/// <see cref="AppSettings.Keys"/>): the working hours, and how many distinct taxpayers one user may
/// look up in one Japan day before the review lists it.
/// </summary>
public sealed record AuditReviewSettings(WorkingHours WorkingHours, int DailyTaxpayerThreshold)
{
    public const string WorkingHoursKey = "audit.working_hours";
    public const string DailyThresholdKey = "audit.daily_taxpayer_threshold";

    public static async Task<AuditReviewSettings> LoadAsync(ChoshuDbContext db, CancellationToken ct = default)
    {
        var keys = new[] { WorkingHoursKey, DailyThresholdKey };
        var stored = await db.Settings.AsNoTracking().Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        string Get(string key) => stored.TryGetValue(key, out var v) ? v : AppSettings.Keys.Single(k => k.Key == key).Default;
        WorkingHours.TryParse(Get(WorkingHoursKey), out var hours);
        var threshold = int.TryParse(Get(DailyThresholdKey), NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t >= 1 ? t : 100;
        return new AuditReviewSettings(hours, threshold);
    }
}
