using Choshu.Formats.Kana;

namespace Choshu.Formats.Zengin;

/// <summary>How <see cref="ZenginWriter"/> writes a file.</summary>
public sealed record ZenginWriterOptions
{
    public static ZenginWriterOptions Default { get; } = new();

    /// <summary>
    /// True (the default): CR LF after every record, so each record takes 122 bytes. Most banks accept
    /// both forms; false writes the records back to back (120 bytes each) for a bank that wants that.
    /// </summary>
    public bool LineBreaks { get; init; } = true;

    /// <summary>How names are converted to Zengin text (by default small kana become large).</summary>
    public HalfWidthKanaOptions Kana { get; init; } = HalfWidthKanaOptions.Default;
}
