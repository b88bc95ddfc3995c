using Choshu.Domain;
using Choshu.Formats.Barcodes;

namespace Choshu.Formats.Tests.Barcodes;

/// <summary>Convenience-store GS1-128 barcode (domain.md §6). Synthetic values only.</summary>
public class StoreBarcodeTests
{
    // Worked example, computed by hand.
    //
    // Fields: AI 91 | biller 123456 | free field 202501234567890100012 | reissue 0 |
    //         deadline 2025-10-31 → 251031 | stamp 0 | amount 12,300 → 012300
    // First 43 digits: 91 123456 202501234567890100012 0 251031 0 012300
    //
    // Positions are counted from the right with the check digit as position 1, so the 43rd digit is
    // position 2 (even) and the 1st digit position 44 (even): counted from the LEFT, the digits at odd
    // places (1st, 3rd, …, 43rd) are in even positions (weight 3, sum A), those at even places (2nd, …,
    // 42nd) in odd positions 3…43 (weight 1, sum B).
    //
    //   field        places   digits                   to A (places odd)        to B (places even)
    //   AI           1–2      9 1                      9                        1
    //   biller       3–8      1 2 3 4 5 6              1+3+5 = 9                2+4+6 = 12
    //   free field   9–29     2 0 2 5 0 1 2 3 4 5 6    2+2+0+2+4+6+8+0+0+0+2    0+5+1+3+5+7+9+1+0+1
    //                         7 8 9 0 1 0 0 0 1 2      = 26                     = 32
    //   reissue      30       0                        –                        0
    //   deadline     31–36    2 5 1 0 3 1              2+1+3 = 6                5+0+1 = 6
    //   stamp        37       0                        0                        –
    //   amount       38–43    0 1 2 3 0 0              1+3+0 = 4                0+2+0 = 2
    //
    //   A = 9 + 9 + 26 + 0 + 6 + 0 + 4 = 54
    //   B = 1 + 12 + 32 + 0 + 6 + 2   = 53
    //   C = 3A + B = 3 × 54 + 53 = 162 + 53 = 215
    //   check = (10 − 215 mod 10) mod 10 = (10 − 5) mod 10 = 5
    //
    // Whole barcode: 91123456202501234567890100012025103100123005
    private const string WorkedFirst43 = "9112345620250123456789010001202510310012300";
    private const string WorkedBarcode = "91123456202501234567890100012025103100123005";

    private static StoreBarcode Worked() =>
        new("123456", "202501234567890100012", 0, new DateOnly(2025, 10, 31), false, 12_300);

    [Fact]
    public void ComputeCheckDigit_WorkedExample_5()
    {
        Assert.Equal(43, WorkedFirst43.Length);
        Assert.Equal(5, StoreBarcode.ComputeCheckDigit(WorkedFirst43));
    }

    [Fact]
    public void Encode_WorkedExample_HandComputedDigits()
    {
        var digits = Worked().Encode();

        Assert.Equal(WorkedBarcode, digits);
        Assert.Equal(44, digits.Length);
    }

    [Fact]
    public void Parse_WorkedExample_Fields()
    {
        var barcode = StoreBarcode.Parse(WorkedBarcode);

        Assert.Equal("123456", barcode.BillerCode);
        Assert.Equal("202501234567890100012", barcode.FreeField);
        Assert.Equal(0, barcode.ReissueCount);
        Assert.Equal(new DateOnly(2025, 10, 31), barcode.Deadline);
        Assert.False(barcode.RevenueStamp);
        Assert.Equal(12_300, barcode.Amount);
    }

    [Fact]
    public void EncodeThenParse_Reissued_RoundTrip()
    {
        var original = new StoreBarcode("987654", "000000000000000000001", 3, new DateOnly(2026, 2, 28), false, 300_000);

        var parsed = StoreBarcode.Parse(original.Encode());

        Assert.Equal(original, parsed);
    }

    // All zeros but the AI: 9×3 + 1×1 = 28 → (10 − 8) mod 10 = 2.
    [Fact]
    public void ComputeCheckDigit_AiThenZeros_2()
    {
        Assert.Equal(2, StoreBarcode.ComputeCheckDigit("91" + new string('0', 41)));
    }

    // 43rd digit (amount's last digit) 0 → 1: it is in position 2 (weight 3), so C = 215 + 3 = 218
    // and the check digit would be 2, not 5.
    [Fact]
    public void Parse_AmountDigitChanged_ThrowsCheckDigit()
    {
        var altered = "9112345620250123456789010001202510310012301" + "5";

        var ex = Assert.Throws<DomainException>(() => StoreBarcode.Parse(altered));

        Assert.Equal("barcode.check_digit", ex.Code);
        Assert.Equal("バーコードのチェックデジット（44桁目）が一致しません（読み取り値 5、計算値 2）。", ex.Message);
    }

    // 10th digit (free field, place 10, weight 1) 0 → 7: C = 215 + 7 = 222 → check would be 8.
    [Fact]
    public void Parse_FreeFieldDigitChanged_ThrowsCheckDigit()
    {
        var altered = "911234562" + "7" + WorkedBarcode[10..];

        var ex = Assert.Throws<DomainException>(() => StoreBarcode.Parse(altered));

        Assert.Equal("barcode.check_digit", ex.Code);
        Assert.Contains("計算値 8", ex.Message);
    }

    [Fact]
    public void Encode_Amount300000_Accepted()
    {
        var digits = (Worked() with { Amount = 300_000 }).Encode();

        Assert.Equal("300000", digits.Substring(37, 6));
        Assert.Equal(300_000, StoreBarcode.Parse(digits).Amount);
    }

    [Fact]
    public void Encode_Amount300001_ThrowsAmountTooLarge()
    {
        var ex = Assert.Throws<DomainException>(() => (Worked() with { Amount = 300_001 }).Encode());

        Assert.Equal("barcode.amount_too_large", ex.Code);
        Assert.Equal(
            "金額が300,000円を超えるため、コンビニ収納バーコードは作成できません（300,001円）。金融機関の窓口で納付する納付書にしてください。",
            ex.Message);
    }

    [Fact]
    public void MaxBarcodeAmount_Is300000()
    {
        Assert.Equal(300_000, StoreBarcode.MaxBarcodeAmount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Encode_AmountNotPositive_ThrowsAmountInvalid(long amount)
    {
        var ex = Assert.Throws<DomainException>(() => (Worked() with { Amount = amount }).Encode());

        Assert.Equal("barcode.amount_invalid", ex.Code);
    }

    // 400,000 encoded with a correct check digit: the amount field alone refuses it.
    [Fact]
    public void Parse_AmountAboveLimitWithValidCheckDigit_ThrowsAmountTooLarge()
    {
        var first43 = WorkedFirst43[..37] + "400000";
        var digits = first43 + StoreBarcode.ComputeCheckDigit(first43);

        var ex = Assert.Throws<DomainException>(() => StoreBarcode.Parse(digits));

        Assert.Equal("barcode.amount_too_large", ex.Code);
    }

    // AI 92 with a check digit that is right for those 43 digits: only the AI is wrong.
    // 92… : the 2nd digit has weight 1, so C = 215 − 1 + 2 = 216 → check 4.
    [Fact]
    public void Parse_WrongAi_ThrowsAi()
    {
        var digits = "92" + WorkedFirst43[2..] + "4";
        Assert.Equal(4, StoreBarcode.ComputeCheckDigit(digits.AsSpan(0, 43)));

        var ex = Assert.Throws<DomainException>(() => StoreBarcode.Parse(digits));

        Assert.Equal("barcode.ai", ex.Code);
        Assert.Equal("バーコードの先頭2桁（アプリケーション識別子）が「91」ではありません（「92」です）。", ex.Message);
    }

    [Theory]
    [InlineData("9112345620250123456789010001202510310012300")]   // 43 digits
    [InlineData("911234562025012345678901000120251031001230055")] // 45 digits
    [InlineData("")]
    public void Parse_WrongLength_ThrowsLength(string digits)
    {
        var ex = Assert.Throws<DomainException>(() => StoreBarcode.Parse(digits));

        Assert.Equal("barcode.length", ex.Code);
        Assert.Equal($"バーコードは44桁でなければなりません（{digits.Length}桁です）。", ex.Message);
    }

    [Fact]
    public void Parse_FullWidthDigit_ThrowsNotDigitsNamingPlace()
    {
        var digits = "91１" + WorkedBarcode[3..];

        var ex = Assert.Throws<DomainException>(() => StoreBarcode.Parse(digits));

        Assert.Equal("barcode.not_digits", ex.Code);
        Assert.Equal("バーコードの3桁目が半角数字ではありません。", ex.Message);
    }

    [Fact]
    public void Parse_InvalidDeadline_ThrowsDeadlineInvalid()
    {
        var first43 = "91123456202501234567890100012" + "0" + "251332" + "0" + "012300";
        var digits = first43 + StoreBarcode.ComputeCheckDigit(first43);

        var ex = Assert.Throws<DomainException>(() => StoreBarcode.Parse(digits));

        Assert.Equal("barcode.deadline_invalid", ex.Code);
    }

    [Fact]
    public void Parse_StampFlag2_ThrowsRevenueStampInvalid()
    {
        var first43 = "91123456202501234567890100012" + "0" + "251031" + "2" + "012300";
        var digits = first43 + StoreBarcode.ComputeCheckDigit(first43);

        var ex = Assert.Throws<DomainException>(() => StoreBarcode.Parse(digits));

        Assert.Equal("barcode.revenue_stamp_invalid", ex.Code);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12345A")]
    public void Encode_BadBillerCode_ThrowsBillerCodeInvalid(string billerCode)
    {
        var ex = Assert.Throws<DomainException>(() => (Worked() with { BillerCode = billerCode }).Encode());

        Assert.Equal("barcode.biller_code_invalid", ex.Code);
    }

    [Theory]
    [InlineData("20250123456789010001")]   // 20 digits
    [InlineData("2025012345678901000123")] // 22 digits
    [InlineData("20250123456789010001X")]  // letter
    public void Encode_BadFreeField_ThrowsFreeFieldInvalid(string freeField)
    {
        var ex = Assert.Throws<DomainException>(() => (Worked() with { FreeField = freeField }).Encode());

        Assert.Equal("barcode.free_field_invalid", ex.Code);
    }

    [Fact]
    public void Encode_ReissueCount10_ThrowsReissueCountInvalid()
    {
        var ex = Assert.Throws<DomainException>(() => (Worked() with { ReissueCount = 10 }).Encode());

        Assert.Equal("barcode.reissue_count_invalid", ex.Code);
    }

    [Fact]
    public void Encode_Deadline2100_ThrowsDeadlineOutOfRange()
    {
        var ex = Assert.Throws<DomainException>(() => (Worked() with { Deadline = new DateOnly(2100, 1, 1) }).Encode());

        Assert.Equal("barcode.deadline_out_of_range", ex.Code);
    }

    [Fact]
    public void Encode_RevenueStamp_Flag1()
    {
        var digits = (Worked() with { RevenueStamp = true }).Encode();

        Assert.Equal('1', digits[36]);
        Assert.True(StoreBarcode.Parse(digits).RevenueStamp);
    }

    [Fact]
    public void TryParse_Valid_TrueWithBarcode()
    {
        Assert.True(StoreBarcode.TryParse(WorkedBarcode, out var barcode));
        Assert.Equal(Worked(), barcode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("91123456202501234567890100012025103100123004")] // check digit 4 instead of 5
    public void TryParse_Invalid_False(string? digits)
    {
        Assert.False(StoreBarcode.TryParse(digits, out var barcode));
        Assert.Null(barcode);
    }

    [Fact]
    public void ComputeCheckDigit_42Digits_ThrowsLength()
    {
        var ex = Assert.Throws<DomainException>(() => StoreBarcode.ComputeCheckDigit(WorkedFirst43.AsSpan(0, 42)));

        Assert.Equal("barcode.length", ex.Code);
    }
}
