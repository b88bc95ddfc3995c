using System.Security.Cryptography;
using Choshu.Data.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Choshu.App.Accounts;

/// <summary>
/// Identity's user manager with three changes. Every new password is dated
/// (<see cref="StaffAccount.PasswordChangedAtUtc"/>, for <see cref="PasswordAge"/>). Lockout reads the injected <see cref="TimeProvider"/>:
/// Identity 10's own <see cref="UserManager{TUser}.AccessFailedAsync"/> and
/// <see cref="UserManager{TUser}.IsLockedOutAsync"/> read <c>DateTimeOffset.UtcNow</c> (the library
/// does not take a TimeProvider), so a test clock and the store would disagree. Recovery codes are
/// 16 characters of Crockford base 32 (80 random bits) instead of Identity's 10, so that a plain
/// SHA-256 of one (what <see cref="ChoshuUserStore"/> keeps) cannot be searched exhaustively.
/// </summary>
public sealed class ChoshuUserManager(
    IUserStore<StaffAccount> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<StaffAccount> passwordHasher,
    IEnumerable<IUserValidator<StaffAccount>> userValidators,
    IEnumerable<IPasswordValidator<StaffAccount>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<StaffAccount>> logger,
    TimeProvider clock)
    : UserManager<StaffAccount>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    /// <summary>Crockford's base 32 alphabet: no I, L, O, U, so nothing reads as another character.</summary>
    internal const string RecoveryAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public TimeProvider Clock { get; } = clock;

    private IUserLockoutStore<StaffAccount> LockoutStore => (IUserLockoutStore<StaffAccount>)Store;

    public override async Task<bool> IsLockedOutAsync(StaffAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await LockoutStore.GetLockoutEnabledAsync(user, CancellationToken)) return false;
        var end = await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken);
        return end is { } e && e > Clock.GetUtcNow();
    }

    /// <summary>Counts a failure; the <see cref="AccountPolicy.MaxFailedAttempts"/>th locks the account for <see cref="AccountPolicy.LockoutDuration"/> from the injected clock.</summary>
    public override async Task<IdentityResult> AccessFailedAsync(StaffAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var count = await LockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await LockoutStore.SetLockoutEndDateAsync(user, Clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await LockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
        }
        return await UpdateUserAsync(user);
    }

    /// <summary>Creates the account with its first password, dated now (<see cref="StaffAccount.PasswordChangedAtUtc"/>).</summary>
    public override Task<IdentityResult> CreateAsync(StaffAccount user, string password) =>
        DatingPasswordAsync(user, () => base.CreateAsync(user, password));

    /// <summary>The person's change of password (also at enrollment), dated now when it succeeds.</summary>
    public override Task<IdentityResult> ChangePasswordAsync(StaffAccount user, string currentPassword, string newPassword) =>
        DatingPasswordAsync(user, () => base.ChangePasswordAsync(user, currentPassword, newPassword));

    /// <summary>A password set where there was none (an administrator's reset), dated now when it succeeds.</summary>
    public override Task<IdentityResult> AddPasswordAsync(StaffAccount user, string password) =>
        DatingPasswordAsync(user, () => base.AddPasswordAsync(user, password));

    /// <summary>A reset with a token (not used by Choshu today), dated now when it succeeds.</summary>
    public override Task<IdentityResult> ResetPasswordAsync(StaffAccount user, string token, string newPassword) =>
        DatingPasswordAsync(user, () => base.ResetPasswordAsync(user, token, newPassword));

    /// <summary>
    /// Every way a new password is set passes here, so <see cref="StaffAccount.PasswordChangedAtUtc"/>
    /// (what <see cref="PasswordAge"/> judges) is saved in the same update as the new hash. Identity's
    /// re-hash of an old-format hash at sign-in does not pass here: it is the same password.
    /// </summary>
    private async Task<IdentityResult> DatingPasswordAsync(StaffAccount user, Func<Task<IdentityResult>> setPassword)
    {
        ArgumentNullException.ThrowIfNull(user);
        var before = user.PasswordChangedAtUtc;
        user.PasswordChangedAtUtc = Clock.GetUtcNow().UtcDateTime;
        var result = await setPassword();
        if (!result.Succeeded) user.PasswordChangedAtUtc = before;
        return result;
    }

    /// <summary>Removes every recovery code of the account (two-factor reset).</summary>
    public Task ClearRecoveryCodesAsync(StaffAccount user, CancellationToken ct) =>
        ((ChoshuUserStore)Store).ClearCodesAsync(user, ct);

    protected override string CreateTwoFactorRecoveryCode()
    {
        Span<char> code = stackalloc char[19];
        var j = 0;
        for (var i = 0; i < 16; i++)
        {
            if (i > 0 && i % 4 == 0) code[j++] = '-';
            code[j++] = RecoveryAlphabet[RandomNumberGenerator.GetInt32(RecoveryAlphabet.Length)];
        }
        return new string(code);
    }

    /// <summary>A recovery code as typed (any case, hyphens or spaces, O for 0, I or L for 1) in its stored form: 16 characters of the alphabet, or null.</summary>
    public static string? NormalizeRecoveryCode(string? typed)
    {
        if (typed is null) return null;
        var chars = new List<char>(16);
        foreach (var c in typed.ToUpperInvariant())
        {
            if (c is '-' or ' ') continue;
            var d = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (RecoveryAlphabet.IndexOf(d) < 0) return null;
            chars.Add(d);
        }
        return chars.Count == 16 ? new string(chars.ToArray()) : null;
    }
}
