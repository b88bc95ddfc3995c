using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Sqlite
{
    /// <summary>
    /// The tables and columns of the counter and day close, certificates, 課・係 names and phone numbers, refund interest
    /// rates, overpayment causes and refunds: one migration made against the merged model (the branches' own migrations
    /// interleaved, and SQLite could not roll back through them). The overpayments view is dropped before it
    /// (<see cref="OverpaymentsViewDropped"/>) and made again after it (<see cref="OverpaymentsViewWithCause"/>).
    /// </summary>
    public partial class CountersCertificatesRefunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "phone_number",
                table: "taxpayers",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "search_phone",
                table: "taxpayers",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phone_number",
                table: "taxpayer_versions",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "vehicle_no",
                table: "assessments",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "business_days",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    closed = table.Column<bool>(type: "INTEGER", nullable: false),
                    closed_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    closed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    report_json = table.Column<string>(type: "TEXT", nullable: true),
                    closed_total = table.Column<long>(type: "INTEGER", nullable: false),
                    closed_count = table.Column<int>(type: "INTEGER", nullable: false),
                    reopened_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    reopened_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    reopen_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_days", x => x.day);
                });

            migrationBuilder.CreateTable(
                name: "certificates",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    verification_no = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    kind = table.Column<short>(type: "INTEGER", nullable: false),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    document_id = table.Column<long>(type: "INTEGER", nullable: false),
                    issued_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    covers_up_to = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    years = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    vehicle_no = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    copies = table.Column<int>(type: "INTEGER", nullable: false),
                    requester = table.Column<short>(type: "INTEGER", nullable: false),
                    requester_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    fee = table.Column<long>(type: "INTEGER", nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    account_id = table.Column<long>(type: "INTEGER", nullable: true),
                    issued_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certificates", x => x.id);
                    table.ForeignKey(
                        name: "fk_certificates_issued_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "issued_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_certificates_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "counter_receipts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    receipt_no = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    payer_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    paid_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    received_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    total = table.Column<long>(type: "INTEGER", nullable: false),
                    tendered = table.Column<long>(type: "INTEGER", nullable: false),
                    change = table.Column<long>(type: "INTEGER", nullable: false),
                    overpayment_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    print_count = table.Column<int>(type: "INTEGER", nullable: false),
                    last_printed_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_counter_receipts", x => x.id);
                    table.ForeignKey(
                        name: "fk_counter_receipts_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "org_unit_names",
                columns: table => new
                {
                    department_code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    section_code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_org_unit_names", x => new { x.department_code, x.section_code });
                });

            migrationBuilder.CreateTable(
                name: "overpayment_causes",
                columns: table => new
                {
                    journal_entry_id = table.Column<long>(type: "INTEGER", nullable: false),
                    cause = table.Column<short>(type: "INTEGER", nullable: false),
                    requested_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    corrected_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    income_tax_notice_on = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_overpayment_causes", x => x.journal_entry_id);
                    table.ForeignKey(
                        name: "fk_overpayment_causes_journal_entries_journal_entry_id",
                        column: x => x.journal_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "refund_interest_rates",
                columns: table => new
                {
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    basis_points = table.Column<int>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refund_interest_rates", x => x.year);
                });

            migrationBuilder.CreateTable(
                name: "refund_transfers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    transfer_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    file_path = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refund_transfers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "transfer_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    data_release_id = table.Column<long>(type: "INTEGER", nullable: false),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    item_key = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transfer_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_transfer_items_data_releases_data_release_id",
                        column: x => x.data_release_id,
                        principalTable: "data_releases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_transfer_items_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "counter_receipt_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    receipt_id = table.Column<long>(type: "INTEGER", nullable: false),
                    line_no = table.Column<short>(type: "INTEGER", nullable: false),
                    payment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    installment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_counter_receipt_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_counter_receipt_lines_counter_receipts_receipt_id",
                        column: x => x.receipt_id,
                        principalTable: "counter_receipts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_counter_receipt_lines_installments_installment_id",
                        column: x => x.installment_id,
                        principalTable: "installments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_counter_receipt_lines_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "refunds",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    overpayment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    installment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    draft_interest = table.Column<long>(type: "INTEGER", nullable: false),
                    interest = table.Column<long>(type: "INTEGER", nullable: true),
                    earned_interest = table.Column<long>(type: "INTEGER", nullable: false),
                    interest_from = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    claimed_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    notified_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    planned_decision_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    method = table.Column<short>(type: "INTEGER", nullable: false),
                    bank_code = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    bank_name = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    branch_code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    branch_name = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    account_type = table.Column<short>(type: "INTEGER", nullable: true),
                    account_no = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    holder_kana = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    debit_account_id = table.Column<long>(type: "INTEGER", nullable: true),
                    third_party_requested = table.Column<bool>(type: "INTEGER", nullable: false),
                    drafted_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    drafted_by_account_id = table.Column<long>(type: "INTEGER", nullable: true),
                    drafted_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    decided_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    decided_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    refund_entry_id = table.Column<long>(type: "INTEGER", nullable: true),
                    transfer_id = table.Column<long>(type: "INTEGER", nullable: true),
                    paid_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    withdrawn_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    withdrawn_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refunds", x => x.id);
                    table.ForeignKey(
                        name: "fk_refunds_direct_debit_accounts_debit_account_id",
                        column: x => x.debit_account_id,
                        principalTable: "direct_debit_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_refunds_installments_installment_id",
                        column: x => x.installment_id,
                        principalTable: "installments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_refunds_journal_entries_overpayment_id",
                        column: x => x.overpayment_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_refunds_journal_entries_refund_entry_id",
                        column: x => x.refund_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_refunds_refund_transfers_transfer_id",
                        column: x => x.transfer_id,
                        principalTable: "refund_transfers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_refunds_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_taxpayers_corporate_number",
                table: "taxpayers",
                column: "corporate_number");

            migrationBuilder.CreateIndex(
                name: "ix_taxpayers_search_phone",
                table: "taxpayers",
                column: "search_phone");

            migrationBuilder.CreateIndex(
                name: "ix_assessments_vehicle_no",
                table: "assessments",
                column: "vehicle_no",
                filter: "vehicle_no IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_certificates_document_id",
                table: "certificates",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_certificates_taxpayer_id",
                table: "certificates",
                column: "taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_certificates_verification_no",
                table: "certificates",
                column: "verification_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_counter_receipt_lines_installment_id",
                table: "counter_receipt_lines",
                column: "installment_id");

            migrationBuilder.CreateIndex(
                name: "ix_counter_receipt_lines_payment_id",
                table: "counter_receipt_lines",
                column: "payment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_counter_receipt_lines_receipt_id_line_no",
                table: "counter_receipt_lines",
                columns: new[] { "receipt_id", "line_no" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_counter_receipts_receipt_no",
                table: "counter_receipts",
                column: "receipt_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_counter_receipts_received_on",
                table: "counter_receipts",
                column: "received_on");

            migrationBuilder.CreateIndex(
                name: "ix_counter_receipts_taxpayer_id",
                table: "counter_receipts",
                column: "taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_refund_transfers_transfer_date",
                table: "refund_transfers",
                column: "transfer_date");

            migrationBuilder.CreateIndex(
                name: "ix_refunds_debit_account_id",
                table: "refunds",
                column: "debit_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_refunds_installment_id",
                table: "refunds",
                column: "installment_id");

            migrationBuilder.CreateIndex(
                name: "ix_refunds_overpayment_id",
                table: "refunds",
                column: "overpayment_id");

            migrationBuilder.CreateIndex(
                name: "ix_refunds_refund_entry_id",
                table: "refunds",
                column: "refund_entry_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_refunds_taxpayer_id",
                table: "refunds",
                column: "taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_refunds_transfer_id",
                table: "refunds",
                column: "transfer_id");

            migrationBuilder.CreateIndex(
                name: "ix_transfer_items_data_release_id",
                table: "transfer_items",
                column: "data_release_id");

            migrationBuilder.CreateIndex(
                name: "ix_transfer_items_taxpayer_id_data_release_id",
                table: "transfer_items",
                columns: new[] { "taxpayer_id", "data_release_id" });

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "business_days");

            migrationBuilder.DropTable(
                name: "certificates");

            migrationBuilder.DropTable(
                name: "counter_receipt_lines");

            migrationBuilder.DropTable(
                name: "org_unit_names");

            migrationBuilder.DropTable(
                name: "overpayment_causes");

            migrationBuilder.DropTable(
                name: "refund_interest_rates");

            migrationBuilder.DropTable(
                name: "refunds");

            migrationBuilder.DropTable(
                name: "transfer_items");

            migrationBuilder.DropTable(
                name: "counter_receipts");

            migrationBuilder.DropTable(
                name: "refund_transfers");

            migrationBuilder.DropIndex(
                name: "ix_taxpayers_corporate_number",
                table: "taxpayers");

            migrationBuilder.DropIndex(
                name: "ix_taxpayers_search_phone",
                table: "taxpayers");

            migrationBuilder.DropIndex(
                name: "ix_assessments_vehicle_no",
                table: "assessments");

            migrationBuilder.DropColumn(
                name: "phone_number",
                table: "taxpayers");

            migrationBuilder.DropColumn(
                name: "search_phone",
                table: "taxpayers");

            migrationBuilder.DropColumn(
                name: "phone_number",
                table: "taxpayer_versions");

            migrationBuilder.DropColumn(
                name: "vehicle_no",
                table: "assessments");
        }
    }
}
