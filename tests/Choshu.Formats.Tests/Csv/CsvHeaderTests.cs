using Choshu.Formats.Csv;

namespace Choshu.Formats.Tests.Csv;

public class CsvHeaderTests
{
    private static readonly CsvColumn[] Layout = [new("宛名番号", true), new("氏名漢字", true), new("方書", false)];

    private static CsvHeader Map(string header) => CsvHeader.Map(TestCsv.Records(header + "\n")[0], Layout, "tp.csv");

    [Fact]
    public void Map_ColumnsInAnyOrder_FoundByName()
    {
        var header = Map("氏名漢字,備考,宛名番号");

        Assert.Equal(2, header.IndexOf("宛名番号"));
        Assert.Equal(0, header.IndexOf("氏名漢字"));
        Assert.False(header.Has("方書"));
        Assert.Equal(-1, header.IndexOf("方書"));
        Assert.Equal(3, header.FieldCount);
    }

    [Fact]
    public void Map_HalfAndFullWidthSpaces_Ignored()
    {
        var header = Map(" 宛名番号　,\u3000氏名 漢字,\uFEFF方書");

        Assert.Equal(0, header.IndexOf("宛名番号"));
        Assert.Equal(1, header.IndexOf("氏名漢字"));
        Assert.Equal(2, header.IndexOf("方書"));
    }

    [Fact]
    public void Map_UnknownColumns_IgnoredAndListed()
    {
        var header = Map("宛名番号,備考,氏名漢字,予備１");

        Assert.Equal(["備考", "予備１"], header.IgnoredColumns);
    }

    [Fact]
    public void Map_RequiredColumnMissing_RefusedNamingFileAndColumn()
    {
        var ex = Assert.Throws<CsvFileRefusedException>(() => Map("宛名番号,方書"));

        Assert.Equal("import.missing_column", ex.Code);
        Assert.Equal("tp.csv: 必須の列「氏名漢字」がヘッダー行にありません。ファイル全体を取り込みません。", ex.Message);
    }

    [Fact]
    public void Map_OptionalColumnMissing_Accepted()
    {
        Assert.False(Map("宛名番号,氏名漢字").Has("方書"));
    }

    [Fact]
    public void Map_KnownColumnTwice_Refused()
    {
        var ex = Assert.Throws<CsvFileRefusedException>(() => Map("宛名番号,氏名漢字,宛名番号"));

        Assert.Equal("import.duplicate_column", ex.Code);
        Assert.Contains("「宛名番号」", ex.Message);
    }

    [Fact]
    public void Row_ValueWithFullWidthSpacesAround_Trimmed()
    {
        var row = TestCsv.Row(Layout, "宛名番号,氏名漢字", "\u3000100001 ,　山田　太郎　");

        Assert.Equal("100001", row["宛名番号"]);
        Assert.Equal("山田　太郎", row["氏名漢字"]);
        Assert.Null(row["方書"]);
    }
}
