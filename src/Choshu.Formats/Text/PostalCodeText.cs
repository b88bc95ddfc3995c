namespace Choshu.Formats.Text;

/// <summary>A postcode as staff and taxpayers read it, the same on screens, in the CLI and on forms: 〒890-0065.</summary>
public static class PostalCodeText
{
    /// <summary>"〒890-0065" for the stored seven digits; another stored form after 〒 as it is; empty for none.</summary>
    public static string Of(string? code) =>
        code is { Length: 7 } c && c.All(char.IsAsciiDigit) ? $"〒{c[..3]}-{c[3..]}"
        : string.IsNullOrWhiteSpace(code) ? "" : "〒" + code.Trim();
}
