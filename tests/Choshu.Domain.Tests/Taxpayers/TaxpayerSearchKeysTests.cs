using Choshu.Domain.Taxpayers;

namespace Choshu.Domain.Tests.Taxpayers;

/// <summary>
/// <see cref="TaxpayerSearchKeys"/>: the one folding of names and addresses for search, applied to stored
/// rows and to typed terms alike.
/// </summary>
public class TaxpayerSearchKeysTests
{
    [Theory]
    [InlineData("ヤマダ ハナコ")]     // full-width katakana, ASCII space
    [InlineData("やまだ　はなこ")]    // hiragana, ideographic space
    [InlineData("ﾔﾏﾀﾞ ﾊﾅｺ")]          // half-width katakana, separate sound mark
    [InlineData("やまダ　ハナこ")]    // hiragana and katakana mixed
    [InlineData("ヤマタ゛ハナコ")]     // spacing sound mark ゛ (U+309B) after タ
    public void FoldKana_AnyWayOfWritingTheName_YamadaHanakoInKatakana(string written)
    {
        Assert.Equal("ヤマダハナコ", TaxpayerSearchKeys.FoldKana(written));
    }

    [Fact]
    public void FoldKana_SmallKanaAndLongVowelMark_KeptAsTheyAre()
    {
        // ｷｮｳｺ (small ｮ) stays キョウコ, not キヨウコ; ｰ becomes the full-width ー.
        Assert.Equal(("キョウコ", "ユーコ", "キヨウコ"),
            (TaxpayerSearchKeys.FoldKana("ｷｮｳｺ"), TaxpayerSearchKeys.FoldKana("ﾕｰｺ"), TaxpayerSearchKeys.FoldKana("きよう こ")));
    }

    [Fact]
    public void FoldText_WidthSpacesAndCase_FoldedNfkc()
    {
        Assert.Equal("鹿児島花子", TaxpayerSearchKeys.FoldText("鹿児島　花子"));
        Assert.Equal("ABC商事100%", TaxpayerSearchKeys.FoldText("ａｂｃ商事 １００％"));
        Assert.Equal("", TaxpayerSearchKeys.FoldText(" \u3000\t\u001F"));
        Assert.Equal("", TaxpayerSearchKeys.FoldText(null));
    }

    [Fact]
    public void FoldAddress_DashesOfABanchi_AllHyphenMinus()
    {
        // Full-width －, hyphen ‐ (U+2010), minus − (U+2212) and ー right after a digit all give "-";
        // ー elsewhere (a katakana building name) is a long vowel and stays.
        Assert.Equal("山下町11-1コーポ2-3", TaxpayerSearchKeys.FoldAddress("山下町１１－１ コーポ２‐３"));
        Assert.Equal("国分中央3-45-1", TaxpayerSearchKeys.FoldAddress("国分中央3ー45−1"));
    }

    [Fact]
    public void Of_NameAndAlias_JoinedBySeparatorAddressConcatenated()
    {
        var keys = TaxpayerSearchKeys.Of("リ ヨンヒ", "きむら えいこ", "李 英姫", "木村　英子", "鹿児島県鹿児島市山下町", "11-1", "サクラハイツ 101");

        Assert.Equal("リヨンヒ\u001Fキムラエイコ", keys.Kana);
        Assert.Equal("李英姫\u001F木村英子", keys.Kanji);
        Assert.Equal("鹿児島県鹿児島市山下町11-1サクラハイツ101", keys.Address);
    }

    [Fact]
    public void Of_NoAliasNoAddress_NameAloneAndEmptyAddress()
    {
        var keys = TaxpayerSearchKeys.Of("カゴシマ ハナコ", null, "鹿児島 花子", "", null, null, null);

        Assert.Equal(new TaxpayerSearchKeys("カゴシマハナコ", "鹿児島花子", ""), keys);
    }

    [Fact]
    public void FoldKana_SeparatorTyped_Removed()
    {
        // A term can never contain the separator, so it never matches across the end of one name and the start of the next.
        Assert.Equal("ヨンヒキムラ", TaxpayerSearchKeys.FoldKana("ヨンヒ\u001Fキムラ"));
    }
}
