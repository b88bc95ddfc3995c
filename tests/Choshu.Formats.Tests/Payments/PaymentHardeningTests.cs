using System.Text;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Payments;
using static Choshu.Formats.Tests.Payments.PaymentTestFiles;
using static Choshu.Formats.Tests.Zengin.ZenginFixture;

namespace Choshu.Formats.Tests.Payments;

/// <summary>
/// Issue 18: a match key too large for any installment, money sums past 64 bits, amounts above the ceiling and
/// impossible dates never crash a reader nor get booked; the line is quarantined with its reason, the rest read.
/// </summary>
public class PaymentHardeningTests
{
    private const string BankHeader = "区分,金融機関コード,店舗コード,取扱番号,消込番号,金額,納付日,収入日,件数,合計金額";

    /// <summary>19 nines + its Luhn digit: 20 digits, a correct check digit, but 9,999,999,999,999,999,999 &gt; long.MaxValue.</summary>
    private static readonly string HugeKey = "9999999999999999999" + (char)('0' + MatchKey.ComputeCheckDigit("9999999999999999999"));

    private static (List<PaymentParse> Lines, PaymentFileCheck Check) ReadBank(params string[] lines) =>
        Read(new BankPaymentReader(), Utf8([BankHeader, .. lines]), "bank.csv");

    // Line 2 pays 12,300 with the key of installment 1001; line 3 carries the huge key (4,000): it is quarantined
    // with 「消込番号: 番号が大きすぎます…」, line 2 is read, the trailer (2 lines, 16,300) still adds up.
    [Fact]
    public void Bank_KeyBeyondAnyInstallment_LineQuarantinedRestRead()
    {
        var (lines, check) = ReadBank(
            $"D,0123,456,1,{Key1001},12300,2026-01-05,2026-01-07,,",
            $"D,0123,456,2,{HugeKey},4000,2026-01-05,2026-01-07,,",
            "T,,,,,,,,2,16300");

        Assert.True(check.IsAccepted, string.Join("\n", check.Errors));
        Assert.Equal(Key(1001), Record(lines[0]).Key);
        Assert.Equal("bank.csv:3 消込番号: 番号が大きすぎます（どの期別の消込番号でもありません）。", Assert.Single(lines[1].Messages));
        Assert.Equal((2, 1, 16_300L), (check.DataRecordCount, check.ValidRecordCount, check.DataAmount));
    }

    // The same key as a store barcode's free field ("1" + key) on a bank line (21 digits).
    [Fact]
    public void Bank_StoreFreeFieldBeyondAnyInstallment_LineQuarantined()
    {
        var (lines, _) = ReadBank($"D,0123,456,2,1{HugeKey},4000,2026-01-05,2026-01-07,,", "T,,,,,,,,1,4000");

        Assert.Equal("bank.csv:2 消込番号: 番号が大きすぎます（どの期別の消込番号でもありません）。", Assert.Single(lines[0].Messages));
    }

    // A Zengin result file whose first debit (12,300) carries the huge 顧客番号: that record is quarantined, the others read.
    [Fact]
    public void Zengin_CustomerNoBeyondAnyInstallment_RecordQuarantinedRestRead()
    {
        string[] file =
        [
            HeaderLine,
            DataLine("0123", "ｻﾝﾌﾟﾙｷﾞﾝｺｳ", "456", "ｴｷﾏｴ", '1', "0012345", "ﾔﾏﾀﾞ ﾀﾛｳ", "0000012300", '0', HugeKey, '0'),
            DataLine("0123", "ｻﾝﾌﾟﾙｷﾞﾝｺｳ", "456", "ｴｷﾏｴ", '1', "7654321", "ｽｽﾞｷ ﾊﾅｺ", "0000045600", '0', Key1002, '0'),
            TrailerLine("000002", "000000057900", "000002", "000000057900", "000000", "000000000000"),
            EndLine,
        ];

        var (lines, check) = Read(ZenginPaymentReader.ForYear(2025), Bytes(file), "result.txt");

        Assert.True(check.IsAccepted, string.Join("\n", check.Errors));
        Assert.Equal("result.txt:2 顧客番号: 番号が大きすぎます（どの期別の消込番号でもありません）。", Assert.Single(lines[0].Messages));
        Assert.Equal((Key(1002), 45_600L), (Record(lines[1]).Key, Record(lines[1]).Amount));
    }

    // 18,447 lines of 999,999,999,999,999 yen add up to 18,446,999,999,999,981,553, which is 2^64 + 255,926,290,429,937:
    // a 64-bit sum that wraps equals the trailer's 255,926,290,429,937. The file is refused, never booked.
    [Fact]
    public void Bank_AmountsSumPast64Bits_WrappedTrailerRefused()
    {
        const int n = 18_447;
        var sb = new StringBuilder(BankHeader + "\r\n");
        for (var i = 0; i < n; i++)
            sb.Append("D,0123,456,").Append(i + 1).Append(',').Append(Key1001).Append(",999999999999999,2026-01-05,2026-01-07,,\r\n");
        sb.Append("T,,,,,,,,18447,255926290429937\r\n");

        var (_, check) = Read(new BankPaymentReader(), Encoding.UTF8.GetBytes(sb.ToString()), "wrap.csv");

        Assert.False(check.IsAccepted);
        Assert.Contains(check.Errors, e => e.Message.Contains("合計金額", StringComparison.Ordinal) && e.Message.Contains("ファイル全体を取り込みません", StringComparison.Ordinal));
    }

    // 10,000,000,001 yen is above the default ceiling of 10,000,000,000 (payments.max_amount); exactly the ceiling is read.
    [Fact]
    public void Bank_AmountAboveCeiling_LineError()
    {
        var (lines, check) = ReadBank(
            $"D,0123,456,1,{Key1001},10000000000,2026-01-05,2026-01-07,,",
            $"D,0123,456,2,{Key1002},10000000001,2026-01-05,2026-01-07,,",
            "T,,,,,,,,2,20000000001");

        Assert.True(check.IsAccepted, string.Join("\n", check.Errors));
        Assert.Equal(10_000_000_000, Record(lines[0]).Amount);
        Assert.Equal("bank.csv:3 金額: 1件の金額の上限（10,000,000,000円、設定 payments.max_amount）を超えています。", Assert.Single(lines[1].Messages));
    }

    // 納付日 9999-12-30 / 収入日 9999-12-31 and 納付日 0001-01-01 are never payment days, whatever the window.
    [Fact]
    public void Bank_PaidOnYear9999ReceivedYear1_LineErrors()
    {
        var (lines, _) = ReadBank(
            $"D,0123,456,1,{Key1001},12300,9999-12-30,9999-12-31,,",
            $"D,0123,456,2,{Key1002},12300,0001-01-01,2026-01-07,,",
            "T,,,,,,,,2,24600");

        Assert.Equal(["bank.csv:2 納付日: ありえない日付です（年を確かめてください）。", "bank.csv:2 収入日: ありえない日付です（年を確かめてください）。"], lines[0].Messages.ToArray());
        Assert.Equal("bank.csv:3 納付日: ありえない日付です（年を確かめてください）。", Assert.Single(lines[1].Messages));
    }
}
