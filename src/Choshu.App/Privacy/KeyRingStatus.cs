using Choshu.App.Accounts;
using Choshu.Data;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Privacy;

/// <summary>One key version as <c>choshu keys status</c> shows it: never the key itself.</summary>
/// <param name="Version">0 for values stored in plaintext before encryption (My Numbers as digits, authenticator keys as base32).</param>
/// <param name="InKeyFile">Whether the key file holds this version's key (false for 0, and for a lost key).</param>
/// <param name="AddedAtUtc">When the key was added to the file (null when not in the file).</param>
/// <param name="Rows">My Numbers (<c>taxpayer_my_numbers</c> rows) under this version.</param>
/// <param name="AuthenticatorKeys">TOTP authenticator keys (<c>staff_account_tokens</c> "AuthenticatorKey" rows) under this version.</param>
public sealed record KeyVersionStatus(int Version, bool IsCurrent, bool InKeyFile, DateTime? AddedAtUtc, long Rows, long AuthenticatorKeys = 0);

/// <summary>The key file and the values under each of its versions.</summary>
public sealed record KeyRingStatusReport(string KeysFile, int CurrentVersion, IReadOnlyList<KeyVersionStatus> Versions)
{
    /// <summary>My Numbers stored.</summary>
    public long Rows => Versions.Sum(v => v.Rows);

    /// <summary>My Number rows not under the current version: what the next <c>keys rotate</c> re-encrypts.</summary>
    public long RowsToRotate => Versions.Where(v => !v.IsCurrent).Sum(v => v.Rows);

    /// <summary>My Number rows under a version whose key is not in the file: they cannot be read.</summary>
    public long RowsWithoutKey => Versions.Where(v => v.Version > 0 && !v.InKeyFile).Sum(v => v.Rows);

    /// <summary>Authenticator keys stored (one per enrolled or enrolling account).</summary>
    public long AuthenticatorKeys => Versions.Sum(v => v.AuthenticatorKeys);

    /// <summary>Authenticator keys not under the current version (plaintext ones included): what the next <c>keys rotate</c> re-encrypts.</summary>
    public long AuthenticatorKeysToRotate => Versions.Where(v => !v.IsCurrent).Sum(v => v.AuthenticatorKeys);

    /// <summary>Authenticator keys under a version whose key is not in the file: those people cannot sign in.</summary>
    public long AuthenticatorKeysWithoutKey => Versions.Where(v => v.Version > 0 && !v.InKeyFile).Sum(v => v.AuthenticatorKeys);
}

/// <summary><c>choshu keys status</c>.</summary>
public static class KeyRingStatus
{
    public static async Task<KeyRingStatusReport> LoadAsync(Store store, CancellationToken ct = default)
    {
        var path = KeyRingFile.LocateOrThrow(store);
        var ring = KeyRingFile.Load(path);
        await using var db = store.CreateContext();
        var rows = await RowsByVersionAsync(db, ct);
        var totp = await AuthenticatorKeysByVersionAsync(db, ct);
        var versions = ring.Versions.Select(v => new KeyVersionStatus(v.Version, v.Version == ring.CurrentVersion, true, v.CreatedAtUtc,
                rows.GetValueOrDefault(v.Version), totp.GetValueOrDefault(v.Version)))
            .Concat(rows.Keys.Union(totp.Keys).Where(v => !ring.HasVersion(v))
                .Select(v => new KeyVersionStatus(v, false, false, null, rows.GetValueOrDefault(v), totp.GetValueOrDefault(v))))
            .OrderBy(v => v.Version)
            .ToList();
        return new KeyRingStatusReport(path, ring.CurrentVersion, versions);
    }

    /// <summary>How many <c>taxpayer_my_numbers</c> rows are under each key version present in the store.</summary>
    public static async Task<Dictionary<int, long>> RowsByVersionAsync(ChoshuDbContext db, CancellationToken ct) =>
        (await db.TaxpayerMyNumbers.AsNoTracking().GroupBy(m => m.KeyVersion)
            .Select(g => new { Version = g.Key, Rows = g.LongCount() }).ToListAsync(ct))
        .ToDictionary(x => x.Version, x => x.Rows);

    /// <summary>
    /// How many authenticator keys (<c>staff_account_tokens</c>, "[AspNetUserStore]" / "AuthenticatorKey")
    /// are under each key version present in the store; 0 = plaintext. Read from the <c>v{N}:</c> prefix
    /// of each value (one row per account: a few thousand at most), nothing decrypted.
    /// </summary>
    public static async Task<Dictionary<int, long>> AuthenticatorKeysByVersionAsync(ChoshuDbContext db, CancellationToken ct) =>
        (await AuthenticatorKeyTokens(db).AsNoTracking().Select(t => t.Value!).ToListAsync(ct))
        .GroupBy(KeyRingSecrets.VersionOf)
        .ToDictionary(g => g.Key, g => g.LongCount());

    /// <summary>The token rows that hold an authenticator key.</summary>
    internal static IQueryable<Microsoft.AspNetCore.Identity.IdentityUserToken<long>> AuthenticatorKeyTokens(ChoshuDbContext db) =>
        db.UserTokens.Where(t => t.LoginProvider == ChoshuUserStore.TokenProvider && t.Name == ChoshuUserStore.AuthenticatorKeyTokenName
            && t.Value != null && t.Value != "");
}
