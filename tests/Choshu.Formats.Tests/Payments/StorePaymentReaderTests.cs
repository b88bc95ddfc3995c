using Choshu.Domain.Reconciliation;
using Choshu.Formats.Barcodes;
using Choshu.Formats.Payments;
using static Choshu.Formats.Tests.Payments.PaymentTestFiles;

namespace Choshu.Formats.Tests.Payments;

public class StorePaymentReaderTests
{
    private const string Header = "区分,収納機関コード,店舗コード,受付番号,バーコード,金額,納付日時,収入日,件数,合計金額";

    // Biller 123456, free field "1" + key of installment 2001, reissue 0, deadline 2026-01-31, stamp 0, 12,300 yen.
    private const string Barcode2001 = "91123456100000000000000020016026013100123008";

    // The same slip but the free field starts with "2": a scheme that is not ours.
    private const string BarcodeOtherScheme = "91123456200000000000000020016026013100123005";

    private static (List<PaymentParse> Lines, PaymentFileCheck Check) ReadStore(params string[] lines) =>
        Read(new StorePaymentReader(), Utf8([Header, .. lines]), "store.csv");

    [Fact]
    public void Barcode_BuiltFromKey_AsWorkedOutByHand()
    {
        var barcode = new StoreBarcode("123456", Key(2001).StoreFreeField, 0, new DateOnly(2026, 1, 31), false, 12_300).Encode();

        Assert.Equal(Barcode2001, barcode);
    }

    // One payment reported three times: 速報 (line 2), 確報 (line 3, 納付日時 written YYYYMMDDHHMM), 速報取消 (line 4).
    // Trailer: 3 records, 3 × 12,300 = 36,900 (the cancel is added, not subtracted).
    [Fact]
    public void Read_PreliminaryFinalCancel_ShareOneIdempotencyKey()
    {
        var (lines, check) = ReadStore(
            $"1,AB123,0001234,R0001,{Barcode2001},12300,2026-01-05 10:15,,,",
            $"2,AB123,0001234,R0001,{Barcode2001},\"12,300\",202601051015,2026-01-09,,",
            $"3,AB123,0001234,R0001,{Barcode2001},12300,2026-01-05 10:15,,,",
            "T,,,,,,,,3,36900");

        Assert.True(check.IsAccepted, string.Join("\n", check.Errors));
        var records = lines.Select(Record).ToList();
        Assert.Equal([PaymentRecordKind.StorePreliminary, PaymentRecordKind.StoreFinal, PaymentRecordKind.StoreCancel], records.Select(r => r.Kind).ToArray());
        Assert.Equal([2, 3, 4], records.Select(r => r.LineNo).ToArray());
        Assert.All(records, r =>
        {
            Assert.Equal($"store:AB123:0001234:R0001:{Barcode2001}", r.IdempotencyKey);
            Assert.Equal(PaymentChannel.Store, r.Channel);
            Assert.Equal(Barcode2001, r.RawKey);
            Assert.Equal(Key(2001), r.Key);
            Assert.Equal(12_300, r.Amount);
            Assert.Equal(new DateOnly(2026, 1, 5), r.PaidOn);
            Assert.Equal("AB123-0001234", r.SourceCode);
        });
        Assert.Equal([null, new DateOnly(2026, 1, 9), null], records.Select(r => r.ReceivedOn).ToArray());
        Assert.Equal(3, check.DeclaredCount);
        Assert.Equal(36_900, check.DataAmount);
    }

    [Fact]
    public void Read_BarcodeWithBadCheckDigit_FieldErrorNamingBarcode()
    {
        var bad = Barcode2001[..43] + "9";

        var (lines, check) = ReadStore($"1,AB123,0001234,R0001,{bad},12300,2026-01-05 10:15,,,", "T,,,,,,,,1,12300");

        Assert.True(check.IsAccepted);
        var line = Assert.Single(lines);
        var error = Assert.Single(line.Errors);
        Assert.Equal("バーコード", error.Field);
        Assert.Equal(["store.csv:2 バーコード: バーコードのチェックデジット（44桁目）が一致しません（読み取り値 9、計算値 8）。"], line.Messages.ToArray());
    }

    // The barcode says 12,300; the store reports 12,000. The trailer adds the 12,000 reported.
    [Fact]
    public void Read_AmountDifferentFromBarcode_FieldError()
    {
        var (lines, check) = ReadStore($"2,AB123,0001234,R0001,{Barcode2001},12000,2026-01-05 10:15,2026-01-09,,", "T,,,,,,,,1,12000");

        Assert.True(check.IsAccepted, string.Join("\n", check.Errors));
        Assert.Equal(["store.csv:2 金額: バーコードの金額（12,300円）と一致しません。"], Assert.Single(lines).Messages.ToArray());
    }

    [Fact]
    public void Read_FreeFieldNotOurScheme_KeyNullNotAnError()
    {
        var (lines, _) = ReadStore($"2,AB123,0001234,R0002,{BarcodeOtherScheme},12300,2026-01-05 10:15,2026-01-09,,", "T,,,,,,,,1,12300");

        var record = Record(Assert.Single(lines));
        Assert.Null(record.Key);
        Assert.Equal(BarcodeOtherScheme, record.RawKey);
    }

    [Fact]
    public void Read_FinalWithoutReceivedOn_FieldError()
    {
        var (lines, _) = ReadStore($"2,AB123,0001234,R0001,{Barcode2001},12300,2026-01-05 10:15,,,", "T,,,,,,,,1,12300");

        Assert.Equal(["store.csv:2 収入日: 必須項目です（空欄にできません）。"], Assert.Single(lines).Messages.ToArray());
    }

    [Fact]
    public void Read_PreliminaryWithReceivedOn_FieldError()
    {
        var (lines, _) = ReadStore($"1,AB123,0001234,R0001,{Barcode2001},12300,2026-01-05 10:15,2026-01-09,,", "T,,,,,,,,1,12300");

        Assert.Equal(["store.csv:2 収入日: 速報・速報取消では空欄にしてください（収入日は確報で報告されます）。"], Assert.Single(lines).Messages.ToArray());
    }

    [Fact]
    public void Read_FinalReceivedBeforePaid_FieldError()
    {
        var (lines, _) = ReadStore($"2,AB123,0001234,R0001,{Barcode2001},12300,2026-01-05 10:15,2026-01-04,,", "T,,,,,,,,1,12300");

        Assert.Equal(["store.csv:2 収入日: 収入日が納付日より前です（収入日は納付日と同じ日かその後です）。"], Assert.Single(lines).Messages.ToArray());
    }

    [Fact]
    public void Read_UnknownKindAndBadPaidAt_FieldErrors()
    {
        var (lines, _) = ReadStore($"4,AB123,0001234,R0001,{Barcode2001},12300,2026/01/05 10:15,,,", "T,,,,,,,,1,12300");

        Assert.Equal(
        [
            "store.csv:2 区分: 1（速報）・2（確報）・3（速報取消）・T（トレーラ）のいずれかで指定してください。",
            "store.csv:2 納付日時: 日時として読めません（YYYY-MM-DD HH:MM または YYYYMMDDHHMM）。",
        ], Assert.Single(lines).Messages.ToArray());
    }
}
