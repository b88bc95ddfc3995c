using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Choshu.Data;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Identifiers;

namespace Choshu.App.Privacy;

/// <summary>
/// Seals and opens My Numbers at rest (issue 4 item 3). A value is AES-256-GCM under the ring's
/// current key with a random 96-bit nonce and a 128-bit tag, the associated data binding it to its
/// taxpayer id and key version (a value copied to another taxpayer's row, or relabelled with another
/// version, fails to open); stored as base64(nonce | ciphertext | tag) with the key version beside it.
/// The blind index is HMAC-SHA256 of the 12 digits under the ring's stable index key, hex, for
/// exact-match search without decrypting. Key material comes from the key file (<see cref="KeyRingFile"/>),
/// never from the database. Open once per operation and reuse: sealing does not touch the file.
/// Messages never contain the number.
/// </summary>
public sealed class MyNumberVault
{
    public const int NonceBytes = 12;
    public const int TagBytes = 16;
    private const string AadPrefix = "choshu:taxpayer_my_numbers:v1";

    private const int NonceBufferSize = NonceBytes * 1024;

    /// <summary>Random bytes for nonces, drawn from the OS generator a kilobyte-batch at a time (one call per seal costs as much as the encryption).</summary>
    [ThreadStatic] private static byte[]? t_nonces;
    [ThreadStatic] private static int t_noncesUsed;

    private readonly KeyRing _ring;

    /// <summary>One <see cref="AesGcm"/> per key version and thread (an instance is not thread-safe; making one per value costs as much as using it).</summary>
    private readonly ThreadLocal<Dictionary<int, AesGcm>> _ciphers = new(() => []);

    private MyNumberVault(KeyRing ring, string? path)
    {
        _ring = ring;
        KeysFile = path;
    }

    /// <summary>Loads <paramref name="store"/>'s key ring; a Japanese <see cref="KeyRingException"/> when none is configured or the file is missing.</summary>
    public static MyNumberVault Open(Store store)
    {
        var path = KeyRingFile.LocateOrThrow(store);
        return new MyNumberVault(KeyRingFile.Load(path), path);
    }

    /// <summary>A vault over a ring already in memory (key rotation, tests).</summary>
    public static MyNumberVault FromRing(KeyRing ring) => new(ring, null);

    /// <summary>The key file this vault was loaded from (null when built from a ring in memory).</summary>
    public string? KeysFile { get; }

    public KeyRing Ring => _ring;

    /// <summary>The key version new values are sealed under.</summary>
    public int CurrentKeyVersion => _ring.CurrentVersion;

    /// <summary>Encrypts <paramref name="number"/> into <paramref name="row"/>: sets Value, KeyVersion and BlindIndex. Row.TaxpayerId must already be set.</summary>
    public void Seal(TaxpayerMyNumber row, MyNumber number)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.TaxpayerId <= 0)
            throw new InvalidOperationException("個人番号を暗号化する前に納税者IDを設定してください。");
        var version = _ring.CurrentVersion;
        Span<byte> plain = stackalloc byte[MyNumber.Length];
        Encoding.ASCII.GetBytes(number.Reveal(), plain);
        var sealedBytes = new byte[NonceBytes + MyNumber.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        NextNonce(nonce);
        Cipher(version).Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, MyNumber.Length), sealedBytes.AsSpan(NonceBytes + MyNumber.Length), Aad(row.TaxpayerId, version));
        CryptographicOperations.ZeroMemory(plain);
        row.Value = Convert.ToBase64String(sealedBytes);
        row.KeyVersion = version;
        row.BlindIndex = BlindIndex(number);
    }

    /// <summary>
    /// The digits of <paramref name="row"/>: decrypted under its key version, or read as stored when
    /// KeyVersion is 0 (a store from before encryption). Throws <see cref="MyNumberVaultException"/>
    /// when the value does not open (wrong row, wrong key, tampered).
    /// </summary>
    public MyNumber Reveal(TaxpayerMyNumber row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.KeyVersion == 0)
            return MyNumber.TryParse(row.Value, out var legacy) ? legacy
                : throw new MyNumberVaultException($"納税者ID {row.TaxpayerId} の個人番号（暗号化前の値）が正しい形式ではありません。");
        if (!_ring.HasVersion(row.KeyVersion))
            throw new MyNumberVaultException($"納税者ID {row.TaxpayerId} の個人番号は鍵バージョン {row.KeyVersion} で暗号化されていますが、その鍵が鍵ファイルにありません。");
        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(row.Value);
        }
        catch (FormatException)
        {
            throw Unopenable(row);
        }
        if (sealedBytes.Length != NonceBytes + MyNumber.Length + TagBytes)
            throw Unopenable(row);
        Span<byte> plain = stackalloc byte[MyNumber.Length];
        try
        {
            Cipher(row.KeyVersion).Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, MyNumber.Length),
                sealedBytes.AsSpan(NonceBytes + MyNumber.Length), plain, Aad(row.TaxpayerId, row.KeyVersion));
        }
        catch (CryptographicException)
        {
            throw Unopenable(row);
        }
        var digits = Encoding.ASCII.GetString(plain);
        CryptographicOperations.ZeroMemory(plain);
        return MyNumber.TryParse(digits, out var number) ? number : throw Unopenable(row);
    }

    /// <summary>HMAC-SHA256 of the 12 digits under the ring's index key, 64 lowercase hex characters.</summary>
    public string BlindIndex(MyNumber number)
    {
        Span<byte> digits = stackalloc byte[MyNumber.Length];
        Encoding.ASCII.GetBytes(number.Reveal(), digits);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_ring.IndexKey, digits, mac);
        CryptographicOperations.ZeroMemory(digits);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>
    /// Whether <paramref name="row"/> holds <paramref name="number"/>, without decrypting: by blind index
    /// for a sealed value, by the digits for a KeyVersion 0 value. False for a null row.
    /// </summary>
    public bool Matches(TaxpayerMyNumber? row, MyNumber number)
    {
        if (row is null) return false;
        if (row.KeyVersion == 0)
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(row.Value), Encoding.ASCII.GetBytes(number.Reveal()));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(row.BlindIndex), Encoding.ASCII.GetBytes(BlindIndex(number)));
    }

    private AesGcm Cipher(int version)
    {
        var ciphers = _ciphers.Value!;
        if (!ciphers.TryGetValue(version, out var aes))
            ciphers.Add(version, aes = new AesGcm(_ring.KeyFor(version), TagBytes));
        return aes;
    }

    /// <summary>Fills <paramref name="nonce"/> with fresh random bytes (never reused: each buffer byte is handed out once).</summary>
    private static void NextNonce(Span<byte> nonce)
    {
        if (t_nonces is null || t_noncesUsed + NonceBytes > NonceBufferSize)
        {
            t_nonces ??= new byte[NonceBufferSize];
            RandomNumberGenerator.Fill(t_nonces);
            t_noncesUsed = 0;
        }
        t_nonces.AsSpan(t_noncesUsed, NonceBytes).CopyTo(nonce);
        t_nonces.AsSpan(t_noncesUsed, NonceBytes).Clear();
        t_noncesUsed += NonceBytes;
    }

    /// <summary>The associated data: a fixed label, the taxpayer id and the key version.</summary>
    private static byte[] Aad(long taxpayerId, int keyVersion)
    {
        var prefix = Encoding.ASCII.GetBytes(AadPrefix);
        var aad = new byte[prefix.Length + 8 + 4];
        prefix.CopyTo(aad, 0);
        BinaryPrimitives.WriteInt64BigEndian(aad.AsSpan(prefix.Length), taxpayerId);
        BinaryPrimitives.WriteInt32BigEndian(aad.AsSpan(prefix.Length + 8), keyVersion);
        return aad;
    }

    private static MyNumberVaultException Unopenable(TaxpayerMyNumber row) =>
        new($"納税者ID {row.TaxpayerId} の個人番号を復号できません（鍵が違うか、値が改ざんされているか、別の納税者の値です）。");
}

/// <summary>A stored My Number that cannot be opened. The message names the taxpayer id, never the number.</summary>
public sealed class MyNumberVaultException(string message) : Choshu.Domain.DomainException("mynumber.unopenable", message);
