using Choshu.Data;
using Choshu.Data.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Accounts;

internal enum PasswordCheck { Ok, LockedOut, Wrong }

internal enum SecondFactorCheck { Totp, Recovery, Wrong, Replayed }

/// <summary>
/// The checks every way in shares (sign-in, re-authentication, password change, enrollment), run
/// inside the caller's transaction: lockout, password, TOTP code with the replay guard, recovery
/// code. Every failure counts toward the lockout. The caller audits.
/// </summary>
internal sealed class Credentials(ChoshuDbContext db, ChoshuUserManager users)
{
    public ChoshuUserManager Users => users;

    /// <summary>The account of a staff number, or null (also for text that is not a staff number).</summary>
    public async Task<StaffAccount?> FindAsync(string? staffNo)
    {
        var s = staffNo?.Trim();
        return IndividualIds.IsStaffNumberForm(s) ? await users.FindByNameAsync(s!) : null;
    }

    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<StaffAccount>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = AccountPolicy.Pbkdf2Iterations }))
            .HashPassword(new StaffAccount(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))));

    /// <summary>Hashes the password against a dummy hash so an unknown staff number takes as long as a known one (no enumeration by timing).</summary>
    public void SpendPasswordCheck(string? password) =>
        users.PasswordHasher.VerifyHashedPassword(new StaffAccount(), DummyHash.Value, password ?? "");

    /// <summary>
    /// Lockout, then the password. A wrong one counts on the account (<see cref="FailAsync"/>) when
    /// <paramref name="countOnAccount"/>; the ways in before a session (sign-in, password change, enrollment) pass false
    /// and record the failure with <see cref="SignInThrottle"/> instead.
    /// </summary>
    public async Task<PasswordCheck> CheckPasswordAsync(StaffAccount user, string? password, bool countOnAccount = true)
    {
        if (await users.IsLockedOutAsync(user)) return PasswordCheck.LockedOut;
        if (!string.IsNullOrEmpty(password) && await users.CheckPasswordAsync(user, password)) return PasswordCheck.Ok;
        if (countOnAccount) await FailAsync(user);
        return PasswordCheck.Wrong;
    }

    /// <summary>
    /// A TOTP code (accepted only for a time step later than the last one accepted: the step is
    /// claimed by a conditional UPDATE, so of two concurrent uses of one code exactly one wins), or
    /// when <paramref name="allowRecovery"/> a recovery code (consumed).
    /// </summary>
    public async Task<SecondFactorCheck> CheckSecondFactorAsync(StaffAccount user, string? code, bool allowRecovery, DateTimeOffset now, bool countOnAccount = true)
    {
        if (TotpCodes.LooksLikeTotp(code))
        {
            var key = await users.GetAuthenticatorKeyAsync(user);
            if (key is not null && TotpCodes.MatchStep(key, code, now) is { } step)
            {
                if (await ClaimStepAsync(user, step)) return SecondFactorCheck.Totp;
                if (countOnAccount) await FailAsync(user);
                return SecondFactorCheck.Replayed;
            }
        }
        else if (allowRecovery && ChoshuUserManager.NormalizeRecoveryCode(code) is not null)
        {
            var redeemed = await users.RedeemTwoFactorRecoveryCodeAsync(user, code!);
            if (redeemed.Succeeded) return SecondFactorCheck.Recovery;
            if (db.ChangeTracker.HasChanges()) db.ChangeTracker.Clear();
        }
        if (countOnAccount) await FailAsync(user);
        return SecondFactorCheck.Wrong;
    }

    /// <summary>
    /// Records <paramref name="step"/> as the account's last accepted TOTP step when it is later than
    /// the stored one: UPDATE … WHERE last_totp_time_step &lt; step. A concurrent use of the same code
    /// waits on the row and then updates nothing. The concurrency stamp changes too, so an update
    /// prepared from an older read of the account fails instead of writing the old step back.
    /// </summary>
    public async Task<bool> ClaimStepAsync(StaffAccount user, long step)
    {
        var stamp = Guid.NewGuid().ToString();
        var claimed = await db.StaffAccounts
            .Where(a => a.Id == user.Id && a.LastTotpTimeStep < step)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastTotpTimeStep, step).SetProperty(a => a.ConcurrencyStamp, stamp));
        await db.Entry(user).ReloadAsync();
        return claimed == 1;
    }

    /// <summary>
    /// (Re-authentication of an open session only; before a session, <see cref="SignInThrottle"/> counts.)
    /// Counts a failure toward the lockout with one atomic UPDATE (count + 1 in the store, not a
    /// read-modify-write of the tracked account): parallel wrong guesses each count, so a burst of
    /// attempts cannot slip past the limit. On the limit the account is locked for
    /// <see cref="AccountPolicy.LockoutDuration"/> and the count starts again.
    /// </summary>
    public async Task FailAsync(StaffAccount user)
    {
        var max = users.Options.Lockout.MaxFailedAccessAttempts;
        var until = users.Clock.GetUtcNow().Add(users.Options.Lockout.DefaultLockoutTimeSpan);
        await db.StaffAccounts.Where(a => a.Id == user.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.AccessFailedCount, a => a.AccessFailedCount + 1)
                .SetProperty(a => a.ConcurrencyStamp, Guid.NewGuid().ToString()));
        await db.StaffAccounts.Where(a => a.Id == user.Id && a.LockoutEnabled && a.AccessFailedCount >= max)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.LockoutEnd, until)
                .SetProperty(a => a.AccessFailedCount, 0)
                .SetProperty(a => a.ConcurrencyStamp, Guid.NewGuid().ToString()));
        await db.Entry(user).ReloadAsync();
    }

    public async Task<bool> IsLockedOutAsync(StaffAccount user) => await users.IsLockedOutAsync(user);

    /// <summary>Throws unless Identity succeeded; the message is Identity's (Japanese), never a secret.</summary>
    public static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded) throw new AccountException("account.identity", string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
