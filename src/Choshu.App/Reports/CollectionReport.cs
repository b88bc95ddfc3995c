namespace Choshu.App.Reports;

/// <summary>調定収納集計: per tax kind, the current fiscal year and the arrears (earlier years), principal only.</summary>
public sealed record CollectionReport(int FiscalYear, DateOnly AsOf, IReadOnlyList<CollectionLine> Lines, CollectionLine Total);

/// <param name="Bucket">"current" (現年度: assessments of the fiscal year) or "arrears" (滞納繰越: earlier fiscal years), or "all".</param>
/// <param name="Assessed">調定額: owed on 1 April of the year (carried in) plus charges and amendments since.</param>
/// <param name="Collected">収入額: money applied to the principal since 1 April (payments and appropriations, net of reversals).</param>
/// <param name="Refunded">還付額 since 1 April: overpaid money paid back (refund entries refund.decided on the overpayment
/// account of the tax kind and year the overpayment arose on, by 支出決定日); refund interest not included.</param>
/// <param name="WrittenOff">不納欠損額 since 1 April.</param>
/// <param name="Balance">未納額: the sum of the principal journal to the as-of day (assessed − collected − written off, with
/// what was owed on 1 April carried in); a refund of overpaid money does not change it.</param>
/// <param name="Overdue">Balance on installments past their due date.</param>
public sealed record CollectionLine(
    string TaxKindCode,
    string TaxKindName,
    string Bucket,
    int Assessments,
    int Installments,
    long Assessed,
    long Collected,
    long Refunded,
    long WrittenOff,
    long Balance,
    long Overdue)
{
    /// <summary>
    /// うち時効（未欠損）: the part of <see cref="Balance"/> on claims whose right to collect has ended on the as-of day (時効,
    /// extinction under a stay: the one status rule) and that are not yet written off (不納欠損 still to be decided).
    /// </summary>
    public long Lapsed { get; init; }

    /// <summary>うち充当: the part of <see cref="Collected"/> that came by appropriation (充当) of an overpayment (principal entries).</summary>
    public long Appropriated { get; init; }

    /// <summary>収納率 in percent to one decimal (collected ÷ assessed), null when nothing was assessed.</summary>
    public decimal? CollectionRate => Assessed == 0 ? null : Math.Round(100m * Collected / Assessed, 1, MidpointRounding.ToZero);
}
