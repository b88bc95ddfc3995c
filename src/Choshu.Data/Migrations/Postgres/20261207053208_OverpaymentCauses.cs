using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OverpaymentCauses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "overpayment_causes",
                columns: table => new
                {
                    journal_entry_id = table.Column<long>(type: "bigint", nullable: false),
                    cause = table.Column<short>(type: "smallint", nullable: false),
                    requested_on = table.Column<DateOnly>(type: "date", nullable: true),
                    corrected_on = table.Column<DateOnly>(type: "date", nullable: true),
                    income_tax_notice_on = table.Column<DateOnly>(type: "date", nullable: true)
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

            migrationBuilder.Sql(Sql.OverpaymentAccountSql.DropView);
            migrationBuilder.Sql(Sql.OverpaymentCausesSql.CreateView);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Sql.OverpaymentAccountSql.DropView);
            migrationBuilder.Sql(Sql.OverpaymentAccountSql.CreateView);
            migrationBuilder.DropTable(
                name: "overpayment_causes");
        }
    }
}
