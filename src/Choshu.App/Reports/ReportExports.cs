using System.Globalization;
using Choshu.App.Disclosure;
using Choshu.App.Releases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Privacy;
using Choshu.Domain.Labels;

namespace Choshu.App.Reports;

/// <summary>
/// The two reports as released CSV files (docs/formats.md "収納日計表（CSV）", "調定収納集計（CSV）"): the same
/// figures as <see cref="DailyReportQuery"/> and <see cref="CollectionReportQuery"/>, written and recorded by
/// <see cref="DataReleases"/> (ファイル出力担当 only; data_releases row and audit 4000 with the SHA-256 and row
/// count). The web app's report download is the caller; the file goes to its response.
/// </summary>
public static class ReportExports
{
    public static readonly IReadOnlyList<string> DailyItems =
        ["区分", "収入区分", "税目コード", "税目", "件数", "金額", "本税", "督促手数料", "延滞金", "過誤納", "滞納処分費"];

    public static readonly IReadOnlyList<string> CollectionItems =
        ["税目コード", "税目", "区分", "調定件数", "期別数", "調定額", "収入額", "還付額", "不納欠損額", "未納額", "うち滞納額", "うち時効", "収納率"];

    public static readonly IReadOnlyList<string> RefundItems =
        ["日付", "税目コード", "税目", "充当本税", "充当督促手数料", "充当延滞金", "充当額", "充当分還付加算金", "還付金", "還付加算金", "還付加算金支払額", "支払額", "戻出", "歳出"];

    /// <summary>還付充当一覧: a row per day and tax kind, then the total (日付 empty, 税目 「合計」).</summary>
    public static ReleaseTable RefundTable(RefundReport r)
    {
        IReadOnlyList<string> Row(RefundReportLine l) =>
        [
            l.Date is { } d ? D(d) : "", l.TaxKindCode, l.TaxKindName, N(l.AppropriatedPrincipal), N(l.AppropriatedReminderFee), N(l.AppropriatedLateFee),
            N(l.Appropriated), N(l.AppropriationInterest), N(l.Refunded), N(l.RefundInterest), N(l.InterestPaid), N(l.Paid), N(l.Reversal), N(l.Expenditure),
        ];
        return new ReleaseTable(RefundItems, r.Lines.Append(r.Total).Select(Row).ToList());
    }

    /// <summary>The content recorded with the release: the report and its receipt date.</summary>
    public static string DailyContent(DateOnly date) => "daily-report:" + D(date);

    /// <summary>The content recorded with the release: the report, its fiscal year and as-of day.</summary>
    public static string CollectionContent(int fiscalYear, DateOnly asOf) =>
        $"collection-report:{fiscalYear.ToString(CultureInfo.InvariantCulture)}:{D(asOf)}";

    public static string DailyFileName(DateOnly date) => $"shuno-nikkeihyo-{D(date)}.csv";

    public static string CollectionFileName(int fiscalYear, DateOnly asOf) =>
        $"chotei-shuno-shukei-{fiscalYear.ToString(CultureInfo.InvariantCulture)}-{D(asOf)}.csv";

    /// <summary>Releases 収納日計表 of <paramref name="date"/> to <paramref name="destination"/>; refused (audited) without the export right.</summary>
    public static async Task<ReleaseReceipt> ExportDailyAsync(ChoshuDbContext db, Actor actor, DateOnly date, Stream destination, TimeProvider clock, CancellationToken ct = default)
    {
        var releases = new DataReleases(db, clock);
        var spec = new ReleaseSpec(DataReleaseKind.Export, DailyContent(date), await releases.OwnDepartmentAsync(actor, ct), "収納日計表");
        return await releases.ReleaseToStreamAsync(actor, spec,
            async c => DailyTable(await DailyReportQuery.LoadAsync(db, date, c)), DailyFileName(date), destination, ct);
    }

    /// <summary>Releases 調定収納集計 of <paramref name="fiscalYear"/> as of <paramref name="asOf"/>; refused (audited) without the export right.</summary>
    public static async Task<ReleaseReceipt> ExportCollectionAsync(ChoshuDbContext db, Actor actor, int fiscalYear, DateOnly asOf, Stream destination, TimeProvider clock, CancellationToken ct = default)
    {
        var releases = new DataReleases(db, clock);
        var spec = new ReleaseSpec(DataReleaseKind.Export, CollectionContent(fiscalYear, asOf), await releases.OwnDepartmentAsync(actor, ct), "調定収納集計");
        return await releases.ReleaseToStreamAsync(actor, spec,
            async c => CollectionTable(await CollectionReportQuery.LoadAsync(db, fiscalYear, asOf, c)), CollectionFileName(fiscalYear, asOf), destination, ct);
    }

    /// <summary>The content recorded with the release: the report and its days.</summary>
    public static string RefundContent(DateOnly first, DateOnly last) => $"refund-report:{D(first)}:{D(last)}";

    public static string RefundFileName(DateOnly first, DateOnly last) => $"kanpu-juto-ichiran-{D(first)}-{D(last)}.csv";

    /// <summary>Releases 還付充当一覧 of the days <paramref name="first"/> to <paramref name="last"/>; refused (audited) without the export right.</summary>
    public static async Task<ReleaseReceipt> ExportRefundsAsync(ChoshuDbContext db, Actor actor, DateOnly first, DateOnly last, Stream destination, TimeProvider clock, CancellationToken ct = default)
    {
        var releases = new DataReleases(db, clock);
        var spec = new ReleaseSpec(DataReleaseKind.Export, RefundContent(first, last), await releases.OwnDepartmentAsync(actor, ct), "還付充当一覧");
        return await releases.ReleaseToStreamAsync(actor, spec,
            async c => RefundTable(await RefundReportQuery.LoadAsync(db, first, last, c)), RefundFileName(first, last), destination, ct);
    }

    /// <summary>Booked lines (消込済), then 速報 and 未消込 by channel, then the booked total.</summary>
    public static ReleaseTable DailyTable(DailyReport r)
    {
        IReadOnlyList<string> Row(string section, DailyLine l, bool split) =>
        [
            section, l.Channel is { } c ? JapaneseLabels.Of(c) : "", split ? l.TaxKindCode : "", split ? l.TaxKindName : "",
            N(l.Count), N(l.Amount), split ? N(l.Principal) : "", split ? N(l.ReminderFee) : "", split ? N(l.LateFee) : "", split ? N(l.Overpaid) : "", split ? N(l.EnforcementCost) : "",
        ];
        var t = r.BookedTotal;
        IReadOnlyList<string> total =
            ["合計（消込済）", "", "", "", N(t.Count), N(t.Amount), N(t.Principal), N(t.ReminderFee), N(t.LateFee), N(t.Overpaid), N(t.EnforcementCost)];
        var rows = r.Booked.Select(l => Row("消込済", l, true))
            .Concat(r.Pending.Select(l => Row("速報", l, false)))
            .Concat(r.Unmatched.Select(l => Row("未消込", l, false)))
            .Append(total)
            .ToList();
        return new ReleaseTable(DailyItems, rows);
    }

    /// <summary>Per tax kind 現年度 then 滞納繰越, then the total (区分 「計」).</summary>
    public static ReleaseTable CollectionTable(CollectionReport r)
    {
        IReadOnlyList<string> Row(CollectionLine l) =>
        [
            l.TaxKindCode, l.TaxKindName, BucketName(l.Bucket), N(l.Assessments), N(l.Installments), N(l.Assessed), N(l.Collected),
            N(l.Refunded), N(l.WrittenOff), N(l.Balance), N(l.Overdue), N(l.Lapsed), Rate(l.CollectionRate),
        ];
        return new ReleaseTable(CollectionItems, r.Lines.Append(r.Total).Select(Row).ToList());
    }

    /// <summary>"current" 現年度, "arrears" 滞納繰越, "all" 計.</summary>
    public static string BucketName(string bucket) => bucket switch
    {
        "current" => "現年度",
        "arrears" => "滞納繰越",
        _ => "計",
    };

    /// <summary>収納率 in percent with one decimal ("68.4"); empty when nothing was assessed.</summary>
    public static string Rate(decimal? rate) => rate?.ToString("0.0", CultureInfo.InvariantCulture) ?? "";

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
