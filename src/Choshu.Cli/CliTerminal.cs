using System.Runtime.InteropServices;
using System.Text;

namespace Choshu.Cli;

/// <summary>
/// Where a command runs, for the proof a person-bound command needs (issue 18, defect 6): standard input (a terminal, read
/// without echo, or piped lines), the OS user (effective uid and name), its terminal (tty, or なし), and the file that holds
/// the random token of a <c>choshu login</c> session. Program uses <see cref="FromConsole"/>; tests give their own.
/// </summary>
public sealed class CliTerminal
{
    /// <summary>The environment variable that names the token file (tests, or a per-job location).</summary>
    public const string TokenFileVariable = "CHOSHU_CLI_TOKEN_FILE";

    public required TextReader In { get; init; }
    /// <summary>Standard input is a terminal: secrets are read key by key without echo, and a person-bound command without a login asks for them.</summary>
    public bool InputIsTerminal { get; init; }
    public required long Uid { get; init; }
    public required string OsUser { get; init; }
    /// <summary>The terminal device (e.g. /dev/pts/3), or なし when standard input is not one.</summary>
    public required string Tty { get; init; }
    public required string TokenFile { get; init; }
    public string Host { get; init; } = Environment.MachineName;

    /// <summary>This process: the console, the effective uid, the tty of standard input, the token file of <see cref="DefaultTokenFile"/>.</summary>
    public static CliTerminal FromConsole() => new()
    {
        In = Console.In,
        InputIsTerminal = !Console.IsInputRedirected,
        Uid = Posix.EffectiveUid(),
        OsUser = Environment.UserName,
        Tty = Posix.StdinTty() ?? "なし",
        TokenFile = DefaultTokenFile(),
    };

    /// <summary>Piped standard input (a script, a test): lines of <paramref name="input"/>; no tty.</summary>
    public static CliTerminal Piped(string input, string tokenFile, long? uid = null) => new()
    {
        In = new StringReader(input),
        Uid = uid ?? Posix.EffectiveUid(),
        OsUser = Environment.UserName,
        Tty = "なし",
        TokenFile = tokenFile,
    };

    /// <summary>
    /// CHOSHU_CLI_TOKEN_FILE when set; else $XDG_RUNTIME_DIR/choshu/cli-token (a per-user directory the system empties at
    /// logout and reboot); else ~/.choshu/cli-token.
    /// </summary>
    public static string DefaultTokenFile()
    {
        if (Environment.GetEnvironmentVariable(TokenFileVariable) is { Length: > 0 } f) return Path.GetFullPath(f);
        var dir = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } run
            ? Path.Combine(run, "choshu")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".choshu");
        return Path.Combine(dir, "cli-token");
    }

    /// <summary>The terminal recorded in the 操作ログ for this command: host, OS user (uid) and tty (at most 100 characters).</summary>
    public string AuditTerminal
    {
        get
        {
            var s = $"cli:{Host} os:{OsUser}(uid {Uid}) tty:{Tty}";
            return s.Length <= 100 ? s : s[..100];
        }
    }

    /// <summary>One secret (password, code): from a terminal key by key without echo; otherwise the next line of standard input. Never printed, never logged.</summary>
    public string ReadSecret(TextWriter err, string prompt)
    {
        if (!InputIsTerminal)
            return In.ReadLine() ?? throw new CliException($"標準入力から{prompt.TrimEnd(':', '：', ' ')}を読めませんでした（1行目にパスワード、2行目に確認コードを渡してください）。");
        err.Write(prompt);
        var sb = new StringBuilder();
        while (true)
        {
            var k = Console.ReadKey(intercept: true);
            if (k.Key == ConsoleKey.Enter) break;
            if (k.Key == ConsoleKey.Backspace) { if (sb.Length > 0) sb.Length--; continue; }
            sb.Append(k.KeyChar);
        }
        err.WriteLine();
        return sb.ToString();
    }

    /// <summary>
    /// The token in <see cref="TokenFile"/>, or null when there is no file. Refused (Japanese, exit 3) when the file is not a
    /// regular file of this uid readable by it alone (mode 0600 or 0400): a token others could read proves nothing.
    /// </summary>
    public string? ReadToken()
    {
        if (!File.Exists(TokenFile) && !Posix.IsSymlink(TokenFile)) return null;
        RefuseUnsafeTokenFile();
        var token = File.ReadAllText(TokenFile).Trim();
        return token.Length == 0 ? null : token;
    }

    private void RefuseUnsafeTokenFile()
    {
        if (OperatingSystem.IsWindows()) return;
        var (isRegular, owner, mode) = Posix.Describe(TokenFile);
        if (!isRegular)
            throw new CliException($"トークンファイル {TokenFile} が通常のファイルではありません（シンボリックリンクなど）。削除してから choshu login をやり直してください。", 3);
        if (owner != Uid)
            throw new CliException($"トークンファイル {TokenFile} の所有者が別の OS ユーザー（番号 {owner}）です。使いません。削除してから choshu login をやり直してください。", 3);
        if ((mode & 0b000_111_111) != 0)
            throw new CliException($"トークンファイル {TokenFile} の権限が所有者以外にも開かれています（{Convert.ToString(mode & 0x1FF, 8).PadLeft(4, '0')}）。使いません。削除してから choshu login をやり直してください（作り直すファイルは 0600 です）。", 3);
    }

    /// <summary>Writes the token alone to <see cref="TokenFile"/>, mode 0600, replacing the file atomically (a new directory is made 0700).</summary>
    public void WriteToken(string token)
    {
        var full = Path.GetFullPath(TokenFile);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
            else Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        if (File.Exists(full) || Posix.IsSymlink(full)) RefuseUnsafeTokenFile(); // never replace a file another user placed
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var fs = new FileStream(temp, options))
            {
                fs.Write(Encoding.ASCII.GetBytes(token + "\n"));
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Deletes the token file; false when there was none.</summary>
    public bool DeleteToken()
    {
        if (!File.Exists(TokenFile) && !Posix.IsSymlink(TokenFile)) return false;
        File.Delete(TokenFile);
        return true;
    }
}

/// <summary>The few POSIX facts .NET does not expose: the effective uid, a file's owner and type, the tty of standard input.</summary>
internal static class Posix
{
    // The .NET runtime's own native shim (shipped with every runtime): its FileStatus layout is stable (flags, mode, uid, gid, …).
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_GetEUid")]
    private static extern uint GetEUid();

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int LStat(string path, out FileStatus output);

    [StructLayout(LayoutKind.Sequential)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
        public long Size;
        public long ATime, ATimeNsec, MTime, MTimeNsec, CTime, CTimeNsec, BirthTime, BirthTimeNsec;
        public long Dev, RDev, Ino;
        public uint UserFlags;
        // Room for fields a later runtime may add at the end.
        public long Spare1, Spare2, Spare3, Spare4;
    }

    private const int TypeMask = 0xF000, TypeRegular = 0x8000, TypeLink = 0xA000;

    public static long EffectiveUid() => OperatingSystem.IsWindows() ? 0 : GetEUid();

    /// <summary>Whether the path is a regular file (not followed if a link), its owner's uid and its permission bits.</summary>
    public static (bool IsRegular, long Owner, int Mode) Describe(string path)
    {
        if (LStat(path, out var st) != 0) throw new CliException($"トークンファイル {path} の属性を読めませんでした。", 3);
        return ((st.Mode & TypeMask) == TypeRegular, st.Uid, st.Mode & 0xFFF);
    }

    public static bool IsSymlink(string path) =>
        !OperatingSystem.IsWindows() && LStat(path, out var st) == 0 && (st.Mode & TypeMask) == TypeLink;

    /// <summary>The terminal device of standard input (/dev/pts/N, /dev/ttyN), or null when it is not a terminal.</summary>
    public static string? StdinTty()
    {
        if (OperatingSystem.IsWindows() || Console.IsInputRedirected) return null;
        try
        {
            var target = File.ResolveLinkTarget("/proc/self/fd/0", returnFinalTarget: false)?.ToString();
            return target is not null && target.StartsWith("/dev/", StringComparison.Ordinal) ? target : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
