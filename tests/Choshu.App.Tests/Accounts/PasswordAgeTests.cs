using Choshu.App.Accounts;
using Choshu.App.Settings;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Choshu.App.Tests.Accounts;

/// <summary>
/// Passwords are renewed periodically (seed III-3 リスク2 「定期的にパスワードの再設定を行っている」): setting
/// <c>accounts.password_max_age_days</c> (default 365, 0 = never). A password set on 2026-01-10 (JST)
/// may be used through 2027-01-09; from 2027-01-10 sign-in answers PasswordChangeRequired until the
/// person changes it to a different one. Staff numbers 4xxxx are made up.
/// </summary>
public sealed class PasswordAgeTests
{
    private static readonly DateOnly Jan1 = new(2026, 1, 1);

    /// <summary>2026-01-05 09:00 JST: the administrator creates the account.</summary>
    private static readonly DateTimeOffset Created = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>2026-01-10 10:00:00 JST (01:00:00 UTC): the person enrolls and sets their own password.</summary>
    private static readonly DateTimeOffset Enrolled = new(2026, 1, 10, 1, 0, 0, TimeSpan.Zero);

    /// <summary>2027-01-09 23:59:30 JST: the last day the password may be used (365 days counting 2026-01-10).</summary>
    private static readonly DateTimeOffset LastDay = new(2027, 1, 9, 14, 59, 30, TimeSpan.Zero);

    /// <summary>2027-01-10 00:00:30 JST (2027-01-09 15:00:30 UTC): the first day a change is owed.</summary>
    private static readonly DateTimeOffset OwedDay = new(2027, 1, 9, 15, 0, 30, TimeSpan.Zero);

    private const string NewPassword = "copper lantern behind the mill";

    /// <summary>With the clock at <see cref="Created"/>: creates the account, enrolls it on 2026-01-10 with the person's own password; the clock ends 30 s later.</summary>
    private static async Task<EnrolledPerson> CreatedThenEnrolledAsync(AccountsHarness h, string staffNo)
    {
        var created = await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>()
            .CreateAsync(new NewAccount(staffNo, "佐藤 健", "NZ01", "SY02", Jan1), AccountsHarness.Admin));
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().GrantAsync(staffNo, Role.CollectionClerk, Jan1, null, AccountsHarness.Admin));
        Assert.Equal(Created.UtcDateTime, (await h.AccountAsync(staffNo)).PasswordChangedAtUtc); // the initial password

        h.At(Enrolled);
        var start = await h.RunAsync(sp => sp.GetRequiredService<TotpEnrollment>().BeginAsync(staffNo, created.InitialPassword, AccountsHarness.Terminal));
        var key = start.SharedKey!.Replace(" ", "", StringComparison.Ordinal);
        const string password = "blue kettle over the river";
        var confirmed = await h.RunAsync(sp => sp.GetRequiredService<TotpEnrollment>()
            .ConfirmAsync(staffNo, created.InitialPassword, AccountsHarness.Code(key, Enrolled), password, AccountsHarness.Terminal));
        Assert.Equal(EnrollmentOutcome.Enrolled, confirmed.Outcome);
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        return new EnrolledPerson(created.AccountId, staffNo, password, key, confirmed.RecoveryCodes);
    }

    private static Task SetMaxAgeAsync(AccountsHarness h, string days) =>
        h.RunAsync(sp => AppSettings.SetAsync(sp.GetRequiredService<ChoshuDbContext>(), PasswordAge.SettingKey, days, "tester", h.Clock.GetUtcNow().UtcDateTime));

    private static Task<PasswordChangeResult> ChangeAsync(AccountsHarness h, EnrolledPerson p, string current, string next) =>
        h.RunAsync(sp => sp.GetRequiredService<StaffSignIn>()
            .ChangePasswordAsync(p.StaffNo, current, next, p.CodeAt(h.Clock.GetUtcNow()), AccountsHarness.Terminal));

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task SignIn_PasswordSetJan10MaxAge365_Jan9SucceedsJan10JstChangeRequired(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider, Created);
        var p = await CreatedThenEnrolledAsync(h, "40101");
        var datedAtEnrollment = (await h.AccountAsync("40101")).PasswordChangedAtUtc;

        h.At(LastDay);
        var lastDay = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(LastDay));
        h.At(OwedDay);
        var owed = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(OwedDay));

        Assert.Equal(new DateTime(2026, 1, 10, 1, 0, 0), datedAtEnrollment); // enrollment replaced the 2026-01-05 initial password
        Assert.Equal(SignInOutcome.Succeeded, lastDay.Outcome);
        Assert.Equal(SignInOutcome.PasswordChangeRequired, owed.Outcome);
        Assert.Equal("パスワードの有効期間（365日）が過ぎています。パスワードを変更してからログインしてください。", owed.Message);
        Assert.Null(owed.SessionToken);
        Assert.Equal(p.AccountId, owed.AccountId);
        var refusal = (await h.AuditAsync()).Last();
        Assert.Equal((AuditEventKind.LoginFailed, AuditOutcome.Denied, p.AccountId, "40101"), (refusal.Kind, refusal.Outcome, refusal.AccountId, refusal.ActorName));
        Assert.Equal("パスワードの有効期間（365日）が過ぎています（最終変更 2026-01-10、変更が必要）", refusal.Detail);
        Assert.Equal("2027-01-10T00:00:30.000000+09:00", refusal.OccurredAtJst);
        await using var db = h.Store.Open();
        Assert.Equal(1, await db.StaffSessions.CountAsync()); // only the 2027-01-09 sign-in opened one
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task ChangePassword_AfterMaxAge_DatedThatDayAndSignInSucceeds(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider, Created);
        var p = await CreatedThenEnrolledAsync(h, "40102");
        h.At(OwedDay);
        var owed = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(OwedDay));

        var changedAt = OwedDay.AddSeconds(30); // 2027-01-10 00:01:00 JST
        h.At(changedAt);
        var changed = await ChangeAsync(h, p, p.Password, NewPassword);
        var account = await h.AccountAsync("40102");
        h.At(changedAt.AddSeconds(30));
        var withNew = await h.SignInAsync(p.StaffNo, NewPassword, p.CodeAt(h.Clock.GetUtcNow()));
        h.At(changedAt.AddSeconds(60));
        var withOld = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()));

        Assert.Equal(SignInOutcome.PasswordChangeRequired, owed.Outcome);
        Assert.Equal(PasswordChangeOutcome.Succeeded, changed.Outcome);
        Assert.Equal(new DateTime(2027, 1, 9, 15, 1, 0), account.PasswordChangedAtUtc);
        Assert.Equal(SignInOutcome.Succeeded, withNew.Outcome);
        Assert.Equal(SignInOutcome.Failed, withOld.Outcome);
        Assert.Equal(new DateOnly(2028, 1, 10), PasswordAge.ChangeOwedFrom(account.PasswordChangedAtUtc, 365)); // the next change
        Assert.Single(await h.AuditAsync(), e => e.Kind == AuditEventKind.PasswordChanged && e.Detail!.StartsWith("本人が変更（終了したセッション", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task SignIn_MaxAgeZero_NoChangeAskedTenYearsLater(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider, Created);
        var p = await CreatedThenEnrolledAsync(h, "40103");
        await SetMaxAgeAsync(h, "0");
        var tenYears = new DateTimeOffset(2036, 1, 10, 1, 0, 0, TimeSpan.Zero); // 2036-01-10 10:00 JST
        h.At(tenYears);
        var never = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(tenYears));
        var reviewWithZero = await h.RunAsync(sp => sp.GetRequiredService<AccountReview>().ListAsync(new DateOnly(2036, 1, 10)));

        // 3650 days counting 2026-01-10 end on 2036-01-07 (2028 and 2032 have 29 February): a change is owed from 2036-01-08.
        await SetMaxAgeAsync(h, "3650");
        h.At(tenYears.AddSeconds(30));
        var withMaximum = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()));

        Assert.Equal(SignInOutcome.Succeeded, never.Outcome);
        Assert.Equal(0, reviewWithZero.PasswordMaxAgeDays);
        Assert.Empty(reviewWithZero.PasswordsPastMaxAge);
        Assert.Equal(SignInOutcome.PasswordChangeRequired, withMaximum.Outcome);
        Assert.Equal(new DateOnly(2036, 1, 8), PasswordAge.ChangeOwedFrom(Enrolled.UtcDateTime, 3650));
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task ChangePassword_SamePasswordAgain_RefusedNothingChanged(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider, Created);
        var p = await CreatedThenEnrolledAsync(h, "40104");
        var before = await h.AccountAsync("40104");
        h.At(OwedDay);

        var same = await ChangeAsync(h, p, p.Password, p.Password);
        h.At(OwedDay.AddSeconds(30));
        var still = await h.SignInAsync(p.StaffNo, p.Password, p.CodeAt(h.Clock.GetUtcNow()));

        Assert.Equal(PasswordChangeOutcome.Refused, same.Outcome);
        Assert.Equal(["新しいパスワードは現在のものと別にしてください。"], same.Errors);
        var after = await h.AccountAsync("40104");
        Assert.Equal((before.PasswordHash, before.PasswordChangedAtUtc), (after.PasswordHash, after.PasswordChangedAtUtc));
        Assert.Equal(SignInOutcome.PasswordChangeRequired, still.Outcome);
        var changes = (await h.AuditAsync()).Where(e => e.Kind == AuditEventKind.PasswordChanged).Select(e => e.OccurredAtJst);
        Assert.Equal(["2026-01-10T10:00:00.000000+09:00"], changes); // the enrollment's only
    }

    /// <summary>The administrator does not know the current password: only the check against the stored hash can refuse it.</summary>
    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task SetPassword_AdministratorGivesCurrentPassword_RefusedDifferentOneDatedNow(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider, Created);
        var p = await CreatedThenEnrolledAsync(h, "40105");
        var before = await h.AccountAsync("40105");
        var resetAt = new DateTimeOffset(2026, 3, 2, 0, 30, 0, TimeSpan.Zero); // 2026-03-02 09:30 JST
        h.At(resetAt);

        var same = await Assert.ThrowsAsync<AccountException>(() =>
            h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().SetPasswordAsync("40105", p.Password, AccountsHarness.Admin)));
        var unchanged = await h.AccountAsync("40105");
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().SetPasswordAsync("40105", NewPassword, AccountsHarness.Admin));
        var reset = await h.AccountAsync("40105");

        Assert.Equal("password.policy", same.Code);
        Assert.Contains("新しいパスワードは現在のものと別にしてください。", same.Message);
        Assert.DoesNotContain(p.Password, same.Message);
        Assert.Equal((before.PasswordHash, before.PasswordChangedAtUtc), (unchanged.PasswordHash, unchanged.PasswordChangedAtUtc));
        Assert.NotEqual(before.PasswordHash, reset.PasswordHash);
        Assert.Equal(resetAt.UtcDateTime, reset.PasswordChangedAtUtc);
        Assert.True(reset.MustChangePassword);
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task Review_PasswordPastMaxAge_ListedWithDateLastChanged(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider, Enrolled);
        await h.EnrollAsync("40106", [Role.CollectionClerk], Jan1);          // password 2026-01-10
        h.At(new DateTimeOffset(2026, 6, 1, 1, 0, 0, TimeSpan.Zero));
        await h.EnrollAsync("40107", [Role.CollectionClerk], Jan1);          // password 2026-06-01

        var dayBefore = await h.RunAsync(sp => sp.GetRequiredService<AccountReview>().ReviewAsync(new DateOnly(2027, 1, 9), AccountsHarness.Admin));
        var onTheDay = await h.RunAsync(sp => sp.GetRequiredService<AccountReview>().ReviewAsync(new DateOnly(2027, 1, 10), AccountsHarness.Admin));

        Assert.Equal(365, onTheDay.PasswordMaxAgeDays);
        Assert.Empty(dayBefore.PasswordsPastMaxAge);
        var past = Assert.Single(onTheDay.PasswordsPastMaxAge);
        Assert.Equal(("40106", new DateOnly(2026, 1, 10), new DateTime(2026, 1, 10, 1, 0, 0)), (past.StaffNo, past.PasswordChangedOn, past.PasswordChangedAtUtc));
        var other = onTheDay.Accounts.Single(a => a.StaffNo == "40107");
        Assert.Equal((new DateOnly(2026, 6, 1), false), (other.PasswordChangedOn, other.PasswordPastMaxAge));
        var recorded = (await h.AuditAsync()).Last(e => e.Kind == AuditEventKind.AccountsReviewed);
        Assert.EndsWith("有効期間（365日）を過ぎたパスワード 1 件", recorded.Detail);
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task SetSetting_PasswordMaxAge_ZeroTo3650AcceptedOthersRefused(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);

        foreach (var ok in new[] { "0", "90", "3650" })
            await SetMaxAgeAsync(h, ok);
        var refused = new List<string>();
        foreach (var bad in new[] { "3651", "-1", "+30", " 30", "1e3", "", "三百" })
        {
            var ex = await Assert.ThrowsAsync<DomainException>(() => SetMaxAgeAsync(h, bad));
            refused.Add(ex.Code);
        }

        Assert.Equal(3650, await h.RunAsync(sp => PasswordAge.MaxAgeDaysAsync(sp.GetRequiredService<ChoshuDbContext>())));
        Assert.All(refused, c => Assert.Equal("settings.invalid", c));
        Assert.Equal(7, refused.Count);
    }

    /// <summary>An account made before the column existed: the migration dates its password at the account's creation.</summary>
    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task Migration_ExistingAccount_PasswordDatedAtCreation(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider, Enrolled);
        await h.EnrollAsync("40108", [Role.CollectionClerk], Jan1);
        var createdAt = new DateTime(2025, 4, 1, 0, 15, 0, DateTimeKind.Utc);
        await using (var db = h.Store.Open())
        {
            var a = await db.StaffAccounts.SingleAsync();
            a.CreatedAtUtc = createdAt;
            await db.SaveChangesAsync();
        }

        await using (var db = h.Store.Open())
        {
            var all = db.Database.GetMigrations().ToList();
            var mine = all.FindIndex(m => m.EndsWith("_PasswordAge", StringComparison.Ordinal));
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(all[mine - 1]); // the column is dropped
            await migrator.MigrateAsync();              // and added again, as on a store made before it
        }
        var account = await h.AccountAsync("40108");

        Assert.Equal(createdAt, account.PasswordChangedAtUtc);
        Assert.Equal(new DateOnly(2026, 4, 1), PasswordAge.ChangeOwedFrom(account.PasswordChangedAtUtc, 365)); // 2025-04-01 09:15 JST + 365 days
        h.At(new DateTimeOffset(2026, 4, 1, 1, 0, 0, TimeSpan.Zero)); // 2026-04-01 10:00 JST
        var p = await h.RunAsync(async sp => (await sp.GetRequiredService<StaffSignIn>().SignInAsync("40108", "blue kettle over the river", null, AccountsHarness.Terminal)).Outcome);
        Assert.Equal(SignInOutcome.PasswordChangeRequired, p);
    }
}
