using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Choshu.Data;

namespace Choshu.App.Privacy;

/// <summary>
/// Reads and writes the key file (docs/formats.md "鍵ファイル"): UTF-8 JSON, mode 0600, replaced
/// atomically (written beside it under a temporary name, flushed to disk, then renamed over it) so
/// a crash leaves either the old ring or the new one, never half of one.
/// </summary>
public static class KeyRingFile
{
    public const string Format = "choshu-keys";
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Base64 as it is ('+' not written as \u002B): the file is never embedded in HTML, and an
        // operator comparing a key with its backup sees the same characters.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Where <paramref name="store"/>'s key file is: <see cref="Store.KeysFile"/>, else CHOSHU_KEYS_FILE,
    /// else for a SQLite file the ".keys" file beside it; null for PostgreSQL with neither set.
    /// </summary>
    public static string? Locate(Store store) => store.ResolveKeysFile();

    /// <summary>The located path, or a Japanese error telling the operator how to configure one.</summary>
    public static string LocateOrThrow(Store store) =>
        Locate(store) ?? throw new KeyRingException(
            $"{store.Describe()} の個人番号の暗号鍵ファイルが設定されていません。" +
            $"choshu keys init --out ファイル名 で鍵ファイルを作成し、環境変数 {Store.KeysEnvironmentVariable} にそのパスを設定してください。");

    public static KeyRing Load(string path)
    {
        if (!File.Exists(path))
            throw new KeyRingException(
                $"個人番号の暗号鍵ファイル {path} がありません。鍵ファイルのバックアップから復元するか、" +
                "新しいデータベースなら choshu db init（SQLite）または choshu keys init --out で作成してください。");
        RefuseIfReadableByOthers(path);
        KeyFileDto dto;
        try
        {
            dto = JsonSerializer.Deserialize<KeyFileDto>(File.ReadAllBytes(path), Json)
                ?? throw new KeyRingException($"鍵ファイル {path} が空です。");
        }
        catch (JsonException ex)
        {
            throw new KeyRingException($"鍵ファイル {path} の形式が正しくありません（JSON として読めません）。", ex);
        }
        if (dto.Format != Format || dto.FormatVersion != FormatVersion)
            throw new KeyRingException($"鍵ファイル {path} の形式が {Format} 第{FormatVersion}版ではありません。");
        try
        {
            return new KeyRing(
                Convert.FromBase64String(dto.IndexKey ?? ""),
                (dto.Keys ?? []).Select(k => new KeyRingEntry(k.Version, Convert.FromBase64String(k.Key ?? ""), ParseUtc(k.CreatedAtUtc))),
                ParseUtc(dto.CreatedAtUtc));
        }
        catch (FormatException ex)
        {
            throw new KeyRingException($"鍵ファイル {path} の鍵が base64 として読めません。", ex);
        }
    }

    /// <summary>Writes <paramref name="ring"/> to <paramref name="path"/> atomically with mode 0600.</summary>
    public static void Save(string path, KeyRing ring)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var dto = new KeyFileDto
        {
            Format = Format,
            FormatVersion = FormatVersion,
            CreatedAtUtc = FormatUtc(ring.CreatedAtUtc),
            IndexKey = Convert.ToBase64String(ring.IndexKey),
            Keys = [.. ring.Entries.Select(k => new KeyDto { Version = k.Version, CreatedAtUtc = FormatUtc(k.CreatedAtUtc), Key = Convert.ToBase64String(k.Key) })],
        };
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(dto, Json) + "\n");
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var fs = new FileStream(temp, options))
            {
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Creates a new ring at <paramref name="path"/>; refuses to overwrite an existing file.</summary>
    public static KeyRing CreateNew(string path, DateTime nowUtc)
    {
        if (File.Exists(path))
            throw new KeyRingException($"鍵ファイル {path} は既にあります。上書きはしません（既存の鍵を失うと個人番号を復号できなくなります）。");
        var ring = KeyRing.CreateNew(nowUtc);
        Save(path, ring);
        return ring;
    }

    /// <summary>
    /// Holds an exclusive lock on "FILE.lock" beside the key file while the ring is changed, so two
    /// rotations can never both add "the next version" with different keys.
    /// </summary>
    public static IDisposable Lock(string path)
    {
        var lockPath = Path.GetFullPath(path) + ".lock";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            return new FileStream(lockPath, options);
        }
        catch (IOException ex)
        {
            throw new KeyRingException($"鍵ファイル {path} は別の処理（鍵の更新）が使用中です。終わってから再実行してください。", ex);
        }
    }

    private static void RefuseIfReadableByOthers(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        var mode = File.GetUnixFileMode(path);
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if ((mode & others) != 0)
            throw new KeyRingException($"鍵ファイル {path} が所有者以外にも読み書きできる権限になっています。chmod 600 {path} で所有者だけに限ってください。");
    }

    private static string FormatUtc(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTime ParseUtc(string? s) =>
        DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
            ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : DateTime.MinValue;

    private sealed class KeyFileDto
    {
        public string? Format { get; set; }
        public int FormatVersion { get; set; }
        public string? CreatedAtUtc { get; set; }
        public string? IndexKey { get; set; }
        public List<KeyDto>? Keys { get; set; }
    }

    private sealed class KeyDto
    {
        public int Version { get; set; }
        public string? CreatedAtUtc { get; set; }
        public string? Key { get; set; }
    }
}
