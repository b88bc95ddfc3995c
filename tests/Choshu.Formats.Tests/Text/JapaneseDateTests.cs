using Choshu.Formats.Text;

namespace Choshu.Formats.Tests.Text;

public sealed class JapaneseDateTests
{
    [Theory]
    [InlineData(2026, 12, 7, "令和8年12月7日")]
    [InlineData(2019, 5, 1, "令和元年5月1日")]
    [InlineData(2019, 4, 30, "平成31年4月30日")]
    [InlineData(1989, 1, 8, "平成元年1月8日")]
    [InlineData(1989, 1, 7, "昭和64年1月7日")]
    public void Wareki_EraBoundaries(int y, int m, int d, string expected) =>
        Assert.Equal(expected, JapaneseDate.Wareki(new DateOnly(y, m, d)));

    [Theory]
    [InlineData(2026, "令和8年度")]
    [InlineData(2019, "令和元年度")]
    [InlineData(2018, "平成30年度")]
    public void FiscalYear_NamedByTheEraOfItsEnd(int year, string expected) =>
        Assert.Equal(expected, JapaneseDate.FiscalYear(year));

    [Theory]
    [InlineData(0L, "0", "0円")]
    [InlineData(1234L, "1,234", "1,234円")]
    [InlineData(1234567L, "1,234,567", "1,234,567円")]
    [InlineData(-1234L, "-1,234", "-1,234円")]
    public void YenText_Commas(long yen, string amount, string withYen)
    {
        Assert.Equal(amount, YenText.Amount(yen));
        Assert.Equal(withYen, YenText.Yen(yen));
    }
}
