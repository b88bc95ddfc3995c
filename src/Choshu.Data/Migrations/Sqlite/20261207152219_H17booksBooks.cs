using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Choshu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class H17booksBooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounting_handovers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    written_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    written_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    rows = table.Column<int>(type: "INTEGER", nullable: false),
                    received = table.Column<long>(type: "INTEGER", nullable: false),
                    refunded = table.Column<long>(type: "INTEGER", nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_handovers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "carry_forwards",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    closed_fiscal_year = table.Column<int>(type: "INTEGER", nullable: false),
                    run_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    installments = table.Column<int>(type: "INTEGER", nullable: false),
                    unpaid = table.Column<long>(type: "INTEGER", nullable: false),
                    reversed_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    reversed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    reversal_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_carry_forwards", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tax_kind_accounts",
                columns: table => new
                {
                    tax_kind_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    fund = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    kan = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    kou = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    moku = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    account_name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    late_fee_article = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tax_kind_accounts", x => x.tax_kind_code);
                    table.ForeignKey(
                        name: "fk_tax_kind_accounts_tax_kinds_tax_kind_code",
                        column: x => x.tax_kind_code,
                        principalTable: "tax_kinds",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "carry_forward_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    carry_forward_id = table.Column<long>(type: "INTEGER", nullable: false),
                    tax_kind_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    claim_fiscal_year = table.Column<int>(type: "INTEGER", nullable: false),
                    current = table.Column<bool>(type: "INTEGER", nullable: false),
                    installments = table.Column<int>(type: "INTEGER", nullable: false),
                    assessed = table.Column<long>(type: "INTEGER", nullable: false),
                    collected = table.Column<long>(type: "INTEGER", nullable: false),
                    written_off = table.Column<long>(type: "INTEGER", nullable: false),
                    unpaid = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_carry_forward_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_carry_forward_lines_carry_forwards_carry_forward_id",
                        column: x => x.carry_forward_id,
                        principalTable: "carry_forwards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "tax_kind_accounts",
                columns: new[] { "tax_kind_code", "account_name", "fund", "kan", "kou", "late_fee_article", "moku" },
                values: new object[,]
                {
                    { "01", "市税 市民税 個人", "01", "01", "01", "地方税法第326条", "01" },
                    { "02", "市税 固定資産税 固定資産税", "01", "01", "02", "地方税法第369条", "01" },
                    { "03", "市税 軽自動車税 種別割", "01", "01", "03", "地方税法第463条の24", "01" },
                    { "04", "市税 市民税 法人", "01", "01", "01", "地方税法第326条", "02" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_accounting_handovers_day",
                table: "accounting_handovers",
                column: "day",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_carry_forward_lines_carry_forward_id",
                table: "carry_forward_lines",
                column: "carry_forward_id");

            migrationBuilder.CreateIndex(
                name: "ix_carry_forwards_closed_fiscal_year",
                table: "carry_forwards",
                column: "closed_fiscal_year",
                unique: true,
                filter: "reversed_at_utc IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounting_handovers");

            migrationBuilder.DropTable(
                name: "carry_forward_lines");

            migrationBuilder.DropTable(
                name: "tax_kind_accounts");

            migrationBuilder.DropTable(
                name: "carry_forwards");
        }
    }
}
