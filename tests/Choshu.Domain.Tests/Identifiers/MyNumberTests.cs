using Choshu.Domain.Identifiers;

namespace Choshu.Domain.Tests.Identifiers;

/// <summary>
/// My Number check digit (domain.md §7). Values are never passed as theory data so that no
/// number appears in a test name.
/// </summary>
public class MyNumberTests
{
    // Published example. Check over 62149832025, digits from the right P1..P11 = 5,2,0,2,3,8,9,4,1,2,6,
    // weights Q1..Q11 = 2,3,4,5,6,7,2,3,4,5,6:
    // 10 + 6 + 0 + 10 + 18 + 56 + 18 + 12 + 4 + 10 + 36 = 180; 180 mod 11 = 4; 11 − 4 = 7.
    private const string Example = "621498320257";

    [Fact]
    public void IsValid_PublishedExample_True()
    {
        Assert.True(MyNumber.IsValid(Example));
    }

    [Fact]
    public void ComputeCheckDigit_PublishedExampleFirst11_7()
    {
        Assert.Equal(7, MyNumber.ComputeCheckDigit(Example.AsSpan(0, 11)));
    }

    // r ≤ 1 gives check 0. "00000000006": only P1 = 6, Q1 = 2 → 12 mod 11 = 1 → 0.
    // "00000000000": sum 0 → r = 0 → 0.
    [Fact]
    public void ComputeCheckDigit_RemainderZeroOrOne_0()
    {
        Assert.Equal(0, MyNumber.ComputeCheckDigit("00000000006"));
        Assert.Equal(0, MyNumber.ComputeCheckDigit("00000000000"));
    }

    // "00000000005": P1 = 5, Q1 = 2 → 10 → r = 10 → 11 − 10 = 1.
    [Fact]
    public void ComputeCheckDigit_Remainder10_1()
    {
        Assert.Equal(1, MyNumber.ComputeCheckDigit("00000000005"));
    }

    [Theory]
    [InlineData("last digit 7 → 8")]      // check digit changed
    [InlineData("first digit 6 → 7")]     // r = 4 + 1 × Q11 (6) = 10 → check would be 1, not 7
    [InlineData("11 digits")]
    [InlineData("13 digits")]
    [InlineData("letter inside")]
    [InlineData("full-width digits")]
    [InlineData("hyphenated")]
    [InlineData("spaces around")]
    [InlineData("empty")]
    public void IsValid_Variant_False(string variant)
    {
        Assert.False(MyNumber.IsValid(Variant(variant)));
    }

    [Fact]
    public void IsValid_Null_False()
    {
        Assert.False(MyNumber.IsValid(null));
    }

    [Fact]
    public void Parse_OneDigitChanged_ThrowsWithoutValue()
    {
        var wrong = Variant("last digit 7 → 8");

        var ex = Assert.Throws<DomainException>(() => MyNumber.Parse(wrong));

        Assert.Equal("mynumber.invalid", ex.Code);
        Assert.Equal("個人番号の形式またはチェックデジットが正しくありません。", ex.Message);
        Assert.DoesNotContain(wrong, ex.Message);
        Assert.DoesNotContain("62149832025", ex.Message);
    }

    [Fact]
    public void Parse_Valid_RevealGivesDigits()
    {
        Assert.Equal(Example, MyNumber.Parse(Example).Reveal());
    }

    [Fact]
    public void ToString_Parsed_TwelveAsterisksOnly()
    {
        var number = MyNumber.Parse(Example);

        Assert.Equal("************", number.ToString());
        Assert.Equal("************", number.Masked);
        Assert.Equal("************", $"{number}");
        Assert.DoesNotContain("6214", number.ToString());
        Assert.DoesNotContain("0257", $"value={number}");
        Assert.DoesNotContain("6214", string.Join(",", new object[] { number }));
    }

    [Fact]
    public void Equals_SameDigits_Equal()
    {
        Assert.Equal(MyNumber.Parse(Example), MyNumber.Parse(Example));
        Assert.NotEqual(MyNumber.Parse(Example), default);
    }

    [Fact]
    public void TryParse_Invalid_FalseAndDefault()
    {
        Assert.False(MyNumber.TryParse(Variant("13 digits"), out var result));
        Assert.Equal(default, result);
    }

    [Fact]
    public void ComputeCheckDigit_WrongLength_Throws()
    {
        var ex = Assert.Throws<DomainException>(() => MyNumber.ComputeCheckDigit("1234567890"));

        Assert.Equal("mynumber.invalid", ex.Code);
    }

    private static string Variant(string variant) => variant switch
    {
        "last digit 7 → 8" => "621498320258",
        "first digit 6 → 7" => "721498320257",
        "11 digits" => "62149832025",
        "13 digits" => "6214983202570",
        "letter inside" => "62149832O257",
        "full-width digits" => "６２１４９８３２０２５７",
        "hyphenated" => "6214-9832-0257",
        "spaces around" => " 621498320257 ",
        "empty" => "",
        _ => throw new ArgumentOutOfRangeException(nameof(variant)),
    };
}
