using Choshu.Domain.Reconciliation;
using Choshu.Formats.Csv;

namespace Choshu.Formats.Payments;

/// <summary>
/// 地方税共通納税 (eLTAX) payment data from 地方税共同機構, keyed by eL番号. The official layout is not
/// available to us: this is our own (docs/formats.md「地方税共通納税 収納データ」) until it is.
/// One payment per 区分 D line, one trailer (区分 T).
/// </summary>
public sealed class EltaxPaymentReader : CsvPaymentReader
{
    /// <summary>The header names.</summary>
    public static class Column
    {
        public const string Kind = KindColumn;
        public const string PaymentNo = "納付番号";
        public const string ElNumber = "eL番号";
        public const string Amount = AmountColumn;
        public const string PaidOn = "納付日";
        public const string ReceivedOn = "収入日";
        public const string PaymentMethod = "納付方法";
        public const string Count = CountColumn;
        public const string Total = TotalColumn;
    }

    private static readonly string[] s_dataKinds = ["D"];

    public override string Format => PaymentFormats.Eltax;

    public override PaymentChannel Channel => PaymentChannel.Eltax;

    public override IReadOnlyList<CsvColumn> Layout { get; } =
    [
        new(Column.Kind, true), new(Column.PaymentNo, true), new(Column.ElNumber, true), new(Column.Amount, true),
        new(Column.PaidOn, true), new(Column.ReceivedOn, true), new(Column.Count, true), new(Column.Total, true),
        new(Column.PaymentMethod, false),
    ];

    protected override bool HasTrailer => true;

    protected override PaymentRecord? ParseData(CsvRow row, string rawText, List<FieldError> errors)
    {
        PaymentFields.Kind(row, s_dataKinds, "D（データ）または T（トレーラ）で指定してください。", errors);
        var paymentNo = PaymentFields.Code(row, Column.PaymentNo, 1, 30, hyphen: true, errors);
        var rawKey = PaymentFields.KeyDigits(row, Column.ElNumber, allowStoreFreeField: false, errors, out var key);
        var amount = PaymentFields.Amount(row, errors);
        var paidOn = CsvFields.Date(row, Column.PaidOn, required: true, errors);
        var receivedOn = PaymentFields.ReceivedOn(row, Column.ReceivedOn, paidOn, required: true, errors);
        var method = CsvFields.Text(row, Column.PaymentMethod, 20, required: false, errors);
        if (errors.Count > 0) return null;

        return new PaymentRecord(
            row.LineNo, PaymentRecordKind.Payment, PaymentChannel.Eltax, rawKey!, key, amount!.Value, paidOn!.Value, receivedOn!.Value,
            method, $"eltax:{paymentNo}", rawText);
    }
}
