using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Choshu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Refunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "refund_transfers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    transfer_date = table.Column<DateOnly>(type: "date", nullable: false),
                    file_name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    file_path = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refund_transfers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "refunds",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    taxpayer_id = table.Column<long>(type: "bigint", nullable: false),
                    overpayment_id = table.Column<long>(type: "bigint", nullable: false),
                    installment_id = table.Column<long>(type: "bigint", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    draft_interest = table.Column<long>(type: "bigint", nullable: false),
                    interest = table.Column<long>(type: "bigint", nullable: true),
                    interest_from = table.Column<DateOnly>(type: "date", nullable: true),
                    claimed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    planned_decision_on = table.Column<DateOnly>(type: "date", nullable: false),
                    method = table.Column<short>(type: "smallint", nullable: false),
                    bank_code = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    bank_name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    branch_code = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    branch_name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    account_type = table.Column<short>(type: "smallint", nullable: true),
                    account_no = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    holder_kana = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    debit_account_id = table.Column<long>(type: "bigint", nullable: true),
                    third_party_requested = table.Column<bool>(type: "boolean", nullable: false),
                    drafted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    drafted_by_account_id = table.Column<long>(type: "bigint", nullable: true),
                    drafted_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    decided_on = table.Column<DateOnly>(type: "date", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decided_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    refund_entry_id = table.Column<long>(type: "bigint", nullable: true),
                    transfer_id = table.Column<long>(type: "bigint", nullable: true),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: true),
                    withdrawn_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    withdrawn_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "refunds");

            migrationBuilder.DropTable(
                name: "refund_transfers");
        }
    }
}
