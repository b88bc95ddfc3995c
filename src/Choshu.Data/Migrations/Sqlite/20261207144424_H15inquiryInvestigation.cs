using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class H15inquiryInvestigation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inquiry_targets",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<short>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    bank_code = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    branch_code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    branch_name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    corporate_no = table.Column<string>(type: "TEXT", maxLength: 13, nullable: true),
                    postal_code = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    address = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    contact = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inquiry_targets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inquiries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<long>(type: "INTEGER", nullable: false),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    target_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<short>(type: "INTEGER", nullable: false),
                    status = table.Column<short>(type: "INTEGER", nullable: false),
                    recorded_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    sent_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    answered_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    sent_by = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    run_key = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    document_id = table.Column<long>(type: "INTEGER", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inquiries", x => x.id);
                    table.ForeignKey(
                        name: "fk_inquiries_collection_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "collection_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inquiries_inquiry_targets_target_id",
                        column: x => x.target_id,
                        principalTable: "inquiry_targets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inquiries_issued_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "issued_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inquiries_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inquiry_answers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    inquiry_id = table.Column<long>(type: "INTEGER", nullable: false),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    asset_kind = table.Column<short>(type: "INTEGER", nullable: false),
                    answered_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    bank_code = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    branch_code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    account_type = table.Column<short>(type: "INTEGER", nullable: true),
                    account_no = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    holder = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    balance = table.Column<long>(type: "INTEGER", nullable: true),
                    payer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    gross = table.Column<long>(type: "INTEGER", nullable: true),
                    deductions = table.Column<long>(type: "INTEGER", nullable: true),
                    pay_day = table.Column<short>(type: "INTEGER", nullable: true),
                    policy_no = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    surrender_value = table.Column<long>(type: "INTEGER", nullable: true),
                    location = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    property_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    area = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    owner_share = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    import_key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inquiry_answers", x => x.id);
                    table.ForeignKey(
                        name: "fk_inquiry_answers_inquiries_inquiry_id",
                        column: x => x.inquiry_id,
                        principalTable: "inquiries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inquiry_answers_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_case_id",
                table: "inquiries",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_document_id",
                table: "inquiries",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_run_key",
                table: "inquiries",
                column: "run_key");

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_status_due_on",
                table: "inquiries",
                columns: new[] { "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_target_id",
                table: "inquiries",
                column: "target_id");

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_taxpayer_id",
                table: "inquiries",
                column: "taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_inquiry_answers_import_key",
                table: "inquiry_answers",
                column: "import_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inquiry_answers_inquiry_id",
                table: "inquiry_answers",
                column: "inquiry_id");

            migrationBuilder.CreateIndex(
                name: "ix_inquiry_answers_taxpayer_id",
                table: "inquiry_answers",
                column: "taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_inquiry_targets_bank_code_branch_code",
                table: "inquiry_targets",
                columns: new[] { "bank_code", "branch_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inquiry_targets_kind",
                table: "inquiry_targets",
                column: "kind");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inquiry_answers");

            migrationBuilder.DropTable(
                name: "inquiries");

            migrationBuilder.DropTable(
                name: "inquiry_targets");
        }
    }
}
