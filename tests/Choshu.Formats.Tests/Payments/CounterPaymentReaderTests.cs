using Choshu.Domain.Reconciliation;
using Choshu.Formats.Payments;
using static Choshu.Formats.Tests.Payments.PaymentTestFiles;

namespace Choshu.Formats.Tests.Payments;

public class CounterPaymentReaderTests
{
    private const string Header = "区分,領収番号,消込番号,金額,納付日";

    private static (List<PaymentParse> Lines, PaymentFileCheck Check) ReadCounter(params string[] lines) =>
        Read(new CounterPaymentReader(), Utf8([Header, .. lines]), "counter.csv");

    [Fact]
    public void Read_ValidFileWithoutTrailer_ExactRecord()
    {
        var (lines, check) = ReadCounter($"D,C-0001,{Key(2002).Value},5000,2026-01-05");

        Assert.True(check.IsAccepted, string.Join("\n", check.Errors));
        Assert.Null(check.TrailerLineNo);
        Assert.Null(check.DeclaredCount);
        Assert.Equal(1, check.DataRecordCount);
        Assert.Equal(5_000, check.DataAmount);

        var record = Record(Assert.Single(lines));
        Assert.Equal(PaymentRecordKind.Payment, record.Kind);
        Assert.Equal(PaymentChannel.Counter, record.Channel);
        Assert.Equal("00000000000000020024", record.RawKey);
        Assert.Equal(Key(2002), record.Key);
        Assert.Equal(5_000, record.Amount);
        Assert.Equal(new DateOnly(2026, 1, 5), record.PaidOn);
        Assert.Equal(new DateOnly(2026, 1, 5), record.ReceivedOn);
        Assert.Null(record.SourceCode);
        Assert.Equal("counter:C-0001", record.IdempotencyKey);
    }

    [Fact]
    public void Read_TrailerLine_FieldErrorOnKind()
    {
        var (lines, check) = ReadCounter($"D,C-0001,{Key2002},5000,2026-01-05", "T,,,5000,");

        Assert.True(check.IsAccepted);
        Assert.Equal(2, check.DataRecordCount);
        Assert.Equal(["counter.csv:3 区分: D（データ）で指定してください（窓口収納データにトレーラ行はありません）。",
                      "counter.csv:3 領収番号: 必須項目です（空欄にできません）。",
                      "counter.csv:3 消込番号: 必須項目です（空欄にできません）。",
                      "counter.csv:3 納付日: 必須項目です（空欄にできません）。"], lines[1].Messages.ToArray());
    }
}
