using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReminderEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Reminders recorded as fee charges become ReminderDispatched events (hand-written SQL, kept apart for regeneration).
            Sql.ReminderEventsSql.MoveRemindersFromFees(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Sql.ReminderEventsSql.RemoveMovedReminders(migrationBuilder);
        }
    }
}
