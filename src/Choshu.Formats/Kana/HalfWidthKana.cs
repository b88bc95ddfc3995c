using System.Collections.Frozen;
using System.Text;
using Choshu.Domain;

namespace Choshu.Formats.Kana;

/// <summary>
/// Converts a name to the character set of 全銀協 (Zengin) files: half-width katakana ｱ–ﾝ ｦ with ﾞ ﾟ,
/// the long vowel ｰ, upper-case A–Z, digits, space and the symbols ( ) , - . / \ ｢ ｣ — all of them one
/// byte each in code page 932.
/// <list type="bullet">
/// <item>Full-width katakana and hiragana become half-width katakana; a voiced or semi-voiced kana is
/// split into its base and ﾞ or ﾟ (ガ → ｶﾞ, パ → ﾊﾟ, ヴ and ゔ → ｳﾞ); a combining or stand-alone
/// sound mark (U+3099/U+309A, ゛゜) becomes ﾞ or ﾟ.</item>
/// <item>Small kana ャュョッァィゥェォ become large ﾔﾕﾖﾂｱｲｳｴｵ unless
/// <see cref="HalfWidthKanaOptions.SmallKanaToLarge"/> is false (see there why); ヵヶヮ become ｶｹﾜ;
/// the obsolete ヰヱ (ゐゑ) become ｲｴ.</item>
/// <item>Full-width Latin letters and digits become ASCII; lower case becomes upper case.</item>
/// <item>The ideographic space (U+3000, the "full-width space") becomes an ASCII space; ー becomes ｰ;
/// ・ (and ･) become '.'; （），－．／ become ( ) , - . /; 「」 become ｢｣; ￥ ¥ ＼ become '\'
/// (the yen sign of code page 932).</item>
/// <item>Anything else (kanji, ヽゞ, other symbols, emoji) is refused with a <see cref="DomainException"/>
/// "kana.unsupported" naming the 1-based position and the character.</item>
/// </list>
/// Nothing is trimmed or shortened: fitting a field's width is the file writer's business.
/// </summary>
public static class HalfWidthKana
{
    // Full-width katakana with a one-character half-width form, in the same order as their forms.
    private const string PlainFull = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
    private const string PlainHalf = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ";
    private const string SmallFull = "ァィゥェォャュョッ";
    private const string SmallHalf = "ｧｨｩｪｫｬｭｮｯ";
    private const string SmallAsLarge = "ｱｲｳｴｵﾔﾕﾖﾂ";
    private const string Voiced = "ガギグゲゴザジズゼゾダヂヅデドバビブベボ"; // each is its base + 1 in Unicode
    private const string SemiVoiced = "パピプペポ";                                 // each is its base + 2 in Unicode

    private const char HalfVoicedMark = 'ﾞ';     // U+FF9E
    private const char HalfSemiVoicedMark = 'ﾟ'; // U+FF9F

    /// <summary>Every character the Zengin set allows, small kana excluded.</summary>
    private const string ZenginSymbols = " (),-./\\｢｣ｰﾞﾟ";

    private static readonly FrozenDictionary<char, string> s_fullToHalf = BuildFullToHalf();
    private static readonly FrozenDictionary<char, char> s_smallHalfToLarge =
        SmallHalf.Zip(SmallAsLarge).ToFrozenDictionary(p => p.First, p => p.Second);

    /// <summary>Converts with the default options (small kana become large).</summary>
    public static string ToZengin(string text) => ToZengin(text, HalfWidthKanaOptions.Default);

    /// <summary>
    /// Converts <paramref name="text"/> to the Zengin character set. Throws <see cref="DomainException"/>
    /// "kana.unsupported" for the first character that has no Zengin form.
    /// </summary>
    public static string ToZengin(string text, HalfWidthKanaOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);

        var sb = new StringBuilder(text.Length + 8);
        var position = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            position++;
            if (!rune.IsBmp || !TryAppend(sb, (char)rune.Value, options))
            {
                throw new DomainException(
                    "kana.unsupported",
                    $"{position}文字目の「{rune}」は全銀協の文字（半角カナ・英大文字・数字・一部の記号）に変換できません。");
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// True when every character of <paramref name="text"/> already is in the Zengin set as written in a
    /// file (half-width katakana without small kana, A–Z, 0–9, space, ( ) , - . / \ ｢ ｣ ｰ ﾞ ﾟ).
    /// </summary>
    public static bool IsZenginText(string text) => IsZenginText(text, HalfWidthKanaOptions.Default);

    /// <summary>
    /// As <see cref="IsZenginText(string)"/>; when <see cref="HalfWidthKanaOptions.SmallKanaToLarge"/>
    /// is false the half-width small kana ｧｨｩｪｫｬｭｮｯ are accepted too.
    /// </summary>
    public static bool IsZenginText(string text, HalfWidthKanaOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);

        foreach (var c in text)
        {
            if (!IsZenginChar(c, allowSmallKana: !options.SmallKanaToLarge))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsZenginChar(char c, bool allowSmallKana) =>
        char.IsAsciiDigit(c)
        || char.IsAsciiLetterUpper(c)
        || ZenginSymbols.Contains(c)
        || PlainHalf.Contains(c)
        || (allowSmallKana && SmallHalf.Contains(c));

    private static bool TryAppend(StringBuilder sb, char c, HalfWidthKanaOptions options)
    {
        // Already in the set (ASCII upper case, digits, half-width katakana, symbols).
        if (IsZenginChar(c, allowSmallKana: false))
        {
            sb.Append(c);
            return true;
        }

        // Half-width small kana.
        if (s_smallHalfToLarge.TryGetValue(c, out var large))
        {
            sb.Append(options.SmallKanaToLarge ? large : c);
            return true;
        }

        // ASCII lower case.
        if (char.IsAsciiLetterLower(c))
        {
            sb.Append(char.ToUpperInvariant(c));
            return true;
        }

        // Full-width digits and Latin letters (U+FF10–FF19, FF21–FF3A, FF41–FF5A).
        if (c is >= '０' and <= '９' or >= 'Ａ' and <= 'Ｚ' or >= 'ａ' and <= 'ｚ')
        {
            sb.Append(char.ToUpperInvariant((char)(c - 0xFEE0)));
            return true;
        }

        // Hiragana ぁ–ゖ map onto katakana ァ–ヶ at a distance of 0x60.
        if (c is >= 'ぁ' and <= 'ゖ')
        {
            c = (char)(c + 0x60);
        }

        // Small kana (full-width).
        var small = SmallFull.IndexOf(c);
        if (small >= 0)
        {
            sb.Append(options.SmallKanaToLarge ? SmallAsLarge[small] : SmallHalf[small]);
            return true;
        }

        if (s_fullToHalf.TryGetValue(c, out var half))
        {
            sb.Append(half);
            return true;
        }

        return false;
    }

    private static FrozenDictionary<char, string> BuildFullToHalf()
    {
        var map = new Dictionary<char, string>();
        for (var i = 0; i < PlainFull.Length; i++)
        {
            map[PlainFull[i]] = PlainHalf[i].ToString();
        }

        foreach (var c in Voiced)
        {
            map[c] = map[(char)(c - 1)] + HalfVoicedMark;
        }

        foreach (var c in SemiVoiced)
        {
            map[c] = map[(char)(c - 2)] + HalfSemiVoicedMark;
        }

        map['ヴ'] = "ｳ" + HalfVoicedMark;
        map['ヵ'] = "ｶ";
        map['ヶ'] = "ｹ";
        map['ヮ'] = "ﾜ";
        map['ヰ'] = "ｲ";
        map['ヱ'] = "ｴ";

        // Sound marks: combining (U+3099, U+309A) and stand-alone (゛ U+309B, ゜ U+309C).
        map['\u3099'] = HalfVoicedMark.ToString();
        map['\u309A'] = HalfSemiVoicedMark.ToString();
        map['゛'] = HalfVoicedMark.ToString();
        map['゜'] = HalfSemiVoicedMark.ToString();

        map['ー'] = "ｰ";
        map['\u3000'] = " ";     // ideographic ("full-width") space
        map['・'] = ".";
        map['･'] = ".";          // half-width middle dot U+FF65
        map['（'] = "(";
        map['）'] = ")";
        map['，'] = ",";
        map['－'] = "-";         // full-width hyphen-minus U+FF0D
        map['‐'] = "-";          // hyphen U+2010
        map['−'] = "-";          // minus sign U+2212
        map['．'] = ".";
        map['／'] = "/";
        map['「'] = "｢";
        map['」'] = "｣";
        map['￥'] = "\\";        // code page 932 writes the yen sign as byte 0x5C
        map['¥'] = "\\";
        map['＼'] = "\\";

        return map.ToFrozenDictionary();
    }
}
