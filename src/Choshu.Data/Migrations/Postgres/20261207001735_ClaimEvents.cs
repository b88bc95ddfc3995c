using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Choshu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClaimEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "statutory_due_date",
                table: "installments",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // Existing installments are ordinary ones: 法定納期限 = 納期限 (hand-written SQL, kept apart for regeneration).
            Sql.ClaimEventsSql.FillStatutoryDueDates(migrationBuilder);

            migrationBuilder.CreateTable(
                name: "issued_documents",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    template = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    template_version = table.Column<int>(type: "integer", nullable: false),
                    taxpayer_id = table.Column<long>(type: "bigint", nullable: true),
                    installment_id = table.Column<long>(type: "bigint", nullable: true),
                    data_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    file_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    run_id = table.Column<long>(type: "bigint", nullable: true),
                    reprint_of_id = table.Column<long>(type: "bigint", nullable: true),
                    actor_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    account_id = table.Column<long>(type: "bigint", nullable: true),
                    issued_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_issued_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_issued_documents_installments_installment_id",
                        column: x => x.installment_id,
                        principalTable: "installments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_issued_documents_issued_documents_reprint_of_id",
                        column: x => x.reprint_of_id,
                        principalTable: "issued_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_issued_documents_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "claim_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    installment_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    arrived_on = table.Column<DateOnly>(type: "date", nullable: true),
                    delivery = table.Column<short>(type: "smallint", nullable: true),
                    ground = table.Column<short>(type: "smallint", nullable: true),
                    reverses_event_id = table.Column<long>(type: "bigint", nullable: true),
                    document_id = table.Column<long>(type: "bigint", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_claim_events_claim_events_reverses_event_id",
                        column: x => x.reverses_event_id,
                        principalTable: "claim_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_claim_events_installments_installment_id",
                        column: x => x.installment_id,
                        principalTable: "installments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_claim_events_issued_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "issued_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_claim_events_document_id",
                table: "claim_events",
                column: "document_id",
                filter: "document_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_claim_events_idempotency_key",
                table: "claim_events",
                column: "idempotency_key",
                unique: true,
                filter: "idempotency_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_claim_events_installment_id",
                table: "claim_events",
                column: "installment_id");

            migrationBuilder.CreateIndex(
                name: "ix_claim_events_reverses_event_id",
                table: "claim_events",
                column: "reverses_event_id",
                filter: "reverses_event_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_installment_id",
                table: "issued_documents",
                column: "installment_id");

            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_reprint_of_id",
                table: "issued_documents",
                column: "reprint_of_id");

            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_run_id",
                table: "issued_documents",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_taxpayer_id",
                table: "issued_documents",
                column: "taxpayer_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "claim_events");

            migrationBuilder.DropTable(
                name: "issued_documents");

            migrationBuilder.DropColumn(
                name: "statutory_due_date",
                table: "installments");
        }
    }
}
