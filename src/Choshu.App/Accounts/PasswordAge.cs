using System.Globalization;
using Choshu.App.Settings;
using Choshu.Data;
using Choshu.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Accounts;

/// <summary>
/// The maximum age of a password (seed III-3 リスク2: 「定期的にパスワードの再設定を行っている」).
/// Setting <c>accounts.password_max_age_days</c> = N (default 365, 0 = no maximum): a password may be
/// used for N days counting the Japan date it was set (<see cref="Data.Security.StaffAccount.PasswordChangedAtUtc"/>);
/// from the N-th day after that date on, sign-in answers <see cref="SignInOutcome.PasswordChangeRequired"/>
/// and only the person's own change of password (<see cref="StaffSignIn.ChangePasswordAsync"/>) is open.
/// Set on 2026-01-10 with N = 365: usable through 2027-01-09, a change is owed from 2027-01-10 (JST).
/// Dates are judged on the injected clock in Japan time, like the validity of rights.
/// </summary>
public static class PasswordAge
{
    public const string SettingKey = "accounts.password_max_age_days";

    /// <summary>The maximum age in days (the setting, else its default); 0 means passwords never age out.</summary>
    public static async Task<int> MaxAgeDaysAsync(ChoshuDbContext db, CancellationToken ct = default)
    {
        var stored = await db.Settings.AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value).SingleOrDefaultAsync(ct);
        return int.Parse(stored ?? AppSettings.Keys.Single(k => k.Key == SettingKey).Default, CultureInfo.InvariantCulture);
    }

    /// <summary>The Japan date of <paramref name="changedAtUtc"/> (the day the password was set).</summary>
    public static DateOnly ChangedOn(DateTime changedAtUtc) =>
        DateOnly.FromDateTime(new DateTimeOffset(DateTime.SpecifyKind(changedAtUtc, DateTimeKind.Utc)).ToOffset(JapanTime.Offset).DateTime);

    /// <summary>The first Japan date on which the password must be changed: the day it was set + <paramref name="maxAgeDays"/>; null when 0 (no maximum).</summary>
    public static DateOnly? ChangeOwedFrom(DateTime changedAtUtc, int maxAgeDays) =>
        maxAgeDays <= 0 ? null : ChangedOn(changedAtUtc).AddDays(maxAgeDays);

    /// <summary>Whether on <paramref name="today"/> (a Japan date) the password is past its maximum age.</summary>
    public static bool IsPastMaxAge(DateTime changedAtUtc, int maxAgeDays, DateOnly today) =>
        ChangeOwedFrom(changedAtUtc, maxAgeDays) is { } from && today >= from;

    /// <summary>The reason given and audited when sign-in asks for a change: 「パスワードの有効期間（365日）が過ぎています」.</summary>
    public static string Reason(int maxAgeDays) => $"パスワードの有効期間（{maxAgeDays}日）が過ぎています";
}
