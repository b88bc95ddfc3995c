using System.Buffers;
using System.Text;

namespace Choshu.Formats.Csv;

/// <summary>
/// The two character encodings an import file may be in, and how Choshu tells them apart:
/// a UTF-8 byte-order mark means UTF-8; otherwise, when the first 64 KiB decode as strict UTF-8
/// (a multi-byte sequence cut by the 64 KiB boundary is tolerated), UTF-8; otherwise Shift_JIS
/// (Windows code page 932, which includes the NEC and IBM extensions such as ①, ㈱ and 髙).
/// Decoding replaces a byte sequence that is not valid with U+FFFD, which <see cref="CsvReader"/>
/// reports on the record it falls in.
/// </summary>
public sealed class CsvTextEncoding
{
    /// <summary>How many leading bytes <see cref="Detect"/> looks at.</summary>
    public const int DetectionWindow = 64 * 1024;

    public const string Utf8Name = "utf-8";
    public const string ShiftJisName = "shift_jis";

    private static readonly Lazy<Encoding> s_shiftJis = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"));
    });

    private static readonly Lazy<Encoding> s_utf8 =
        new(() => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: false));

    private readonly Lazy<Encoding> _encoding;

    private CsvTextEncoding(string name, Lazy<Encoding> encoding)
    {
        Name = name;
        _encoding = encoding;
    }

    /// <summary>UTF-8; a byte-order mark at the start is skipped.</summary>
    public static CsvTextEncoding Utf8 { get; } = new(Utf8Name, s_utf8);

    /// <summary>Shift_JIS as Windows writes it (code page 932).</summary>
    public static CsvTextEncoding ShiftJis { get; } = new(ShiftJisName, s_shiftJis);

    /// <summary>"utf-8" or "shift_jis", as stored with the import file.</summary>
    public string Name { get; }

    /// <summary>The decoder (invalid bytes become U+FFFD; a UTF-8 byte-order mark is skipped by <see cref="StreamReader"/>).</summary>
    public Encoding Encoding => _encoding.Value;

    /// <summary>A reader over <paramref name="stream"/> in this encoding (a UTF-8 byte-order mark is skipped).</summary>
    public StreamReader OpenReader(Stream stream) =>
        new(stream, Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: false);

    /// <summary>The names accepted by <c>--encoding</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = [Utf8Name, ShiftJisName];

    /// <summary>"utf-8"/"utf8" or "shift_jis"/"sjis"/"cp932" (any case), or null when the name is not one of them.</summary>
    public static CsvTextEncoding? FromName(string? name) =>
        name?.Trim().ToLowerInvariant() switch
        {
            "utf-8" or "utf8" => Utf8,
            "shift_jis" or "shift-jis" or "sjis" or "cp932" or "windows-31j" => ShiftJis,
            _ => null,
        };

    /// <summary>
    /// Decides the encoding from the first bytes of a file.
    /// <paramref name="head"/> is the whole file when it is shorter than <see cref="DetectionWindow"/>;
    /// <paramref name="isWholeFile"/> says so, and then a cut multi-byte sequence at the end is not tolerated.
    /// </summary>
    public static CsvTextEncoding Detect(ReadOnlySpan<byte> head, bool isWholeFile)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Utf8;
        if (head.Length > DetectionWindow) head = head[..DetectionWindow];

        var chars = ArrayPool<char>.Shared.Rent(head.Length + 1);
        try
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(head, chars, out _, out _, replaceInvalidSequences: false, isFinalBlock: isWholeFile);
            return status is OperationStatus.Done or OperationStatus.NeedMoreData ? Utf8 : ShiftJis;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    public override string ToString() => Name;
}
