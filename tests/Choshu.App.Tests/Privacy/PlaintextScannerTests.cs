using System.Text;
using Choshu.App.Privacy;
using Choshu.App.Seeding;
using Choshu.Domain.Identifiers;

namespace Choshu.App.Tests.Privacy;

/// <summary>The scanner behind <c>choshu privacy scan</c> and the dump tests.</summary>
public sealed class PlaintextScannerTests
{
    private static readonly MyNumber N = MyNumber.Parse("123456789018");
    private static readonly MyNumber Other = MyNumber.Parse("555555555557");

    private static PlaintextScanner Scanner() => new PlaintextScanner().Add([N], "テスト");

    private static string Digits => N.Reveal();

    [Fact]
    public void ScanText_Contiguous_FoundOnItsLine()
    {
        var f = Assert.Single(Scanner().ScanText($"first\nsecond {Digits} end\nthird", "log.txt"));

        Assert.Equal(("log.txt", 2, false, "テスト"), (f.File, f.Line, f.Separated, f.Source));
    }

    [Theory]
    [InlineData("{0}-{1}-{2}")]
    [InlineData("{0} {1} {2}")]
    [InlineData("{0}－{1}－{2}")]
    [InlineData("{0}　{1}　{2}")]
    public void ScanText_SeparatedInGroupsOfFour_Found(string pattern)
    {
        var text = string.Format(pattern, Digits[..4], Digits[4..8], Digits[8..]);

        var f = Assert.Single(Scanner().ScanText($"番号: {text}。", "a"));

        Assert.True(f.Separated);
    }

    [Fact]
    public void ScanText_FullWidthDigits_Found()
    {
        var fullWidth = new string(Digits.Select(c => (char)('０' + (c - '0'))).ToArray());

        Assert.Single(Scanner().ScanText(fullWidth, "a"));
    }

    [Fact]
    public void ScanText_InsideALongerRunOfDigits_Found()
    {
        Assert.Single(Scanner().ScanText("20261126" + Digits + "0000", "a"));
    }

    [Fact]
    public void ScanText_OtherNumbersMaskedOrBrokenByTwoSeparators_NotFound()
    {
        var text = $"{Other.Reveal()} ************ {Digits[..6]}--{Digits[6..]} {Digits[..11]}";

        Assert.Empty(Scanner().ScanText(text, "a"));
    }

    [Fact]
    public void ScanBytes_BinaryAroundTheDigits_Found()
    {
        byte[] data = [0x00, 0xFF, 0x13, .. Encoding.ASCII.GetBytes(Digits), 0x00, 0x01];

        Assert.Single(Scanner().ScanBytes(data, "bin"));
    }

    [Fact]
    public void Finding_ToString_MasksTheNumber()
    {
        var f = Assert.Single(Scanner().ScanText(Digits, "x.trx"));

        var text = f.ToString();
        Assert.StartsWith("x.trx:1: 個人番号 ************ が平文で記録されています", text);
        Assert.False(text.Contains(Digits), "the digits are in the text"); // no DoesNotContain: its failure message would print them
    }

    [Fact]
    public void NumbersIn_OnlyValidTwelveDigitRuns()
    {
        var wrong = Digits[..11] + (char)('0' + (Digits[11] - '0' + 1) % 10);
        var text = $"a={Digits}; b={wrong}; c=1{Other.Reveal()}; d=\"{Other.Reveal()}\"";

        Assert.Equal([Digits, Other.Reveal()], PlaintextScanner.NumbersIn(text).Select(n => n.Reveal()));
    }

    [Fact]
    public void SeededMyNumbers_AreTheNumbersTheGeneratorGivesInOrder()
    {
        var calendar = Choshu.Formats.Calendar.BundledCalendarData.HolidayCalendar();
        var generator = new SyntheticCityGenerator(new SeedOptions(200, 61), new DateOnly(2026, 11, 26), calendar,
            new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc), SeedIdBase.Empty);
        var generated = generator.Chunks().SelectMany(c => c.TaxpayerMyNumbers).Select(m => m.Value).ToList();

        var rebuilt = SyntheticCityGenerator.SeededMyNumbers(61, 200).Select(n => n.Reveal()).ToList();

        Assert.True(generated.Count > 150, $"{generated.Count} individuals");
        Assert.Equal(generated, rebuilt.Take(generated.Count));
        Assert.NotEqual(rebuilt, SyntheticCityGenerator.SeededMyNumbers(62, 200).Select(n => n.Reveal()));
    }
}
