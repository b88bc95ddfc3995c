namespace Choshu.Data.Notices;

/// <summary>
/// 抽出条件: a named set of demand-run conditions (tax kinds, fiscal years, amount band, district, officer, days overdue,
/// only with a reminder delivered), saved so the same run can be made again. The conditions are canonical JSON of the
/// App's <c>DemandConditions</c>; a new save under the same name replaces the conditions (the old text is in the audit log).
/// </summary>
public sealed class NoticeConditionSet
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Conditions { get; set; } = "";
    public string SavedBy { get; set; } = "";
    public DateTime SavedAtUtc { get; set; }
}
