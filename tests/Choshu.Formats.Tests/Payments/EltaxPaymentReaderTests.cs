using Choshu.Domain.Reconciliation;
using Choshu.Formats.Payments;
using static Choshu.Formats.Tests.Payments.PaymentTestFiles;

namespace Choshu.Formats.Tests.Payments;

public class EltaxPaymentReaderTests
{
    private const string Header = "区分,納付番号,eL番号,金額,納付日,収入日,納付方法,件数,合計金額";

    private static (List<PaymentParse> Lines, PaymentFileCheck Check) ReadEltax(params string[] lines) =>
        Read(new EltaxPaymentReader(), Utf8([Header, .. lines]), "eltax.csv");

    // Two payments: 8,000 + 21,500 = 29,500; the second has no 納付方法.
    [Fact]
    public void Read_ValidFile_ExactRecords()
    {
        var (lines, check) = ReadEltax(
            $"D,EL-2026-000001,{Key(3001).Value},8000,2026-01-06,2026-01-08,ダイレクト納付,,",
            $"D,EL-2026-000002,{Key(1001).Value},21500,20260107,20260109,,,",
            "T,,,,,,,2,29500");

        Assert.True(check.IsAccepted, string.Join("\n", check.Errors));
        var first = Record(lines[0]);
        Assert.Equal(PaymentRecordKind.Payment, first.Kind);
        Assert.Equal(PaymentChannel.Eltax, first.Channel);
        Assert.Equal("00000000000000030015", first.RawKey);
        Assert.Equal(Key(3001), first.Key);
        Assert.Equal(8_000, first.Amount);
        Assert.Equal(new DateOnly(2026, 1, 6), first.PaidOn);
        Assert.Equal(new DateOnly(2026, 1, 8), first.ReceivedOn);
        Assert.Equal("ダイレクト納付", first.SourceCode);
        Assert.Equal("eltax:EL-2026-000001", first.IdempotencyKey);

        var second = Record(lines[1]);
        Assert.Equal(Key(1001), second.Key);
        Assert.Equal(21_500, second.Amount);
        Assert.Equal(new DateOnly(2026, 1, 7), second.PaidOn);
        Assert.Equal(new DateOnly(2026, 1, 9), second.ReceivedOn);
        Assert.Null(second.SourceCode);
        Assert.Equal("eltax:EL-2026-000002", second.IdempotencyKey);
        Assert.Equal(29_500, check.DeclaredAmount);
    }

    [Fact]
    public void Read_ElNumberOf21Digits_FieldError()
    {
        var (lines, _) = ReadEltax($"D,EL-1,1{Key3001},8000,2026-01-06,2026-01-08,クレジット,,", "T,,,,,,,1,8000");

        Assert.Equal(["eltax.csv:2 eL番号: 半角数字20桁で指定してください。"], Assert.Single(lines).Messages.ToArray());
    }

    [Fact]
    public void Read_ReceivedBeforePaid_FieldError()
    {
        var (lines, _) = ReadEltax($"D,EL-1,{Key3001},8000,2026-01-06,2026-01-05,スマホ決済,,", "T,,,,,,,1,8000");

        Assert.Equal(["eltax.csv:2 収入日: 収入日が納付日より前です（収入日は納付日と同じ日かその後です）。"], Assert.Single(lines).Messages.ToArray());
    }
}
