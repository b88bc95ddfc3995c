using Choshu.Domain.Taxpayers;

namespace Choshu.App.Privacy;

/// <summary>
/// A kana search term in the form the store keeps 氏名かな and 通称名かな for search (<c>taxpayers.search_kana</c>,
/// <see cref="TaxpayerSearchKeys.FoldKana"/>): NFKC (half-width katakana and separate sound marks become
/// full-width katakana, the ideographic space a space), spaces removed, hiragana folded to katakana. The
/// stored names are folded by the same function when they are written, so a term typed in any of full-width
/// katakana, hiragana or half-width katakana, or a mixture (やまダ), finds a name stored in any of them.
/// </summary>
public static class KanaSearch
{
    /// <summary>The term in full-width katakana, without spaces: やまだ はなこ, ﾔﾏﾀﾞ ﾊﾅｺ, ヤマダ　ハナコ and やまダ　ハナこ all give ヤマダハナコ.</summary>
    public static string Normalize(string term) => TaxpayerSearchKeys.FoldKana(term);
}
