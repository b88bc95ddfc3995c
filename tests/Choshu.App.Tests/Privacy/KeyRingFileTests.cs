using System.Text.Json;
using Choshu.App.Privacy;
using Choshu.Data;

namespace Choshu.App.Tests.Privacy;

/// <summary>The key file: JSON, mode 0600, atomic replace, refusals with Japanese messages.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyRingFileTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc);
    private readonly string _dir = Directory.CreateTempSubdirectory("choshu-keys-").FullName;

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public void CreateNew_WritesVersion1AndIndexKeyWithMode0600()
    {
        var path = PathOf("a.keys");

        var ring = KeyRingFile.CreateNew(path, Now);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        Assert.Equal("choshu-keys", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal("2026-11-26T03:00:00Z", root.GetProperty("createdAtUtc").GetString());
        Assert.Equal(32, Convert.FromBase64String(root.GetProperty("indexKey").GetString()!).Length);
        var key = Assert.Single(root.GetProperty("keys").EnumerateArray());
        Assert.Equal(1, key.GetProperty("version").GetInt32());
        Assert.Equal(32, Convert.FromBase64String(key.GetProperty("key").GetString()!).Length);
        Assert.Equal(1, ring.CurrentVersion);
        Assert.Equal([path], Directory.GetFiles(_dir)); // no temporary file left behind
    }

    [Fact]
    public void SaveThenLoad_SameKeysSoValuesStillOpen()
    {
        var path = PathOf("b.keys");
        var ring = KeyRingFile.CreateNew(path, Now).WithNewVersion(Now.AddDays(1));
        KeyRingFile.Save(path, ring);
        var row = new Choshu.Data.Taxpayers.TaxpayerMyNumber { TaxpayerId = 5 };
        var n = Choshu.Domain.Identifiers.MyNumber.Parse("111222333446");
        MyNumberVault.FromRing(ring).Seal(row, n);

        var loaded = KeyRingFile.Load(path);

        Assert.Equal(2, loaded.CurrentVersion);
        Assert.Equal([1, 2], loaded.Versions.Select(v => v.Version));
        Assert.Equal(n.Reveal(), MyNumberVault.FromRing(loaded).Reveal(row).Reveal());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void CreateNew_FileExists_RefusedAndFileUntouched()
    {
        var path = PathOf("c.keys");
        KeyRingFile.CreateNew(path, Now);
        var before = File.ReadAllBytes(path);

        var ex = Assert.Throws<KeyRingException>(() => KeyRingFile.CreateNew(path, Now));

        Assert.Contains("上書きはしません", ex.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Load_ReadableByGroupOrOthers_RefusedTellingToChmod()
    {
        var path = PathOf("d.keys");
        KeyRingFile.CreateNew(path, Now);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var ex = Assert.Throws<KeyRingException>(() => KeyRingFile.Load(path));

        Assert.Contains("chmod 600", ex.Message);
    }

    [Fact]
    public void Load_NotJson_RefusedInJapanese()
    {
        var path = PathOf("e.keys");
        File.WriteAllText(path, "not json");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var ex = Assert.Throws<KeyRingException>(() => KeyRingFile.Load(path));

        Assert.Contains("形式が正しくありません", ex.Message);
    }

    [Fact]
    public void Load_KeyOfWrongLength_Refused()
    {
        var path = PathOf("f.keys");
        KeyRingFile.CreateNew(path, Now);
        var text = File.ReadAllText(path);
        using var json = JsonDocument.Parse(text);
        var key = json.RootElement.GetProperty("keys")[0].GetProperty("key").GetString()!;
        File.WriteAllText(path, text.Replace(key, Convert.ToBase64String(new byte[16])));

        var ex = Assert.Throws<KeyRingException>(() => KeyRingFile.Load(path));

        Assert.Contains("256 ビット", ex.Message);
    }

    [Fact]
    public void Lock_HeldTwice_SecondRefused()
    {
        var path = PathOf("g.keys");
        KeyRingFile.CreateNew(path, Now);

        using (KeyRingFile.Lock(path))
        {
            var ex = Assert.Throws<KeyRingException>(() => KeyRingFile.Lock(path));
            Assert.Contains("使用中", ex.Message);
        }
        using (KeyRingFile.Lock(path)) { } // released with the first
    }

    [Fact]
    public void ResolveKeysFile_SqliteDefault_BesideTheDatabase()
    {
        if (Environment.GetEnvironmentVariable(Store.KeysEnvironmentVariable) is { Length: > 0 })
            Assert.Fail($"{Store.KeysEnvironmentVariable} is set in the test environment; this test needs it unset.");

        Assert.Equal(Path.Combine("data", "choshu.keys"), Store.Parse($"Data Source={Path.Combine("data", "choshu.db")}").ResolveKeysFile());
        Assert.Equal("/x/other.keys", (Store.Parse("Data Source=/x/a.db") with { KeysFile = "/x/other.keys" }).ResolveKeysFile());
        Assert.Null(Store.Parse("Host=127.0.0.1;Database=choshu").ResolveKeysFile());
        Assert.Null(Store.Parse("Data Source=:memory:").ResolveKeysFile());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
