using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Choshu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CounterDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "business_days",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    closed = table.Column<bool>(type: "boolean", nullable: false),
                    closed_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    report_json = table.Column<string>(type: "text", nullable: true),
                    closed_total = table.Column<long>(type: "bigint", nullable: false),
                    closed_count = table.Column<int>(type: "integer", nullable: false),
                    reopened_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    reopened_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reopen_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_days", x => x.day);
                });

            migrationBuilder.CreateTable(
                name: "counter_receipts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    receipt_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    payer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    taxpayer_id = table.Column<long>(type: "bigint", nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    total = table.Column<long>(type: "bigint", nullable: false),
                    tendered = table.Column<long>(type: "bigint", nullable: false),
                    change = table.Column<long>(type: "bigint", nullable: false),
                    overpayment_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    print_count = table.Column<int>(type: "integer", nullable: false),
                    last_printed_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                name: "counter_receipt_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    receipt_id = table.Column<long>(type: "bigint", nullable: false),
                    line_no = table.Column<short>(type: "smallint", nullable: false),
                    payment_id = table.Column<long>(type: "bigint", nullable: false),
                    installment_id = table.Column<long>(type: "bigint", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "business_days");

            migrationBuilder.DropTable(
                name: "counter_receipt_lines");

            migrationBuilder.DropTable(
                name: "counter_receipts");
        }
    }
}
