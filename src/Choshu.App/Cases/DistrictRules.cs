using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Cases;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>One rule of the district table: from <see cref="ValidFrom"/> on, cases in the district go to the officer (none: the rule ended).</summary>
public sealed record DistrictRule(string DistrictCode, string? OfficerStaffNo, string? OfficerName, long? OfficerAccountId, DateOnly ValidFrom, string SetBy);

/// <summary>
/// 地区担当表 (地区コード → 担当者), kept by an approver: append-only rows with the day each takes effect, so what the table
/// said on any day can be read back. Only an active 承認者 sets a rule (a refusal is audited 5000); the officer named must
/// hold an active 滞納整理担当 on the day the rule is set. Audited 3223.
/// </summary>
public sealed class DistrictRules(ChoshuDbContext db, TimeProvider clock)
{
    public async Task<DistrictRule> SetAsync(Actor actor, string districtCode, string? officerStaffNo, DateOnly validFrom, CancellationToken ct = default)
    {
        var code = (districtCode ?? "").Trim();
        await DemandApproverAsync(db, actor, clock, $"地区担当表の設定（地区 {code}）", ct);
        if (code.Length is 0 or > 10 || !code.All(char.IsAsciiLetterOrDigit))
            throw new DomainException("district.code", "地区コードは英数字10文字以内で入力してください。");
        long? officerId = null;
        string? staffNo = null, name = null;
        if (!string.IsNullOrWhiteSpace(officerStaffNo))
        {
            var officer = await db.StaffAccounts.AsNoTracking().Where(a => a.StaffNo == officerStaffNo.Trim())
                .Select(a => new { a.Id, a.StaffNo, a.FullName }).SingleOrDefaultAsync(ct)
                ?? throw new DomainException("staff.not_found", $"職員番号 {officerStaffNo} の利用者IDは登録されていません。");
            var roles = await AccessControl.ActiveRolesAsync(db, officer.Id, JapanTime.Today(clock), ct);
            if (!CaseUpdatePolicy.MayBeOfficer(roles))
                throw new DomainException("case.officer_not_eligible", $"職員番号 {officer.StaffNo} は本日有効な「滞納整理担当」の権限がないため、地区の担当者にできません。");
            (officerId, staffNo, name) = (officer.Id, officer.StaffNo, officer.FullName);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.DistrictOfficers.Add(new DistrictOfficer
        {
            DistrictCode = code, OfficerAccountId = officerId, ValidFrom = validFrom, SetBy = actor.Name, RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.CaseDistrictRuleSet,
            Detail: $"地区 {code} → {(staffNo ?? "担当なし")}（{validFrom:yyyy-MM-dd} から）"), clock, ct);
        await tx.CommitAsync(ct);
        return new DistrictRule(code, staffNo, name, officerId, validFrom, actor.Name);
    }

    /// <summary>The rule in force in each district on <paramref name="on"/> (districts whose rule ended are left out), by district code.</summary>
    public async Task<IReadOnlyList<DistrictRule>> InForceAsync(DateOnly on, CancellationToken ct = default) =>
        InForce(await AllAsync(ct), on);

    /// <summary>Every row ever set, oldest first (the table's history).</summary>
    public async Task<IReadOnlyList<DistrictRule>> AllAsync(CancellationToken ct = default) =>
        await (from d in db.DistrictOfficers.AsNoTracking()
               join a in db.StaffAccounts on d.OfficerAccountId equals a.Id into officers
               from o in officers.DefaultIfEmpty()
               orderby d.Id
               select new DistrictRule(d.DistrictCode, o == null ? null : o.StaffNo, o == null ? null : o.FullName, d.OfficerAccountId, d.ValidFrom, d.SetBy))
            .ToListAsync(ct);

    /// <summary>Of the rows (oldest first), the one in force per district on a day: the latest <c>ValidFrom</c> on or before it, the later row on a tie.</summary>
    public static IReadOnlyList<DistrictRule> InForce(IEnumerable<DistrictRule> rows, DateOnly on) =>
        rows.Select((r, i) => (r, i)).Where(x => x.r.ValidFrom <= on).GroupBy(x => x.r.DistrictCode)
            .Select(g => g.OrderBy(x => x.r.ValidFrom).ThenBy(x => x.i).Last().r)
            .Where(r => r.OfficerAccountId is not null)
            .OrderBy(r => r.DistrictCode, StringComparer.Ordinal).ToList();

    /// <summary>Refuses (audited 5000, <see cref="AccessDeniedException"/>) unless the actor is an active 承認者 today.</summary>
    internal static async Task DemandApproverAsync(ChoshuDbContext db, Actor actor, TimeProvider clock, string what, CancellationToken ct)
    {
        await AccessControl.DemandAsync(db, actor, Permission.UpdateCases, clock, what: what, ct: ct);
        var roles = actor.AccountId is { } id ? await AccessControl.ActiveRolesAsync(db, id, JapanTime.Today(clock), ct) : [];
        if (roles.Contains(Role.Approver)) return;
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.AccessDenied, AuditOutcome.Denied, null, null, $"{Permission.UpdateCases}: {what}: 承認者でない"), clock, ct);
        throw new AccessDeniedException($"{what}は承認者のみが行えます。", false);
    }
}
