using Choshu.Domain.Reconciliation;
using Choshu.Formats.Payments;
using static Choshu.Formats.Tests.Payments.PaymentTestFiles;

namespace Choshu.Formats.Tests.Payments;

public class BankPaymentReaderTests
{
    private const string Header = "区分,金融機関コード,店舗コード,取扱番号,消込番号,金額,納付日,収入日,件数,合計金額";

    private static (List<PaymentParse> Lines, PaymentFileCheck Check) ReadBank(params string[] lines) =>
        Read(new BankPaymentReader(), Utf8([Header, .. lines]), "bank.csv");

    [Fact]
    public void Keys_BuiltFromInstallmentIds_AsWorkedOutByHand()
    {
        Assert.Equal(Key1001, Key(1001).Value);
        Assert.Equal(Key1002, Key(1002).Value);
        Assert.Equal(Key1003, Key(1003).Value);
        Assert.Equal(Key2001, Key(2001).Value);
        Assert.Equal(Key3001, Key(3001).Value);
    }

    // Line 2: 20-digit key, 12,300 yen. Line 3: the 21-digit barcode free field "1" + key, "45,600" with a comma,
    // dates written YYYYMMDD. Trailer: 2 records, 12,300 + 45,600 = 57,900.
    [Fact]
    public void Read_ValidFile_ExactRecords()
    {
        var (lines, check) = ReadBank(
            $"D,0123,456,000000000001,{Key(1001).Value},12300,2026-01-05,2026-01-07,,",
            $"D,0123,456,2,1{Key(1002).Value},\"45,600\",20260105,20260107,,",
            "T,,,,,,,,2,\"57,900\"");

        Assert.True(check.IsAccepted, string.Join("\n", check.Errors));
        Assert.Equal(2, lines.Count);

        var first = Record(lines[0]);
        Assert.Equal(2, first.LineNo);
        Assert.Equal(PaymentRecordKind.Payment, first.Kind);
        Assert.Equal(PaymentChannel.Bank, first.Channel);
        Assert.Equal("00000000000000010017", first.RawKey);
        Assert.Equal(Key(1001), first.Key);
        Assert.Equal(12_300, first.Amount);
        Assert.Equal(new DateOnly(2026, 1, 5), first.PaidOn);
        Assert.Equal(new DateOnly(2026, 1, 7), first.ReceivedOn);
        Assert.Equal("0123-456", first.SourceCode);
        Assert.Equal("bank:0123:456:000000000001:2026-01-05", first.IdempotencyKey);
        Assert.Equal($"D,0123,456,000000000001,{Key1001},12300,2026-01-05,2026-01-07,,", first.RawText);

        var second = Record(lines[1]);
        Assert.Equal(3, second.LineNo);
        Assert.Equal("100000000000000010025", second.RawKey);
        Assert.Equal(Key(1002), second.Key);
        Assert.Equal(45_600, second.Amount);
        Assert.Equal(new DateOnly(2026, 1, 5), second.PaidOn);
        Assert.Equal(new DateOnly(2026, 1, 7), second.ReceivedOn);
        Assert.Equal("bank:0123:456:2:2026-01-05", second.IdempotencyKey);

        Assert.Equal("utf-8", check.Encoding);
        Assert.Equal(2, check.DataRecordCount);
        Assert.Equal(2, check.ValidRecordCount);
        Assert.Equal(57_900, check.DataAmount);
        Assert.Equal(4, check.TrailerLineNo);
        Assert.Equal(2, check.DeclaredCount);
        Assert.Equal(57_900, check.DeclaredAmount);
        Assert.True(check.AmountCompared);
    }

    [Fact]
    public void Read_ShiftJisFile_DetectedAndRead()
    {
        var file = ShiftJis(Header, $"D,0123,456,7,{Key1001},12300,2026-01-05,2026-01-06,,", "T,,,,,,,,1,12300");

        // 区 = 8B E6, 分 = 95 AA in code page 932: the header really is Shift_JIS bytes.
        Assert.Equal([0x8B, 0xE6, 0x95, 0xAA, (byte)','], file[..5]);

        var (lines, check) = Read(new BankPaymentReader(), file, "bank-sjis.csv");

        Assert.Equal("shift_jis", check.Encoding);
        Assert.True(check.IsAccepted, string.Join("\n", check.Errors));
        var record = Record(Assert.Single(lines));
        Assert.Equal(Key(1001), record.Key);
        Assert.Equal(12_300, record.Amount);
        Assert.Equal("bank:0123:456:7:2026-01-05", record.IdempotencyKey);
    }

    [Fact]
    public void Check_TrailerCountMismatch_FileErrorNamingFile()
    {
        var (_, check) = ReadBank(
            $"D,0123,456,1,{Key1001},12300,2026-01-05,2026-01-07,,",
            $"D,0123,456,2,{Key1002},45600,2026-01-05,2026-01-07,,",
            "T,,,,,,,,3,57900");

        Assert.False(check.IsAccepted);
        var error = Assert.Single(check.Errors);
        Assert.Equal("payments.trailer_count", error.Code);
        Assert.Equal(4, error.LineNo);
        Assert.Equal("件数", error.Field);
        Assert.Equal("bank.csv:4 件数: トレーラの件数（3件）とデータ行の件数（2件）が一致しません。ファイル全体を取り込みません。", error.Message);
    }

    [Fact]
    public void Check_TrailerTotalMismatch_FileErrorNamingFile()
    {
        // 12,300 + 45,600 = 57,900, the trailer says 57,000.
        var (_, check) = ReadBank(
            $"D,0123,456,1,{Key1001},12300,2026-01-05,2026-01-07,,",
            $"D,0123,456,2,{Key1002},45600,2026-01-05,2026-01-07,,",
            "T,,,,,,,,2,57000");

        var error = Assert.Single(check.Errors);
        Assert.Equal("payments.trailer_amount", error.Code);
        Assert.Equal("bank.csv:4 合計金額: トレーラの合計金額（57,000円）とデータ行の金額の合計（57,900円）が一致しません。ファイル全体を取り込みません。", error.Message);
    }

    [Fact]
    public void Check_NoTrailer_FileErrorNamingFile()
    {
        var (lines, check) = ReadBank($"D,0123,456,1,{Key1001},12300,2026-01-05,2026-01-07,,");

        Assert.Single(lines);
        var error = Assert.Single(check.Errors);
        Assert.Equal("payments.trailer_missing", error.Code);
        Assert.Equal(0, error.LineNo);
        Assert.Equal("bank.csv: トレーラ行（区分 T）がありません。件数と合計金額を確かめられないため、ファイル全体を取り込みません。", error.Message);
        Assert.Null(check.DeclaredCount);
    }

    [Fact]
    public void Check_TwoTrailersAndDataAfterTrailer_FileErrors()
    {
        var (_, check) = ReadBank(
            $"D,0123,456,1,{Key1001},12300,2026-01-05,2026-01-07,,",
            "T,,,,,,,,1,12300",
            $"D,0123,456,2,{Key1002},45600,2026-01-05,2026-01-07,,",
            "T,,,,,,,,2,57900");

        Assert.Equal(["payments.after_trailer", "payments.trailer_duplicate", "payments.trailer_count", "payments.trailer_amount"],
            check.Errors.Select(e => e.Code).ToArray());
        Assert.Equal("bank.csv:4 トレーラ行（3行目）の後にデータ行があります。ファイル全体を取り込みません。", check.Errors[0].Message);
        Assert.Equal(2, check.DataRecordCount);
    }

    [Fact]
    public void Check_UnreadableTrailerCount_FileError()
    {
        var (_, check) = ReadBank($"D,0123,456,1,{Key1001},12300,2026-01-05,2026-01-07,,", "T,,,,,,,,,12300");

        var error = Assert.Single(check.Errors);
        Assert.Equal("payments.trailer_invalid", error.Code);
        Assert.Equal("bank.csv:3 件数: トレーラ行の値を読めません。必須項目です（空欄にできません）。", error.Message);
    }

    // Good and bad lines all count toward the trailer: line 3 has a 2-digit 金融機関コード (quarantined), its
    // 45,600 still counts. 2 records, 57,900 — the file is accepted, line 3 is not booked.
    [Fact]
    public void Check_BadLine_CountsTowardTrailer()
    {
        var (lines, check) = ReadBank(
            $"D,0123,456,1,{Key1001},12300,2026-01-05,2026-01-07,,",
            $"D,12,456,2,{Key1002},45600,2026-01-05,2026-01-07,,",
            "T,,,,,,,,2,57900");

        Assert.True(check.IsAccepted, string.Join("\n", check.Errors));
        Assert.Equal(2, check.DataRecordCount);
        Assert.Equal(1, check.ValidRecordCount);
        Assert.Equal(1, check.InvalidRecordCount);
        Assert.Equal(57_900, check.DataAmount);
        Assert.True(lines[0].IsValid);
        Assert.False(lines[1].IsValid);
        Assert.Null(lines[1].Record);
        Assert.Equal(["bank.csv:3 金融機関コード: 半角数字4桁で指定してください。"], lines[1].Messages.ToArray());
        Assert.Equal($"D,12,456,2,{Key1002},45600,2026-01-05,2026-01-07,,", lines[1].RawText);
    }

    // Line 3's amount cannot be read at all: the count is still compared (2 = 2), the total is not.
    [Fact]
    public void Check_UnreadableAmount_CountComparedTotalNot()
    {
        var (lines, check) = ReadBank(
            $"D,0123,456,1,{Key1001},12300,2026-01-05,2026-01-07,,",
            $"D,0123,456,2,{Key1002},45.600,2026-01-05,2026-01-07,,",
            "T,,,,,,,,2,57900");

        Assert.True(check.IsAccepted, string.Join("\n", check.Errors));
        Assert.False(check.AmountCompared);
        Assert.Equal(1, check.UnreadableAmountCount);
        Assert.Equal(["bank.csv:3 金額: 円単位の整数で指定してください（小数点は使えません）。"], lines[1].Messages.ToArray());
    }

    [Fact]
    public void Read_ReceivedBeforePaid_FieldErrorOnReceivedOn()
    {
        var (lines, check) = ReadBank($"D,0123,456,1,{Key1001},12300,2026-01-05,2026-01-04,,", "T,,,,,,,,1,12300");

        Assert.True(check.IsAccepted);
        Assert.Equal(["bank.csv:2 収入日: 収入日が納付日より前です（収入日は納付日と同じ日かその後です）。"], Assert.Single(lines).Messages.ToArray());
    }

    [Fact]
    public void Read_AmountZero_FieldError()
    {
        var (lines, _) = ReadBank($"D,0123,456,1,{Key1001},0,2026-01-05,2026-01-05,,", "T,,,,,,,,1,0");

        Assert.Equal(["bank.csv:2 金額: 1円以上で指定してください。"], Assert.Single(lines).Messages.ToArray());
    }

    // A typed key whose check digit is wrong is still money received: no error, no key (unmatched queue).
    [Fact]
    public void Read_KeyWithWrongCheckDigit_KeyNullNotAnError()
    {
        var (lines, _) = ReadBank("D,0123,456,1,00000000000000010018,12300,2026-01-05,2026-01-05,,", "T,,,,,,,,1,12300");

        var record = Record(Assert.Single(lines));
        Assert.Null(record.Key);
        Assert.Equal("00000000000000010018", record.RawKey);
    }

    [Fact]
    public void Read_KeyOf19Digits_FieldError()
    {
        var (lines, _) = ReadBank("D,0123,456,1,0000000000000001001,12300,2026-01-05,2026-01-05,,", "T,,,,,,,,1,12300");

        Assert.Equal(["bank.csv:2 消込番号: 半角数字20桁（消込番号）または21桁（バーコードの自由使用欄）で指定してください。"],
            Assert.Single(lines).Messages.ToArray());
    }

    [Fact]
    public void Check_MissingColumn_FileErrorAndNoLines()
    {
        var file = Utf8("区分,金融機関コード,店舗コード,取扱番号,消込番号,金額,納付日,件数,合計金額", "T,,,,,,,0,0");

        var (lines, check) = Read(new BankPaymentReader(), file, "bank.csv");

        Assert.Empty(lines);
        var error = Assert.Single(check.Errors);
        Assert.Equal("import.missing_column", error.Code);
        Assert.Equal("bank.csv: 必須の列「収入日」がヘッダー行にありません。ファイル全体を取り込みません。", error.Message);
    }

    [Fact]
    public void Check_EmptyFile_FileError()
    {
        var (_, check) = Read(new BankPaymentReader(), [], "bank.csv");

        Assert.Equal("import.empty", Assert.Single(check.Errors).Code);
    }

    // 2,000 lines of about 75 bytes: well past the 64 KiB read ahead to detect the encoding.
    [Fact]
    public void Check_FileLargerThanDetectionWindow_EveryLineRead()
    {
        var lines = Enumerable.Range(1, 2_000)
            .Select(i => $"D,0123,456,{i},{Key(i).Value},1000,2026-01-05,2026-01-06,,")
            .Append("T,,,,,,,,2000,\"2,000,000\"")
            .ToArray();
        var file = Utf8([Header, .. lines]);
        Assert.True(file.Length > 64 * 1024);

        var check = new BankPaymentReader().Check(new MemoryStream(file), "big.csv");

        Assert.True(check.IsAccepted, string.Join("\n", check.Errors));
        Assert.Equal(2_000, check.ValidRecordCount);
        Assert.Equal(2_000_000, check.DataAmount);
    }

    [Fact]
    public void Read_Utf8WithByteOrderMark_HeaderFound()
    {
        byte[] file = [0xEF, 0xBB, 0xBF, .. Utf8(Header, $"D,0123,456,1,{Key1001},12300,2026-01-05,2026-01-05,,", "T,,,,,,,,1,12300")];

        var (lines, check) = Read(new BankPaymentReader(), file, "bank.csv");

        Assert.True(check.IsAccepted, string.Join("\n", check.Errors));
        Assert.Equal("utf-8", check.Encoding);
        Assert.Equal(Key(1001), Record(Assert.Single(lines)).Key);
    }

    // 621498320257 is a valid My Number (domain.md §7). Typed as a 取扱番号 it stays in the idempotency key,
    // but the raw text that gets stored is masked, as in every import.
    [Fact]
    public void Read_HandlingNoShapedLikeMyNumber_MaskedInRawTextOnly()
    {
        var (lines, _) = ReadBank($"D,0123,456,621498320257,{Key1001},12300,2026-01-05,2026-01-05,,", "T,,,,,,,,1,12300");

        var record = Record(Assert.Single(lines));
        Assert.Equal("bank:0123:456:621498320257:2026-01-05", record.IdempotencyKey);
        Assert.Equal($"D,0123,456,************,{Key1001},12300,2026-01-05,2026-01-05,,", record.RawText);
    }

    [Fact]
    public void Lines_EnumeratedTwice_Throws()
    {
        var read = new BankPaymentReader().Open(new MemoryStream(Utf8(Header, "T,,,,,,,,0,0")), "bank.csv");
        _ = read.Lines.ToList();

        Assert.Throws<InvalidOperationException>(() => read.Lines);
    }
}
