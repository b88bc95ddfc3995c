using System.Text;
using Choshu.Formats.Csv;

namespace Choshu.Formats.Tests.Csv;

public class CsvTextEncodingTests
{
    // "宛名番号,山田" in Shift_JIS (CP932), byte by byte: 宛 88B6, 名 96BC, 番 94D4, 号 8D86, ',' 2C, 山 8E52, 田 9363.
    private static readonly byte[] ShiftJisBytes = [0x88, 0xB6, 0x96, 0xBC, 0x94, 0xD4, 0x8D, 0x86, 0x2C, 0x8E, 0x52, 0x93, 0x63];

    [Fact]
    public void Detect_Utf8Bom_Utf8()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("宛名番号")];

        Assert.Same(CsvTextEncoding.Utf8, CsvTextEncoding.Detect(bytes, isWholeFile: true));
    }

    [Fact]
    public void Detect_Utf8WithoutBom_Utf8()
    {
        Assert.Same(CsvTextEncoding.Utf8, CsvTextEncoding.Detect(Encoding.UTF8.GetBytes("宛名番号,氏名漢字\n1,山田"), isWholeFile: true));
    }

    [Fact]
    public void Detect_ShiftJisBytes_ShiftJis()
    {
        Assert.Same(CsvTextEncoding.ShiftJis, CsvTextEncoding.Detect(ShiftJisBytes, isWholeFile: true));
    }

    [Fact]
    public void Decode_ShiftJisBytes_JapaneseText()
    {
        using var reader = CsvTextEncoding.ShiftJis.OpenReader(new MemoryStream(ShiftJisBytes));

        Assert.Equal("宛名番号,山田", reader.ReadToEnd());
    }

    [Fact]
    public void Decode_Cp932ExtensionCharacters_Decoded()
    {
        // ① (NEC special 8740), ㈱ (NEC special 878A) and 髙 (IBM extension FBFC) exist only in CP932, not in JIS X 0208 Shift_JIS.
        byte[] bytes = [0x87, 0x40, 0x87, 0x8A, 0xFB, 0xFC];
        using var reader = CsvTextEncoding.ShiftJis.OpenReader(new MemoryStream(bytes));

        Assert.Equal("①㈱髙", reader.ReadToEnd());
    }

    [Fact]
    public void Decode_Utf8WithBom_BomSkipped()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("宛名番号")];
        using var reader = CsvTextEncoding.Utf8.OpenReader(new MemoryStream(bytes));

        Assert.Equal("宛名番号", reader.ReadToEnd());
    }

    [Fact]
    public void Detect_MultibyteCutAtWindowEnd_StillUtf8()
    {
        // 65,535 ASCII bytes then 'あ' (E3 81 82): the 64 KiB window ends after E3.
        var bytes = new byte[CsvTextEncoding.DetectionWindow + 2];
        bytes.AsSpan(0, CsvTextEncoding.DetectionWindow - 1).Fill((byte)'a');
        Encoding.UTF8.GetBytes("あ").CopyTo(bytes, CsvTextEncoding.DetectionWindow - 1);

        Assert.Same(CsvTextEncoding.Utf8, CsvTextEncoding.Detect(bytes.AsSpan(0, CsvTextEncoding.DetectionWindow), isWholeFile: false));
    }

    [Fact]
    public void Detect_WholeFileEndingInCutSequence_ShiftJis()
    {
        byte[] bytes = [(byte)'a', 0xE3, 0x81];

        Assert.Same(CsvTextEncoding.ShiftJis, CsvTextEncoding.Detect(bytes, isWholeFile: true));
    }

    [Fact]
    public void Detect_ShiftJisAfterLongAsciiPrefix_ShiftJis()
    {
        var ascii = Enumerable.Repeat((byte)'a', 10_000);
        byte[] bytes = [.. ascii, .. ShiftJisBytes];

        Assert.Same(CsvTextEncoding.ShiftJis, CsvTextEncoding.Detect(bytes, isWholeFile: true));
    }

    [Theory]
    [InlineData("utf-8", "utf-8")]
    [InlineData("UTF8", "utf-8")]
    [InlineData("shift_jis", "shift_jis")]
    [InlineData("sjis", "shift_jis")]
    [InlineData("cp932", "shift_jis")]
    public void FromName_KnownName_Encoding(string name, string expected)
    {
        Assert.Equal(expected, CsvTextEncoding.FromName(name)!.Name);
    }

    [Fact]
    public void FromName_Unknown_Null()
    {
        Assert.Null(CsvTextEncoding.FromName("euc-jp"));
    }
}
