using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Security;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;
using Choshu.Domain.Labels;

namespace Choshu.App.Accounts;

/// <summary>One right as the review shows it, with its state on the review date.</summary>
public sealed record ReviewedGrant(
    long GrantId, Role Role, string RoleName, DateOnly ValidFrom, DateOnly? ValidTo,
    string State, // active, future, lapsed (past valid-to) or revoked, on the review date

    string GrantedBy, DateTime GrantedAtUtc, DateTime? RevokedAtUtc, string? RevokedBy, string? RevokeReason);

/// <summary>One user ID as the review shows it.</summary>
public sealed record ReviewedAccount(
    string StaffNo, string FullName, string DepartmentCode, string SectionCode,
    DateOnly ValidFrom, DateOnly? ValidTo, Standing Standing, bool TotpEnrolled, bool MustChangePassword, bool LockedOut,
    DateTime CreatedAtUtc, DateTime? LastLoginAtUtc,
    DateOnly LastUsedOn, // Japan date of the last sign-in, or of the creation when never signed in
    int DaysUnused, // days from LastUsedOn to the review date

    bool Unused, bool AccountPastValidTo, IReadOnlyList<ReviewedGrant> Grants,
    DateTime PasswordChangedAtUtc, // when the password was last set or changed
    DateOnly PasswordChangedOn, // its Japan date
    bool PasswordPastMaxAge) // on the review date, older than accounts.password_max_age_days (the ID still valid)
{
    public IEnumerable<ReviewedGrant> GrantsPastValidTo => Grants.Where(g => g.State == GrantStates.Lapsed);
}

/// <summary>The yearly review of every user ID and right (棚卸し), as of one date. <paramref name="PasswordMaxAgeDays"/>: the setting <c>accounts.password_max_age_days</c> (0 = no maximum).</summary>
public sealed record AccountReviewReport(DateOnly AsOf, int UnusedDays, IReadOnlyList<ReviewedAccount> Accounts, int PasswordMaxAgeDays = 0)
{
    /// <summary>IDs still valid on the review date but not used for <see cref="UnusedDays"/> days or more.</summary>
    public IReadOnlyList<ReviewedAccount> Unused => Accounts.Where(a => a.Unused).ToList();
    /// <summary>Rights whose valid-to is before the review date (they no longer work; confirm them against the personnel records).</summary>
    public IReadOnlyList<(ReviewedAccount Account, ReviewedGrant Grant)> GrantsPastValidTo =>
        Accounts.SelectMany(a => a.GrantsPastValidTo.Select(g => (a, g))).ToList();
    /// <summary>IDs whose own valid-to is before the review date.</summary>
    public IReadOnlyList<ReviewedAccount> AccountsPastValidTo => Accounts.Where(a => a.AccountPastValidTo).ToList();
    /// <summary>IDs still valid on the review date whose password is past its maximum age (their next sign-in asks for a change).</summary>
    public IReadOnlyList<ReviewedAccount> PasswordsPastMaxAge => Accounts.Where(a => a.PasswordPastMaxAge).ToList();
}

public static class GrantStates
{
    public const string Active = "active";
    public const string Future = "future";
    public const string Lapsed = "lapsed";
    public const string Revoked = "revoked";

    public static string Of(RoleGrant g, DateOnly day) =>
        g.RevokedAtUtc is not null ? Revoked
        : g.ValidTo is { } to && to < day ? Lapsed
        : g.ValidFrom > day ? Future
        : Active;

    public static string Japanese(string state) => state switch
    {
        Active => "有効",
        Future => "開始前",
        Lapsed => "期限切れ",
        Revoked => "取消済",
        _ => state,
    };
}

/// <summary>
/// The list of user IDs and the yearly review (棚卸し, seed III-3 リスク2 「年1回の棚卸し」): every ID with
/// its 課・係, rights and their dates, last sign-in, the date of the password; IDs unused for 90 days;
/// rights past their valid-to; IDs past their valid-to; passwords past their maximum age
/// (<see cref="PasswordAge"/>). The review demands <see cref="Permission.ManageAccounts"/> and
/// is recorded (audit 6004).
/// </summary>
public sealed class AccountReview(ChoshuDbContext db, TimeProvider clock)
{
    /// <summary>Every account as of <paramref name="asOf"/>, ordered by staff number.</summary>
    public async Task<AccountReviewReport> ListAsync(DateOnly asOf, CancellationToken ct = default)
    {
        var accounts = await db.StaffAccounts.AsNoTracking().OrderBy(a => a.StaffNo).ToListAsync(ct);
        var grants = (await db.RoleGrants.AsNoTracking().ToListAsync(ct))
            .GroupBy(g => g.AccountId).ToDictionary(g => g.Key, g => g.OrderBy(x => x.ValidFrom).ThenBy(x => x.Id).ToList());
        var now = clock.GetUtcNow();
        var maxAge = await PasswordAge.MaxAgeDaysAsync(db, ct);
        var rows = accounts.Select(a =>
        {
            var mine = grants.GetValueOrDefault(a.Id) ?? [];
            var lastUsed = JapanDate(a.LastLoginAtUtc ?? a.CreatedAtUtc);
            var days = asOf.DayNumber - lastUsed.DayNumber;
            var pastValidTo = a.ValidTo is { } to && to < asOf;
            return new ReviewedAccount(
                a.StaffNo, a.FullName, a.DepartmentCode, a.SectionCode, a.ValidFrom, a.ValidTo,
                AccountStanding.Of(a, mine, asOf), a.TotpEnrolledAtUtc is not null, a.MustChangePassword,
                a.LockoutEnabled && a.LockoutEnd is { } end && end > now,
                a.CreatedAtUtc, a.LastLoginAtUtc, lastUsed, days,
                Unused: !pastValidTo && days >= AccountPolicy.UnusedDays,
                AccountPastValidTo: pastValidTo,
                mine.Select(g => new ReviewedGrant(g.Id, g.Role, JapaneseLabels.Of(g.Role), g.ValidFrom, g.ValidTo, GrantStates.Of(g, asOf),
                    g.GrantedBy, g.GrantedAtUtc, g.RevokedAtUtc, g.RevokedBy, g.RevokeReason)).ToList(),
                a.PasswordChangedAtUtc, PasswordAge.ChangedOn(a.PasswordChangedAtUtc),
                PasswordPastMaxAge: !pastValidTo && PasswordAge.IsPastMaxAge(a.PasswordChangedAtUtc, maxAge, asOf));
        }).ToList();
        return new AccountReviewReport(asOf, AccountPolicy.UnusedDays, rows, maxAge);
    }

    /// <summary>The yearly review: <see cref="ListAsync"/> for the actor entitled to it, recorded in the audit log.</summary>
    public async Task<AccountReviewReport> ReviewAsync(DateOnly asOf, Actor actor, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.ManageAccounts, clock, what: "利用者IDの棚卸し", ct: ct);
        var report = await ListAsync(asOf, ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.AccountsReviewed, AuditOutcome.Succeeded,
            Detail: $"基準日 {asOf:yyyy-MM-dd}: 利用者ID {report.Accounts.Count} 件、{AccountPolicy.UnusedDays} 日以上未使用 {report.Unused.Count} 件、"
                + $"期限切れの権限 {report.GrantsPastValidTo.Count} 件、有効期間終了の利用者ID {report.AccountsPastValidTo.Count} 件、"
                + $"有効期間（{(report.PasswordMaxAgeDays == 0 ? "期限なし" : $"{report.PasswordMaxAgeDays}日")}）を過ぎたパスワード {report.PasswordsPastMaxAge.Count} 件"), clock, ct);
        return report;
    }

    private static DateOnly JapanDate(DateTime utc) =>
        DateOnly.FromDateTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(JapanTime.Offset).DateTime);
}
