using System;
using Choshu.Data.Migrations.Sql;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Choshu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OverpaymentAccount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The overpayments move into the journal's overpayment account before their table goes (SQL in OverpaymentAccountSql).
            migrationBuilder.Sql(OverpaymentAccountSql.MoveRows);
            migrationBuilder.Sql(OverpaymentAccountSql.MoveCancellations);

            migrationBuilder.DropTable(
                name: "overpayments");

            migrationBuilder.AddColumn<long>(
                name: "linked_entry_id",
                table: "journal_entries",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_linked_entry_id",
                table: "journal_entries",
                column: "linked_entry_id",
                filter: "linked_entry_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_overpayment_account",
                table: "journal_entries",
                column: "installment_id",
                filter: "component = 4");

            migrationBuilder.AddForeignKey(
                name: "fk_journal_entries_journal_entries_linked_entry_id",
                table: "journal_entries",
                column: "linked_entry_id",
                principalTable: "journal_entries",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // overpayments is now a view of the journal.
            migrationBuilder.Sql(OverpaymentAccountSql.CreateView);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(OverpaymentAccountSql.DropView);

            migrationBuilder.CreateTable(
                name: "overpayments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    arose_on = table.Column<DateOnly>(type: "date", nullable: false),
                    cancelled_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    installment_id = table.Column<long>(type: "bigint", nullable: true),
                    payment_id = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<short>(type: "smallint", nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    taxpayer_id = table.Column<long>(type: "bigint", nullable: false)
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

            migrationBuilder.Sql(OverpaymentAccountSql.RestoreRows);
            foreach (var sql in OverpaymentAccountSql.RemoveEntries)
                migrationBuilder.Sql(sql);

            migrationBuilder.DropForeignKey(
                name: "fk_journal_entries_journal_entries_linked_entry_id",
                table: "journal_entries");

            migrationBuilder.DropIndex(
                name: "ix_journal_entries_linked_entry_id",
                table: "journal_entries");

            migrationBuilder.DropIndex(
                name: "ix_journal_entries_overpayment_account",
                table: "journal_entries");

            migrationBuilder.DropColumn(
                name: "linked_entry_id",
                table: "journal_entries");
        }
    }
}
