using System.Globalization;
using Choshu.Domain;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Barcodes;
using Choshu.Formats.Csv;

namespace Choshu.Formats.Payments;

/// <summary>
/// コンビニ収納データ: the convenience-store payments forwarded by the 収納代行 company, our own layout
/// (docs/formats.md「コンビニ収納データ」). 区分 1 速報, 2 確報, 3 速報取消 carry the slip's 44-digit
/// barcode; the three records of one payment share one idempotency key. One trailer (区分 T).
/// </summary>
public sealed class StorePaymentReader : CsvPaymentReader
{
    /// <summary>The header names.</summary>
    public static class Column
    {
        public const string Kind = KindColumn;
        public const string AgentCode = "収納機関コード";
        public const string StoreCode = "店舗コード";
        public const string AcceptanceNo = "受付番号";
        public const string Barcode = "バーコード";
        public const string Amount = AmountColumn;
        public const string PaidAt = "納付日時";
        public const string ReceivedOn = "収入日";
        public const string Count = CountColumn;
        public const string Total = TotalColumn;
    }

    public const string Preliminary = "1";
    public const string Final = "2";
    public const string PreliminaryCancel = "3";

    private static readonly string[] s_dataKinds = [Preliminary, Final, PreliminaryCancel];

    public override string Format => PaymentFormats.Store;

    public override PaymentChannel Channel => PaymentChannel.Store;

    public override IReadOnlyList<CsvColumn> Layout { get; } =
    [
        new(Column.Kind, true), new(Column.AgentCode, true), new(Column.StoreCode, true), new(Column.AcceptanceNo, true),
        new(Column.Barcode, true), new(Column.Amount, true), new(Column.PaidAt, true), new(Column.ReceivedOn, true),
        new(Column.Count, true), new(Column.Total, true),
    ];

    protected override bool HasTrailer => true;

    protected override string PaidOnColumn => Column.PaidAt;

    protected override PaymentRecord? ParseData(CsvRow row, string rawText, List<FieldError> errors)
    {
        var kindText = PaymentFields.Kind(row, s_dataKinds, "1（速報）・2（確報）・3（速報取消）・T（トレーラ）のいずれかで指定してください。", errors);
        var agent = PaymentFields.Code(row, Column.AgentCode, 5, 5, hyphen: false, errors);
        var store = PaymentFields.Code(row, Column.StoreCode, 1, 20, hyphen: false, errors);
        var acceptanceNo = PaymentFields.Code(row, Column.AcceptanceNo, 1, 20, hyphen: false, errors);
        var barcodeText = row[Column.Barcode];
        var barcode = ReadBarcode(barcodeText, errors);
        if (barcode is not null && MatchKey.IsOutOfRange(barcode.FreeField))
        {
            errors.Add(new(Column.Barcode, "自由使用欄の" + MatchKey.OutOfRangeReason));
        }

        var amount = PaymentFields.Amount(row, errors);
        if (amount is { } yen && barcode is not null && yen != barcode.Amount)
        {
            errors.Add(new(Column.Amount, $"バーコードの金額（{Yen(barcode.Amount)}）と一致しません。"));
        }

        var paidOn = ReadPaidAt(row, errors);
        DateOnly? receivedOn = null;
        if (kindText == Final)
        {
            receivedOn = PaymentFields.ReceivedOn(row, Column.ReceivedOn, paidOn, required: true, errors);
        }
        else if (!string.IsNullOrEmpty(row[Column.ReceivedOn]))
        {
            errors.Add(new(Column.ReceivedOn, "速報・速報取消では空欄にしてください（収入日は確報で報告されます）。"));
        }

        if (errors.Count > 0) return null;

        var kind = kindText switch
        {
            Preliminary => PaymentRecordKind.StorePreliminary,
            Final => PaymentRecordKind.StoreFinal,
            _ => PaymentRecordKind.StoreCancel,
        };
        MatchKey? key = MatchKey.TryParseStoreFreeField(barcode!.FreeField, out var k) ? k : null;
        return new PaymentRecord(
            row.LineNo, kind, PaymentChannel.Store, barcodeText!, key, amount!.Value, paidOn!.Value, receivedOn,
            $"{agent}-{store}", $"store:{agent}:{store}:{acceptanceNo}:{barcodeText}", rawText);
    }

    /// <summary>The 44 digits through <see cref="StoreBarcode.Parse"/>; its refusal (check digit …) becomes the field's error.</summary>
    private static StoreBarcode? ReadBarcode(string? text, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new(Column.Barcode, CsvFields.RequiredMissing));
            return null;
        }

        try
        {
            return StoreBarcode.Parse(text);
        }
        catch (DomainException ex)
        {
            errors.Add(new(Column.Barcode, ex.Message));
            return null;
        }
    }

    /// <summary>納付日時: YYYY-MM-DD HH:MM or YYYYMMDDHHMM; the payment's 納付日 is its date.</summary>
    private static DateOnly? ReadPaidAt(CsvRow row, List<FieldError> errors)
    {
        var v = row[Column.PaidAt];
        if (string.IsNullOrEmpty(v))
        {
            errors.Add(new(Column.PaidAt, CsvFields.RequiredMissing));
            return null;
        }

        if (DateTime.TryParseExact(v, ["yyyy-MM-dd HH:mm", "yyyyMMddHHmm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            return DateOnly.FromDateTime(at);
        errors.Add(new(Column.PaidAt, "日時として読めません（YYYY-MM-DD HH:MM または YYYYMMDDHHMM）。"));
        return null;
    }
}
