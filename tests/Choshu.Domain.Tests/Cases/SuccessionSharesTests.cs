using Choshu.Domain.Cases;

namespace Choshu.Domain.Tests.Cases;

/// <summary>
/// The heirs' shares (地方税法9条2項, 民法900条): each part floored to the yen, the yen left over to the first heir with a share
/// in the order entered. Every amount is checkable by hand.
/// </summary>
public class SuccessionSharesTests
{
    private static Share[] S(params string[] shares) => shares.Select(Share.Parse).ToArray();

    [Fact]
    public void Split_100001In_Half_Quarter_Quarter_50001_25000_25000()
    {
        // 100,001 × 1/2 = 50,000.5 → 50,000; × 1/4 = 25,000.25 → 25,000 (twice); 1 yen left over → the first heir.
        Assert.Equal([50_001L, 25_000L, 25_000L], SuccessionShares.Split(100_001, S("1/2", "1/4", "1/4")));
    }

    [Fact]
    public void Split_100000In_Thirds_33334_33333_33333()
    {
        // 100,000 × 1/3 = 33,333.33… → 33,333 each (99,999); 1 yen → the first.
        Assert.Equal([33_334L, 33_333L, 33_333L], SuccessionShares.Split(100_000, S("1/3", "1/3", "1/3")));
    }

    [Fact]
    public void Split_SpouseAndThreeChildren_Half_Sixths_Of_100003()
    {
        // 民法900条1号・4号: spouse 1/2, three children 1/6 each. 100,003 × 1/2 = 50,001.5 → 50,001; × 1/6 = 16,667.16… → 16,667 (three times);
        // 50,001 + 3 × 16,667 = 100,002; 1 yen → the spouse.
        Assert.Equal([50_002L, 16_667L, 16_667L, 16_667L], SuccessionShares.Split(100_003, S("1/2", "1/6", "1/6", "1/6")));
    }

    [Fact]
    public void Split_FirstHeirRenounced_RemainderGoesToFirstWithShare()
    {
        // The first child renounced (0); spouse and the other child 1/2 each: 100,001 → 0, 50,001, 50,000.
        Assert.Equal([0L, 50_001L, 50_000L], SuccessionShares.Split(100_001, S("0", "1/2", "1/2")));
    }

    [Fact]
    public void Split_Zero_AllZero_PartsAlwaysAddUp()
    {
        Assert.Equal([0L, 0L, 0L], SuccessionShares.Split(0, S("1/2", "1/4", "1/4")));
        foreach (var amount in new long[] { 1, 2, 3, 7, 99, 12_345, 1_000_003 })
            Assert.Equal(amount, SuccessionShares.Split(amount, S("2/5", "3/10", "3/10")).Sum());
    }

    [Fact]
    public void Validate_SharesNotWhole_Refused_NamingTheSum()
    {
        var e = Assert.Throws<DomainException>(() => SuccessionShares.Validate(S("1/2", "1/4")));
        Assert.Equal("liability.shares_not_whole", e.Code);
        Assert.Contains("3/4", e.Message);
        Assert.Equal("liability.no_heir", Assert.Throws<DomainException>(() => SuccessionShares.Validate(S("0"))).Code);
    }

    [Theory]
    [InlineData("1/0")]
    [InlineData("3/2")]
    [InlineData("-1/2")]
    [InlineData("half")]
    public void Parse_Invalid_Refused(string text) =>
        Assert.Equal("liability.share_invalid", Assert.Throws<DomainException>(() => Share.Parse(text)).Code);

    [Fact]
    public void Sum_Reduces_2_4_Plus_1_4_Is_3_4() => Assert.Equal((3L, 4L), SuccessionShares.Sum(S("2/4", "1/4")));
}
