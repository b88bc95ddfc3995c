using Choshu.Domain.Reconciliation;
using Choshu.Formats.Csv;

namespace Choshu.Formats.Payments;

/// <summary>
/// 指定金融機関 収納データ: the designated bank's collection data, our own layout (docs/formats.md
/// 「指定金融機関 収納データ」). One receipt per 区分 D line, one trailer (区分 T).
/// </summary>
public sealed class BankPaymentReader : CsvPaymentReader
{
    /// <summary>The header names.</summary>
    public static class Column
    {
        public const string Kind = KindColumn;
        public const string BankCode = "金融機関コード";
        public const string BranchCode = "店舗コード";
        public const string HandlingNo = "取扱番号";
        public const string MatchKey = "消込番号";
        public const string Amount = AmountColumn;
        public const string PaidOn = "納付日";
        public const string ReceivedOn = "収入日";
        public const string Count = CountColumn;
        public const string Total = TotalColumn;
    }

    private static readonly string[] s_dataKinds = ["D"];

    public override string Format => PaymentFormats.Bank;

    public override PaymentChannel Channel => PaymentChannel.Bank;

    public override IReadOnlyList<CsvColumn> Layout { get; } =
    [
        new(Column.Kind, true), new(Column.BankCode, true), new(Column.BranchCode, true), new(Column.HandlingNo, true),
        new(Column.MatchKey, true), new(Column.Amount, true), new(Column.PaidOn, true), new(Column.ReceivedOn, true),
        new(Column.Count, true), new(Column.Total, true),
    ];

    protected override bool HasTrailer => true;

    protected override PaymentRecord? ParseData(CsvRow row, string rawText, List<FieldError> errors)
    {
        PaymentFields.Kind(row, s_dataKinds, "D（データ）または T（トレーラ）で指定してください。", errors);
        var bank = CsvFields.Digits(row, Column.BankCode, 4, 4, required: true, errors);
        var branch = CsvFields.Digits(row, Column.BranchCode, 3, 3, required: true, errors);
        var handlingNo = CsvFields.Digits(row, Column.HandlingNo, 1, 12, required: true, errors);
        var rawKey = PaymentFields.KeyDigits(row, Column.MatchKey, allowStoreFreeField: true, errors, out var key);
        var amount = PaymentFields.Amount(row, errors);
        var paidOn = CsvFields.Date(row, Column.PaidOn, required: true, errors);
        var receivedOn = PaymentFields.ReceivedOn(row, Column.ReceivedOn, paidOn, required: true, errors);
        if (errors.Count > 0) return null;

        return new PaymentRecord(
            row.LineNo, PaymentRecordKind.Payment, PaymentChannel.Bank, rawKey!, key, amount!.Value, paidOn!.Value, receivedOn!.Value,
            $"{bank}-{branch}", $"bank:{bank}:{branch}:{handlingNo}:{PaymentFields.Iso(paidOn.Value)}", rawText);
    }
}
