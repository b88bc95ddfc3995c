using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Choshu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class H17debitRegistrations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "registration_id",
                table: "direct_debit_accounts",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "start_fiscal_year",
                table: "direct_debit_accounts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "start_period",
                table: "direct_debit_accounts",
                type: "smallint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "direct_debit_registrations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    taxpayer_id = table.Column<long>(type: "bigint", nullable: false),
                    tax_kind_code = table.Column<string>(type: "character varying(2)", nullable: true),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    source = table.Column<short>(type: "smallint", nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    effective_on = table.Column<DateOnly>(type: "date", nullable: false),
                    start_fiscal_year = table.Column<int>(type: "integer", nullable: true),
                    start_period = table.Column<short>(type: "smallint", nullable: true),
                    bank_code = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    branch_code = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    account_type = table.Column<short>(type: "smallint", nullable: true),
                    account_no = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    japan_post_symbol = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    japan_post_number = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    holder_kana = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    reference_no = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    idempotency_key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    import_file_id = table.Column<long>(type: "bigint", nullable: true),
                    source_line = table.Column<int>(type: "integer", nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_direct_debit_registrations", x => x.id);
                    table.ForeignKey(
                        name: "fk_direct_debit_registrations_import_files_import_file_id",
                        column: x => x.import_file_id,
                        principalTable: "import_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_direct_debit_registrations_tax_kinds_tax_kind_code",
                        column: x => x.tax_kind_code,
                        principalTable: "tax_kinds",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_direct_debit_registrations_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_direct_debit_accounts_registration_id",
                table: "direct_debit_accounts",
                column: "registration_id");

            migrationBuilder.CreateIndex(
                name: "ix_direct_debit_registrations_idempotency_key",
                table: "direct_debit_registrations",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_direct_debit_registrations_import_file_id",
                table: "direct_debit_registrations",
                column: "import_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_direct_debit_registrations_tax_kind_code",
                table: "direct_debit_registrations",
                column: "tax_kind_code");

            migrationBuilder.CreateIndex(
                name: "ix_direct_debit_registrations_taxpayer_id_effective_on",
                table: "direct_debit_registrations",
                columns: new[] { "taxpayer_id", "effective_on" });

            migrationBuilder.AddForeignKey(
                name: "fk_direct_debit_accounts_direct_debit_registrations_registrati",
                table: "direct_debit_accounts",
                column: "registration_id",
                principalTable: "direct_debit_registrations",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_direct_debit_accounts_direct_debit_registrations_registrati",
                table: "direct_debit_accounts");

            migrationBuilder.DropTable(
                name: "direct_debit_registrations");

            migrationBuilder.DropIndex(
                name: "ix_direct_debit_accounts_registration_id",
                table: "direct_debit_accounts");

            migrationBuilder.DropColumn(
                name: "registration_id",
                table: "direct_debit_accounts");

            migrationBuilder.DropColumn(
                name: "start_fiscal_year",
                table: "direct_debit_accounts");

            migrationBuilder.DropColumn(
                name: "start_period",
                table: "direct_debit_accounts");
        }
    }
}
