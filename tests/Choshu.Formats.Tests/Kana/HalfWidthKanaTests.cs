using Choshu.Domain;
using Choshu.Formats.Kana;

namespace Choshu.Formats.Tests.Kana;

/// <summary>Names to the Zengin character set. Synthetic names only.</summary>
public class HalfWidthKanaTests
{
    private static readonly HalfWidthKanaOptions KeepSmall = new() { SmallKanaToLarge = false };

    [Theory]
    [InlineData("ヤマダ タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ")]      // ASCII space
    [InlineData("ヤマダ\u3000タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ")] // ideographic (full-width) space
    public void ToZengin_KatakanaName_HalfWidthWithVoicedMarkSplit(string name, string expected)
    {
        Assert.Equal(expected, HalfWidthKana.ToZengin(name));
    }

    [Fact]
    public void ToZengin_HiraganaSmallTsuDefault_LargeTsu()
    {
        Assert.Equal("ｶﾞﾂｺｳ", HalfWidthKana.ToZengin("がっこう"));
    }

    [Fact]
    public void ToZengin_HiraganaSmallTsuKeptByOption_SmallTsu()
    {
        Assert.Equal("ｶﾞｯｺｳ", HalfWidthKana.ToZengin("がっこう", KeepSmall));
    }

    [Theory]
    [InlineData("キュウヨ ショウゴ", "ｷﾕｳﾖ ｼﾖｳｺﾞ")]
    [InlineData("ファミリア", "ﾌｱﾐﾘｱ")]
    [InlineData("ｷｭｳﾖ", "ｷﾕｳﾖ")] // half-width small kana in the input
    public void ToZengin_SmallKanaDefault_Large(string name, string expected)
    {
        Assert.Equal(expected, HalfWidthKana.ToZengin(name));
    }

    [Theory]
    [InlineData("キュウヨ ショウゴ", "ｷｭｳﾖ ｼｮｳｺﾞ")]
    [InlineData("ファミリア", "ﾌｧﾐﾘｱ")]
    public void ToZengin_SmallKanaKept_Small(string name, string expected)
    {
        Assert.Equal(expected, HalfWidthKana.ToZengin(name, KeepSmall));
    }

    [Theory]
    [InlineData("ヴィクトル", "ｳﾞｲｸﾄﾙ")]
    [InlineData("ゔぃくとる", "ｳﾞｲｸﾄﾙ")]
    public void ToZengin_Vu_UPlusVoicedMark(string name, string expected)
    {
        Assert.Equal(expected, HalfWidthKana.ToZengin(name));
    }

    [Fact]
    public void ToZengin_LongVowel_HalfWidthLongVowel()
    {
        Assert.Equal("ｺｰﾋｰ ｼﾖﾂﾌﾟ", HalfWidthKana.ToZengin("コーヒー ショップ"));
    }

    [Fact]
    public void ToZengin_SemiVoiced_BasePlusSemiVoicedMark()
    {
        Assert.Equal("ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ", HalfWidthKana.ToZengin("パピプペポ"));
    }

    [Fact]
    public void ToZengin_AllVoiced_BasePlusVoicedMark()
    {
        Assert.Equal(
            "ｶﾞｷﾞｸﾞｹﾞｺﾞｻﾞｼﾞｽﾞｾﾞｿﾞﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞ",
            HalfWidthKana.ToZengin("ガギグゲゴザジズゼゾダヂヅデドバビブベボ"));
    }

    [Fact]
    public void ToZengin_FullWidthLettersAndDigits_AsciiUpperCase()
    {
        Assert.Equal("ABC XYZ 0123456789", HalfWidthKana.ToZengin("ＡＢＣ ｘｙｚ ０１２３４５６７８９"));
    }

    [Fact]
    public void ToZengin_AsciiLowerCase_UpperCase()
    {
        Assert.Equal("ABC", HalfWidthKana.ToZengin("abc"));
    }

    [Theory]
    [InlineData("ヤマダ・タロウ", "ﾔﾏﾀﾞ.ﾀﾛｳ")]
    [InlineData("（カ）ヤマダ", "(ｶ)ﾔﾏﾀﾞ")]
    [InlineData("ヤマダ－ショウテン", "ﾔﾏﾀﾞ-ｼﾖｳﾃﾝ")]
    [InlineData("「ヤマ」／ダ．，", "｢ﾔﾏ｣/ﾀﾞ.,")]
    [InlineData("￥", "\\")]
    public void ToZengin_Symbols_ZenginSymbols(string text, string expected)
    {
        Assert.Equal(expected, HalfWidthKana.ToZengin(text));
    }

    [Fact]
    public void ToZengin_CombiningVoicedMark_HalfWidthMark()
    {
        // か + U+3099 (a decomposed が, as some systems send it) → ｶﾞ
        Assert.Equal("ｶﾞ", HalfWidthKana.ToZengin("か\u3099"));
    }

    [Fact]
    public void ToZengin_SmallKaKeWa_LargeEvenWhenKeepingSmall()
    {
        Assert.Equal("ｶｹﾜ", HalfWidthKana.ToZengin("ヵヶヮ", KeepSmall));
    }

    [Fact]
    public void ToZengin_AlreadyZengin_Unchanged()
    {
        Assert.Equal("ﾔﾏﾀﾞ ﾀﾛｳ (1-2)", HalfWidthKana.ToZengin("ﾔﾏﾀﾞ ﾀﾛｳ (1-2)"));
    }

    [Fact]
    public void ToZengin_KanjiFirst_ThrowsNamingPosition1()
    {
        var ex = Assert.Throws<DomainException>(() => HalfWidthKana.ToZengin("山田タロウ"));

        Assert.Equal("kana.unsupported", ex.Code);
        Assert.Equal("1文字目の「山」は全銀協の文字（半角カナ・英大文字・数字・一部の記号）に変換できません。", ex.Message);
    }

    [Fact]
    public void ToZengin_KanjiThird_ThrowsNamingPosition3()
    {
        var ex = Assert.Throws<DomainException>(() => HalfWidthKana.ToZengin("ヤマ田"));

        Assert.Equal("kana.unsupported", ex.Code);
        Assert.StartsWith("3文字目の「田」", ex.Message);
    }

    [Fact]
    public void ToZengin_SurrogatePairKanji_PositionCountsCharactersNotCodeUnits()
    {
        // 𠮷 (U+20BB7) is two UTF-16 code units but one character: ヤ=1, 𠮷=2.
        var ex = Assert.Throws<DomainException>(() => HalfWidthKana.ToZengin("ヤ𠮷ダ"));

        Assert.StartsWith("2文字目の「𠮷」", ex.Message);
    }

    [Theory]
    [InlineData("ヤマダ&タロウ")]
    [InlineData("ヽ")]
    [InlineData("ヷ")]
    public void ToZengin_NoZenginForm_Throws(string text)
    {
        var ex = Assert.Throws<DomainException>(() => HalfWidthKana.ToZengin(text));

        Assert.Equal("kana.unsupported", ex.Code);
    }

    [Theory]
    [InlineData("ﾔﾏﾀﾞ ﾀﾛｳ", true)]
    [InlineData("ABC 123 (),-./\\｢｣ｰ", true)]
    [InlineData("", true)]
    [InlineData("ｶﾞｯｺｳ", false)]     // small kana: not in the standard set
    [InlineData("ヤマダ", false)]     // full-width
    [InlineData("abc", false)]        // lower case
    [InlineData("山田", false)]
    public void IsZenginText_Default(string text, bool expected)
    {
        Assert.Equal(expected, HalfWidthKana.IsZenginText(text));
    }

    [Fact]
    public void IsZenginText_SmallKanaWhenKept_True()
    {
        Assert.True(HalfWidthKana.IsZenginText("ｶﾞｯｺｳ", KeepSmall));
    }

    [Theory]
    [InlineData("ヤマダ タロウ")]
    [InlineData("がっこう")]
    [InlineData("ＡＢＣ・１２３")]
    public void ToZengin_Output_IsZenginText(string text)
    {
        Assert.True(HalfWidthKana.IsZenginText(HalfWidthKana.ToZengin(text)));
    }
}
