using System.Text;

namespace Choshu.Domain.Taxpayers;

/// <summary>
/// 検索キー: the folded forms of a taxpayer's names and address that a search compares with a folded
/// search term, so that every way of writing the same name matches, in the store and in the term alike.
/// Folding (<see cref="FoldText"/>): Unicode NFKC (half-width katakana and separate sound marks become
/// full-width katakana, full-width letters, digits and signs become ASCII, the ideographic space a space),
/// then every space and control character removed and ASCII letters upper-cased. Kana also fold hiragana
/// to katakana (<see cref="FoldKana"/>): やまだ, ﾔﾏﾀﾞ, ヤマダ and やまダ all give ヤマダ. Small kana and the
/// long vowel mark are kept as they are (キョウ is not キヨウ). The address also folds the dashes of a
/// 番地 (‐ ‑ ‒ – — ― −, and ー right after a digit) to "-" (<see cref="FoldAddress"/>).
/// <para>
/// <see cref="Kana"/> holds 氏名かな and 通称名かな, <see cref="Kanji"/> 氏名 and 通称名, each name folded and the two
/// joined by <see cref="Separator"/> (a control character, which folding removes from any term, so a term
/// never matches across two names); <see cref="Address"/> holds 町名・番地・方書 joined, then folded.
/// The one function that computes them: the store keeps its result in the taxpayer row, and the search
/// folds its terms with the same functions.
/// </para>
/// </summary>
public sealed record TaxpayerSearchKeys(string Kana, string Kanji, string Address)
{
    /// <summary>Between two names in one key: U+001F (information separator one), which no one can type into a search.</summary>
    public const char Separator = '\u001F';

    private const string SeparatorText = "\u001F";

    /// <summary>The keys of a taxpayer's current names and address.</summary>
    public static TaxpayerSearchKeys Of(
        string? nameKana, string? aliasKana, string? nameKanji, string? aliasKanji,
        string? townName, string? streetNumber, string? addressSupplement) =>
        new(Join(FoldKana(nameKana), FoldKana(aliasKana)),
            Join(FoldText(nameKanji), FoldText(aliasKanji)),
            FoldAddress(string.Concat(townName, streetNumber, addressSupplement)));

    /// <summary>NFKC, spaces and control characters removed, ASCII letters upper-cased: 鹿児島　花子 gives 鹿児島花子, Ａ棟 gives A棟.</summary>
    public static string FoldText(string? text) => Fold(text, kana: false, address: false);

    /// <summary><see cref="FoldText"/>, and hiragana folded to katakana: やまだ はなこ, ﾔﾏﾀﾞ ﾊﾅｺ and ヤマダ　ハナコ all give ヤマダハナコ.</summary>
    public static string FoldKana(string? text) => Fold(text, kana: true, address: false);

    /// <summary><see cref="FoldText"/>, and the dashes of a 番地 folded to "-": 山下町１１－１ and 山下町11‐1 give 山下町11-1.</summary>
    public static string FoldAddress(string? text) => Fold(text, kana: false, address: true);

    private static string Fold(string? text, bool kana, bool address)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var nfkc = text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(nfkc.Length);
        foreach (var c in nfkc)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c)) continue;
            var f = c;
            if (f is >= 'a' and <= 'z') f = (char)(f - 0x20);
            else if (kana && f is (>= '\u3041' and <= '\u3096') or '\u309D' or '\u309E') f = (char)(f + 0x60);
            else if (address && (f is (>= '\u2010' and <= '\u2015') or '\u2212'
                     || (f == '\u30FC' && sb.Length > 0 && char.IsAsciiDigit(sb[^1])))) f = '-';
            sb.Append(f);
        }
        var folded = sb.ToString();
        // A spacing sound mark (゛ U+309B) is a space and a combining mark under NFKC: with the space gone,
        // compose again so that カ゛ gives ガ like カ゛ typed as one letter.
        return folded.AsSpan().IndexOfAny('\u3099', '\u309A') >= 0 ? folded.Normalize(NormalizationForm.FormKC) : folded;
    }

    private static string Join(string first, string second) =>
        first.Length == 0 ? second : second.Length == 0 ? first : string.Concat(first, SeparatorText, second);
}
