using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class H18bAuditIdCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The model's CHECK ck_audit_events_id_positive (id > 0) is kept on SQLite as a trigger: SQLite can add a CHECK
            // only by rebuilding the table, and EF runs that rebuild after a migration's own SQL, dropping the append-only
            // triggers of migration Security with no way to make them again in the same migration. An AFTER INSERT
            // trigger sees the id actually stored and aborts the statement, as the CHECK does on PostgreSQL.
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_events_id_positive AFTER INSERT ON audit_events WHEN NEW.id <= 0
                BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: ck_audit_events_id_positive (id > 0)'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_events_id_positive;");
        }
    }
}
