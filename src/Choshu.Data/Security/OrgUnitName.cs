using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Security;

/// <summary>
/// 課・係の名称: the Japanese name staff read for a 課コード (<see cref="SectionCode"/> empty) or for a 係コード
/// within its 課. Kept by an administrator (<c>/Admin/Units</c>, <c>choshu users unit-name</c>); accounts keep
/// the codes, screens show these names (the code where no name is registered).
/// </summary>
public sealed class OrgUnitName
{
    /// <summary>課コード.</summary>
    public string DepartmentCode { get; set; } = "";
    /// <summary>係コード; empty for the name of the 課 itself.</summary>
    public string SectionCode { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTime UpdatedAtUtc { get; set; }
    public string UpdatedBy { get; set; } = "";
}

/// <summary>The store mapping of <see cref="OrgUnitName"/>.</summary>
internal sealed class OrgUnitNameConfiguration : IEntityTypeConfiguration<OrgUnitName>
{
    public void Configure(EntityTypeBuilder<OrgUnitName> e)
    {
        e.ToTable("org_unit_names");
        e.HasKey(x => new { x.DepartmentCode, x.SectionCode });
        e.Property(x => x.DepartmentCode).HasMaxLength(10);
        e.Property(x => x.SectionCode).HasMaxLength(10);
        e.Property(x => x.Name).HasMaxLength(40);
        e.Property(x => x.UpdatedBy).HasMaxLength(100);
    }
}
