using System.Security.Cryptography;

namespace Choshu.App.Privacy;

/// <summary>
/// The keys that protect My Numbers at rest, held outside the database (docs/formats.md "鍵ファイル").
/// Versioned 256-bit AES keys (the highest is <see cref="CurrentVersion"/>, used for every new seal;
/// older ones stay to decrypt values not yet re-encrypted) and one stable 256-bit HMAC key for the
/// blind index, which never rotates so exact-match search keeps working across rotations.
/// Never print, log or serialise the key bytes anywhere but the key file.
/// </summary>
public sealed class KeyRing
{
    public const int KeyBytes = 32;

    private readonly SortedDictionary<int, KeyRingEntry> _keys;

    internal KeyRing(byte[] indexKey, IEnumerable<KeyRingEntry> keys, DateTime createdAtUtc)
    {
        if (indexKey.Length != KeyBytes)
            throw new KeyRingException("鍵ファイルの検索用鍵（indexKey）が 256 ビットではありません。");
        IndexKey = indexKey;
        CreatedAtUtc = createdAtUtc;
        _keys = new SortedDictionary<int, KeyRingEntry>();
        foreach (var k in keys)
        {
            if (k.Version < 1)
                throw new KeyRingException($"鍵ファイルの鍵バージョン {k.Version} は 1 以上でなければなりません。");
            if (k.Key.Length != KeyBytes)
                throw new KeyRingException($"鍵ファイルの鍵バージョン {k.Version} が 256 ビットではありません。");
            if (!_keys.TryAdd(k.Version, k))
                throw new KeyRingException($"鍵ファイルに鍵バージョン {k.Version} が重複しています。");
        }
        if (_keys.Count == 0)
            throw new KeyRingException("鍵ファイルに暗号化鍵がありません。");
    }

    internal byte[] IndexKey { get; }

    public DateTime CreatedAtUtc { get; }

    /// <summary>The version every new value is sealed under: the highest in the ring.</summary>
    public int CurrentVersion => _keys.Keys.Max();

    /// <summary>Every version in the ring, ascending, with when it was added (no key material).</summary>
    public IReadOnlyList<(int Version, DateTime CreatedAtUtc)> Versions =>
        _keys.Values.Select(k => (k.Version, k.CreatedAtUtc)).ToList();

    internal IEnumerable<KeyRingEntry> Entries => _keys.Values;

    public bool HasVersion(int version) => _keys.ContainsKey(version);

    internal byte[] KeyFor(int version) =>
        _keys.TryGetValue(version, out var k) ? k.Key
        : throw new KeyRingException($"鍵バージョン {version} の鍵が鍵ファイルにありません。鍵ファイルのバックアップを確認してください。");

    /// <summary>A new ring: version 1 and a fresh blind-index key, both from the OS random generator.</summary>
    public static KeyRing CreateNew(DateTime nowUtc) =>
        new(RandomNumberGenerator.GetBytes(KeyBytes), [new KeyRingEntry(1, RandomNumberGenerator.GetBytes(KeyBytes), nowUtc)], nowUtc);

    /// <summary>This ring plus a fresh key one above the current version (the blind-index key is kept).</summary>
    public KeyRing WithNewVersion(DateTime nowUtc) =>
        new(IndexKey, [.. _keys.Values, new KeyRingEntry(CurrentVersion + 1, RandomNumberGenerator.GetBytes(KeyBytes), nowUtc)], CreatedAtUtc);
}

/// <summary>One AES-256 key of the ring.</summary>
internal sealed record KeyRingEntry(int Version, byte[] Key, DateTime CreatedAtUtc);

/// <summary>A key file that is missing, unreadable or inconsistent; the message (Japanese) says what to do and never holds key material.</summary>
public sealed class KeyRingException : Choshu.Domain.DomainException
{
    public KeyRingException(string message) : base("keys.unavailable", message) { }

    public KeyRingException(string message, Exception inner) : base("keys.unavailable", message, inner) { }
}
