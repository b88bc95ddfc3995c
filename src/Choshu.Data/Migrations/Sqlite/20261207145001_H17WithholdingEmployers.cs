using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class H17WithholdingEmployers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "withholding_employers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    designation_no = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    special_schedule = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_withholding_employers", x => x.id);
                    table.ForeignKey(
                        name: "fk_withholding_employers_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "withholding_assignments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    employer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    fiscal_year = table.Column<int>(type: "INTEGER", nullable: false),
                    employee_taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    recipient_no = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    first_month = table.Column<short>(type: "INTEGER", nullable: false),
                    last_month = table.Column<short>(type: "INTEGER", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    end_kind = table.Column<short>(type: "INTEGER", nullable: true),
                    ordinary_assessment_id = table.Column<long>(type: "INTEGER", nullable: true),
                    moved_to_assignment_id = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_withholding_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_withholding_assignments_assessments_ordinary_assessment_id",
                        column: x => x.ordinary_assessment_id,
                        principalTable: "assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_withholding_assignments_taxpayers_employee_taxpayer_id",
                        column: x => x.employee_taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_withholding_assignments_withholding_employers_employer_id",
                        column: x => x.employer_id,
                        principalTable: "withholding_employers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "withholding_month_amounts",
                columns: table => new
                {
                    assignment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    month_no = table.Column<short>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_withholding_month_amounts", x => new { x.assignment_id, x.month_no });
                    table.ForeignKey(
                        name: "fk_withholding_month_amounts_withholding_assignments_assignment_id",
                        column: x => x.assignment_id,
                        principalTable: "withholding_assignments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "withholding_remittance_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    payment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    assignment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    period = table.Column<short>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    import_file_id = table.Column<long>(type: "INTEGER", nullable: true),
                    source_line = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_withholding_remittance_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_withholding_remittance_lines_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_withholding_remittance_lines_withholding_assignments_assignment_id",
                        column: x => x.assignment_id,
                        principalTable: "withholding_assignments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_withholding_assignments_employee_taxpayer_id",
                table: "withholding_assignments",
                column: "employee_taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_withholding_assignments_employer_id_fiscal_year_recipient_no",
                table: "withholding_assignments",
                columns: new[] { "employer_id", "fiscal_year", "recipient_no" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_withholding_assignments_ordinary_assessment_id",
                table: "withholding_assignments",
                column: "ordinary_assessment_id");

            migrationBuilder.CreateIndex(
                name: "ix_withholding_employers_designation_no",
                table: "withholding_employers",
                column: "designation_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_withholding_employers_taxpayer_id",
                table: "withholding_employers",
                column: "taxpayer_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_withholding_remittance_lines_assignment_id_period",
                table: "withholding_remittance_lines",
                columns: new[] { "assignment_id", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_withholding_remittance_lines_payment_id",
                table: "withholding_remittance_lines",
                column: "payment_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "withholding_month_amounts");

            migrationBuilder.DropTable(
                name: "withholding_remittance_lines");

            migrationBuilder.DropTable(
                name: "withholding_assignments");

            migrationBuilder.DropTable(
                name: "withholding_employers");
        }
    }
}
