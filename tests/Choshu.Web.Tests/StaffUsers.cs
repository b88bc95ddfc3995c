using Choshu.App.Accounts;
using Choshu.App.Security;
using Choshu.Domain.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Choshu.Web.Tests;

/// <summary>A person with a user ID who has enrolled TOTP and chosen their own password.</summary>
public sealed record StaffUser(string StaffNo, string FullName, string Password, string TotpKey);

/// <summary>Staff accounts for tests, made through the same services the administrator and the person use.</summary>
public static class StaffUsers
{
    public const string Department = "ZEIMU";
    public const string Section = "SHUNO";
    public const string Password = "木曽路はすべて山の中である。";

    /// <summary>
    /// Creates an account (by the system actor, as <c>choshu users add</c> does) with the roles given
    /// from 2026-04-01, and, unless <paramref name="enroll"/> is false, enrolls TOTP and replaces the
    /// initial password with <see cref="Password"/>, as the person does at the first sign-in.
    /// </summary>
    public static async Task<(StaffUser User, string InitialPassword)> CreateAsync(IServiceProvider services, FakeTimeProvider clock,
        string staffNo, string fullName, Role[] roles, bool enroll = true, DateOnly? roleValidTo = null)
    {
        await using var scope = services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
        var created = await admin.CreateAsync(new NewAccount(staffNo, fullName, Department, Section, new DateOnly(2026, 4, 1)), Actor.System());
        foreach (var r in roles)
            await admin.GrantAsync(staffNo, r, new DateOnly(2026, 4, 1), roleValidTo, Actor.System());
        if (!enroll) return (new StaffUser(staffNo, fullName, created.InitialPassword, ""), created.InitialPassword);

        var enrollment = scope.ServiceProvider.GetRequiredService<TotpEnrollment>();
        var start = await enrollment.BeginAsync(staffNo, created.InitialPassword, "test");
        Assert.Equal(EnrollmentOutcome.Started, start.Outcome);
        var key = start.SharedKey!.Replace(" ", "", StringComparison.Ordinal);
        var confirmed = await enrollment.ConfirmAsync(staffNo, created.InitialPassword, NextCode(clock, key), Password, "test");
        Assert.True(confirmed.Succeeded, confirmed.Message + string.Join(" ", confirmed.Errors));
        return (new StaffUser(staffNo, fullName, Password, key), created.InitialPassword);
    }

    /// <summary>
    /// A TOTP code for a fresh time step: moves the clock on by one 30-second step first, since a code
    /// of a step already used (by the previous sign-in) is refused as a replay.
    /// </summary>
    public static string NextCode(FakeTimeProvider clock, string key)
    {
        clock.Advance(TimeSpan.FromSeconds(AccountPolicy.TotpStepSeconds));
        return new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(clock.GetUtcNow().UtcDateTime);
    }
}
