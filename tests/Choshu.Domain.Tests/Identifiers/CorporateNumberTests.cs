using Choshu.Domain.Identifiers;

namespace Choshu.Domain.Tests.Identifiers;

/// <summary>Corporate number check digit (domain.md §7). Public information: values may appear in test data.</summary>
public class CorporateNumberTests
{
    // Published example 5835678256246. Over 835678256246 from the right, weights 1,2,1,2,...:
    // 6×1 + 4×2 + 2×1 + 6×2 + 5×1 + 2×2 + 8×1 + 7×2 + 6×1 + 5×2 + 3×1 + 8×2
    // = 6 + 8 + 2 + 12 + 5 + 4 + 8 + 14 + 6 + 10 + 3 + 16 = 94; 94 mod 9 = 4; 9 − 4 = 5.
    [Fact]
    public void IsValid_PublishedExample_True()
    {
        Assert.True(CorporateNumber.IsValid("5835678256246"));
    }

    [Fact]
    public void ComputeCheckDigit_PublishedExampleLast12_5()
    {
        Assert.Equal(5, CorporateNumber.ComputeCheckDigit("835678256246"));
    }

    // All zeros: Σ = 0 → 9 − 0 = 9.
    [Fact]
    public void ComputeCheckDigit_AllZeros_9()
    {
        Assert.Equal(9, CorporateNumber.ComputeCheckDigit("000000000000"));
        Assert.True(CorporateNumber.IsValid("9000000000000"));
    }

    [Theory]
    [InlineData("6835678256246")]   // check digit changed 5 → 6
    [InlineData("5835678256247")]   // last digit 6 → 7: Σ = 95, 95 mod 9 = 5 → check would be 4
    [InlineData("583567825624")]    // 12 digits
    [InlineData("58356782562460")]  // 14 digits
    [InlineData("583567825624A")]   // letter
    [InlineData("５８３５６７８２５６２４６")] // full-width digits
    [InlineData("")]
    public void IsValid_Variant_False(string value)
    {
        Assert.False(CorporateNumber.IsValid(value));
    }

    [Fact]
    public void IsValid_Null_False()
    {
        Assert.False(CorporateNumber.IsValid(null));
    }

    [Fact]
    public void Parse_Invalid_ThrowsCorporateNumberInvalid()
    {
        var ex = Assert.Throws<DomainException>(() => CorporateNumber.Parse("5835678256247"));

        Assert.Equal("corporatenumber.invalid", ex.Code);
        Assert.Equal("法人番号の形式またはチェックデジットが正しくありません。", ex.Message);
    }

    [Fact]
    public void ToString_Parsed_Digits()
    {
        var number = CorporateNumber.Parse("5835678256246");

        Assert.Equal("5835678256246", number.ToString());
        Assert.Equal("5835678256246", number.Value);
    }
}
