using Choshu.Formats.Barcodes;

namespace Choshu.Formats.Tests.Barcodes;

/// <summary>
/// Japan Post customer barcode (日本郵便「郵便番号・バーコードマニュアル」). The addresses in the first two
/// theories are Japan Post's own examples (p17, p20 and the test list on p25); the rest are made up.
/// </summary>
public class CustomerBarcodeTests
{
    // Japan Post's test list (zipmanual p25): address as printed → 郵便番号 + 住所表示番号.
    [Theory]
    [InlineData("2630023", "千葉市稲毛区緑町3丁目30-8　郵便ビル403号", "3-30-8-403")]
    [InlineData("0140113", "秋田県大仙市堀見内　南田茂木　添60-1", "60-1")]
    [InlineData("1100016", "東京都台東区台東5-6-3　ABCビル10F", "5-6-3-10")]
    [InlineData("0600906", "北海道札幌市東区北六条東4丁目　郵便センター6号館", "4-6")]
    [InlineData("0650006", "北海道札幌市東区北六条東8丁目　郵便センター10号館", "8-10")]
    [InlineData("4070033", "山梨県韮崎市龍岡町下條南割　韮崎400", "400")]
    [InlineData("2730102", "千葉県鎌ケ谷市右京塚　東3丁目-20-5　郵便・A&bコーポB604号", "3-20-5B604")]
    [InlineData("1980036", "東京都青梅市河辺町十一丁目六番地一号　郵便タワー601", "11-6-1-601")]
    [InlineData("0270203", "岩手県宮古市大字津軽石第二十一地割大淵川480", "21-480")]
    [InlineData("5900016", "大阪府堺市堺区中田出井町四丁六番十九号", "4-6-19")]
    [InlineData("0800831", "北海道帯広市稲田町南七線　西28", "7-28")]
    [InlineData("3170055", "茨城県日立市宮田町6丁目7-14　ABCビル2F", "6-7-14-2")]
    [InlineData("6500046", "神戸市中央区港島中町9丁目7-6　郵便シティA棟1F1号", "9-7-6A1-1")]
    [InlineData("6230011", "京都府綾部市青野町綾部6-7　LプラザB106", "6-7LB106")]
    [InlineData("0640804", "札幌市中央区南四条西29丁目1524-23　第2郵便ハウス501", "29-1524-23-2-501")]
    [InlineData("9100067", "福井県福井市新田塚3丁目80-25　J1ビル2-B", "3-80-25J1-2B")]
    [InlineData("2280024", "神奈川県座間市入谷6丁目3454-5　郵便ハイツ6-1108", "6-3454-5-6-1108")]
    [InlineData("1000013", "東京都千代田区霞が関1丁目3番2号　郵便プラザ503室", "1-3-2-503")]
    public void AddressNumber_JapanPostExamples_AsInManual(string postalCode, string address, string expected)
    {
        Assert.Equal(expected, CustomerBarcode.AddressNumber(address));
        Assert.Equal(expected, CustomerBarcode.Encode(postalCode, address).AddressNumber);
    }

    // The same list with its 20 characters and check character. The check characters agree with the
    // ones published for p25's list in other open implementations' tests; the Kasumigaseki row is the
    // manual's own worked example (check 9, p17/p21). Sums, by hand, for the first row: postal 2+6+3+0+0+2+3 = 16,
    // "3-30-8-403" 3+10+3+0+10+8+10+4+0+3 = 51, CC4 × 3 = 42; 16 + 51 + 42 = 109 = 5 × 19 + 14,
    // so the check character is 19 − 14 = 5.
    [Theory]
    [InlineData("263-0023", "千葉市稲毛区緑町3丁目30-8　郵便ビル403号", "26300233-30-8-403CC4CC4CC4", 5)]
    [InlineData("0140113", "秋田県大仙市堀見内　南田茂木　添60-1", "014011360-1CC4CC4CC4CC4CC4CC4CC4CC4CC4", 18)]
    [InlineData("1100016", "東京都台東区台東5-6-3　ABCビル10F", "11000165-6-3-10CC4CC4CC4CC4CC4", 9)]
    [InlineData("0600906", "北海道札幌市東区北六条東4丁目　郵便センター6号館", "06009064-6CC4CC4CC4CC4CC4CC4CC4CC4CC4CC4", 9)]
    [InlineData("4070033", "山梨県韮崎市龍岡町下條南割　韮崎400", "4070033400CC4CC4CC4CC4CC4CC4CC4CC4CC4CC4", 10)]
    [InlineData("2730102", "千葉県鎌ケ谷市右京塚　東3丁目-20-5　郵便・A&bコーポB604号", "27301023-20-5CC11604CC4CC4", 0)]
    [InlineData("1980036", "東京都青梅市河辺町十一丁目六番地一号　郵便タワー601", "198003611-6-1-601CC4CC4CC4", 18)]
    [InlineData("0270203", "岩手県宮古市大字津軽石第二十一地割大淵川480", "027020321-480CC4CC4CC4CC4CC4CC4CC4", 15)]
    [InlineData("5900016", "大阪府堺市堺区中田出井町四丁六番十九号", "59000164-6-19CC4CC4CC4CC4CC4CC4CC4", 12)]
    [InlineData("0800831", "北海道帯広市稲田町南七線　西28", "08008317-28CC4CC4CC4CC4CC4CC4CC4CC4CC4", 17)]
    [InlineData("3170055", "茨城県日立市宮田町6丁目7-14　ABCビル2F", "31700556-7-14-2CC4CC4CC4CC4CC4", 11)] // characters also on p20
    [InlineData("6500046", "神戸市中央区港島中町9丁目7-6　郵便シティA棟1F1号", "65000469-7-6CC101-1CC4CC4CC4", 5)]
    [InlineData("6230011", "京都府綾部市青野町綾部6-7　LプラザB106", "62300116-7CC21CC11106CC4CC4CC4", 4)]
    [InlineData("1000013", "東京都千代田区霞が関1丁目3番2号　郵便プラザ503室", "10000131-3-2-503CC4CC4CC4CC4", 9)] // p17, p21
    public void Encode_JapanPostExamples_CharactersAndCheckDigit(
        string postalCode, string address, string characters, int checkDigit)
    {
        var symbol = CustomerBarcode.Encode(postalCode, address);

        Assert.Equal(characters, symbol.Characters);
        Assert.Equal(checkDigit, symbol.CheckDigit);
        Assert.Equal(CustomerBarcode.BarCount, symbol.Bars.Count);
    }

    [Fact]
    public void Encode_AddressLongerThan13_CutAfterThe20thCharacter()
    {
        // p20 例1: 0640804 + "29-1524-23-2-501" is 23 characters; the 20th is the hyphen after 2.
        // Sum: 0+6+4+0+8+0+4 = 22; 2+9+10+1+5+2+4+10+2+3+10+2+10 = 70; 92 = 4 × 19 + 16 → check 3.
        var symbol = CustomerBarcode.Encode("0640804", "札幌市中央区南四条西29丁目1524-23　第2郵便ハウス501");

        Assert.Equal("29-1524-23-2-501", symbol.AddressNumber);
        Assert.Equal("064080429-1524-23-2-", symbol.Characters);
        Assert.Equal(3, symbol.CheckDigit);
    }

    [Fact]
    public void Encode_LetterWhoseControlCodeIsThe20th_KeepsTheControlCodeOnly()
    {
        // p20 例2: "3-80-25J1-2B": J = CC1 9, B = CC1 1; B's CC1 is the 20th character, its 1 is cut.
        // Sum: 9+1+0+0+0+6+7 = 23; 3+10+8+0+10+2+5 = 38; CC1 11 + 9 + 1 + 10 + 2 + CC1 11 = 44;
        // 23 + 38 + 44 = 105 = 5 × 19 + 10 → check 9.
        var symbol = CustomerBarcode.Encode("9100067", "福井県福井市新田塚3丁目80-25　J1ビル2-B");

        Assert.Equal("91000673-80-25CC191-2CC1", symbol.Characters);
        Assert.Equal(9, symbol.CheckDigit);
    }

    [Fact]
    public void Encode_OverflowWithoutLetters_CutAt13AddressCharacters()
    {
        // 2280024 + "6-3454-5-6-1108": the address part keeps "6-3454-5-6-11".
        // Sum: 2+2+8+0+0+2+4 = 18; 6+10+3+4+5+4+10+5+10+6+10+1+1 = 75; 93 = 4 × 19 + 17 → check 2.
        var symbol = CustomerBarcode.Encode("2280024", "神奈川県座間市入谷6丁目3454-5　郵便ハイツ6-1108");

        Assert.Equal("22800246-3454-5-6-11", symbol.Characters);
        Assert.Equal(2, symbol.CheckDigit);
    }

    [Theory]
    [InlineData("鹿児島市山下町十一番一号", "11-1")]
    [InlineData("鹿児島市山下町二十五番地の三", "25")] // the last 三 stands before no marker: text, dropped
    [InlineData("鹿児島市山下町百一番地", "101")]
    [InlineData("鹿児島市山下町一〇一番地", "101")]
    [InlineData("鹿児島市千日町三丁目二番十号", "3-2-10")]
    [InlineData("鹿児島市山下町三ノ五番", "3-5")]
    [InlineData("鹿児島市山下町十一の一番", "11-1")]
    [InlineData("鹿児島市山下町十一-一番", "1")] // 十一 stands before a hyphen, not a marker: text
    [InlineData("北海道札幌市東区北六条東", "")] // 六 before 条 is not a number of the address
    public void AddressNumber_KanjiNumeralsBeforeMarkers_BecomeDigits(string address, string expected)
    {
        Assert.Equal(expected, CustomerBarcode.AddressNumber(address));
    }

    [Theory]
    [InlineData("鹿児島市山下町１１番１号", "11-1")]
    [InlineData("鹿児島市山下町１１－１", "11-1")]
    [InlineData("鹿児島市山下町11ー1", "11-1")]
    [InlineData("鹿児島市山下町11−1", "11-1")]
    [InlineData("鹿児島市山下町11─1", "11-1")]
    [InlineData("鹿児島市山下町11-1　ｂ棟２０３", "11-1B203")]
    [InlineData("鹿児島市山下町11-1　ＡＢコーポ203", "11-1-203")]
    [InlineData("鹿児島市山下町11-1　センター", "11-1")]
    public void AddressNumber_FullWidthAndDashes_ReadAsHalfWidth(string address, string expected)
    {
        Assert.Equal(expected, CustomerBarcode.AddressNumber(address));
    }

    [Theory]
    [InlineData("鹿児島市山下町", "")]
    [InlineData("鹿児島市山下町4丁目", "4")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void AddressNumber_NoNumberAfterTheTown_Empty(string? address, string expected)
    {
        Assert.Equal(expected, CustomerBarcode.AddressNumber(address));
    }

    [Fact]
    public void Encode_NoAddressNumber_PostalCodeAnd13Cc4()
    {
        // 8+9+2+0+8+1+6 = 34; 13 × 14 = 182; 216 = 11 × 19 + 7 → check 12 (CC2).
        var symbol = CustomerBarcode.Encode("8920816", "鹿児島市山下町");

        Assert.Equal("", symbol.AddressNumber);
        Assert.Equal("8920816" + string.Concat(Enumerable.Repeat("CC4", 13)), symbol.Characters);
        Assert.Equal(12, symbol.CheckDigit);
        Assert.Equal(symbol, CustomerBarcode.Encode("892-0816", null) with { Bars = symbol.Bars });
    }

    [Fact]
    public void Encode_LettersOfEachControlCode_TwoCharactersEach()
    {
        // "5-6Y301": Y = CC3 4. 8+9+2+0+8+1+6 = 34; 5+10+6 = 21; CC3 13 + 4 = 17; 3+0+1 = 4; CC4 × 5 = 70;
        // 34 + 21 + 17 + 4 + 70 = 146 = 7 × 19 + 13 → check 6.
        var y = CustomerBarcode.Encode("892-0816", "鹿児島市山下町5-6　y棟301");
        Assert.Equal("5-6Y301", y.AddressNumber);
        Assert.Equal("89208165-6CC34301CC4CC4CC4CC4CC4", y.Characters);
        Assert.Equal(6, y.CheckDigit);

        // K = CC2 0, T = CC2 9, U = CC3 0, Z = CC3 5, A = CC1 0, J = CC1 9.
        Assert.Equal("0000000CC20CC4", CustomerBarcode.Encode("0000000", "K").Characters[..14]);
        Assert.Equal("0000000CC29", CustomerBarcode.Encode("0000000", "T").Characters[..11]);
        Assert.Equal("0000000CC30", CustomerBarcode.Encode("0000000", "U").Characters[..11]);
        Assert.Equal("0000000CC35", CustomerBarcode.Encode("0000000", "Z").Characters[..11]);
        Assert.Equal("0000000CC10", CustomerBarcode.Encode("0000000", "A").Characters[..11]);
        Assert.Equal("0000000CC19", CustomerBarcode.Encode("0000000", "J").Characters[..11]);
    }

    // Every character's three bars, through the check character: with no address the data is the postal
    // code and 13 × CC4 (182), so postal digits summing to s give the check value (8 − s) mod 19.
    // Bars in Zint's notation (1 long, 2 upper semi-long, 3 lower semi-long, 4 timing), as a second
    // reading of the manual's table next to the one in the code.
    [Theory]
    [InlineData("0000008", 0, "144")]
    [InlineData("0000007", 1, "114")]
    [InlineData("0000006", 2, "132")]
    [InlineData("0000005", 3, "312")]
    [InlineData("0000004", 4, "123")]
    [InlineData("0000003", 5, "141")]
    [InlineData("0000002", 6, "321")]
    [InlineData("0000001", 7, "213")]
    [InlineData("0000000", 8, "231")]
    [InlineData("0000099", 9, "411")] // s = 18
    [InlineData("0000089", 10, "414")] // s = 17, "-"
    [InlineData("0000088", 11, "324")] // CC1
    [InlineData("0000087", 12, "342")] // CC2
    [InlineData("0000086", 13, "234")] // CC3
    [InlineData("0000085", 14, "432")] // CC4
    [InlineData("0000084", 15, "243")] // CC5
    [InlineData("0000083", 16, "423")] // CC6
    [InlineData("0000082", 17, "441")] // CC7
    [InlineData("0000009", 18, "111")] // CC8
    public void Encode_CheckCharacter_BarsFromTheTable(string postalCode, int checkDigit, string bars)
    {
        var symbol = CustomerBarcode.Encode(postalCode, null);

        Assert.Equal(checkDigit, symbol.CheckDigit);
        Assert.Equal(Bars(bars), symbol.Bars.Skip(2 + 20 * 3).Take(3));
    }

    [Fact]
    public void Encode_ManualExample_All67Bars()
    {
        // 1000013 + "1-3-2-503" + CC4 × 4, check 9 (manual p17/p21).
        var symbol = CustomerBarcode.Encode("100-0013", "1丁目3番2号　郵便プラザ503室");

        var expected = "13"                          // start: long, lower semi-long
            + "114" + "144" + "144" + "144" + "144" + "114" + "312" // 1 0 0 0 0 1 3
            + "114" + "414" + "312" + "414" + "132" + "414"         // 1 - 3 - 2 -
            + "141" + "144" + "312"                                 // 5 0 3
            + "432" + "432" + "432" + "432"                         // CC4 × 4
            + "411"                                                 // check 9
            + "31";                                                 // stop: lower semi-long, long
        Assert.Equal(Bars(expected), symbol.Bars);
        Assert.Equal(67, symbol.Bars.Count);
    }

    [Theory]
    [InlineData("8920816", "8920816")]
    [InlineData("892-0816", "8920816")]
    [InlineData("８９２－０８１６", "8920816")]
    [InlineData("〒892-0816 ", "8920816")]
    public void Encode_PostalCodeForms_SevenDigits(string postalCode, string expected)
    {
        Assert.Equal(expected, CustomerBarcode.Encode(postalCode, null).PostalCode);
    }

    [Theory]
    [InlineData("892-081")]
    [InlineData("89208160")]
    [InlineData("8920-816")]
    [InlineData("892081A")]
    [InlineData("")]
    [InlineData("   ")]
    public void Encode_BadPostalCode_ArgumentException(string postalCode)
    {
        var error = Assert.Throws<ArgumentException>(() => CustomerBarcode.Encode(postalCode, "山下町11-1"));

        Assert.Contains("郵便番号", error.Message);
        Assert.Contains("7桁", error.Message);
        Assert.Equal("postalCode7", error.ParamName);
    }

    [Fact]
    public void Encode_NullPostalCode_ArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => CustomerBarcode.Encode(null!, "山下町11-1"));

        Assert.Contains("郵便番号がありません", error.Message);
    }

    private static List<CustomerBarcodeBar> Bars(string zint) =>
        zint.Select(c => c switch
        {
            '1' => CustomerBarcodeBar.Long,
            '2' => CustomerBarcodeBar.SemiLongUpper,
            '3' => CustomerBarcodeBar.SemiLongLower,
            '4' => CustomerBarcodeBar.Timing,
            _ => throw new ArgumentOutOfRangeException(nameof(zint)),
        }).ToList();
}
