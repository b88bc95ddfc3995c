using Choshu.Domain.Reconciliation;

namespace Choshu.Domain.Tests.Reconciliation;

public sealed class MatchKeyTests
{
    [Theory]
    // Body 0…01: the rightmost body digit 1 is doubled → 2; sum 2 → check (10 − 2) mod 10 = 8.
    [InlineData(1L, "00000000000000000018")]
    // Body 0…0123456789, from the right doubling 9,7,5,3,1: 9→18→9, 8, 7→14→5, 6, 5→10→1, 4, 3→6, 2, 1→2;
    // sum 9+8+5+6+1+4+6+2+2 = 43 → check 7 (the classic Luhn 1234567897).
    [InlineData(123456789L, "00000000001234567897")]
    public void Value_ForInstallmentId_IsZeroPaddedIdWithLuhnDigit(long id, string expected)
    {
        var key = new MatchKey(id);

        Assert.Equal(expected, key.Value);
        Assert.Equal("1" + expected, key.StoreFreeField);
        Assert.Equal(id, MatchKey.Parse(expected).InstallmentId);
    }

    [Theory]
    [InlineData("00000000001234567898")] // check digit changed
    [InlineData("00000000001234567797")] // one body digit changed (8 → 7)
    [InlineData("00000000001234576897")] // neighbours 7 and 8 swapped (Luhn misses only 09 ↔ 90)
    [InlineData("0000000001234567897")]  // 19 digits
    [InlineData("0000000000123456789７")] // full-width digit
    [InlineData("00000000000000000000")] // id 0
    public void TryParse_MistypedKey_IsRefused(string text)
    {
        Assert.False(MatchKey.TryParse(text, out _));
        var ex = Assert.Throws<DomainException>(() => MatchKey.Parse(text));
        Assert.Equal("matchkey.invalid", ex.Code);
    }

    [Fact]
    public void TryParseStoreFreeField_SchemeDigitOne_ReadsKey()
    {
        Assert.True(MatchKey.TryParseStoreFreeField("100000000001234567897", out var key));
        Assert.Equal(123456789L, key.InstallmentId);
        Assert.False(MatchKey.TryParseStoreFreeField("200000000001234567897", out _));
        Assert.False(MatchKey.TryParseStoreFreeField("00000000001234567897", out _));
    }
}
