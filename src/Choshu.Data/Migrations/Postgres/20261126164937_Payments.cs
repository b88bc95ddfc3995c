using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Choshu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Payments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_journal_entries_idempotency_key",
                table: "journal_entries");

            migrationBuilder.DropIndex(
                name: "ix_journal_entries_import_file_id",
                table: "journal_entries");

            migrationBuilder.DropIndex(
                name: "ix_journal_entries_reverses_entry_id",
                table: "journal_entries");

            migrationBuilder.AddColumn<long>(
                name: "payment_id",
                table: "journal_entries",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "debit_failures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    installment_id = table.Column<long>(type: "bigint", nullable: true),
                    customer_no = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    debit_date = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    result_code = table.Column<short>(type: "smallint", nullable: false),
                    source_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    import_file_id = table.Column<long>(type: "bigint", nullable: false),
                    source_line = table.Column<int>(type: "integer", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_debit_failures", x => x.id);
                    table.ForeignKey(
                        name: "fk_debit_failures_import_files_import_file_id",
                        column: x => x.import_file_id,
                        principalTable: "import_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_debit_failures_installments_installment_id",
                        column: x => x.installment_id,
                        principalTable: "installments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "direct_debit_accounts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    taxpayer_id = table.Column<long>(type: "bigint", nullable: false),
                    tax_kind_code = table.Column<string>(type: "character varying(2)", nullable: false),
                    bank_code = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    branch_code = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    account_type = table.Column<short>(type: "smallint", nullable: false),
                    account_no = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    holder_kana = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    recorded_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_direct_debit_accounts", x => x.id);
                    table.ForeignKey(
                        name: "fk_direct_debit_accounts_tax_kinds_tax_kind_code",
                        column: x => x.tax_kind_code,
                        principalTable: "tax_kinds",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_direct_debit_accounts_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    channel = table.Column<short>(type: "smallint", nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    raw_key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    installment_id = table.Column<long>(type: "bigint", nullable: true),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: true),
                    source_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    import_file_id = table.Column<long>(type: "bigint", nullable: true),
                    source_line = table.Column<int>(type: "integer", nullable: true),
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    raw_record = table.Column<string>(type: "text", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status_changed_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    status_changed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    status_reason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments", x => x.id);
                    table.ForeignKey(
                        name: "fk_payments_import_files_import_file_id",
                        column: x => x.import_file_id,
                        principalTable: "import_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payments_installments_installment_id",
                        column: x => x.installment_id,
                        principalTable: "installments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "settings",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "text", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settings", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "overpayments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    payment_id = table.Column<long>(type: "bigint", nullable: false),
                    taxpayer_id = table.Column<long>(type: "bigint", nullable: false),
                    installment_id = table.Column<long>(type: "bigint", nullable: true),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<short>(type: "smallint", nullable: false),
                    arose_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    cancelled_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_overpayments", x => x.id);
                    table.ForeignKey(
                        name: "fk_overpayments_installments_installment_id",
                        column: x => x.installment_id,
                        principalTable: "installments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_overpayments_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_overpayments_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_idempotency_key",
                table: "journal_entries",
                column: "idempotency_key",
                unique: true,
                filter: "idempotency_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_import_file_id",
                table: "journal_entries",
                column: "import_file_id",
                filter: "import_file_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_payment_id",
                table: "journal_entries",
                column: "payment_id",
                filter: "payment_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_reverses_entry_id",
                table: "journal_entries",
                column: "reverses_entry_id",
                filter: "reverses_entry_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_debit_failures_debit_date_result_code",
                table: "debit_failures",
                columns: new[] { "debit_date", "result_code" });

            migrationBuilder.CreateIndex(
                name: "ix_debit_failures_idempotency_key",
                table: "debit_failures",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_debit_failures_import_file_id",
                table: "debit_failures",
                column: "import_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_debit_failures_installment_id",
                table: "debit_failures",
                column: "installment_id");

            migrationBuilder.CreateIndex(
                name: "ix_direct_debit_accounts_tax_kind_code",
                table: "direct_debit_accounts",
                column: "tax_kind_code");

            migrationBuilder.CreateIndex(
                name: "ix_direct_debit_accounts_taxpayer_id_tax_kind_code",
                table: "direct_debit_accounts",
                columns: new[] { "taxpayer_id", "tax_kind_code" });

            migrationBuilder.CreateIndex(
                name: "ix_overpayments_installment_id",
                table: "overpayments",
                column: "installment_id");

            migrationBuilder.CreateIndex(
                name: "ix_overpayments_payment_id",
                table: "overpayments",
                column: "payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_overpayments_taxpayer_id",
                table: "overpayments",
                column: "taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_idempotency_key",
                table: "payments",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_import_file_id",
                table: "payments",
                column: "import_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_installment_id",
                table: "payments",
                column: "installment_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_received_on",
                table: "payments",
                column: "received_on");

            migrationBuilder.CreateIndex(
                name: "ix_payments_status_paid_on",
                table: "payments",
                columns: new[] { "status", "paid_on" });

            migrationBuilder.AddForeignKey(
                name: "fk_journal_entries_payments_payment_id",
                table: "journal_entries",
                column: "payment_id",
                principalTable: "payments",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_journal_entries_payments_payment_id",
                table: "journal_entries");

            migrationBuilder.DropTable(
                name: "debit_failures");

            migrationBuilder.DropTable(
                name: "direct_debit_accounts");

            migrationBuilder.DropTable(
                name: "overpayments");

            migrationBuilder.DropTable(
                name: "settings");

            migrationBuilder.DropTable(
                name: "payments");

            migrationBuilder.DropIndex(
                name: "ix_journal_entries_idempotency_key",
                table: "journal_entries");

            migrationBuilder.DropIndex(
                name: "ix_journal_entries_import_file_id",
                table: "journal_entries");

            migrationBuilder.DropIndex(
                name: "ix_journal_entries_payment_id",
                table: "journal_entries");

            migrationBuilder.DropIndex(
                name: "ix_journal_entries_reverses_entry_id",
                table: "journal_entries");

            migrationBuilder.DropColumn(
                name: "payment_id",
                table: "journal_entries");

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_idempotency_key",
                table: "journal_entries",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_import_file_id",
                table: "journal_entries",
                column: "import_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_reverses_entry_id",
                table: "journal_entries",
                column: "reverses_entry_id");
        }
    }
}
