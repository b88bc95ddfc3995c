namespace Choshu.Data.Assessments;

/// <summary>税目: a tax kind, kept as data so a city can add its own.</summary>
public sealed class TaxKind
{
    /// <summary>税目コード, two digits (see <see cref="Choshu.Domain.Assessments.TaxKindCodes"/>).</summary>
    public string Code { get; set; } = "";
    /// <summary>The name shown to staff, e.g. 固定資産税・都市計画税.</summary>
    public string Name { get; set; } = "";
    /// <summary>Other names an import file may use for it, separated by '|'.</summary>
    public string Aliases { get; set; } = "";
    /// <summary>Display order.</summary>
    public int SortOrder { get; set; }
}
