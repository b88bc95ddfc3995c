using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class H15noticesNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "accelerated_due_date",
                table: "installments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "installment_id",
                table: "enforcement_notices",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<DateOnly>(
                name: "expires_on",
                table: "enforcement_notices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "original_due_on",
                table: "enforcement_notices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "subject",
                table: "enforcement_notices",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "notice_document_id",
                table: "claims_for_distribution",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_claims_for_distribution_notice_document_id",
                table: "claims_for_distribution",
                column: "notice_document_id");

            migrationBuilder.AddForeignKey(
                name: "fk_claims_for_distribution_issued_documents_notice_document_id",
                table: "claims_for_distribution",
                column: "notice_document_id",
                principalTable: "issued_documents",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_claims_for_distribution_issued_documents_notice_document_id",
                table: "claims_for_distribution");

            migrationBuilder.DropIndex(
                name: "ix_claims_for_distribution_notice_document_id",
                table: "claims_for_distribution");

            // Native DROP COLUMN, not EF's table rebuild: the view overpayments reads installments, and SQLite refuses the
            // rename of a rebuilt table a view depends on. The column has no index or key.
            migrationBuilder.Sql("ALTER TABLE \"installments\" DROP COLUMN \"accelerated_due_date\";");

            migrationBuilder.DropColumn(
                name: "expires_on",
                table: "enforcement_notices");

            migrationBuilder.DropColumn(
                name: "original_due_on",
                table: "enforcement_notices");

            migrationBuilder.DropColumn(
                name: "subject",
                table: "enforcement_notices");

            migrationBuilder.DropColumn(
                name: "notice_document_id",
                table: "claims_for_distribution");

            migrationBuilder.AlterColumn<long>(
                name: "installment_id",
                table: "enforcement_notices",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
