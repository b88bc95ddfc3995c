namespace Choshu.Formats.Zengin;

/// <summary>How a field of a Zengin record is written.</summary>
public enum ZenginFieldType
{
    /// <summary>N: ASCII digits, right-aligned, zero-filled.</summary>
    Numeric,

    /// <summary>C: Zengin characters (half-width katakana, A–Z, digits, a few symbols), left-aligned, space-filled.</summary>
    Text,

    /// <summary>ダミー: spaces when written, not checked when read.</summary>
    Filler,
}

/// <summary>
/// One field of a 120-byte Zengin record: its Japanese name (used in error messages), its 0-based
/// byte offset in the record, its width in bytes and its type.
/// </summary>
public sealed record ZenginField(string Name, int Offset, int Width, ZenginFieldType Type)
{
    /// <summary>The offset just past the field.</summary>
    public int End => Offset + Width;
}
