using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class h13bCaseFile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<short>(
                name: "colour",
                table: "case_events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ends_on",
                table: "case_events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "refers_to_event_id",
                table: "case_events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "case_log_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<long>(type: "INTEGER", nullable: false),
                    contacted_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    contacted_time = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    method = table.Column<short>(type: "INTEGER", nullable: false),
                    counterpart = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    content = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    next_action = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    next_action_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    corrects_entry_id = table.Column<long>(type: "INTEGER", nullable: true),
                    source = table.Column<short>(type: "INTEGER", nullable: false),
                    external_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    actor_account_id = table.Column<long>(type: "INTEGER", nullable: true),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_log_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_log_entries_case_log_entries_corrects_entry_id",
                        column: x => x.corrects_entry_id,
                        principalTable: "case_log_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_case_log_entries_collection_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "collection_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "district_officers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    district_code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    officer_account_id = table.Column<long>(type: "INTEGER", nullable: true),
                    valid_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    set_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_district_officers", x => x.id);
                    table.ForeignKey(
                        name: "fk_district_officers_staff_accounts_officer_account_id",
                        column: x => x.officer_account_id,
                        principalTable: "staff_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_case_events_refers_to_event_id",
                table: "case_events",
                column: "refers_to_event_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_log_entries_case_id_contacted_on",
                table: "case_log_entries",
                columns: new[] { "case_id", "contacted_on" });

            migrationBuilder.CreateIndex(
                name: "ix_case_log_entries_corrects_entry_id",
                table: "case_log_entries",
                column: "corrects_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_log_entries_source_external_key",
                table: "case_log_entries",
                columns: new[] { "source", "external_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_district_officers_district_code_valid_from",
                table: "district_officers",
                columns: new[] { "district_code", "valid_from" });

            migrationBuilder.CreateIndex(
                name: "ix_district_officers_officer_account_id",
                table: "district_officers",
                column: "officer_account_id");

            migrationBuilder.AddForeignKey(
                name: "fk_case_events_case_events_refers_to_event_id",
                table: "case_events",
                column: "refers_to_event_id",
                principalTable: "case_events",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // case_log_entries and district_officers are append-only in the store (hand-written SQL).
            Sql.CaseLogSql.Up(migrationBuilder, postgres: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Sql.CaseLogSql.Down(migrationBuilder, postgres: false);
            migrationBuilder.DropForeignKey(
                name: "fk_case_events_case_events_refers_to_event_id",
                table: "case_events");

            migrationBuilder.DropTable(
                name: "case_log_entries");

            migrationBuilder.DropTable(
                name: "district_officers");

            migrationBuilder.DropIndex(
                name: "ix_case_events_refers_to_event_id",
                table: "case_events");

            migrationBuilder.DropColumn(
                name: "colour",
                table: "case_events");

            migrationBuilder.DropColumn(
                name: "ends_on",
                table: "case_events");

            migrationBuilder.DropColumn(
                name: "refers_to_event_id",
                table: "case_events");
        }
    }
}
