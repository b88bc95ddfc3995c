using Microsoft.EntityFrameworkCore.Migrations;

namespace Choshu.Data.Migrations.Sql;

/// <summary>
/// The hand-written part of migration h13bCaseFile (both providers): <c>case_log_entries</c> and
/// <c>district_officers</c> are append-only in the store itself, as <c>audit_events</c> is: triggers refuse UPDATE and
/// DELETE (and TRUNCATE on PostgreSQL). A correction is a new row.
/// </summary>
public static class CaseLogSql
{
    private static readonly string[] Tables = ["case_log_entries", "district_officers"];

    public static void Up(MigrationBuilder migrationBuilder, bool postgres)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var t in Tables)
        {
            if (postgres)
                migrationBuilder.Sql($"""
                    CREATE FUNCTION {t}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      RAISE EXCEPTION '{t} is append-only: % refused', TG_OP;
                    END $$;
                    CREATE TRIGGER {t}_no_change BEFORE UPDATE OR DELETE ON {t}
                      FOR EACH ROW EXECUTE FUNCTION {t}_append_only();
                    CREATE TRIGGER {t}_no_truncate BEFORE TRUNCATE ON {t}
                      FOR EACH STATEMENT EXECUTE FUNCTION {t}_append_only();
                    """);
            else
            {
                migrationBuilder.Sql($"CREATE TRIGGER {t}_no_update BEFORE UPDATE ON {t} BEGIN SELECT RAISE(ABORT, '{t} is append-only: UPDATE refused'); END;");
                migrationBuilder.Sql($"CREATE TRIGGER {t}_no_delete BEFORE DELETE ON {t} BEGIN SELECT RAISE(ABORT, '{t} is append-only: DELETE refused'); END;");
            }
        }
    }

    public static void Down(MigrationBuilder migrationBuilder, bool postgres)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var t in Tables)
        {
            if (postgres)
                migrationBuilder.Sql($"""
                    DROP TRIGGER IF EXISTS {t}_no_change ON {t};
                    DROP TRIGGER IF EXISTS {t}_no_truncate ON {t};
                    DROP FUNCTION IF EXISTS {t}_append_only();
                    """);
            else
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {t}_no_update;");
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {t}_no_delete;");
            }
        }
    }
}
