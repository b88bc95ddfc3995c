using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Choshu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class H13bLateFeeWaivers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "late_fee_waiver_bases",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    tax_kind_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_late_fee_waiver_bases", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "late_fee_waivers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    installment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    mode = table.Column<short>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    period_from = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    period_to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    basis_code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    basis_text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    drafted_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    drafted_by_account_id = table.Column<long>(type: "INTEGER", nullable: true),
                    drafted_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    decided_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    decided_by_account_id = table.Column<long>(type: "INTEGER", nullable: true),
                    decided_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    entry_id = table.Column<long>(type: "INTEGER", nullable: true),
                    cancelled_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    cancelled_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    cancel_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    cancel_entry_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_late_fee_waivers", x => x.id);
                    table.ForeignKey(
                        name: "fk_late_fee_waivers_installments_installment_id",
                        column: x => x.installment_id,
                        principalTable: "installments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_late_fee_waivers_journal_entries_cancel_entry_id",
                        column: x => x.cancel_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_late_fee_waivers_journal_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "late_fee_waiver_bases",
                columns: new[] { "code", "sort_order", "tax_kind_code", "text" },
                values: new object[,]
                {
                    { "326-3", 1, null, "地方税法第326条第3項（市町村民税の延滞金の減免）" },
                    { "369-2", 2, "02", "地方税法第369条第2項（固定資産税の延滞金の減免）" },
                    { "463-24-2", 3, "03", "地方税法第463条の24第2項（軽自動車税種別割の延滞金の減免）" },
                    { "ordinance", 9, null, "市税条例の延滞金の減免の規定（やむを得ない理由）" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_late_fee_waivers_cancel_entry_id",
                table: "late_fee_waivers",
                column: "cancel_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_late_fee_waivers_entry_id",
                table: "late_fee_waivers",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_late_fee_waivers_installment_id",
                table: "late_fee_waivers",
                column: "installment_id");

            migrationBuilder.CreateIndex(
                name: "ix_late_fee_waivers_taxpayer_id",
                table: "late_fee_waivers",
                column: "taxpayer_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "late_fee_waiver_bases");

            migrationBuilder.DropTable(
                name: "late_fee_waivers");
        }
    }
}
