using System.Security.Cryptography;
using System.Text;
using Choshu.App.Privacy;
using Choshu.Data;
using Choshu.Data.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Choshu.App.Accounts;

/// <summary>
/// Identity's user-only EF store over <see cref="ChoshuDbContext"/>, except for two secrets Identity
/// keeps in plaintext in its token table (<c>staff_account_tokens</c>, login provider "[AspNetUserStore]"):
/// <list type="bullet">
/// <item>Recovery codes: Identity keeps them as one token, codes joined by ';'. This store keeps only a
/// salted SHA-256 of each (token "RecoveryCodeHashes", "v1:" then hex hashes joined by ';'), so the
/// token table never holds a usable code. Redeeming removes the code's hash: each code works once.</item>
/// <item>The TOTP authenticator key (token "AuthenticatorKey"), a secret of the rank of a password: it
/// must be read back to check a code, so it cannot be hashed. This store seals it with the key ring
/// that protects My Numbers (<see cref="KeyRingSource"/>: the store's key file, outside the database):
/// AES-256-GCM under the current key version, associated data = purpose
/// <see cref="KeyRingSecrets.AuthenticatorKeyPurpose"/>, account id, key version; stored as
/// <c>v{N}:{base64}</c> and opened on read (<see cref="KeyRingSecrets"/>). A plaintext value from a
/// store made before this (no <c>v{N}:</c> prefix) is still read, and <c>choshu keys rotate</c>
/// encrypts it (<see cref="KeyRingRotation"/>), as it re-encrypts every sealed one under a new version.</item>
/// </list>
/// </summary>
public sealed class ChoshuUserStore(ChoshuDbContext context, KeyRingSource keys, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<StaffAccount, ChoshuDbContext, long>(context, describer)
{
    internal const string TokenProvider = "[AspNetUserStore]";
    internal const string RecoveryTokenName = "RecoveryCodeHashes";
    internal const string AuthenticatorKeyTokenName = "AuthenticatorKey";
    private const string Version = "v1:";

    private readonly KeyRingSource _keys = keys ?? throw new ArgumentNullException(nameof(keys));

    /// <summary>Seals <paramref name="key"/> under the key ring's current version before it reaches the token table.</summary>
    public override Task SetAuthenticatorKeyAsync(StaffAccount user, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (user.Id <= 0) throw new InvalidOperationException("An authenticator key can only be set on a saved account.");
        return SetTokenAsync(user, TokenProvider, AuthenticatorKeyTokenName,
            KeyRingSecrets.SealAuthenticatorKey(_keys.Current(), user.Id, key), cancellationToken);
    }

    /// <summary>
    /// The base32 key, opened under the version it is stored with (the key file is read again when that
    /// version is newer than the ring in memory: a rotation by another process); null when none is set.
    /// Throws <see cref="SealedSecretException"/> when the value does not open (another account's value,
    /// a wrong key file, tampering).
    /// </summary>
    public override async Task<string?> GetAuthenticatorKeyAsync(StaffAccount user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var stored = await GetTokenAsync(user, TokenProvider, AuthenticatorKeyTokenName, cancellationToken);
        if (string.IsNullOrEmpty(stored)) return null;
        // A value without the sealed prefix is not taken as a key from before encryption: anyone able to write
        // the token table could plant a key of their own. Refused with the fix named; nothing is migrated here.
        if (!KeyRingSecrets.IsSealed(stored))
            throw new SealedSecretException(
                $"利用者ID {user.Id} の認証アプリの鍵が暗号化されていません（暗号化前の形式、またはストアの外で書き込まれた値）。" +
                "管理者が choshu keys rotate で暗号化するか、choshu users reset-2fa で登録し直してください。");
        var ring = _keys.Current();
        if (!ring.HasVersion(KeyRingSecrets.VersionOf(stored))) ring = _keys.Reload();
        return KeyRingSecrets.OpenAuthenticatorKey(ring, user.Id, stored);
    }

    public override Task ReplaceCodesAsync(StaffAccount user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var hashes = recoveryCodes.Select(c => Hash(user, ChoshuUserManager.NormalizeRecoveryCode(c)
            ?? throw new ArgumentException("A recovery code is not in Choshu's form.", nameof(recoveryCodes))));
        return SetTokenAsync(user, TokenProvider, RecoveryTokenName, Version + string.Join(';', hashes), cancellationToken);
    }

    public override async Task<bool> RedeemCodeAsync(StaffAccount user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (ChoshuUserManager.NormalizeRecoveryCode(code) is not { } normalized) return false;
        var hashes = await StoredHashesAsync(user, cancellationToken);
        var hash = Hash(user, normalized);
        var index = hashes.FindIndex(h => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(h), Encoding.ASCII.GetBytes(hash)));
        if (index < 0) return false;
        hashes.RemoveAt(index);
        await SetTokenAsync(user, TokenProvider, RecoveryTokenName, Version + string.Join(';', hashes), cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(StaffAccount user, CancellationToken cancellationToken) =>
        (await StoredHashesAsync(user, cancellationToken)).Count;

    /// <summary>Removes every recovery code (when two-factor authentication is reset).</summary>
    public Task ClearCodesAsync(StaffAccount user, CancellationToken cancellationToken) =>
        RemoveTokenAsync(user, TokenProvider, RecoveryTokenName, cancellationToken);

    private async Task<List<string>> StoredHashesAsync(StaffAccount user, CancellationToken ct)
    {
        var stored = await GetTokenAsync(user, TokenProvider, RecoveryTokenName, ct);
        if (string.IsNullOrEmpty(stored) || !stored.StartsWith(Version, StringComparison.Ordinal)) return [];
        return stored[Version.Length..].Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    /// <summary>SHA-256 over the account id and the code: 80 random bits need no slow hash; the id keeps equal codes of two people apart.</summary>
    private static string Hash(StaffAccount user, string normalizedCode) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"choshu-recovery-v1:{user.Id}:{normalizedCode}")));
}
