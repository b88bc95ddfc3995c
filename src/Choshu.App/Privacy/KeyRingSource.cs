using Choshu.Data;

namespace Choshu.App.Privacy;

/// <summary>
/// A store's key ring for a long-lived service (the account store of the web application, the CLI's
/// account commands): found the same way <see cref="MyNumberVault.Open"/> finds it (<see cref="Store.KeysFile"/>,
/// else CHOSHU_KEYS_FILE, else the ".keys" file beside a SQLite file: <see cref="KeyRingFile.LocateOrThrow"/>),
/// loaded on first use — a service that never touches a secret never needs the file — and loaded
/// again whenever the file has changed since (its size or last-write time), so a web process keeps
/// working across a <c>choshu keys rotate</c> run by another process: new values are sealed under
/// the new version and values re-encrypted under it open. Thread-safe.
/// </summary>
public sealed class KeyRingSource(Store store)
{
    private readonly Lock _gate = new();
    private (string Path, DateTime WrittenUtc, long Length, KeyRing Ring)? _loaded;

    public Store Store { get; } = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>The ring as the key file holds it now (re-read when the file changed). A Japanese <see cref="KeyRingException"/> when none is configured or the file is missing or unreadable.</summary>
    public KeyRing Current()
    {
        var path = KeyRingFile.LocateOrThrow(Store);
        var info = new FileInfo(path);
        lock (_gate)
        {
            if (_loaded is { } l && info.Exists && l.Path == path && l.WrittenUtc == info.LastWriteTimeUtc && l.Length == info.Length)
                return l.Ring;
            return LoadLocked(path);
        }
    }

    /// <summary>Reads the key file again whatever its time stamp says (a value names a version the cached ring lacks).</summary>
    public KeyRing Reload()
    {
        var path = KeyRingFile.LocateOrThrow(Store);
        lock (_gate) return LoadLocked(path);
    }

    private KeyRing LoadLocked(string path)
    {
        // The stamp is taken before reading: a file replaced in between is read again at the next call.
        var info = new FileInfo(path);
        var (written, length) = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1L);
        var ring = KeyRingFile.Load(path); // throws (Japanese) when missing, readable by others or malformed
        _loaded = (path, written, length, ring);
        return ring;
    }
}
