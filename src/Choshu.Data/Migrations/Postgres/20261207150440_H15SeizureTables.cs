using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Choshu.Data.Migrations.Postgres
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<long>(type: "bigint", nullable: false),
                    taxpayer_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    state = table.Column<short>(type: "smallint", nullable: false),
                    seized_on = table.Column<DateOnly>(type: "date", nullable: false),
                    sent_on = table.Column<DateOnly>(type: "date", nullable: true),
                    arrived_on = table.Column<DateOnly>(type: "date", nullable: true),
                    third_party_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    third_party_address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    inquiry_answer_id = table.Column<long>(type: "bigint", nullable: true),
                    property = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    estimated_value = table.Column<long>(type: "bigint", nullable: true),
                    balance = table.Column<long>(type: "bigint", nullable: true),
                    protected_amount = table.Column<long>(type: "bigint", nullable: false),
                    protected_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    wage_input_json = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    collected = table.Column<long>(type: "bigint", nullable: false),
                    release_required_on = table.Column<DateOnly>(type: "date", nullable: true),
                    released_on = table.Column<DateOnly>(type: "date", nullable: true),
                    release_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    record_document_id = table.Column<long>(type: "bigint", nullable: true),
                    notice_document_id = table.Column<long>(type: "bigint", nullable: true),
                    release_document_id = table.Column<long>(type: "bigint", nullable: true),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    seizure_id = table.Column<long>(type: "bigint", nullable: false),
                    installment_id = table.Column<long>(type: "bigint", nullable: false),
                    principal = table.Column<long>(type: "bigint", nullable: false),
                    reminder_fee = table.Column<long>(type: "bigint", nullable: false),
                    late_fee = table.Column<long>(type: "bigint", nullable: false),
                    event_id = table.Column<long>(type: "bigint", nullable: true),
                    end_event_id = table.Column<long>(type: "bigint", nullable: true)
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    seizure_id = table.Column<long>(type: "bigint", nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    collected_on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    payment_ids = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
