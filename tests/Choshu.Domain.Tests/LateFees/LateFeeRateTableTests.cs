using Choshu.Domain.LateFees;

namespace Choshu.Domain.Tests.LateFees;

public class LateFeeRateTableTests
{
    [Fact]
    public void For_RegisteredYear_ReturnsPair()
    {
        var table = new LateFeeRateTable([new LateFeeRate(2025, 240, 870), new LateFeeRate(2026, 280, 910)]);

        Assert.Equal(new LateFeeRate(2026, 280, 910), table.For(2026));
        Assert.Equal([2025, 2026], table.Rates.Select(r => r.Year));
    }

    [Fact]
    public void For_MissingYear_ThrowsRateMissingInJapanese()
    {
        var table = new LateFeeRateTable([new LateFeeRate(2025, 240, 870)]);

        var ex = Assert.Throws<DomainException>(() => table.For(2027));

        Assert.Equal("latefee.rate_missing", ex.Code);
        Assert.Contains("2027年の延滞金の割合が未登録", ex.Message);
    }

    [Fact]
    public void Ctor_DuplicateYear_Throws()
    {
        var ex = Assert.Throws<DomainException>(
            () => new LateFeeRateTable([new LateFeeRate(2025, 240, 870), new LateFeeRate(2025, 250, 880)]));

        Assert.Equal("latefee.rate_duplicate", ex.Code);
    }

    [Theory]
    [InlineData(-1, 870)]
    [InlineData(731, 1_000)]   // above the statutory 7.3%
    [InlineData(240, 1_461)]   // above the statutory 14.6%
    [InlineData(900, 870)]     // lower above higher
    public void Ctor_RateOutOfRange_Throws(int lower, int higher)
    {
        var ex = Assert.Throws<DomainException>(() => new LateFeeRateTable([new LateFeeRate(2025, lower, higher)]));

        Assert.Equal("latefee.rate_invalid", ex.Code);
    }
}
