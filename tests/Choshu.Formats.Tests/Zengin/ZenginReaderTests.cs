using Choshu.Formats.Zengin;
using static Choshu.Formats.Tests.Zengin.ZenginFixture;

namespace Choshu.Formats.Tests.Zengin;

/// <summary>Reading request and result files: values, errors with record numbers, trailer reconciliation.</summary>
public class ZenginReaderTests
{
    [Fact]
    public void ReadAll_WrittenRequest_EqualsWhatWasWritten()
    {
        var read = Read(WriteRequest(), ZenginFileKind.Request, "request.txt");

        Assert.Empty(read.Summary.StructuralErrors);
        Assert.True(read.Summary.IsWellFormed);
        Assert.All(read.Records, r => Assert.Empty(r.Errors));
        Assert.Equal(Header, read.Summary.Header);
        Assert.Equal(Debits, read.ValidDebits.ToArray());
        Assert.Equal(new ZenginTrailer(3, 61_200, 0, 0, 0, 0), read.Summary.Trailer);
        Assert.True(read.Summary.HasEndRecord);
        Assert.Equal(6, read.Summary.RecordCount);
        Assert.Equal(3, read.Summary.DataRecordCount);
        Assert.Equal(61_200, read.Summary.DataAmount);
        Assert.Equal([1, 2, 3, 4, 5, 6], read.Records.Select(r => r.RecordNo).ToArray());
        Assert.Equal(
            [ZenginRecordKind.Header, ZenginRecordKind.Data, ZenginRecordKind.Data, ZenginRecordKind.Data, ZenginRecordKind.Trailer, ZenginRecordKind.End],
            read.Records.Select(r => r.Kind).ToArray());
    }

    [Fact]
    public void ReadAll_RequestWithoutLineBreaks_SameAsWithLineBreaks()
    {
        var withBreaks = Read(WriteRequest(), ZenginFileKind.Request);
        var without = Read(WriteRequest(new ZenginWriterOptions { LineBreaks = false }), ZenginFileKind.Request);

        Assert.True(without.Summary.IsWellFormed);
        Assert.Equal(withBreaks.ValidDebits.ToArray(), without.ValidDebits.ToArray());
        Assert.Equal(withBreaks.Summary.Header, without.Summary.Header);
        Assert.Equal(withBreaks.Summary.Trailer, without.Summary.Trailer);
        Assert.Equal(withBreaks.Records.Select(r => r.RawText), without.Records.Select(r => r.RawText));
    }

    [Fact]
    public void ReadAll_RequestWithBlankResultCodes_ResultCodeNull()
    {
        var lines = ResultLines(TrailerLine("000004", "000000069200", "000000", "000000000000", "000000", "000000000000"))
            .Select(l => l[0] == '2' ? l[..111] + " " + l[112..] : l);

        var read = Read(Bytes(lines), ZenginFileKind.Request);

        Assert.True(read.Summary.IsWellFormed);
        Assert.Equal(4, read.ValidDebits.Count());
        Assert.All(read.ValidDebits, d => Assert.Null(d.ResultCode));
    }

    // Result: codes 0, 1, 0, 2. Debited 2 / 12,300 + 3,300 = 15,600; failed 2 / 45,600 + 8,000 = 53,600;
    // total 4 / 69,200 — all as the trailer says.
    [Fact]
    public void ReadAll_ResultMixedCodes_TrailerReconciles()
    {
        var read = Read(Bytes(ResultLines()), ZenginFileKind.Result);

        Assert.Empty(read.Summary.StructuralErrors);
        Assert.All(read.Records, r => Assert.Empty(r.Errors));
        Assert.Equal(
            [ZenginResultCode.Debited, ZenginResultCode.InsufficientFunds, ZenginResultCode.Debited, ZenginResultCode.NoSuchAccount],
            read.ValidDebits.Select(d => d.ResultCode!.Value).ToArray());
        Assert.Equal(["振替済", "資金不足", "振替済", "取引なし"], read.ValidDebits.Select(d => d.ResultCode!.Value.ToDisplayName()).ToArray());

        var s = read.Summary;
        Assert.Equal(4, s.DataRecordCount);
        Assert.Equal(69_200, s.DataAmount);
        Assert.Equal(2, s.DebitedCount);
        Assert.Equal(15_600, s.DebitedAmount);
        Assert.Equal(2, s.FailedCount);
        Assert.Equal(53_600, s.FailedAmount);
        Assert.Equal(new ZenginTrailer(4, 69_200, 2, 15_600, 2, 53_600), s.Trailer);
    }

    [Fact]
    public void ReadAll_ResultDebitRecord_AllFields()
    {
        var read = Read(Bytes(ResultLines()), ZenginFileKind.Result);

        Assert.Equal(
            new ZenginDebitRecord("0789", "ﾃｽﾄｼﾝｷﾝ", "012", "ﾐﾅﾐ", 1, "0000002", "ｻﾄｳ ｼﾞﾛｳ", 8_000, 0, "00000000202500000004", ZenginResultCode.NoSuchAccount),
            read.Records[4].Debit);
    }

    [Fact]
    public void ReadAll_ResultWithoutCrLf_ReadTheSame()
    {
        var withBreaks = Read(Bytes(ResultLines()), ZenginFileKind.Result);
        var without = Read(Bytes(ResultLines(), lineBreaks: false), ZenginFileKind.Result);

        Assert.Equal(7 * 120, Bytes(ResultLines(), lineBreaks: false).Length);
        Assert.True(without.Summary.IsWellFormed);
        Assert.Equal(withBreaks.ValidDebits.ToArray(), without.ValidDebits.ToArray());
        Assert.Equal(withBreaks.Summary.Trailer, without.Summary.Trailer);
    }

    [Fact]
    public void ReadAll_LfOnly_ReadTheSame()
    {
        var bytes = ZenginEncoding.CodePage932.GetBytes(string.Concat(ResultLines().Select(l => l + "\n")));

        var read = Read(bytes, ZenginFileKind.Result);

        Assert.True(read.Summary.IsWellFormed);
        Assert.Equal(4, read.ValidDebits.Count());
    }

    [Fact]
    public void ReadAll_DosEndOfFileByte_Ignored()
    {
        var bytes = Bytes(ResultLines()).Append((byte)0x1A).ToArray();

        var read = Read(bytes, ZenginFileKind.Result);

        Assert.True(read.Summary.IsWellFormed);
        Assert.Equal(7, read.Summary.RecordCount);
    }

    [Fact]
    public void ReadAll_DataRecord119Bytes_ReportedWithRecordNoOthersReturned()
    {
        var lines = ResultLines();
        lines[2] = lines[2][..119]; // record 3: the 45,600 debit, last filler byte missing

        var read = Read(Bytes(lines), ZenginFileKind.Result);

        var bad = read.Records[2];
        Assert.Equal(3, bad.RecordNo);
        Assert.Equal(ZenginRecordKind.Data, bad.Kind);
        Assert.Equal(119, bad.Length);
        Assert.Null(bad.Debit);
        var error = Assert.Single(bad.Errors);
        Assert.False(error.IsStructural);
        Assert.Equal("result.txt: 3件目（データ・レコード）: レコード長が119バイトです（120バイトでなければなりません）", error.Message);
        Assert.Equal(lines[2], bad.RawText);

        // The other three debits are returned; the count still matches the trailer (4), the amounts
        // are not compared because one amount could not be read.
        Assert.Equal(3, read.ValidDebits.Count());
        Assert.Equal(7, read.Records.Count);
        Assert.Equal(1, read.Summary.InvalidDataRecordCount);
        Assert.Single(read.InvalidDataRecords);
        Assert.Empty(read.Summary.StructuralErrors);
    }

    [Fact]
    public void ReadAll_AmountNotDigits_ErrorNamesFileRecordAndField()
    {
        var lines = ResultLines();
        lines[4] = lines[4][..80] + "00000080A0" + lines[4][90..]; // record 5, amount field

        var read = Read(Bytes(lines), ZenginFileKind.Result);

        var error = Assert.Single(read.Records[4].Errors);
        Assert.Equal("result.txt: 5件目（データ・レコード）の振替金額: 数字ではありません", error.Message);
        Assert.Equal(5, error.RecordNo);
        Assert.Equal("振替金額", error.Field);
        Assert.False(error.IsStructural);
        Assert.Null(read.Records[4].Debit);
        Assert.Equal(3, read.ValidDebits.Count());
        Assert.Empty(read.Summary.StructuralErrors);
    }

    // Trailer says 69,300; the data records add up to 12,300 + 45,600 + 3,300 + 8,000 = 69,200.
    // Its own split no longer adds up either: 15,600 + 53,600 = 69,200 ≠ 69,300.
    [Fact]
    public void ReadAll_TotalAmountMismatch_StructuralErrorOnTrailer()
    {
        var lines = ResultLines(TrailerLine("000004", "000000069300", "000002", "000000015600", "000002", "000000053600"));

        var read = Read(Bytes(lines), ZenginFileKind.Result);

        Assert.False(read.Summary.IsWellFormed);
        Assert.Equal(
            [
                "result.txt: 6件目（トレーラ・レコード）の合計金額: データ・レコードの振替金額の合計と一致しません（トレーラ 69,300円、データ・レコード 69,200円）",
                "result.txt: 6件目（トレーラ・レコード）: 振替済金額と振替不能金額の和（69,200円）が合計金額（69,300円）と一致しません",
            ],
            read.Summary.StructuralErrors.Select(e => e.Message).ToArray());
        Assert.All(read.Summary.StructuralErrors, e => Assert.True(e.IsStructural));
        Assert.Equal(read.Summary.StructuralErrors, read.Records[5].Errors);
        Assert.Equal(4, read.ValidDebits.Count());
    }

    [Fact]
    public void ReadAll_TotalCountMismatch_StructuralError()
    {
        var lines = ResultLines(TrailerLine("000005", "000000069200", "000003", "000000015600", "000002", "000000053600"));

        var read = Read(Bytes(lines), ZenginFileKind.Result);

        Assert.Contains(
            "result.txt: 6件目（トレーラ・レコード）の合計件数: データ・レコードの件数と一致しません（トレーラ 5件、データ・レコード 4件）",
            read.Summary.StructuralErrors.Select(e => e.Message));
    }

    // Trailer: debited 3 / 15,600 and failed 1 / 53,600 (3 + 1 = 4 = total), but the records carry
    // code 0 twice and other codes twice.
    [Fact]
    public void ReadAll_DebitedFailedSplitMismatch_StructuralErrors()
    {
        var lines = ResultLines(TrailerLine("000004", "000000069200", "000003", "000000015600", "000001", "000000053600"));

        var read = Read(Bytes(lines), ZenginFileKind.Result);

        Assert.Equal(
            [
                "result.txt: 6件目（トレーラ・レコード）の振替済件数: 振替結果コード0のデータ・レコードの件数と一致しません（トレーラ 3件、データ・レコード 2件）",
                "result.txt: 6件目（トレーラ・レコード）の振替不能件数: 振替結果コードが0以外のデータ・レコードの件数と一致しません（トレーラ 1件、データ・レコード 2件）",
            ],
            read.Summary.StructuralErrors.Select(e => e.Message).ToArray());
    }

    [Fact]
    public void ReadAll_MissingTrailer_StructuralFileError()
    {
        var lines = ResultLines().Where(l => l[0] != '8');

        var read = Read(Bytes(lines), ZenginFileKind.Result);

        var error = Assert.Single(read.Summary.StructuralErrors);
        Assert.Equal("result.txt: トレーラ・レコードがありません", error.Message);
        Assert.Equal(0, error.RecordNo);
        Assert.Null(read.Summary.Trailer);
        Assert.Equal(4, read.ValidDebits.Count());
    }

    [Fact]
    public void ReadAll_MissingEndRecord_StructuralFileError()
    {
        var lines = ResultLines().Where(l => l[0] != '9');

        var read = Read(Bytes(lines), ZenginFileKind.Result);

        Assert.Equal(["result.txt: エンド・レコードがありません"], read.Summary.StructuralErrors.Select(e => e.Message).ToArray());
    }

    [Fact]
    public void ReadAll_UnknownDataKind_StructuralError()
    {
        var lines = ResultLines();
        lines[3] = "7" + lines[3][1..];

        var read = Read(Bytes(lines), ZenginFileKind.Result);

        Assert.Equal(ZenginRecordKind.Unknown, read.Records[3].Kind);
        Assert.Contains(
            "result.txt: 4件目（データ区分不明のレコード）のデータ区分: 1、2、8、9のいずれでもありません（「7」）",
            read.Summary.StructuralErrors.Select(e => e.Message));
    }

    [Fact]
    public void ReadAll_ResultCodeUndefined_RecordError()
    {
        var lines = ResultLines();
        lines[1] = lines[1][..111] + "5" + lines[1][112..];

        var read = Read(Bytes(lines), ZenginFileKind.Result);

        Assert.Equal(
            ["result.txt: 2件目（データ・レコード）の振替結果コード: 定義されていないコードです（5）"],
            read.Records[1].Errors.Select(e => e.Message).ToArray());
        Assert.Empty(read.Summary.StructuralErrors); // one code unreadable: the split is not compared
    }

    [Fact]
    public void ReadAll_ResultCodeBlankInResult_RecordError()
    {
        var lines = ResultLines();
        lines[1] = lines[1][..111] + " " + lines[1][112..];

        var read = Read(Bytes(lines), ZenginFileKind.Result);

        Assert.Equal(
            ["result.txt: 2件目（データ・レコード）の振替結果コード: 空白です（振替結果データでは必須です）"],
            read.Records[1].Errors.Select(e => e.Message).ToArray());
    }

    [Fact]
    public void ReadAll_RequestWithResultCode1_RecordError()
    {
        var lines = ResultLines(TrailerLine("000004", "000000069200", "000000", "000000000000", "000000", "000000000000"));

        var read = Read(Bytes(lines), ZenginFileKind.Request, "request.txt");

        Assert.Equal(
            ["request.txt: 3件目（データ・レコード）の振替結果コード: 依頼データでは0または空白でなければなりません"],
            read.Records[2].Errors.Select(e => e.Message).ToArray());
    }

    [Fact]
    public void ReadAll_RequestTrailerWithDebitedFigures_StructuralErrors()
    {
        var read = Read(Bytes(ResultLines()), ZenginFileKind.Request, "request.txt");

        Assert.Contains(
            "request.txt: 6件目（トレーラ・レコード）の振替済件数: 依頼データでは0でなければなりません",
            read.Summary.StructuralErrors.Select(e => e.Message));
    }

    [Fact]
    public void ReadAll_HeaderTypeCode21_StructuralError()
    {
        var lines = ResultLines();
        lines[0] = "1" + "21" + lines[0][3..];

        var read = Read(Bytes(lines), ZenginFileKind.Result);

        Assert.Null(read.Summary.Header);
        Assert.Equal(
            ["result.txt: 1件目（ヘッダー・レコード）の種別コード: 口座振替（91）ではありません（「21」）"],
            read.Summary.StructuralErrors.Select(e => e.Message).ToArray());
    }

    [Fact]
    public void ReadAll_DataAfterTrailer_StructuralError()
    {
        var lines = ResultLines().ToList();
        lines.Insert(6, lines[1]); // a copy of the first debit between trailer and end

        var read = Read(Bytes(lines), ZenginFileKind.Result);

        Assert.Equal(
            ["result.txt: 7件目（データ・レコード）: トレーラ・レコードより後にあります"],
            read.Summary.StructuralErrors.Select(e => e.Message).ToArray());
        Assert.False(read.Records[6].IsValid);
        Assert.Equal(4, read.ValidDebits.Count());
    }

    [Fact]
    public void ReadAll_DataBeforeHeader_StructuralErrors()
    {
        var lines = ResultLines()[1..];

        var read = Read(Bytes(lines), ZenginFileKind.Result);

        Assert.Contains("result.txt: 1件目（データ・レコード）: ヘッダー・レコードより前にあります", read.Summary.StructuralErrors.Select(e => e.Message));
        Assert.Contains("result.txt: ヘッダー・レコードがありません", read.Summary.StructuralErrors.Select(e => e.Message));
    }

    [Fact]
    public void ReadAll_EmptyFile_StructuralError()
    {
        var read = Read([], ZenginFileKind.Result);

        Assert.Equal(["result.txt: ファイルが空です（レコードがありません）"], read.Summary.StructuralErrors.Select(e => e.Message).ToArray());
        Assert.Empty(read.Records);
    }

    [Fact]
    public void ReadAll_KanjiInNameField_DecodedNotRefused()
    {
        // A double-byte character that lies wholly inside the name field (2 bytes of 30) reads as is.
        var lines = ResultLines();
        var bytes = Bytes(lines);
        var kanji = ZenginEncoding.CodePage932.GetBytes("山");
        Assert.Equal(2, kanji.Length);
        kanji.CopyTo(bytes, 122 + 50 + 28); // the last two bytes of record 2's name (spaces before)

        var read = Read(bytes, ZenginFileKind.Result);

        Assert.Equal("ﾔﾏﾀﾞ ﾀﾛｳ" + new string(' ', 20) + "山", read.Records[1].Debit!.DepositorName);
    }

    [Fact]
    public void Summary_BeforeRecordsRead_Throws()
    {
        var reader = new ZenginReader(new MemoryStream(Bytes(ResultLines())), "result.txt", ZenginFileKind.Result);

        Assert.Throws<InvalidOperationException>(() => reader.Summary);
    }

    [Fact]
    public void ReadRecords_Streamed_RecordsComeOneByOne()
    {
        var reader = new ZenginReader(new MemoryStream(Bytes(ResultLines())), "result.txt", ZenginFileKind.Result);

        using var e = reader.ReadRecords().GetEnumerator();
        Assert.True(e.MoveNext());
        Assert.Equal(ZenginRecordKind.Header, e.Current.Kind);
        Assert.Throws<InvalidOperationException>(() => reader.Summary);
        while (e.MoveNext())
        {
        }

        Assert.True(reader.Summary.IsWellFormed);
    }
}
