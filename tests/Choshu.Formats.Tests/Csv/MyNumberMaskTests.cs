using Choshu.Formats.Csv;

namespace Choshu.Formats.Tests.Csv;

/// <summary>My Numbers are never passed as theory data, so none appears in a test name.</summary>
public class MyNumberMaskTests
{
    private const string ValidMyNumber = "621498320257";   // published example (domain.md §7)
    private const string WrongCheckDigit = "621498320258";

    [Fact]
    public void Apply_ValidMyNumberAnywhere_Masked()
    {
        Assert.Equal("1,************,x", MyNumberMask.Apply($"1,{ValidMyNumber},x"));
        Assert.Equal("番号************です", MyNumberMask.Apply($"番号{ValidMyNumber}です"));
    }

    [Fact]
    public void Apply_TwelveDigitsWithWrongCheckDigit_Kept()
    {
        Assert.Equal($"1,{WrongCheckDigit}", MyNumberMask.Apply($"1,{WrongCheckDigit}"));
    }

    [Fact]
    public void Apply_PartOfLongerDigitRun_Kept()
    {
        var text = $"9{ValidMyNumber}";

        Assert.Equal(text, MyNumberMask.Apply(text));
    }
}
