using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class H15distribEnforcement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "claims_for_distribution",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<long>(type: "INTEGER", nullable: false),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<short>(type: "INTEGER", nullable: false),
                    body_kind = table.Column<short>(type: "INTEGER", nullable: false),
                    body_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    procedure_ref = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    property = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    sent_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    received_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ended_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    end_reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    document_id = table.Column<long>(type: "INTEGER", nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claims_for_distribution", x => x.id);
                    table.ForeignKey(
                        name: "fk_claims_for_distribution_collection_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "collection_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_claims_for_distribution_issued_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "issued_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_claims_for_distribution_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "enforcement_costs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<long>(type: "INTEGER", nullable: false),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    incurred_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enforcement_costs", x => x.id);
                    table.ForeignKey(
                        name: "fk_enforcement_costs_collection_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "collection_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_enforcement_costs_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "enforcement_notices",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<long>(type: "INTEGER", nullable: false),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<short>(type: "INTEGER", nullable: false),
                    installment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    new_due_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    amount = table.Column<long>(type: "INTEGER", nullable: true),
                    ground = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    document_id = table.Column<long>(type: "INTEGER", nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enforcement_notices", x => x.id);
                    table.ForeignKey(
                        name: "fk_enforcement_notices_collection_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "collection_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_enforcement_notices_installments_installment_id",
                        column: x => x.installment_id,
                        principalTable: "installments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_enforcement_notices_issued_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "issued_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "insolvencies",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<long>(type: "INTEGER", nullable: false),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<short>(type: "INTEGER", nullable: false),
                    decision_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    court = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    case_ref = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    trustee = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    discharged_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    dissolved_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_insolvencies", x => x.id);
                    table.ForeignKey(
                        name: "fk_insolvencies_collection_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "collection_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_insolvencies_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "public_sales",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<long>(type: "INTEGER", nullable: false),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    seizure_id = table.Column<long>(type: "INTEGER", nullable: true),
                    property = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    estimated_price = table.Column<long>(type: "INTEGER", nullable: false),
                    notice_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    sale_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    deposit = table.Column<long>(type: "INTEGER", nullable: false),
                    decided_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    buyer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    price = table.Column<long>(type: "INTEGER", nullable: true),
                    payment_deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    paid_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    registration_requested_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_public_sales", x => x.id);
                    table.ForeignKey(
                        name: "fk_public_sales_collection_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "collection_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_public_sales_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "claim_for_distribution_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    claim_for_distribution_id = table.Column<long>(type: "INTEGER", nullable: false),
                    installment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    principal = table.Column<long>(type: "INTEGER", nullable: false),
                    reminder_fee = table.Column<long>(type: "INTEGER", nullable: false),
                    late_fee = table.Column<long>(type: "INTEGER", nullable: false),
                    claim_event_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_for_distribution_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_claim_for_distribution_lines_claim_events_claim_event_id",
                        column: x => x.claim_event_id,
                        principalTable: "claim_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_claim_for_distribution_lines_claims_for_distribution_claim_for_distribution_id",
                        column: x => x.claim_for_distribution_id,
                        principalTable: "claims_for_distribution",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_claim_for_distribution_lines_installments_installment_id",
                        column: x => x.installment_id,
                        principalTable: "installments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "distributions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<long>(type: "INTEGER", nullable: false),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    public_sale_id = table.Column<long>(type: "INTEGER", nullable: true),
                    proceeds = table.Column<long>(type: "INTEGER", nullable: false),
                    costs = table.Column<long>(type: "INTEGER", nullable: false),
                    city_share = table.Column<long>(type: "INTEGER", nullable: false),
                    surplus = table.Column<long>(type: "INTEGER", nullable: false),
                    statement_json = table.Column<string>(type: "TEXT", nullable: false),
                    sent_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    distribute_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    executed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    document_id = table.Column<long>(type: "INTEGER", nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_distributions", x => x.id);
                    table.ForeignKey(
                        name: "fk_distributions_collection_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "collection_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_distributions_issued_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "issued_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_distributions_public_sales_public_sale_id",
                        column: x => x.public_sale_id,
                        principalTable: "public_sales",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_distributions_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "enforcement_appeals",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<long>(type: "INTEGER", nullable: false),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    public_sale_id = table.Column<long>(type: "INTEGER", nullable: true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    filed_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    decided_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enforcement_appeals", x => x.id);
                    table.ForeignKey(
                        name: "fk_enforcement_appeals_collection_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "collection_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_enforcement_appeals_public_sales_public_sale_id",
                        column: x => x.public_sale_id,
                        principalTable: "public_sales",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_enforcement_appeals_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "distribution_receipts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<long>(type: "INTEGER", nullable: false),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    claim_for_distribution_id = table.Column<long>(type: "INTEGER", nullable: true),
                    distribution_id = table.Column<long>(type: "INTEGER", nullable: true),
                    source_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    received_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    to_costs = table.Column<long>(type: "INTEGER", nullable: false),
                    to_claims = table.Column<long>(type: "INTEGER", nullable: false),
                    overpaid = table.Column<long>(type: "INTEGER", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_distribution_receipts", x => x.id);
                    table.ForeignKey(
                        name: "fk_distribution_receipts_claims_for_distribution_claim_for_distribution_id",
                        column: x => x.claim_for_distribution_id,
                        principalTable: "claims_for_distribution",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_distribution_receipts_collection_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "collection_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_distribution_receipts_distributions_distribution_id",
                        column: x => x.distribution_id,
                        principalTable: "distributions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_distribution_receipts_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_claim_for_distribution_lines_claim_event_id",
                table: "claim_for_distribution_lines",
                column: "claim_event_id");

            migrationBuilder.CreateIndex(
                name: "ix_claim_for_distribution_lines_claim_for_distribution_id_installment_id",
                table: "claim_for_distribution_lines",
                columns: new[] { "claim_for_distribution_id", "installment_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_claim_for_distribution_lines_installment_id",
                table: "claim_for_distribution_lines",
                column: "installment_id");

            migrationBuilder.CreateIndex(
                name: "ix_claims_for_distribution_case_id",
                table: "claims_for_distribution",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_claims_for_distribution_document_id",
                table: "claims_for_distribution",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_claims_for_distribution_taxpayer_id",
                table: "claims_for_distribution",
                column: "taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_distribution_receipts_case_id",
                table: "distribution_receipts",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_distribution_receipts_claim_for_distribution_id",
                table: "distribution_receipts",
                column: "claim_for_distribution_id");

            migrationBuilder.CreateIndex(
                name: "ix_distribution_receipts_distribution_id",
                table: "distribution_receipts",
                column: "distribution_id");

            migrationBuilder.CreateIndex(
                name: "ix_distribution_receipts_source_key",
                table: "distribution_receipts",
                column: "source_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_distribution_receipts_taxpayer_id",
                table: "distribution_receipts",
                column: "taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_distributions_case_id",
                table: "distributions",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_distributions_document_id",
                table: "distributions",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_distributions_public_sale_id",
                table: "distributions",
                column: "public_sale_id");

            migrationBuilder.CreateIndex(
                name: "ix_distributions_taxpayer_id",
                table: "distributions",
                column: "taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_appeals_case_id",
                table: "enforcement_appeals",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_appeals_public_sale_id",
                table: "enforcement_appeals",
                column: "public_sale_id");

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_appeals_taxpayer_id",
                table: "enforcement_appeals",
                column: "taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_costs_case_id",
                table: "enforcement_costs",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_costs_taxpayer_id",
                table: "enforcement_costs",
                column: "taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_notices_case_id",
                table: "enforcement_notices",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_notices_document_id",
                table: "enforcement_notices",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_notices_installment_id",
                table: "enforcement_notices",
                column: "installment_id");

            migrationBuilder.CreateIndex(
                name: "ix_insolvencies_case_id",
                table: "insolvencies",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_insolvencies_taxpayer_id",
                table: "insolvencies",
                column: "taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_public_sales_case_id",
                table: "public_sales",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_public_sales_taxpayer_id",
                table: "public_sales",
                column: "taxpayer_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "claim_for_distribution_lines");

            migrationBuilder.DropTable(
                name: "distribution_receipts");

            migrationBuilder.DropTable(
                name: "enforcement_appeals");

            migrationBuilder.DropTable(
                name: "enforcement_costs");

            migrationBuilder.DropTable(
                name: "enforcement_notices");

            migrationBuilder.DropTable(
                name: "insolvencies");

            migrationBuilder.DropTable(
                name: "claims_for_distribution");

            migrationBuilder.DropTable(
                name: "distributions");

            migrationBuilder.DropTable(
                name: "public_sales");
        }
    }
}
