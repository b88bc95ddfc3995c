using Choshu.Formats.Csv;

namespace Choshu.Formats.Tests.Csv;

public class CsvReaderTests
{
    [Fact]
    public void ReadRecords_PlainLfLines_SplitsFieldsAndNumbersLines()
    {
        var records = TestCsv.Records("a,b,c\n1,2,3\n4,5,6\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(["a", "b", "c"], records[0].Fields);
        Assert.Equal(["4", "5", "6"], records[2].Fields);
        Assert.Equal([1, 2, 3], records.Select(r => r.LineNo));
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Fact]
    public void ReadRecords_CrLfLines_SameAsLf()
    {
        var records = TestCsv.Records("a,b\r\n1,2\r\n3,4\r\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(["3", "4"], records[2].Fields);
        Assert.Equal(3, records[2].LineNo);
        Assert.Equal("3,4", records[2].RawText);
    }

    [Fact]
    public void ReadRecords_LastLineWithoutTerminator_Read()
    {
        var records = TestCsv.Records("a,b\n1,2");

        Assert.Equal(["1", "2"], records[1].Fields);
    }

    [Fact]
    public void ReadRecords_QuotedCommaAndDoubledQuote_OneField()
    {
        var records = TestCsv.Records("x,y\n\"ビル 3F, 301\",\"He said \"\"hi\"\"\"\n");

        Assert.Equal(["ビル 3F, 301", "He said \"hi\""], records[1].Fields);
    }

    [Fact]
    public void ReadRecords_QuotedLineBreaks_RecordKeepsStartLineAndNextRecordCountsPhysicalLines()
    {
        // Line 2 holds a field spanning lines 2–4 (LF, then CRLF inside the quotes); the next record starts on line 5.
        var records = TestCsv.Records("x,y\n1,\"first\nsecond\r\nthird\"\n2,after\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(2, records[1].LineNo);
        Assert.Equal("first\nsecond\r\nthird", records[1].Fields[1]);
        Assert.Equal(5, records[2].LineNo);
        Assert.Equal(["2", "after"], records[2].Fields);
    }

    [Fact]
    public void ReadRecords_BlankLines_CountedInLineNumbersAndMarkedBlank()
    {
        var records = TestCsv.Records("x,y\n\n1,2\n,\n3,4\n");

        Assert.Equal([1, 2, 3, 4, 5], records.Select(r => r.LineNo));
        Assert.True(records[1].IsBlank);
        Assert.True(records[3].IsBlank);
        Assert.False(records[4].IsBlank);
    }

    [Fact]
    public void ReadRecords_EmptyFields_KeptAsEmptyStrings()
    {
        var records = TestCsv.Records("a,b,c,d\n,\"\",x,\n");

        Assert.Equal(["", "", "x", ""], records[1].Fields);
    }

    [Fact]
    public void ReadRecords_LoneCr_EndsRecord()
    {
        var records = TestCsv.Records("a,b\r1,2\r");

        Assert.Equal(2, records.Count);
        Assert.Equal(2, records[1].LineNo);
    }

    [Fact]
    public void ReadRecords_QuoteInsideUnquotedField_TakenLiterally()
    {
        var records = TestCsv.Records("a\n5\"3\n");

        Assert.Equal("5\"3", records[1].Fields[0]);
        Assert.Null(records[1].Error);
    }

    [Fact]
    public void ReadRecords_TextAfterClosingQuote_RecordError()
    {
        var records = TestCsv.Records("a,b\n\"x\"y,2\n3,4\n");

        Assert.Equal("引用符（\"）で囲まれた項目の後に余分な文字があります。", records[1].Error);
        Assert.Null(records[2].Error);
        Assert.Equal(3, records[2].LineNo);
    }

    [Fact]
    public void ReadRecords_UnclosedQuote_ErrorOnTheRecordWhereItStarts()
    {
        var records = TestCsv.Records("a,b\n1,2\n3,\"open\n4,5\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(3, records[2].LineNo);
        Assert.Equal("引用符（\"）が閉じられていません。", records[2].Error);
    }

    [Fact]
    public void ReadRecords_LoneUnclosedQuoteOnLastLine_ErrorNotBlank()
    {
        var record = TestCsv.Records("a,b\n1,2\n\"")[2];

        Assert.Equal("引用符（\"）が閉じられていません。", record.Error);
        Assert.False(record.IsBlank);
    }

    [Fact]
    public void ReadRecords_ReplacementCharacter_RecordError()
    {
        var records = TestCsv.Records("a\n\uFFFD\n");

        Assert.Equal("文字コードとして読めない文字があります（文字コードの指定を確認してください）。", records[1].Error);
    }

    [Fact]
    public void ReadRecords_RecordsLongerThanBuffer_ReadWhole()
    {
        var longField = new string('あ', 100_000);
        var records = TestCsv.Records($"a,b\n\"{longField}\",x\n");

        Assert.Equal(longField, records[1].Fields[0]);
        Assert.Equal("x", records[1].Fields[1]);
    }

    [Fact]
    public void RawTextMasking_QuotedAndPlainFields_ReplacesExactlyTheirText()
    {
        var record = TestCsv.Records("a,b,c\n1,\"x,y\",3\n")[1];

        Assert.Equal("1,*****,3", record.RawTextMasking([1]));
        Assert.Equal("*,\"x,y\",*", record.RawTextMasking([0, 2]));
        Assert.Equal("1,\"x,y\",3", record.RawTextMasking([-1, 7]));
    }
}
