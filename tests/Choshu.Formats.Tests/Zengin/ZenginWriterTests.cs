using Choshu.Domain;
using Choshu.Formats.Zengin;
using static Choshu.Formats.Tests.Zengin.ZenginFixture;

namespace Choshu.Formats.Tests.Zengin;

/// <summary>The request file, byte for byte. Offsets are 0-based; a record with CR LF takes 122 bytes.</summary>
public class ZenginWriterTests
{
    // Header + 3 data records + trailer + end = 6 records × (120 + CR LF) = 6 × 122 = 732 bytes.
    [Fact]
    public void WriteRequest_ThreeDebits_SixRecordsOf122Bytes()
    {
        var file = WriteRequest();

        Assert.Equal(732, file.Length);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(0x0D, file[i * 122 + 120]);
            Assert.Equal(0x0A, file[i * 122 + 121]);
        }
    }

    [Fact]
    public void WriteRequest_NoLineBreaks_SixRecordsOf120Bytes()
    {
        var file = WriteRequest(new ZenginWriterOptions { LineBreaks = false });

        // 6 × 120 = 720
        Assert.Equal(720, file.Length);
        Assert.DoesNotContain((byte)0x0D, file);
        Assert.DoesNotContain((byte)0x0A, file);
    }

    [Fact]
    public void WriteRequest_ThreeDebits_HeaderBytes()
    {
        var file = WriteRequest();

        Assert.Equal(HeaderLine, RecordText(file, 0));
        Assert.Equal("1910", Ascii(file, 0, 4));         // data kind 1, type code 91, code kind 0
        Assert.Equal("0000012345", Ascii(file, 4, 10));  // biller code
        Assert.Equal("1027", Ascii(file, 54, 4));        // debit date MMDD
        Assert.Equal("0123", Ascii(file, 58, 4));        // bank
        Assert.Equal("1234567", Ascii(file, 96, 7));     // the city's account
        Assert.Equal(new string(' ', 17), Ascii(file, 103, 17));
    }

    [Fact]
    public void WriteRequest_ThreeDebits_DataRecord1Bytes()
    {
        var file = WriteRequest();
        const int record = 1 * 122;

        Assert.Equal(
            DataLine("0123", "ｻﾝﾌﾟﾙｷﾞﾝｺｳ", "456", "ｴｷﾏｴ", '1', "0012345", "ﾔﾏﾀﾞ ﾀﾛｳ", "0000012300", '0', "00000000202500000001", '0'),
            RecordText(file, 1));
        Assert.Equal("0000012300", Ascii(file, record + 80, 10));            // amount, bytes 80–89
        Assert.Equal("0012345", Ascii(file, record + 43, 7));                // account number
        Assert.Equal("00000000202500000001", Ascii(file, record + 91, 20));  // customer number
        Assert.Equal("0", Ascii(file, record + 111, 1));                     // result code "0" in a request
    }

    [Fact]
    public void WriteRequest_DepositorName_HalfWidthKanaOneByteEach()
    {
        var file = WriteRequest();

        // ﾔﾏﾀﾞ ﾀﾛｳ in code page 932: ﾔ D4, ﾏ CF, ﾀ C0, ﾞ DE, space 20, ﾀ C0, ﾛ DB, ｳ B3, then 22 spaces.
        byte[] expected = [0xD4, 0xCF, 0xC0, 0xDE, 0x20, 0xC0, 0xDB, 0xB3, .. Enumerable.Repeat((byte)0x20, 22)];
        Assert.Equal(expected, file.AsSpan(122 + 50, 30).ToArray());
    }

    [Fact]
    public void WriteRequest_ThreeDebits_DataRecords2And3()
    {
        var file = WriteRequest();

        Assert.Equal(
            DataLine("0123", "ｻﾝﾌﾟﾙｷﾞﾝｺｳ", "456", "ｴｷﾏｴ", '1', "7654321", "ｽｽﾞｷ ﾊﾅｺ", "0000045600", '1', "00000000202500000002", '0'),
            RecordText(file, 2));
        Assert.Equal(
            DataLine("0789", "ﾃｽﾄｼﾝｷﾝ", "012", "ﾐﾅﾐ", '2', "0000001", "ｶ)ﾁﾖｳｼﾕｳ", "0000003300", '0', "00000000202500000003", '0'),
            RecordText(file, 3));
    }

    // Total: 3 records, 12,300 + 45,600 + 3,300 = 61,200; debited and failed are 0 in a request.
    [Fact]
    public void WriteRequest_ThreeDebits_TrailerBytes()
    {
        var file = WriteRequest();
        const int record = 4 * 122;

        Assert.Equal(
            TrailerLine("000003", "000000061200", "000000", "000000000000", "000000", "000000000000"),
            RecordText(file, 4));
        Assert.Equal("8", Ascii(file, record, 1));
        Assert.Equal("000003", Ascii(file, record + 1, 6));
        Assert.Equal("000000061200", Ascii(file, record + 7, 12));
    }

    [Fact]
    public void WriteRequest_ThreeDebits_EndRecord()
    {
        var file = WriteRequest();

        Assert.Equal(EndLine, RecordText(file, 5));
    }

    [Fact]
    public void WriteRequest_ThreeDebits_ReturnsTrailer()
    {
        using var stream = new MemoryStream();

        var trailer = ZenginWriter.WriteRequest(stream, Header, Debits);

        Assert.Equal(new ZenginTrailer(3, 61_200, 0, 0, 0, 0), trailer);
    }

    [Fact]
    public void WriteRequest_FullWidthNames_ConvertedToHalfWidth()
    {
        using var stream = new MemoryStream();
        var header = Header with { BillerName = "チョウシュウシ" };
        var debit = Debits[0] with { DepositorName = "ヤマダ　タロウ", BranchName = "えきまえ" };

        ZenginWriter.WriteRequest(stream, header, [debit]);

        var file = stream.ToArray();
        Assert.Equal("ﾁﾖｳｼﾕｳｼ".PadRight(40), RecordText(file, 0).Substring(14, 40));
        Assert.Equal("ｴｷﾏｴ".PadRight(15), RecordText(file, 1).Substring(23, 15));
        Assert.Equal("ﾔﾏﾀﾞ ﾀﾛｳ".PadRight(30), RecordText(file, 1).Substring(50, 30));
    }

    [Fact]
    public void WriteRequest_ShortNumbers_ZeroFilledOnTheLeft()
    {
        using var stream = new MemoryStream();
        var debit = Debits[0] with { AccountNo = "123", CustomerNo = "42", Amount = 5 };

        ZenginWriter.WriteRequest(stream, Header with { BillerCode = "12345" }, [debit]);

        var file = stream.ToArray();
        Assert.Equal("0000012345", Ascii(file, 4, 10));
        Assert.Equal("0000123", Ascii(file, 122 + 43, 7));
        Assert.Equal("0000000005", Ascii(file, 122 + 80, 10));
        Assert.Equal("00000000000000000042", Ascii(file, 122 + 91, 20));
    }

    [Fact]
    public void WriteRequest_NameLongerThan30_CutAt30()
    {
        using var stream = new MemoryStream();
        // 26 + 1 + 10 = 37 characters
        var debit = Debits[0] with { DepositorName = "ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789" };

        ZenginWriter.WriteRequest(stream, Header, [debit]);

        Assert.Equal("ABCDEFGHIJKLMNOPQRSTUVWXYZ 012", RecordText(stream.ToArray(), 1).Substring(50, 30));
    }

    [Fact]
    public void WriteRequest_KanjiName_ThrowsNamingRecordFieldAndPosition()
    {
        using var stream = new MemoryStream();
        var debits = new[] { Debits[0], Debits[1] with { DepositorName = "スズキ花子" } };

        var ex = Assert.Throws<DomainException>(() => ZenginWriter.WriteRequest(stream, Header, debits));

        Assert.Equal("kana.unsupported", ex.Code);
        Assert.Equal(
            "3件目（データ・レコード）の預金者名: 4文字目の「花」は全銀協の文字（半角カナ・英大文字・数字・一部の記号）に変換できません。",
            ex.Message);
    }

    [Fact]
    public void WriteRequest_ResultCodeGiven_ThrowsRequestHasResult()
    {
        using var stream = new MemoryStream();
        var debit = Debits[0] with { ResultCode = ZenginResultCode.Debited };

        var ex = Assert.Throws<DomainException>(() => ZenginWriter.WriteRequest(stream, Header, [debit]));

        Assert.Equal("zengin.request_has_result", ex.Code);
        Assert.Equal("2件目（データ・レコード）の振替結果コード: 依頼データには指定できません。", ex.Message);
    }

    [Fact]
    public void WriteRequest_AmountOf11Digits_ThrowsFieldInvalid()
    {
        using var stream = new MemoryStream();
        var debit = Debits[0] with { Amount = 10_000_000_000 };

        var ex = Assert.Throws<DomainException>(() => ZenginWriter.WriteRequest(stream, Header, [debit]));

        Assert.Equal("zengin.field_invalid", ex.Code);
        Assert.Equal("2件目（データ・レコード）の振替金額: 10桁以内の半角数字でなければなりません。", ex.Message);
    }

    [Theory]
    [InlineData("01234")]   // 5 digits in a 4-digit field
    [InlineData("01A3")]
    [InlineData("")]
    public void WriteRequest_BadBankCode_ThrowsFieldInvalid(string bankCode)
    {
        using var stream = new MemoryStream();

        var ex = Assert.Throws<DomainException>(() => ZenginWriter.WriteRequest(stream, Header, [Debits[0] with { BankCode = bankCode }]));

        Assert.Equal("zengin.field_invalid", ex.Code);
        Assert.Equal("2件目（データ・レコード）の引落銀行番号: 4桁以内の半角数字でなければなりません。", ex.Message);
    }

    [Fact]
    public void WriteRequest_DebitDate0230_ThrowsFieldInvalid()
    {
        using var stream = new MemoryStream();

        var ex = Assert.Throws<DomainException>(() => ZenginWriter.WriteRequest(stream, Header with { DebitMonth = 2, DebitDay = 30 }, Debits));

        Assert.Equal("zengin.field_invalid", ex.Code);
        Assert.Equal("1件目（ヘッダー・レコード）の引落日: 実在する月日でなければなりません。", ex.Message);
    }

    [Fact]
    public void WriteRequest_NoDebits_HeaderZeroTrailerEnd()
    {
        using var stream = new MemoryStream();

        var trailer = ZenginWriter.WriteRequest(stream, Header, []);

        var file = stream.ToArray();
        Assert.Equal(3 * 122, file.Length);
        Assert.Equal(new ZenginTrailer(0, 0, 0, 0, 0, 0), trailer);
        Assert.Equal(TrailerLine("000000", "000000000000", "000000", "000000000000", "000000", "000000000000"), RecordText(file, 1));
    }
}
