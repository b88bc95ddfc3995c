using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class H15SeizureTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "seizures",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<long>(type: "INTEGER", nullable: false),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<short>(type: "INTEGER", nullable: false),
                    state = table.Column<short>(type: "INTEGER", nullable: false),
                    seized_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    sent_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    arrived_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    third_party_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    third_party_address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    inquiry_answer_id = table.Column<long>(type: "INTEGER", nullable: true),
                    property = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    estimated_value = table.Column<long>(type: "INTEGER", nullable: true),
                    balance = table.Column<long>(type: "INTEGER", nullable: true),
                    protected_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    protected_note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    wage_input_json = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    collected = table.Column<long>(type: "INTEGER", nullable: false),
                    release_required_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    released_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    release_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ended_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    record_document_id = table.Column<long>(type: "INTEGER", nullable: true),
                    notice_document_id = table.Column<long>(type: "INTEGER", nullable: true),
                    release_document_id = table.Column<long>(type: "INTEGER", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seizures", x => x.id);
                    table.ForeignKey(
                        name: "fk_seizures_collection_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "collection_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_seizures_issued_documents_notice_document_id",
                        column: x => x.notice_document_id,
                        principalTable: "issued_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_seizures_issued_documents_record_document_id",
                        column: x => x.record_document_id,
                        principalTable: "issued_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_seizures_issued_documents_release_document_id",
                        column: x => x.release_document_id,
                        principalTable: "issued_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "seizure_claims",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    seizure_id = table.Column<long>(type: "INTEGER", nullable: false),
                    installment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    principal = table.Column<long>(type: "INTEGER", nullable: false),
                    reminder_fee = table.Column<long>(type: "INTEGER", nullable: false),
                    late_fee = table.Column<long>(type: "INTEGER", nullable: false),
                    event_id = table.Column<long>(type: "INTEGER", nullable: true),
                    end_event_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seizure_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_seizure_claims_installments_installment_id",
                        column: x => x.installment_id,
                        principalTable: "installments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_seizure_claims_seizures_seizure_id",
                        column: x => x.seizure_id,
                        principalTable: "seizures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "seizure_recoveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    seizure_id = table.Column<long>(type: "INTEGER", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    collected_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    payment_ids = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seizure_recoveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_seizure_recoveries_seizures_seizure_id",
                        column: x => x.seizure_id,
                        principalTable: "seizures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_seizure_claims_installment_id",
                table: "seizure_claims",
                column: "installment_id");

            migrationBuilder.CreateIndex(
                name: "ix_seizure_claims_seizure_id_installment_id",
                table: "seizure_claims",
                columns: new[] { "seizure_id", "installment_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_seizure_recoveries_key",
                table: "seizure_recoveries",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_seizure_recoveries_seizure_id",
                table: "seizure_recoveries",
                column: "seizure_id");

            migrationBuilder.CreateIndex(
                name: "ix_seizures_case_id",
                table: "seizures",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_seizures_notice_document_id",
                table: "seizures",
                column: "notice_document_id");

            migrationBuilder.CreateIndex(
                name: "ix_seizures_record_document_id",
                table: "seizures",
                column: "record_document_id");

            migrationBuilder.CreateIndex(
                name: "ix_seizures_release_document_id",
                table: "seizures",
                column: "release_document_id");

            migrationBuilder.CreateIndex(
                name: "ix_seizures_state",
                table: "seizures",
                column: "state");

            migrationBuilder.CreateIndex(
                name: "ix_seizures_taxpayer_id",
                table: "seizures",
                column: "taxpayer_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "seizure_claims");

            migrationBuilder.DropTable(
                name: "seizure_recoveries");

            migrationBuilder.DropTable(
                name: "seizures");
        }
    }
}
