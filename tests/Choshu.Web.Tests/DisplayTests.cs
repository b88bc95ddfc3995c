using Choshu.Web.Formatting;

namespace Choshu.Web.Tests;

public sealed class DisplayTests
{
    [Theory]
    [InlineData(0L, "0")]
    [InlineData(999L, "999")]
    [InlineData(1000L, "1,000")]
    [InlineData(1234567L, "1,234,567")]
    [InlineData(-45000L, "-45,000")]
    public void Amount_Yen_ThousandsSeparators(long yen, string expected)
    {
        Assert.Equal(expected, Display.Amount(yen));
        Assert.Equal(expected + "円", Display.Yen(yen));
    }

    [Theory]
    [InlineData(2026, 11, 26, "令和8年11月26日")]
    [InlineData(2019, 5, 1, "令和元年5月1日")]
    [InlineData(2019, 4, 30, "平成31年4月30日")]
    [InlineData(1989, 1, 8, "平成元年1月8日")]
    [InlineData(1989, 1, 7, "昭和64年1月7日")]
    [InlineData(1926, 12, 25, "昭和元年12月25日")]
    [InlineData(1868, 9, 8, "明治元年9月8日")]
    [InlineData(1868, 9, 7, "1868年9月7日")]
    public void WarekiDate_EraBoundaries(int y, int m, int d, string expected) =>
        Assert.Equal(expected, Display.WarekiDate(new DateOnly(y, m, d)));

    [Fact]
    public void WarekiDate_None_Empty() => Assert.Equal("", Display.WarekiDate(null));

    [Fact]
    public void Date_Iso() => Assert.Equal("2026-04-01", Display.Date(new DateOnly(2026, 4, 1)));

    [Fact]
    public void JapanDateTime_UtcShownAtPlusNine() =>
        Assert.Equal("2026-11-27 08:30", Display.JapanDateTime(new DateTime(2026, 11, 26, 23, 30, 0, DateTimeKind.Utc)));
}
