using System.Globalization;
using System.Security.Cryptography;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Security;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;
using Choshu.Domain.Labels;

namespace Choshu.App.Accounts;

/// <summary>What the administrator enters for a new user ID.</summary>
public sealed record NewAccount(string StaffNo, string FullName, string DepartmentCode, string SectionCode, DateOnly? ValidFrom = null);

/// <summary>A created account and its one-time initial password (shown once to the administrator, who hands it to the person; never stored or logged).</summary>
public sealed record CreatedAccount(long AccountId, string StaffNo, DateOnly ValidFrom, string InitialPassword);

/// <summary>What an expiry did: the last day of every right (and of the account, for a retirement).</summary>
public sealed record ExpiryResult(string StaffNo, DateOnly LastDay, bool Transfer, int GrantsEnded, int GrantsWithdrawn, int SessionsEnded);

/// <summary>
/// Accounts and their dated rights (seed III-3 リスク2): create, grant, revoke, expire on transfer or
/// retirement, administrator password reset, two-factor reset. Each call demands
/// <see cref="Permission.ManageAccounts"/> of the actor (the CLI's system actor holds it; on the web,
/// システム管理者 and セキュリティ責任者), changes the store and writes its audit record (6000–6003,
/// 1010, 1011) in one transaction.
/// </summary>
public sealed class AccountAdministration(ChoshuDbContext db, ChoshuUserManager users, TimeProvider clock)
{
    /// <summary>
    /// Creates one person's user ID with a random one-time password (16 characters, about 95 bits).
    /// The person must replace it and enroll TOTP at the first sign-in (<see cref="TotpEnrollment"/>):
    /// until then the password opens nothing else. Audit 6000.
    /// </summary>
    public async Task<CreatedAccount> CreateAsync(NewAccount request, Actor actor, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.ManageAccounts, clock, what: "利用者IDの登録", ct: ct);
        var staffNo = request.StaffNo?.Trim() ?? "";
        var reasons = IndividualIds.CheckStaffNumber(staffNo)
            .Concat(IndividualIds.CheckFullName(request.FullName))
            .Concat(IndividualIds.CheckUnitCode(request.DepartmentCode?.Trim(), "課コード"))
            .Concat(IndividualIds.CheckUnitCode(request.SectionCode?.Trim(), "係コード")).ToList();
        if (reasons.Count > 0) throw new AccountException("account.individual", string.Join(" ", reasons));
        if (await db.StaffAccounts.AnyAsync(a => a.StaffNo == staffNo, ct))
            throw new AccountException("account.duplicate", $"職員番号 {staffNo} の利用者IDは既に登録されています（一人に一つのIDです）。");

        var now = clock.GetUtcNow().UtcDateTime;
        var account = new StaffAccount
        {
            UserName = staffNo,
            StaffNo = staffNo,
            FullName = (request.FullName ?? "").Trim(),
            DepartmentCode = (request.DepartmentCode ?? "").Trim(),
            SectionCode = (request.SectionCode ?? "").Trim(),
            ValidFrom = request.ValidFrom ?? JapanTime.Today(clock),
            CreatedAtUtc = now,
            CreatedBy = actor.Name,
            MustChangePassword = true,
        };
        var password = InitialPassword(account);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Credentials.Ensure(await users.CreateAsync(account, password));
        await AuditAsync(actor, AuditEventKind.AccountCreated,
            $"職員番号 {account.StaffNo} 氏名 {account.FullName} 課 {account.DepartmentCode} 係 {account.SectionCode} 有効開始 {D(account.ValidFrom)}（初期パスワード発行、初回ログイン時に変更と二要素認証の登録が必要）", ct);
        await tx.CommitAsync(ct);
        return new CreatedAccount(account.Id, account.StaffNo, account.ValidFrom, password);
    }

    /// <summary>
    /// Grants a role from <paramref name="from"/> to <paramref name="to"/> (inclusive; null = open).
    /// Refused: an unknown account, a period that ends before it starts or starts after the account
    /// ends, an unrevoked grant of the same role overlapping it, and for anyone
    /// who holds or ever held 委託業者 any role that reads taxpayer data (and the reverse:
    /// <see cref="RolePermissions.Incompatible"/>) — the refusal is audited. Audit 6001.
    /// </summary>
    public async Task<RoleGrant> GrantAsync(string staffNo, Role role, DateOnly from, DateOnly? to, Actor actor, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.ManageAccounts, clock, what: "権限の付与", ct: ct);
        var account = await FindAsync(staffNo, ct);
        if (to is { } t && t < from)
            throw new AccountException("grant.period", $"権限の有効期間の終了日 {D(t)} が開始日 {D(from)} より前です。");
        if (account.ValidTo is { } end && from > end)
            throw new AccountException("grant.period", $"利用者ID {account.StaffNo} は {D(end)} で終了します。それより後に始まる権限は付与できません。");

        var grants = await db.RoleGrants.Where(g => g.AccountId == account.Id).ToListAsync(ct);
        // Roles that may never be held by one person, now or at any time (RolePermissions.Incompatible): a
        // contractor never reads taxpayer data.
        if (grants.Select(g => (Role?)g.Role).FirstOrDefault(held => RolePermissions.Incompatible(held!.Value, role)) is { } o)
        {
            {
                var message = $"職員番号 {account.StaffNo} は{JapaneseLabels.Of(o)}の権限を持っている（または持っていた）ため、{JapaneseLabels.Of(role)}は付与できません（委託業者は納税義務者の情報を扱えません）。";
                await AuditAsync(actor, AuditEventKind.RoleGranted, $"拒否: 職員番号 {account.StaffNo} に{JapaneseLabels.Of(role)}（{JapaneseLabels.Of(o)}の付与歴あり）", ct, AuditOutcome.Denied);
                throw new AccountException("grant.exclusive", message);
            }
        }
        if (grants.FirstOrDefault(g => g.Role == role && g.RevokedAtUtc is null && Overlaps(g.ValidFrom, g.ValidTo, from, to)) is { } overlap)
            throw new AccountException("grant.overlap",
                $"職員番号 {account.StaffNo} には{JapaneseLabels.Of(role)}が {D(overlap.ValidFrom)}〜{D(overlap.ValidTo)} で付与済みで、期間が重なります。");

        var grant = new RoleGrant
        {
            AccountId = account.Id,
            Role = role,
            ValidFrom = from,
            ValidTo = to,
            GrantedBy = actor.Name,
            GrantedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.RoleGrants.Add(grant);
        await db.SaveChangesAsync(ct);
        await AuditAsync(actor, AuditEventKind.RoleGranted,
            $"職員番号 {account.StaffNo} に{JapaneseLabels.Of(role)}（{D(from)}〜{D(to)}）、付与 {grant.Id}", ct);
        await tx.CommitAsync(ct);
        return grant;
    }

    /// <summary>
    /// Revokes, at once, every unrevoked grant of the role that is in force today or starts later
    /// (the rows stay, with who, when and why). Audit 6002. The person's sessions lose the right at
    /// their next request.
    /// </summary>
    public async Task<int> RevokeAsync(string staffNo, Role role, string reason, Actor actor, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.ManageAccounts, clock, what: "権限の取消", ct: ct);
        if (string.IsNullOrWhiteSpace(reason)) throw new AccountException("revoke.reason", "取消の理由を指定してください。");
        var account = await FindAsync(staffNo, ct);
        var today = JapanTime.Today(clock);
        var grants = await db.RoleGrants
            .Where(g => g.AccountId == account.Id && g.Role == role && g.RevokedAtUtc == null).ToListAsync(ct);
        var live = grants.Where(g => g.ValidTo is null || g.ValidTo >= today).ToList();
        if (live.Count == 0)
            throw new AccountException("revoke.none", $"職員番号 {account.StaffNo} に本日以降有効な{JapaneseLabels.Of(role)}の権限はありません。");
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var g in live)
        {
            g.RevokedAtUtc = now;
            g.RevokedBy = actor.Name;
            g.RevokeReason = reason.Trim();
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await AuditAsync(actor, AuditEventKind.RoleRevoked,
            $"職員番号 {account.StaffNo} の{JapaneseLabels.Of(role)}を取消（付与 {string.Join("・", live.Select(g => g.Id))}）理由: {reason.Trim()}", ct);
        await tx.CommitAsync(ct);
        return live.Count;
    }

    /// <summary>
    /// A transfer or retirement taking effect on <paramref name="effectiveOn"/>: every right ends on
    /// the day before (valid-to = D − 1; a grant starting on or after D is withdrawn), so on D it has
    /// lapsed with nobody acting. With a new 課/係 it is a transfer within the system: the account
    /// stays, now showing the new 課・係. Without, it is a retirement or a move out of the
    /// division: the account's own valid-to is D − 1 as well. Audit 6003.
    /// </summary>
    public async Task<ExpiryResult> ExpireAsync(string staffNo, DateOnly effectiveOn, string? newDepartment, string? newSection, Actor actor, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.ManageAccounts, clock, what: "利用者IDの失効", ct: ct);
        var transfer = !string.IsNullOrWhiteSpace(newDepartment) || !string.IsNullOrWhiteSpace(newSection);
        if (transfer)
        {
            var reasons = IndividualIds.CheckUnitCode(newDepartment?.Trim(), "異動先の課コード")
                .Concat(IndividualIds.CheckUnitCode(newSection?.Trim(), "異動先の係コード")).ToList();
            if (reasons.Count > 0) throw new AccountException("expire.unit", string.Join(" ", reasons) + "（異動は課コードと係コードの両方を指定します）");
        }
        var account = await FindAsync(staffNo, ct);
        var lastDay = effectiveOn.AddDays(-1);
        if (!transfer && lastDay < account.ValidFrom)
            throw new AccountException("expire.before_start",
                $"発令日 {D(effectiveOn)} は利用者ID {account.StaffNo} の有効開始日 {D(account.ValidFrom)} 以前です。使われる前のIDを終わらせるときは、発令日を有効開始日の翌日以降にしてください。");
        var now = clock.GetUtcNow().UtcDateTime;
        var grants = await db.RoleGrants.Where(g => g.AccountId == account.Id && g.RevokedAtUtc == null).ToListAsync(ct);
        int ended = 0, withdrawn = 0;
        foreach (var g in grants)
        {
            if (g.ValidFrom > lastDay)
            {
                g.RevokedAtUtc = now;
                g.RevokedBy = actor.Name;
                g.RevokeReason = $"{(transfer ? "異動" : "退職・転出")}（{D(effectiveOn)}発令）により開始前に失効";
                withdrawn++;
            }
            else if (g.ValidTo is null || g.ValidTo > lastDay)
            {
                g.ValidTo = lastDay;
                ended++;
            }
        }
        var old = $"課 {account.DepartmentCode} 係 {account.SectionCode}";
        if (transfer)
        {
            account.DepartmentCode = newDepartment!.Trim();
            account.SectionCode = newSection!.Trim();
        }
        else if (account.ValidTo is null || account.ValidTo > lastDay)
        {
            account.ValidTo = lastDay;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Credentials.Ensure(await users.UpdateAsync(account)); // saves the grants too, and renews the concurrency stamp
        var sessions = effectiveOn <= JapanTime.Today(clock) && !transfer
            ? await StaffSignIn.EndOpenSessionsAsync(db, account.Id, SessionEndReasons.AccountExpired, clock, ct) : 0;
        await AuditAsync(actor, AuditEventKind.AccountExpired, transfer
            ? $"異動: 職員番号 {account.StaffNo} {old} → 課 {account.DepartmentCode} 係 {account.SectionCode}（{D(effectiveOn)}発令）、権限 {ended} 件を {D(lastDay)} で終了、開始前の権限 {withdrawn} 件を失効"
            : $"退職・転出: 職員番号 {account.StaffNo}（{D(effectiveOn)}発令）、利用者IDと権限 {ended} 件を {D(lastDay)} で終了、開始前の権限 {withdrawn} 件を失効", ct);
        await tx.CommitAsync(ct);
        return new ExpiryResult(account.StaffNo, lastDay, transfer, ended, withdrawn, sessions);
    }

    /// <summary>
    /// An administrator sets a new password (the person forgot theirs). It is one-time: the person
    /// must replace it before anything else; the lockout is lifted and open sessions end. Audit 1010.
    /// </summary>
    public async Task SetPasswordAsync(string staffNo, string newPassword, Actor actor, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.ManageAccounts, clock, what: "パスワードの再設定", ct: ct);
        var account = await FindAsync(staffNo, ct);
        var errors = new List<string>();
        foreach (var v in users.PasswordValidators)
        {
            var r = await v.ValidateAsync(users, account, newPassword);
            if (!r.Succeeded) errors.AddRange(r.Errors.Select(e => e.Description));
        }
        if (errors.Count > 0) throw new AccountException("password.policy", string.Join(" ", errors.Distinct()));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Credentials.Ensure(await users.RemovePasswordAsync(account));
        Credentials.Ensure(await users.AddPasswordAsync(account, newPassword));
        account.MustChangePassword = true;
        Credentials.Ensure(await users.SetLockoutEndDateAsync(account, null));
        Credentials.Ensure(await users.ResetAccessFailedCountAsync(account));
        var sessions = await StaffSignIn.EndOpenSessionsAsync(db, account.Id, SessionEndReasons.CredentialsChanged, clock, ct);
        await AuditAsync(actor, AuditEventKind.PasswordChanged,
            $"管理者が職員番号 {account.StaffNo} のパスワードを再設定（次回ログイン時に本人が変更、ロック解除、セッション {sessions} 件終了）", ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Clears the person's TOTP enrollment (lost or replaced phone, recovery codes gone): a new key
    /// nobody has seen, no recovery codes; the next sign-in asks for enrollment again. Open sessions
    /// end. Audit 1011.
    /// </summary>
    public async Task ResetTwoFactorAsync(string staffNo, string reason, Actor actor, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.ManageAccounts, clock, what: "二要素認証の再登録", ct: ct);
        if (string.IsNullOrWhiteSpace(reason)) throw new AccountException("totp.reason", "再登録の理由を指定してください。");
        var account = await FindAsync(staffNo, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        account.TotpEnrolledAtUtc = null;
        account.TwoFactorEnabled = false;
        Credentials.Ensure(await users.ResetAuthenticatorKeyAsync(account));
        await users.ClearRecoveryCodesAsync(account, ct);
        Credentials.Ensure(await users.UpdateAsync(account));
        var sessions = await StaffSignIn.EndOpenSessionsAsync(db, account.Id, SessionEndReasons.CredentialsChanged, clock, ct);
        await AuditAsync(actor, AuditEventKind.TwoFactorReset,
            $"職員番号 {account.StaffNo} の二要素認証を解除（次回ログイン時に再登録、セッション {sessions} 件終了）理由: {reason.Trim()}", ct);
        await tx.CommitAsync(ct);
    }

    private async Task<StaffAccount> FindAsync(string staffNo, CancellationToken ct)
    {
        var s = staffNo?.Trim() ?? "";
        return await db.StaffAccounts.FirstOrDefaultAsync(a => a.StaffNo == s, ct)
            ?? throw new AccountException("account.unknown", $"職員番号 {IndividualIds.Printable(s)} の利用者IDは登録されていません。");
    }

    /// <summary>A random one-time password: 16 characters without look-alikes, re-drawn until the policy accepts it.</summary>
    private string InitialPassword(StaffAccount account)
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
        for (var attempt = 0; ; attempt++)
        {
            var p = RandomNumberGenerator.GetString(alphabet, 16);
            var ok = true;
            foreach (var v in users.PasswordValidators)
                ok &= v.ValidateAsync(users, account, p).GetAwaiter().GetResult().Succeeded;
            if (ok) return p;
            if (attempt > 100) throw new InvalidOperationException("No acceptable initial password could be drawn.");
        }
    }

    private static bool Overlaps(DateOnly aFrom, DateOnly? aTo, DateOnly bFrom, DateOnly? bTo) =>
        (aTo is null || bFrom <= aTo.Value) && (bTo is null || aFrom <= bTo.Value);

    private static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "期限なし";

    private Task AuditAsync(Actor actor, AuditEventKind kind, string detail, CancellationToken ct, AuditOutcome outcome = AuditOutcome.Succeeded) =>
        AuditLog.AppendAsync(db, actor, new AuditRecord(kind, outcome, Detail: detail), clock, ct);
}
