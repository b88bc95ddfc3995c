using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Privacy;

/// <summary>What one <c>choshu keys rotate</c> did.</summary>
/// <param name="AddedVersion">The version this run added to the key file; null when it only finished an earlier, interrupted rotation (or encrypted values stored before encryption).</param>
/// <param name="CurrentVersion">The version every row is under afterwards.</param>
/// <param name="Reencrypted">Rows re-encrypted from an older key version.</param>
/// <param name="PlaintextEncrypted">Rows stored as digits (KeyVersion 0) that this run encrypted.</param>
/// <param name="AuthenticatorKeysReencrypted">TOTP authenticator keys re-encrypted from an older key version.</param>
/// <param name="AuthenticatorKeysEncrypted">TOTP authenticator keys stored in plaintext (from before their encryption) that this run encrypted.</param>
public sealed record KeyRotationResult(int? AddedVersion, int CurrentVersion, long Reencrypted, long PlaintextEncrypted,
    long AuthenticatorKeysReencrypted = 0, long AuthenticatorKeysEncrypted = 0)
{
    /// <summary>My Number rows this run sealed under the current version.</summary>
    public long Rows => Reencrypted + PlaintextEncrypted;

    /// <summary>Authenticator keys this run sealed under the current version.</summary>
    public long AuthenticatorKeys => AuthenticatorKeysReencrypted + AuthenticatorKeysEncrypted;
}

/// <summary>
/// <c>choshu keys rotate</c>. Under an exclusive lock on the key file:
/// <list type="number">
/// <item>when every value is already under the ring's current version, add a new version to the key
/// file (written atomically; the blind-index key is kept, so blind indexes stay valid);</item>
/// <item>re-encrypt every TOTP authenticator key (<c>staff_account_tokens</c>, "[AspNetUserStore]" /
/// "AuthenticatorKey", sealed by <see cref="Accounts.ChoshuUserStore"/> with <see cref="KeyRingSecrets"/>)
/// not under the current version — older keys and plaintext keys from before their encryption alike;</item>
/// <item>re-encrypt every <c>taxpayer_my_numbers</c> row not under the current version — older keys
/// and KeyVersion 0 digits alike;</item>
/// <item>append one 7000 KeysRotated audit record.</item>
/// </list>
/// Steps 2 and 3 work in batches of <see cref="BatchSize"/>, one transaction each, rows locked
/// (PostgreSQL <c>FOR UPDATE</c>; SQLite's write lock) so a concurrent change is never lost.
/// Interrupted anywhere, running it again finishes the job: values not yet under the current version
/// are exactly what steps 2 and 3 look for, and step 1 adds no further key while such values remain.
/// </summary>
public static class KeyRingRotation
{
    public const int BatchSize = 1_000;

    /// <param name="progress">Told the running count of rows done after each batch.</param>
    /// <param name="batchSize">Rows per transaction.</param>
    public static async Task<KeyRotationResult> RotateAsync(Store store, Actor actor, TimeProvider clock, IProgress<long>? progress = null,
        CancellationToken ct = default, int batchSize = BatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        var path = KeyRingFile.LocateOrThrow(store);
        using var fileLock = KeyRingFile.Lock(path);
        var ring = KeyRingFile.Load(path);

        await using var db = store.CreateContext();
        var before = await KeyRingStatus.RowsByVersionAsync(db, ct);
        var totpBefore = await KeyRingStatus.AuthenticatorKeysByVersionAsync(db, ct);
        var unknown = before.Keys.Where(v => v > 0 && !ring.HasVersion(v)).Order().ToList();
        if (unknown.Count > 0)
            throw new KeyRingException(
                $"鍵バージョン {string.Join("・", unknown)} で暗号化された個人番号がありますが、その鍵が鍵ファイル {path} にありません。" +
                "鍵ファイルのバックアップを確認してください。鍵の更新は行いませんでした。");
        var unknownTotp = totpBefore.Keys.Where(v => v > 0 && !ring.HasVersion(v)).Order().ToList();
        if (unknownTotp.Count > 0)
            throw new KeyRingException(
                $"鍵バージョン {string.Join("・", unknownTotp)} で暗号化された認証アプリの鍵がありますが、その鍵が鍵ファイル {path} にありません。" +
                "鍵ファイルのバックアップを確認してください。鍵の更新は行いませんでした。");

        int? added = null;
        if (!before.Concat(totpBefore).Any(kv => kv.Key != ring.CurrentVersion && kv.Value > 0))
        {
            ring = ring.WithNewVersion(clock.GetUtcNow().UtcDateTime);
            KeyRingFile.Save(path, ring);
            added = ring.CurrentVersion;
        }

        var current = ring.CurrentVersion;
        var (totpReencrypted, totpPlaintext) = await RotateAuthenticatorKeysAsync(db, ring, batchSize, progress, ct);

        var vault = MyNumberVault.FromRing(ring);
        long reencrypted = 0, plaintext = 0;
        long last = long.MinValue;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var batch = await NextBatchAsync(db, last, current, batchSize, ct);
            if (batch.Count == 0) break;
            foreach (var row in batch)
            {
                var number = vault.Reveal(row);
                if (row.KeyVersion == 0) plaintext++;
                else reencrypted++;
                vault.Seal(row, number); // UpdatedAtUtc stays: the number itself did not change
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            last = batch[^1].TaxpayerId;
            progress?.Report(totpReencrypted + totpPlaintext + reencrypted + plaintext);
        }

        var detail = (added is { } v ? $"鍵バージョン {v} を追加" : $"鍵バージョン {current} への更新の続き")
            + $"。再暗号化 {reencrypted} 件、平文の暗号化 {plaintext} 件"
            + (totpReencrypted + totpPlaintext > 0 ? $"。認証アプリの鍵: 再暗号化 {totpReencrypted} 件、平文の暗号化 {totpPlaintext} 件" : "");
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.KeysRotated, Detail: detail), clock, ct);
        return new KeyRotationResult(added, current, reencrypted, plaintext, totpReencrypted, totpPlaintext);
    }

    /// <summary>
    /// Seals every authenticator key not under the ring's current version under it, in batches by
    /// account id, each batch one transaction with its rows locked. A plaintext key (from before
    /// encryption) is sealed as it is; a sealed one is opened under its own version first. Nothing is
    /// printed or logged; the key exists in memory only between opening and sealing.
    /// </summary>
    private static async Task<(long Reencrypted, long Plaintext)> RotateAuthenticatorKeysAsync(ChoshuDbContext db, KeyRing ring, int batchSize,
        IProgress<long>? progress, CancellationToken ct)
    {
        long reencrypted = 0, plaintext = 0;
        long last = long.MinValue;
        var prefix = KeyRingSecrets.PrefixOf(ring.CurrentVersion);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var batch = await NextTokenBatchAsync(db, last, prefix, batchSize, ct);
            if (batch.Count == 0) break;
            foreach (var row in batch)
            {
                var key = KeyRingSecrets.OpenAuthenticatorKey(ring, row.UserId, row.Value!);
                if (KeyRingSecrets.IsSealed(row.Value)) reencrypted++;
                else plaintext++;
                row.Value = KeyRingSecrets.SealAuthenticatorKey(ring, row.UserId, key);
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            last = batch[^1].UserId;
            progress?.Report(reencrypted + plaintext);
        }
        return (reencrypted, plaintext);
    }

    private static Task<List<IdentityUserToken<long>>> NextTokenBatchAsync(ChoshuDbContext db, long after, string currentPrefix, int batchSize, CancellationToken ct)
    {
        const string provider = Accounts.ChoshuUserStore.TokenProvider, name = Accounts.ChoshuUserStore.AuthenticatorKeyTokenName;
        var pattern = currentPrefix + "%"; // "v2:%": the prefix holds no LIKE wildcard
        return db.Provider == StoreProvider.Postgres
            ? db.UserTokens.FromSqlInterpolated(
                    $"SELECT * FROM staff_account_tokens WHERE login_provider = {provider} AND name = {name} AND user_id > {after} AND value IS NOT NULL AND value <> '' AND value NOT LIKE {pattern} ORDER BY user_id LIMIT {batchSize} FOR UPDATE")
                .ToListAsync(ct)
            : KeyRingStatus.AuthenticatorKeyTokens(db).Where(t => t.UserId > after && !t.Value!.StartsWith(currentPrefix))
                .OrderBy(t => t.UserId).Take(batchSize).ToListAsync(ct);
    }

    private static Task<List<TaxpayerMyNumber>> NextBatchAsync(ChoshuDbContext db, long after, int current, int batchSize, CancellationToken ct) =>
        db.Provider == StoreProvider.Postgres
            ? db.TaxpayerMyNumbers.FromSqlInterpolated(
                    $"SELECT * FROM taxpayer_my_numbers WHERE taxpayer_id > {after} AND key_version <> {current} ORDER BY taxpayer_id LIMIT {batchSize} FOR UPDATE")
                .ToListAsync(ct)
            : db.TaxpayerMyNumbers.Where(m => m.TaxpayerId > after && m.KeyVersion != current)
                .OrderBy(m => m.TaxpayerId).Take(batchSize).ToListAsync(ct);
}
