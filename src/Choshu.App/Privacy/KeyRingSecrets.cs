using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Choshu.App.Privacy;

/// <summary>
/// Small secrets other than My Numbers sealed with the same key ring (docs/formats.md "鍵ファイル",
/// "認証アプリの鍵"): AES-256-GCM under the ring's current version, a random 96-bit nonce per value,
/// a 128-bit tag, the associated data binding the value to its purpose, its subject (an account id)
/// and its key version, so that a value copied to another account's row, used for another purpose or
/// relabelled with another version does not open. Stored as text: <c>v{N}:{base64(nonce ‖ ciphertext ‖ tag)}</c>,
/// the key version first so rotation and <c>keys status</c> see it without decrypting. A value not of
/// that form is plaintext written before encryption (key version 0): read as it is, encrypted by the
/// next <c>keys rotate</c>. Messages never contain the secret.
/// </summary>
public static class KeyRingSecrets
{
    /// <summary>The purpose of a TOTP authenticator key (Identity's token "[AspNetUserStore]" / "AuthenticatorKey"), subject = the staff account id.</summary>
    public const string AuthenticatorKeyPurpose = "choshu:authenticator-key:v1";

    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    /// <summary>Seals <paramref name="plaintext"/> (UTF-8) under the ring's current version.</summary>
    public static string Seal(KeyRing ring, string purpose, long subjectId, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentNullException.ThrowIfNull(plaintext);
        if (subjectId <= 0) throw new ArgumentOutOfRangeException(nameof(subjectId), "A sealed value needs the id of a saved row.");
        var version = ring.CurrentVersion;
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(ring.KeyFor(version), TagBytes))
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length),
                Aad(purpose, subjectId, version));
        CryptographicOperations.ZeroMemory(plain);
        return string.Create(CultureInfo.InvariantCulture, $"v{version}:{Convert.ToBase64String(sealedBytes)}");
    }

    /// <summary>
    /// The plaintext of <paramref name="stored"/>: decrypted under its key version, or returned as it is
    /// when it is not of the sealed form (key version 0). <paramref name="what"/> names the value in a
    /// Japanese error (e.g. 「利用者ID 12 の認証アプリの鍵」), never the secret.
    /// </summary>
    /// <exception cref="SealedSecretException">The version is not in the ring, or the value does not open (wrong row, wrong purpose, wrong key, tampered).</exception>
    public static string Open(KeyRing ring, string purpose, long subjectId, string stored, string what)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(stored);
        if (!TryParse(stored, out var version, out var payload)) return stored;
        if (!ring.HasVersion(version))
            throw new SealedSecretException($"{what}は鍵バージョン {version} で暗号化されていますが、その鍵が鍵ファイルにありません。鍵ファイルのバックアップを確認してください。");
        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(payload);
        }
        catch (FormatException)
        {
            throw Unopenable(what);
        }
        if (sealedBytes.Length < NonceBytes + TagBytes) throw Unopenable(what);
        var length = sealedBytes.Length - NonceBytes - TagBytes;
        var plain = new byte[length];
        try
        {
            using var aes = new AesGcm(ring.KeyFor(version), TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length),
                plain, Aad(purpose, subjectId, version));
        }
        catch (CryptographicException)
        {
            throw Unopenable(what);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(plain);
        }
        catch (DecoderFallbackException)
        {
            throw Unopenable(what);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>The key version of a stored value: N for <c>v{N}:…</c>, 0 for plaintext from before encryption.</summary>
    public static int VersionOf(string stored) => TryParse(stored, out var version, out _) ? version : 0;

    /// <summary>Whether <paramref name="stored"/> is of the sealed form <c>v{N}:…</c> (N ≥ 1).</summary>
    public static bool IsSealed(string? stored) => stored is not null && TryParse(stored, out _, out _);

    /// <summary>The prefix every value sealed under <paramref name="version"/> starts with (<c>v2:</c>).</summary>
    public static string PrefixOf(int version) => string.Create(CultureInfo.InvariantCulture, $"v{version}:");

    /// <summary>An authenticator key (base32) sealed for the account <paramref name="accountId"/>.</summary>
    public static string SealAuthenticatorKey(KeyRing ring, long accountId, string base32Key) =>
        Seal(ring, AuthenticatorKeyPurpose, accountId, base32Key);

    /// <summary>The base32 authenticator key of the account <paramref name="accountId"/> from its stored value (sealed, or plaintext from before encryption).</summary>
    public static string OpenAuthenticatorKey(KeyRing ring, long accountId, string stored) =>
        Open(ring, AuthenticatorKeyPurpose, accountId, stored, $"利用者ID {accountId.ToString(CultureInfo.InvariantCulture)} の認証アプリの鍵");

    /// <summary>"v" then 1–9 digits (no leading zero) then ":": a base32 key (A–Z, 2–7) can never look like this.</summary>
    private static bool TryParse(string stored, out int version, out string payload)
    {
        version = 0;
        payload = "";
        if (stored.Length < 3 || stored[0] != 'v') return false;
        var colon = stored.IndexOf(':', 1);
        if (colon < 2 || colon > 10 || stored[1] == '0') return false;
        for (var i = 1; i < colon; i++)
            if (!char.IsAsciiDigit(stored[i])) return false;
        version = int.Parse(stored.AsSpan(1, colon - 1), NumberStyles.None, CultureInfo.InvariantCulture);
        payload = stored[(colon + 1)..];
        return true;
    }

    /// <summary>The associated data: the purpose (ASCII), a 0 byte, the subject id (8 bytes, big-endian), the key version (4 bytes, big-endian).</summary>
    private static byte[] Aad(string purpose, long subjectId, int version)
    {
        var label = Encoding.ASCII.GetBytes(purpose);
        var aad = new byte[label.Length + 1 + 8 + 4];
        label.CopyTo(aad, 0);
        BinaryPrimitives.WriteInt64BigEndian(aad.AsSpan(label.Length + 1), subjectId);
        BinaryPrimitives.WriteInt32BigEndian(aad.AsSpan(label.Length + 9), version);
        return aad;
    }

    private static SealedSecretException Unopenable(string what) =>
        new($"{what}を復号できません（鍵が違うか、値が改ざんされているか、別の行の値です）。");
}

/// <summary>A sealed secret that cannot be opened. The message names the row, never the secret.</summary>
public sealed class SealedSecretException(string message) : Choshu.Domain.DomainException("keys.unopenable", message);
