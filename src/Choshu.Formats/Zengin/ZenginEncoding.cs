using System.Text;

namespace Choshu.Formats.Zengin;

/// <summary>
/// Code page 932 (Shift_JIS as Windows writes it), in which Zengin files are exchanged: ASCII is one
/// byte, half-width katakana ｡–ﾟ are one byte each (0xA1–0xDF), and byte 0x5C is the yen sign (read
/// as '\'). Decoding turns a byte sequence that is not valid into U+FFFD; encoding a character the code
/// page lacks throws.
/// </summary>
public static class ZenginEncoding
{
    private static readonly Lazy<Encoding> s_encoding = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback("\uFFFD"));
    });

    /// <summary>Code page 932.</summary>
    public static Encoding CodePage932 => s_encoding.Value;
}
