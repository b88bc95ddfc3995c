using SkiaSharp;

namespace Choshu.Forms;

/// <summary>
/// The font every form is drawn with: IPAexGothic (ipaexg.ttf, Debian's fonts-ipaexfont-gothic, installed by
/// scripts/ensure-forms.sh), embedded in each PDF. Found by <see cref="Load"/>: the directory in the
/// environment variable CHOSHU_FORM_FONT_DIR, then Debian's directories.
/// </summary>
public sealed class FormFonts
{
    /// <summary>The environment variable naming a directory that holds ipaexg.ttf.</summary>
    public const string DirectoryVariable = "CHOSHU_FORM_FONT_DIR";

    /// <summary>The font file's name.</summary>
    public const string GothicFile = "ipaexg.ttf";

    private static readonly string[] DebianDirectories =
    [
        "/usr/share/fonts/opentype/ipaexfont-gothic",
        "/usr/share/fonts/truetype/ipaexfont-gothic",
        "/usr/share/fonts/opentype/ipaexfont",
        "/usr/share/fonts/truetype/ipaexfont",
    ];

    private FormFonts(string gothicPath, SKTypeface gothic)
    {
        GothicPath = gothicPath;
        Gothic = gothic;
    }

    /// <summary>The file the font was read from.</summary>
    public string GothicPath { get; }

    internal SKTypeface Gothic { get; }

    /// <summary>
    /// Finds and reads IPAexGothic. <see cref="FormException"/> "form.font_missing" when it is nowhere.
    /// </summary>
    public static FormFonts Load()
    {
        var candidates = new List<string>();
        var dir = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(dir)) candidates.Add(Path.Combine(dir, GothicFile));
        candidates.AddRange(DebianDirectories.Select(d => Path.Combine(d, GothicFile)));
        foreach (var path in candidates)
        {
            if (!File.Exists(path)) continue;
            var typeface = SKTypeface.FromFile(path);
            if (typeface is not null) return new FormFonts(path, typeface);
        }

        throw new FormException(
            "form.font_missing",
            "帳票用フォント（IPAexゴシック）が見つかりません。scripts/ensure-forms.sh を実行するか、CHOSHU_FORM_FONT_DIR を設定してください。");
    }

    /// <summary>Reads the font from a given file (tests, a city's own copy); "form.font_missing" when unreadable.</summary>
    public static FormFonts FromFile(string gothicPath)
    {
        var typeface = File.Exists(gothicPath) ? SKTypeface.FromFile(gothicPath) : null;
        return typeface is null
            ? throw new FormException(
                "form.font_missing",
                "帳票用フォント（IPAexゴシック）が見つかりません。scripts/ensure-forms.sh を実行するか、CHOSHU_FORM_FONT_DIR を設定してください。")
            : new FormFonts(gothicPath, typeface);
    }
}
