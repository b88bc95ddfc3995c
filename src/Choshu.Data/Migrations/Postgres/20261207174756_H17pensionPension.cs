using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Choshu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class H17pensionPension : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pension_payers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    taxpayer_id = table.Column<long>(type: "bigint", nullable: false),
                    payer_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pension_payers", x => x.id);
                    table.ForeignKey(
                        name: "fk_pension_payers_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pension_assignments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    payer_id = table.Column<long>(type: "bigint", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    pensioner_taxpayer_id = table.Column<long>(type: "bigint", nullable: false),
                    pension_no = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    annual_amount = table.Column<long>(type: "bigint", nullable: false),
                    provisional_amount = table.Column<long>(type: "bigint", nullable: false),
                    last_month = table.Column<short>(type: "smallint", nullable: false),
                    stopped_on = table.Column<DateOnly>(type: "date", nullable: true),
                    stop_reason = table.Column<short>(type: "smallint", nullable: true),
                    stop_import_file_id = table.Column<long>(type: "bigint", nullable: true),
                    ordinary_assessment_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pension_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_pension_assignments_assessments_ordinary_assessment_id",
                        column: x => x.ordinary_assessment_id,
                        principalTable: "assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_pension_assignments_pension_payers_payer_id",
                        column: x => x.payer_id,
                        principalTable: "pension_payers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_pension_assignments_taxpayers_pensioner_taxpayer_id",
                        column: x => x.pensioner_taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pension_month_amounts",
                columns: table => new
                {
                    assignment_id = table.Column<long>(type: "bigint", nullable: false),
                    month_no = table.Column<short>(type: "smallint", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pension_month_amounts", x => new { x.assignment_id, x.month_no });
                    table.ForeignKey(
                        name: "fk_pension_month_amounts_pension_assignments_assignment_id",
                        column: x => x.assignment_id,
                        principalTable: "pension_assignments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pension_remittance_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    payment_id = table.Column<long>(type: "bigint", nullable: false),
                    assignment_id = table.Column<long>(type: "bigint", nullable: false),
                    month_no = table.Column<short>(type: "smallint", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    import_file_id = table.Column<long>(type: "bigint", nullable: true),
                    source_line = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pension_remittance_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_pension_remittance_lines_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_pension_remittance_lines_pension_assignments_assignment_id",
                        column: x => x.assignment_id,
                        principalTable: "pension_assignments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_pension_assignments_ordinary_assessment_id",
                table: "pension_assignments",
                column: "ordinary_assessment_id");

            migrationBuilder.CreateIndex(
                name: "ix_pension_assignments_payer_id_fiscal_year_pension_no",
                table: "pension_assignments",
                columns: new[] { "payer_id", "fiscal_year", "pension_no" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pension_assignments_pensioner_taxpayer_id",
                table: "pension_assignments",
                column: "pensioner_taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_pension_payers_payer_code",
                table: "pension_payers",
                column: "payer_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pension_payers_taxpayer_id",
                table: "pension_payers",
                column: "taxpayer_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pension_remittance_lines_assignment_id_month_no",
                table: "pension_remittance_lines",
                columns: new[] { "assignment_id", "month_no" });

            migrationBuilder.CreateIndex(
                name: "ix_pension_remittance_lines_payment_id",
                table: "pension_remittance_lines",
                column: "payment_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pension_month_amounts");

            migrationBuilder.DropTable(
                name: "pension_remittance_lines");

            migrationBuilder.DropTable(
                name: "pension_assignments");

            migrationBuilder.DropTable(
                name: "pension_payers");
        }
    }
}
