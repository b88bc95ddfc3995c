using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Security;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Accounts;

/// <summary>
/// The names staff read for 課・係 codes (<see cref="OrgUnitName"/>), kept by an administrator
/// (<see cref="Permission.ManageAccounts"/>; audit 1020). Accounts keep the codes; every screen and CLI
/// listing shows the name through <see cref="OrgUnitDirectory"/>, and the code where no name is registered.
/// </summary>
public static class OrgUnits
{
    public const int NameMaxLength = 40;

    /// <summary>The names of the 課・係 of the demo city (<c>choshu demo</c>), registered when absent.</summary>
    public static IReadOnlyList<(string Department, string Section, string Name)> DemoNames { get; } =
    [
        ("NOZEI", "", "納税課"), ("NOZEI", "SHUNO", "収納係"), ("NOZEI", "SEIRI", "滞納整理係"),
        ("JOHO", "", "情報政策課"), ("JOHO", "KIBAN", "基盤係"),
        ("SOMU", "", "総務課"), ("SOMU", "JOHOAN", "情報セキュリティ担当"),
        ("ITAKU", "", "委託業者"), ("ITAKU", "HOSHU", "保守"),
    ];

    /// <summary>Every registered name, 課 first and then its 係, by code.</summary>
    public static async Task<IReadOnlyList<OrgUnitName>> ListAsync(ChoshuDbContext db, CancellationToken ct = default) =>
        await db.OrgUnitNames.AsNoTracking().OrderBy(u => u.DepartmentCode).ThenBy(u => u.SectionCode).ToListAsync(ct);

    /// <summary>The directory of every registered name, for one screen or listing.</summary>
    public static async Task<OrgUnitDirectory> DirectoryAsync(ChoshuDbContext db, CancellationToken ct = default)
    {
        var rows = await db.OrgUnitNames.AsNoTracking().Select(u => new { u.DepartmentCode, u.SectionCode, u.Name }).ToListAsync(ct);
        return new OrgUnitDirectory(rows.ToDictionary(u => (u.DepartmentCode, u.SectionCode), u => u.Name));
    }

    /// <summary>
    /// <see cref="DirectoryAsync"/> for the banner of every page: kept in memory for a few seconds (<see cref="Stores.ReferenceCache"/>;
    /// a name changed in this process is shown at once).
    /// </summary>
    public static Task<OrgUnitDirectory> CachedDirectoryAsync(ChoshuDbContext db, CancellationToken ct = default) =>
        Stores.ReferenceCache.GetAsync(db, "org_unit_names", DirectoryAsync, ct);

    /// <summary>
    /// Registers or changes the name of a 課 (<paramref name="sectionCode"/> null or empty) or of a 係 of it.
    /// Refused in Japanese: a code that is not 1–10 ASCII letters or digits, an empty or over-long name.
    /// Audited as 1020 with the old and the new name. Returns false when the name was already this (nothing recorded).
    /// </summary>
    public static async Task<bool> SetAsync(ChoshuDbContext db, Actor actor, string departmentCode, string? sectionCode, string name,
        TimeProvider clock, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.ManageAccounts, clock, what: "課・係の名称の登録", ct: ct);
        var department = (departmentCode ?? "").Trim();
        var section = (sectionCode ?? "").Trim();
        var text = (name ?? "").Trim();
        var reasons = IndividualIds.CheckUnitCode(department, "課コード").ToList();
        if (section.Length > 0) reasons.AddRange(IndividualIds.CheckUnitCode(section, "係コード"));
        if (text.Length == 0) reasons.Add("名称を入力してください。");
        else if (text.Length > NameMaxLength) reasons.Add($"名称は{NameMaxLength}文字以内で入力してください。");
        if (reasons.Count > 0) throw new AccountException("unit.invalid", string.Join(" ", reasons));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.OrgUnitNames.SingleOrDefaultAsync(u => u.DepartmentCode == department && u.SectionCode == section, ct);
        if (row?.Name == text) return false;
        var old = row?.Name;
        if (row is null)
        {
            row = new OrgUnitName { DepartmentCode = department, SectionCode = section };
            db.OrgUnitNames.Add(row);
        }
        row.Name = text;
        row.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        row.UpdatedBy = actor.Name;
        await db.SaveChangesAsync(ct);
        var what = section.Length == 0 ? $"課 {department}" : $"課 {department} 係 {section}";
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.OrgUnitNamed,
            Detail: $"{what} の名称を「{text}」に{(old is null ? "登録" : $"変更（旧「{old}」）")}"), clock, ct);
        await tx.CommitAsync(ct);
        Stores.ReferenceCache.Invalidate(db);
        return true;
    }

    /// <summary>Registers the demo city's names that are not registered yet (no audit: the demo's own setup, as its accounts are made).</summary>
    public static async Task EnsureDemoNamesAsync(ChoshuDbContext db, string by, TimeProvider clock, CancellationToken ct = default)
    {
        var have = (await db.OrgUnitNames.AsNoTracking().Select(u => new { u.DepartmentCode, u.SectionCode }).ToListAsync(ct))
            .Select(u => (u.DepartmentCode, u.SectionCode)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (d, s, n) in DemoNames.Where(x => !have.Contains((x.Department, x.Section))))
            db.OrgUnitNames.Add(new OrgUnitName { DepartmentCode = d, SectionCode = s, Name = n, UpdatedAtUtc = now, UpdatedBy = by });
        await db.SaveChangesAsync(ct);
        Stores.ReferenceCache.Invalidate(db);
    }
}

/// <summary>
/// The registered names of 課・係 (<see cref="OrgUnits"/>), to show instead of the codes: 「納税課・収納係」; a code
/// without a name shows as 「課 NOZEI」「係 SHUNO」.
/// </summary>
public sealed class OrgUnitDirectory(IReadOnlyDictionary<(string Department, string Section), string> names)
{
    public static OrgUnitDirectory Empty { get; } = new(new Dictionary<(string, string), string>());

    /// <summary>「納税課」, or 「課 NOZEI」 when the 課 has no name.</summary>
    public string Department(string? code) =>
        string.IsNullOrEmpty(code) ? "" : names.TryGetValue((code, ""), out var n) ? n : "課 " + code;

    /// <summary>「収納係」, or 「係 SHUNO」 when the 係 has no name.</summary>
    public string Section(string? department, string? code) =>
        string.IsNullOrEmpty(code) ? "" : names.TryGetValue((department ?? "", code), out var n) ? n : "係 " + code;

    /// <summary>「納税課・収納係」 (codes where there is no name).</summary>
    public string Unit(string? department, string? section) =>
        string.Join("・", new[] { Department(department), Section(department, section) }.Where(s => s.Length > 0));
}
