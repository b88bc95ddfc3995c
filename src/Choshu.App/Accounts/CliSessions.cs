using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Security;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Accounts;

/// <summary>A CLI session checked for one person-bound command: the actor when it proves the person, else why not (Japanese).</summary>
public sealed record CliSessionCheck(Actor? Actor, string? Refusal, StaffSession? Session = null)
{
    public bool IsValid => Actor is not null;
}

/// <summary>
/// The proof a person-bound CLI command (<c>--operator STAFFNO</c>) needs (issue 18, defect 6): a session opened by
/// <c>choshu login</c> through <see cref="StaffSignIn"/> (password and TOTP code, the web's lockout and records), kept by
/// its random token in a file only the OS user can read. <see cref="CheckAsync"/> accepts the token only while the session
/// is open and before its fixed end, for the OS user id that opened it and the staff number the command names, with rights
/// active today. <see cref="RefuseAsync"/> records a refusal (1030).
/// </summary>
public sealed class CliSessions(ChoshuDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Checks <paramref name="token"/> for a command acting as <paramref name="staffNo"/>, run by OS user id <paramref name="uid"/>
    /// on <paramref name="terminal"/> (the audit's terminal for the command: host, OS user, tty). A session past its end is
    /// ended (1003).
    /// </summary>
    public async Task<CliSessionCheck> CheckAsync(string? token, string staffNo, long uid, string terminal, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token)) return new CliSessionCheck(null, "ログインしていません");
        var hash = StaffSignIn.HashToken(token);
        var row = await (from s in db.StaffSessions.AsNoTracking()
                         join a in db.StaffAccounts.AsNoTracking() on s.AccountId equals a.Id
                         where s.TokenHash == hash && s.Channel == StaffSession.Cli
                         select new { Session = s, Account = a, Grants = db.RoleGrants.Where(g => g.AccountId == a.Id).ToList() })
            .FirstOrDefaultAsync(ct);
        if (row is null) return new CliSessionCheck(null, "トークンファイルのログインは記録にありません");
        var session = row.Session;
        if (session.EndedAtUtc is not null)
            return new CliSessionCheck(null, session.EndReason == SessionEndReasons.Expired ? "ログインの有効期限が過ぎています" : "ログインは終了しています", session);
        if (session.OsUid != uid)
            return new CliSessionCheck(null, "このログインは別の OS ユーザーのものです", session);
        if (!string.Equals(row.Account.StaffNo, staffNo.Trim(), StringComparison.Ordinal))
            return new CliSessionCheck(null, $"ログイン中の職員番号は {row.Account.StaffNo} です（--operator {IndividualIds.Printable(staffNo)} とは別の人）", session);

        var now = clock.GetUtcNow().UtcDateTime;
        var staff = Actor.Staff(row.Account.Id, row.Account.StaffNo, terminal, session.Id);
        if (session.ExpiresAtUtc is not { } end || now >= end)
        {
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                var tracked = await db.StaffSessions.FirstAsync(s => s.Id == session.Id, ct);
                tracked.EndedAtUtc = now;
                tracked.EndReason = SessionEndReasons.Expired;
                await db.SaveChangesAsync(ct);
                await AuditLog.AppendAsync(db, staff, new AuditRecord(AuditEventKind.SessionExpired, AuditOutcome.Succeeded,
                    Detail: $"CLI セッション {session.Id}: 有効期限 {StaffSignIn.InJapan(session.ExpiresAtUtc ?? now):yyyy-MM-dd HH:mm} を過ぎた"), clock, ct);
                await tx.CommitAsync(ct);
            }
            return new CliSessionCheck(null, "ログインの有効期限が過ぎています", session);
        }
        var today = JapanTime.Today(clock);
        var (standing, roles) = AccountStanding.On(row.Account, row.Grants, today);
        if (standing != Standing.Active)
            return new CliSessionCheck(null, $"{AccountStanding.Describe(standing)}（{today:yyyy-MM-dd}）", session);
        return new CliSessionCheck(staff with { KnownRoles = new ActiveRoleSnapshot(today, roles) }, null, session);
    }

    /// <summary>
    /// Records that a command acting as <paramref name="staffNo"/> was refused for want of proof (1030, denied), naming
    /// the command, the OS user and terminal (in <paramref name="terminal"/>) and why. The account is named when it exists.
    /// </summary>
    public async Task RefuseAsync(string staffNo, string terminal, string command, string why, CancellationToken ct = default)
    {
        var no = staffNo.Trim();
        var accountId = await db.StaffAccounts.AsNoTracking().Where(a => a.StaffNo == no).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
        await AuditLog.AppendAsync(db, new Actor(ActorKind.Staff, accountId, IndividualIds.Printable(no), terminal),
            new AuditRecord(AuditEventKind.CliOperatorRefused, AuditOutcome.Denied, Detail: $"choshu {command}: {why}"), clock, ct);
    }

    /// <summary>The open CLI session of <paramref name="token"/> (for <c>choshu whoami</c>): staff number, name and end; null when none.</summary>
    public async Task<(StaffSession Session, StaffAccount Account)?> FindOpenAsync(string token, CancellationToken ct = default)
    {
        var hash = StaffSignIn.HashToken(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var row = await (from s in db.StaffSessions.AsNoTracking()
                         join a in db.StaffAccounts.AsNoTracking() on s.AccountId equals a.Id
                         where s.TokenHash == hash && s.Channel == StaffSession.Cli && s.EndedAtUtc == null
                         select new { s, a }).FirstOrDefaultAsync(ct);
        if (row is null || row.s.ExpiresAtUtc is not { } end || now >= end) return null;
        return (row.s, row.a);
    }
}
