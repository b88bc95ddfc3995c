using Choshu.Formats.Csv;

namespace Choshu.Formats.Assessments;

/// <summary>
/// The assessment (調定) CSV from the tax assessment system: a header row of item names, one
/// installment per line, keyed by 税目・調定年度・相当年度・通知書番号・期別.
/// Layout, field by field: docs/formats.md「調定CSV」.
/// </summary>
public static class AssessmentCsv
{
    /// <summary>The header names.</summary>
    public static class Column
    {
        public const string TaxpayerNo = "宛名番号";
        public const string TaxKind = "税目";
        public const string FiscalYear = "調定年度";
        public const string LiabilityYear = "相当年度";
        public const string NoticeNo = "通知書番号";
        public const string Period = "期別";
        public const string DueDate = "納期限";
        public const string Amount = "税額";
        public const string AmendedOn = "更正日";
        public const string StatutoryDueDate = "法定納期限";
        public const string VehicleNo = "車両番号";
        public const string AmendmentCause = "更正事由";
        public const string RequestedOn = "更正請求日";
        public const string IncomeTaxNoticeOn = "所得税更正通知日";
    }

    public static IReadOnlyList<CsvColumn> Layout { get; } =
    [
        new(Column.TaxpayerNo, true), new(Column.TaxKind, true), new(Column.FiscalYear, true),
        new(Column.LiabilityYear, true), new(Column.NoticeNo, true), new(Column.Period, true),
        new(Column.DueDate, true), new(Column.Amount, true),
        new(Column.AmendedOn, false), new(Column.StatutoryDueDate, false), new(Column.VehicleNo, false),
        new(Column.AmendmentCause, false), new(Column.RequestedOn, false), new(Column.IncomeTaxNoticeOn, false),
    ];

    /// <summary>Reads one line; <paramref name="taxKinds"/> resolves the 税目 column.</summary>
    public static CsvParse<AssessmentRecord> Parse(CsvRow row, TaxKindNames taxKinds)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(taxKinds);
        var e = new List<FieldError>();

        var taxpayerNo = CsvFields.Digits(row, Column.TaxpayerNo, 1, 15, required: true, e);
        var kindText = CsvFields.Text(row, Column.TaxKind, 50, required: true, e);
        string? kind = null;
        if (kindText is not null && (kind = taxKinds.Resolve(kindText)) is null)
            e.Add(new(Column.TaxKind, "登録されていない税目です（税目名・別名、または2桁の税目コードで指定してください）。"));
        var fiscalYear = CsvFields.Year(row, Column.FiscalYear, required: true, e);
        var liabilityYear = CsvFields.Year(row, Column.LiabilityYear, required: true, e);
        var noticeNo = CsvFields.Text(row, Column.NoticeNo, 20, required: true, e);
        var period = CsvFields.Integer(row, Column.Period, 0, 99, required: true, e);
        var dueDate = CsvFields.Date(row, Column.DueDate, required: true, e);
        var amount = CsvFields.Yen(row, Column.Amount, required: true, e);
        var amendedOn = CsvFields.Date(row, Column.AmendedOn, required: false, e);
        var statutoryDueDate = CsvFields.Date(row, Column.StatutoryDueDate, required: false, e);
        var vehicleNo = CsvFields.Text(row, Column.VehicleNo, 20, required: false, e);
        if (vehicleNo is not null && kind is not null && kind != Domain.Assessments.TaxKindCodes.LightVehicleTax)
            e.Add(new(Column.VehicleNo, "車両番号は軽自動車税（種別割）の調定にだけ指定できます。"));
        var cause = CsvFields.Integer(row, Column.AmendmentCause, 1, 3, required: false, e);
        var requestedOn = CsvFields.Date(row, Column.RequestedOn, required: false, e);
        var incomeTaxNoticeOn = CsvFields.Date(row, Column.IncomeTaxNoticeOn, required: false, e);
        if (cause == 2 && requestedOn is null && !e.Any(x => x.Field == Column.RequestedOn))
            e.Add(new(Column.RequestedOn, "更正事由が2（更正の請求による更正）のときは更正請求日が必要です（還付加算金の起算日が決まりません）。"));
        if (cause == 3 && incomeTaxNoticeOn is null && !e.Any(x => x.Field == Column.IncomeTaxNoticeOn))
            e.Add(new(Column.IncomeTaxNoticeOn, "更正事由が3（所得税の更正等に基因）のときは所得税更正通知日が必要です（還付加算金の起算日が決まりません）。"));

        if (e.Count > 0) return CsvParse<AssessmentRecord>.Failed(e);
        return CsvParse<AssessmentRecord>.Ok(new AssessmentRecord
        {
            TaxpayerNo = taxpayerNo!,
            TaxKindCode = kind!,
            FiscalYear = fiscalYear!.Value,
            LiabilityYear = liabilityYear!.Value,
            NoticeNo = noticeNo!,
            Period = (short)period!.Value,
            NominalDueDate = dueDate!.Value,
            Amount = amount!.Value,
            AmendedOn = amendedOn,
            NominalStatutoryDueDate = statutoryDueDate,
            VehicleNo = string.IsNullOrWhiteSpace(vehicleNo) ? null : vehicleNo.Trim(),
            AmendmentCause = cause is { } c ? (Domain.Refunds.RefundInterestCause)c : null,
            RequestedOn = requestedOn,
            IncomeTaxNoticeOn = incomeTaxNoticeOn,
        });
    }
}
