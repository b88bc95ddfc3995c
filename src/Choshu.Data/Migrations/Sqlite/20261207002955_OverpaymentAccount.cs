using System;
using Choshu.Data.Migrations.Sql;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Sqlite
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

            // SQLite adds a column with its foreign key in place (ALTER TABLE … REFERENCES): EF would rebuild journal_entries
            // for AddForeignKey, after every other operation of the migration, and the view below would stop the rebuild.
            migrationBuilder.Sql(OverpaymentAccountSql.SqliteAddLinkedEntryId);

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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    arose_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    cancelled_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    installment_id = table.Column<long>(type: "INTEGER", nullable: true),
                    payment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    reason = table.Column<short>(type: "INTEGER", nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false)
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
