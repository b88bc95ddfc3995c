using Choshu.Domain;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Payments;
using Choshu.Formats.Zengin;
using static Choshu.Formats.Tests.Payments.PaymentTestFiles;
using static Choshu.Formats.Tests.Zengin.ZenginFixture;

namespace Choshu.Formats.Tests.Payments;

public class ZenginPaymentReaderTests
{
    // A result file dated 10-27 (header MMDD "1027"):
    // record 2: 12,300 code 0 (debited), installment 1001;
    // record 3: 45,600 code 1 (資金不足), installment 1002;
    // record 4:  3,300 code 3 (預金者の都合による振替停止), installment 1003.
    // Trailer: 3 / 61,200; debited 1 / 12,300; failed 2 / 45,600 + 3,300 = 48,900.
    private static string[] ResultFile(string? trailer = null, string headerMmdd = "1027") =>
    [
        HeaderLine[..54] + headerMmdd + HeaderLine[58..],
        DataLine("0123", "ｻﾝﾌﾟﾙｷﾞﾝｺｳ", "456", "ｴｷﾏｴ", '1', "0012345", "ﾔﾏﾀﾞ ﾀﾛｳ", "0000012300", '0', Key1001, '0'),
        DataLine("0123", "ｻﾝﾌﾟﾙｷﾞﾝｺｳ", "456", "ｴｷﾏｴ", '1', "7654321", "ｽｽﾞｷ ﾊﾅｺ", "0000045600", '0', Key1002, '1'),
        DataLine("0789", "ﾃｽﾄｼﾝｷﾝ", "012", "ﾐﾅﾐ", '2', "0000001", "ｶ)ﾁﾖｳｼﾕｳ", "0000003300", '0', Key1003, '3'),
        trailer ?? TrailerLine("000003", "000000061200", "000001", "000000012300", "000002", "000000048900"),
        EndLine,
    ];

    [Fact]
    public void Read_OneDebitedTwoFailed_PaymentAndFailures()
    {
        var (lines, check) = Read(ZenginPaymentReader.ForYear(2025), Bytes(ResultFile()), "result.txt");

        Assert.True(check.IsAccepted, string.Join("\n", check.Errors));
        Assert.Equal("shift_jis", check.Encoding);
        Assert.Equal(3, lines.Count);

        var paid = Record(lines[0]);
        Assert.Equal(2, paid.LineNo);
        Assert.Equal(PaymentRecordKind.Payment, paid.Kind);
        Assert.Equal(PaymentChannel.DirectDebit, paid.Channel);
        Assert.Equal("00000000000000010017", paid.RawKey);
        Assert.Equal(Key(1001), paid.Key);
        Assert.Equal(12_300, paid.Amount);
        Assert.Equal(new DateOnly(2025, 10, 27), paid.PaidOn);
        Assert.Equal(new DateOnly(2025, 10, 27), paid.ReceivedOn);
        Assert.Equal("0123-456", paid.SourceCode);
        Assert.Equal("zengin:2025-10-27:00000000000000010017", paid.IdempotencyKey);
        Assert.Equal(120, paid.RawText.Length);
        Assert.Null(lines[0].DebitFailure);

        Assert.All(lines.Skip(1), l => Assert.Null(l.Record));
        var insufficient = Assert.IsType<DebitFailure>(lines[1].DebitFailure);
        Assert.Equal(new DebitFailure(3, Key1002, Key(1002), 45_600, ZenginResultCode.InsufficientFunds, new DateOnly(2025, 10, 27),
            "0123-456", "zengin:2025-10-27:00000000000000010025", insufficient.RawText), insufficient);
        var stopped = Assert.IsType<DebitFailure>(lines[2].DebitFailure);
        Assert.Equal(new DebitFailure(4, Key1003, Key(1003), 3_300, ZenginResultCode.StoppedByDepositor, new DateOnly(2025, 10, 27),
            "0789-012", "zengin:2025-10-27:00000000000000010033", stopped.RawText), stopped);

        Assert.Equal(3, check.DataRecordCount);
        Assert.Equal(3, check.ValidRecordCount);
        Assert.Equal(61_200, check.DataAmount);
        Assert.Equal(3, check.DeclaredCount);
        Assert.Equal(61_200, check.DeclaredAmount);
        Assert.Equal(5, check.TrailerLineNo);
    }

    // The header has 10-27 and no year: imported on 2026-01-05, the latest 10-27 on or before is 2025-10-27;
    // imported on 2026-10-27 itself, it is 2026-10-27.
    [Theory]
    [InlineData("2026-01-05", "2025-10-27")]
    [InlineData("2026-10-27", "2026-10-27")]
    [InlineData("2026-10-26", "2025-10-27")]
    public void Read_DebitOnOrBefore_LatestMatchingDate(string importedOn, string expected)
    {
        var reader = PaymentFormats.Create("zengin", new PaymentReaderOptions { DebitOnOrBefore = DateOnly.Parse(importedOn) });

        var (lines, _) = Read(reader, Bytes(ResultFile()), "result.txt");

        Assert.Equal(DateOnly.Parse(expected), Record(lines[0]).PaidOn);
        Assert.Equal(DateOnly.Parse(expected), lines[1].DebitFailure!.DebitDate);
    }

    [Fact]
    public void Create_DebitYearGiven_WinsOverOnOrBefore()
    {
        var reader = PaymentFormats.Create("zengin", new PaymentReaderOptions { DebitYear = 2024, DebitOnOrBefore = new DateOnly(2026, 1, 5) });

        var (lines, _) = Read(reader, Bytes(ResultFile()), "result.txt");

        Assert.Equal(new DateOnly(2024, 10, 27), Record(lines[0]).PaidOn);
    }

    [Fact]
    public void Check_February29InCommonYear_FileError()
    {
        var (lines, check) = Read(ZenginPaymentReader.ForYear(2025), Bytes(ResultFile(headerMmdd: "0229")), "result.txt");

        var error = Assert.Single(check.Errors);
        Assert.Equal("payments.debit_date_invalid", error.Code);
        Assert.Equal("result.txt:1 引落日: 2月29日は2025年にありません。ファイル全体を取り込みません。", error.Message);
        Assert.All(lines, l => Assert.False(l.IsValid));
    }

    [Fact]
    public void Check_TrailerCountMismatch_FileErrorNamingFile()
    {
        var trailer = TrailerLine("000004", "000000061200", "000001", "000000012300", "000003", "000000048900");

        var (_, check) = Read(ZenginPaymentReader.ForYear(2025), Bytes(ResultFile(trailer)), "result.txt");

        Assert.False(check.IsAccepted);
        Assert.Contains(check.Errors, e => e.Message == "result.txt: 5件目（トレーラ・レコード）の合計件数: データ・レコードの件数と一致しません（トレーラ 4件、データ・レコード 3件）");
        Assert.All(check.Errors, e => Assert.StartsWith("result.txt:", e.Message));
    }

    [Fact]
    public void Check_NoTrailer_FileError()
    {
        var file = ResultFile().Where(l => l[0] != '8').ToArray();

        var (lines, check) = Read(ZenginPaymentReader.ForYear(2025), Bytes(file), "result.txt");

        Assert.Equal(3, lines.Count);
        Assert.Contains(check.Errors, e => e.Message == "result.txt: トレーラ・レコードがありません");
        Assert.Null(check.DeclaredCount);
    }

    [Fact]
    public void Read_BadAmountDigits_LineErrorInCsvStyle()
    {
        var file = ResultFile();
        file[2] = file[2][..80] + "00000456X0" + file[2][90..];

        var (lines, check) = Read(ZenginPaymentReader.ForYear(2025), Bytes(file), "result.txt");

        Assert.Equal(["result.txt:3 振替金額: 数字ではありません"], lines[1].Messages.ToArray());
        Assert.Equal(1, check.UnreadableAmountCount);
        Assert.False(check.AmountCompared);
    }

    [Fact]
    public void ForYear_1999_DomainException()
    {
        var ex = Assert.Throws<DomainException>(() => ZenginPaymentReader.ForYear(1999));

        Assert.Equal("import.debit_year_invalid", ex.Code);
    }

    [Fact]
    public void Create_ZenginWithoutYear_DomainException()
    {
        var ex = Assert.Throws<DomainException>(() => PaymentFormats.Create("zengin"));

        Assert.Equal("import.debit_year_missing", ex.Code);
    }
}
