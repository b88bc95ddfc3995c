using System.Text;
using Choshu.Formats.Kana;

namespace Choshu.App.Privacy;

/// <summary>
/// The forms a kana name may be stored in, for a search typed in any of them. 氏名かな is kept as given
/// (full-width katakana or hiragana; an older file may carry half-width katakana), so the term is
/// normalised (NFKC: half-width katakana and separate sound marks become full-width katakana; the
/// ideographic space a space), spaces removed, hiragana folded to katakana, and then searched in each of
/// three forms: full-width katakana, hiragana and half-width katakana (ｶﾞ with a separate mark, small
/// kana kept). A stored name mixing hiragana and katakana within it is not found by this; none of the
/// platform's files do that.
/// </summary>
public static class KanaSearch
{
    /// <summary>The term in full-width katakana, without spaces: やまだ はなこ, ﾔﾏﾀﾞ ﾊﾅｺ and ヤマダ　ハナコ all give ヤマダハナコ.</summary>
    public static string Normalize(string term)
    {
        var nfkc = term.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(nfkc.Length);
        foreach (var c in nfkc)
        {
            if (char.IsWhiteSpace(c)) continue;
            sb.Append(c is >= '\u3041' and <= '\u3096' ? (char)(c + 0x60) : c);
        }
        return sb.ToString();
    }

    /// <summary>The distinct forms to look for: katakana, hiragana, half-width katakana (when the term converts).</summary>
    public static IReadOnlyList<string> Variants(string term)
    {
        var katakana = Normalize(term);
        var forms = new List<string> { katakana, ToHiragana(katakana) };
        try
        {
            forms.Add(HalfWidthKana.ToZengin(katakana, new HalfWidthKanaOptions { SmallKanaToLarge = false }));
        }
        catch (Domain.DomainException)
        {
            // Not all kana (a kanji, a symbol): no half-width form to look for.
        }
        return forms.Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    private static string ToHiragana(string katakana)
    {
        var chars = katakana.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (chars[i] is >= '\u30A1' and <= '\u30F6') chars[i] = (char)(chars[i] - 0x60);
        return new string(chars);
    }
}
