using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class H13aLiabilities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "liabilities",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<short>(type: "INTEGER", nullable: false),
                    primary_taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    assessment_id = table.Column<long>(type: "INTEGER", nullable: true),
                    person_taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    share_numerator = table.Column<int>(type: "INTEGER", nullable: false),
                    share_denominator = table.Column<int>(type: "INTEGER", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    renounced = table.Column<bool>(type: "INTEGER", nullable: false),
                    limited_acceptance = table.Column<bool>(type: "INTEGER", nullable: false),
                    limit_amount = table.Column<long>(type: "INTEGER", nullable: true),
                    from_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    document_id = table.Column<long>(type: "INTEGER", nullable: true),
                    supersedes_id = table.Column<long>(type: "INTEGER", nullable: true),
                    case_event_id = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_liabilities", x => x.id);
                    table.ForeignKey(
                        name: "fk_liabilities_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_liabilities_case_events_case_event_id",
                        column: x => x.case_event_id,
                        principalTable: "case_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_liabilities_issued_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "issued_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_liabilities_liabilities_supersedes_id",
                        column: x => x.supersedes_id,
                        principalTable: "liabilities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_liabilities_taxpayers_person_taxpayer_id",
                        column: x => x.person_taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_liabilities_taxpayers_primary_taxpayer_id",
                        column: x => x.primary_taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_liabilities_assessment_id",
                table: "liabilities",
                column: "assessment_id");

            migrationBuilder.CreateIndex(
                name: "ix_liabilities_case_event_id",
                table: "liabilities",
                column: "case_event_id");

            migrationBuilder.CreateIndex(
                name: "ix_liabilities_document_id",
                table: "liabilities",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_liabilities_person_taxpayer_id",
                table: "liabilities",
                column: "person_taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_liabilities_primary_taxpayer_id",
                table: "liabilities",
                column: "primary_taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_liabilities_supersedes_id",
                table: "liabilities",
                column: "supersedes_id",
                unique: true);

            foreach (var sql in Sql.LiabilitiesSql.SqliteUp()) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Sql.LiabilitiesSql.SqliteDown()) migrationBuilder.Sql(sql);

            migrationBuilder.DropTable(
                name: "liabilities");
        }
    }
}
