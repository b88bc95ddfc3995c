using System.Text.RegularExpressions;
using Choshu.Data;
using Choshu.Domain;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Audit;

/// <summary>
/// <c>choshu db grant-app-role --role NAME</c> (PostgreSQL): gives the application's login role what the
/// application needs and no more. The owner role (which runs <c>choshu db init</c> and the migrations)
/// runs it; the application then connects as NAME. NAME gets SELECT, INSERT, UPDATE and DELETE on every
/// table, USAGE and SELECT on every sequence, SELECT only on the migrations history, and only SELECT and
/// INSERT on <c>audit_events</c>: the store refuses it UPDATE, DELETE and TRUNCATE of the audit log
/// (and the append-only trigger refuses UPDATE and DELETE to everyone, owner included). Idempotent; run
/// it again after each migration so new tables are granted.
/// </summary>
public static partial class ApplicationRole
{
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();

    public static async Task GrantAsync(ChoshuDbContext db, string role, CancellationToken ct = default)
    {
        if (db.Provider != StoreProvider.Postgres)
            throw new DomainException("db.grant_postgres_only", "grant-app-role は PostgreSQL のデータストアでのみ使えます（SQLite にはロールがありません）。");
        if (!RoleName().IsMatch(role))
            throw new DomainException("db.role_invalid", $"ロール名「{role}」は英小文字・数字・_ で 63 文字以内にしてください。");
        var info = await db.Database.SqlQueryRaw<RoleInfo>(
                "SELECT r.rolsuper AS \"Super\", (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_events') = r.rolname AS \"Owner\" FROM pg_roles r WHERE r.rolname = {0}", role)
            .ToListAsync(ct);
        if (info.Count == 0)
            throw new DomainException("db.role_missing", $"ロール {role} がありません。先に管理者が CREATE ROLE {role} LOGIN PASSWORD '…' で作成してください。");
        if (info[0].Super)
            throw new DomainException("db.role_superuser", $"ロール {role} はスーパーユーザーです。スーパーユーザーには権限の制限が効かないため、アプリケーション用には使えません。");
        if (info[0].Owner == true)
            throw new DomainException("db.role_owner", $"ロール {role} はテーブルの所有者です。所有者は自分に権限を付け直せるため、アプリケーション用には別のロールを作成してください。");

        var q = $"\"{role}\"";
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var sql in new[]
                 {
                     $"GRANT USAGE ON SCHEMA public TO {q}",
                     $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {q}",
                     $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {q}",
                     $"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON __ef_migrations_history FROM {q}",
                     $"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_events FROM {q}",
                 })
            await db.Database.ExecuteSqlRawAsync(sql, ct);
        await tx.CommitAsync(ct);
    }

    private sealed class RoleInfo
    {
        public bool Super { get; set; }
        public bool? Owner { get; set; }
    }
}
