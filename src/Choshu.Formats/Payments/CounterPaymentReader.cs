using Choshu.Domain.Reconciliation;
using Choshu.Formats.Csv;

namespace Choshu.Formats.Payments;

/// <summary>
/// 窓口収納データ: counter receipts typed elsewhere, entered as a batch (docs/formats.md「窓口収納データ」).
/// Data lines only (区分 D), no trailer. A single counter payment is entered with <c>choshu pay</c> instead.
/// </summary>
public sealed class CounterPaymentReader : CsvPaymentReader
{
    /// <summary>The header names.</summary>
    public static class Column
    {
        public const string Kind = KindColumn;
        public const string ReceiptNo = "領収番号";
        public const string MatchKey = "消込番号";
        public const string Amount = AmountColumn;
        public const string PaidOn = "納付日";
    }

    private static readonly string[] s_dataKinds = ["D"];

    public override string Format => PaymentFormats.Counter;

    public override PaymentChannel Channel => PaymentChannel.Counter;

    public override IReadOnlyList<CsvColumn> Layout { get; } =
    [
        new(Column.Kind, true), new(Column.ReceiptNo, true), new(Column.MatchKey, true), new(Column.Amount, true), new(Column.PaidOn, true),
    ];

    protected override bool HasTrailer => false;

    protected override PaymentRecord? ParseData(CsvRow row, string rawText, List<FieldError> errors)
    {
        PaymentFields.Kind(row, s_dataKinds, "D（データ）で指定してください（窓口収納データにトレーラ行はありません）。", errors);
        var receiptNo = PaymentFields.Code(row, Column.ReceiptNo, 1, 20, hyphen: true, errors);
        var rawKey = PaymentFields.KeyDigits(row, Column.MatchKey, allowStoreFreeField: false, errors, out var key);
        var amount = PaymentFields.Amount(row, errors);
        var paidOn = CsvFields.Date(row, Column.PaidOn, required: true, errors);
        if (errors.Count > 0) return null;

        // Money taken at the counter is the city's the same day: 収入日 = 納付日.
        return new PaymentRecord(
            row.LineNo, PaymentRecordKind.Payment, PaymentChannel.Counter, rawKey!, key, amount!.Value, paidOn!.Value, paidOn.Value,
            null, $"counter:{receiptNo}", rawText);
    }
}
